"""Firebreak's extension for LocalStack 4.14 community (loaded through Python entry points).

What it adds, and why (each is proven by a test in Firebreak's test/sandbox):
- DynamoDB, DynamoDB Streams and RDS served in-process by the moto LocalStack bundles
  (LocalStack would download DynamoDB Local at run time; community has no RDS at all);
- a Lambda runtime executor that starts no container, so functions reach Active without Docker;
- CloudFormation resource providers for RDS backed by that moto RDS;
- containment: no DNS query for the S3 virtual hostname;
- AWS's documented behaviour where LocalStack differs (security-group rules in CloudFormation,
  IAM DeleteUser refusal, change-set replacement keeping the new resource in the stack).
"""

VERSION = "0.1.0"
