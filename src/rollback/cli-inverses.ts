// Inverse AWS CLI calls as data, keyed `<cli service> <operation>`. Placeholders:
// {flag:NAME} = the value the action gave for --NAME; {name} = the target's physical name.
export interface CliInverse {
  description: string;
  command?: string;
}

export const CLI_INVERSES: Readonly<Record<string, CliInverse>> = {
  'ec2 stop-instances': { description: 'start the instances again', command: 'aws ec2 start-instances --instance-ids {flag:instance-ids}' },
  'ec2 start-instances': { description: 'stop the instances again', command: 'aws ec2 stop-instances --instance-ids {flag:instance-ids}' },
  'ec2 authorize-security-group-ingress': {
    description: 'revoke the ingress rule that was added',
    command: 'aws ec2 revoke-security-group-ingress --group-id {flag:group-id} --protocol {flag:protocol} --port {flag:port} --cidr {flag:cidr}',
  },
  'ec2 revoke-security-group-ingress': {
    description: 'authorize the ingress rule again',
    command: 'aws ec2 authorize-security-group-ingress --group-id {flag:group-id} --protocol {flag:protocol} --port {flag:port} --cidr {flag:cidr}',
  },
  'ec2 authorize-security-group-egress': {
    description: 'revoke the egress rule that was added',
    command: 'aws ec2 revoke-security-group-egress --group-id {flag:group-id} --ip-permissions {flag:ip-permissions}',
  },
  'ec2 revoke-security-group-egress': {
    description: 'authorize the egress rule again',
    command: 'aws ec2 authorize-security-group-egress --group-id {flag:group-id} --ip-permissions {flag:ip-permissions}',
  },
  'ec2 create-security-group': { description: 'delete the security group that was created', command: 'aws ec2 delete-security-group --group-id <new-group-id>' },
  'ec2 run-instances': { description: 'terminate the instances that were launched', command: 'aws ec2 terminate-instances --instance-ids <new-instance-ids>' },
  'ec2 associate-address': { description: 'disassociate the address again', command: 'aws ec2 disassociate-address --association-id <association-id>' },
  'ec2 attach-volume': { description: 'detach the volume again', command: 'aws ec2 detach-volume --volume-id {flag:volume-id}' },
  'ec2 detach-volume': { description: 'attach the volume again', command: 'aws ec2 attach-volume --volume-id {flag:volume-id} --instance-id <instance-id> --device <device>' },
  'iam attach-role-policy': { description: 'detach the policy again', command: 'aws iam detach-role-policy --role-name {flag:role-name} --policy-arn {flag:policy-arn}' },
  'iam detach-role-policy': { description: 'attach the policy again', command: 'aws iam attach-role-policy --role-name {flag:role-name} --policy-arn {flag:policy-arn}' },
  'iam attach-user-policy': { description: 'detach the policy again', command: 'aws iam detach-user-policy --user-name {flag:user-name} --policy-arn {flag:policy-arn}' },
  'iam detach-user-policy': { description: 'attach the policy again', command: 'aws iam attach-user-policy --user-name {flag:user-name} --policy-arn {flag:policy-arn}' },
  'iam attach-group-policy': { description: 'detach the policy again', command: 'aws iam detach-group-policy --group-name {flag:group-name} --policy-arn {flag:policy-arn}' },
  'iam detach-group-policy': { description: 'attach the policy again', command: 'aws iam attach-group-policy --group-name {flag:group-name} --policy-arn {flag:policy-arn}' },
  'iam add-user-to-group': { description: 'remove the user from the group again', command: 'aws iam remove-user-from-group --user-name {flag:user-name} --group-name {flag:group-name}' },
  'iam remove-user-from-group': { description: 'add the user to the group again', command: 'aws iam add-user-to-group --user-name {flag:user-name} --group-name {flag:group-name}' },
  'iam put-role-policy': {
    description: 'delete the inline policy (or put back the previous document if one was replaced)',
    command: 'aws iam delete-role-policy --role-name {flag:role-name} --policy-name {flag:policy-name}',
  },
  'iam create-user': { description: 'delete the user that was created', command: 'aws iam delete-user --user-name {flag:user-name}' },
  'iam create-role': { description: 'delete the role that was created', command: 'aws iam delete-role --role-name {flag:role-name}' },
  'iam create-access-key': { description: 'delete the access key that was created', command: 'aws iam delete-access-key --user-name {flag:user-name} --access-key-id <new-access-key-id>' },
  'iam update-assume-role-policy': { description: 'put back the previous trust policy', command: 'aws iam update-assume-role-policy --role-name {flag:role-name} --policy-document file://<previous-trust-policy.json>' },
  's3api put-bucket-versioning': { description: 'put back the previous versioning state', command: 'aws s3api put-bucket-versioning --bucket {flag:bucket} --versioning-configuration Status=<previous: Enabled|Suspended>' },
  's3api put-bucket-policy': { description: 'put back the previous bucket policy (or delete it if there was none)', command: 'aws s3api delete-bucket-policy --bucket {flag:bucket}' },
  's3api delete-public-access-block': {
    description: 'block public access again',
    command: 'aws s3api put-public-access-block --bucket {flag:bucket} --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  },
  's3api put-public-access-block': { description: 'put back the previous public access block', command: 'aws s3api put-public-access-block --bucket {flag:bucket} --public-access-block-configuration <previous-configuration>' },
  's3api create-bucket': { description: 'delete the bucket that was created', command: 'aws s3api delete-bucket --bucket {flag:bucket}' },
  's3 mb': { description: 'remove the bucket that was created', command: 'aws s3 rb s3://{name}' },
  'dynamodb create-table': { description: 'delete the table that was created', command: 'aws dynamodb delete-table --table-name {flag:table-name}' },
  'dynamodb update-continuous-backups': {
    description: 'put point-in-time recovery back as it was',
    command: 'aws dynamodb update-continuous-backups --table-name {flag:table-name} --point-in-time-recovery-specification PointInTimeRecoveryEnabled=<previous>',
  },
  'rds stop-db-instance': { description: 'start the instance again', command: 'aws rds start-db-instance --db-instance-identifier {flag:db-instance-identifier}' },
  'rds start-db-instance': { description: 'stop the instance again', command: 'aws rds stop-db-instance --db-instance-identifier {flag:db-instance-identifier}' },
  'rds modify-db-instance': { description: 'modify the instance back to its previous settings', command: 'aws rds modify-db-instance --db-instance-identifier {flag:db-instance-identifier} <previous-values> --apply-immediately' },
  'rds create-db-instance': {
    description: 'delete the instance that was created (keeping a final snapshot of anything written meanwhile)',
    command: 'aws rds delete-db-instance --db-instance-identifier {flag:db-instance-identifier} --final-db-snapshot-identifier firebreak-{flag:db-instance-identifier}-{stamp}',
  },
  'lambda create-function': { description: 'delete the function that was created', command: 'aws lambda delete-function --function-name {flag:function-name}' },
  'lambda update-function-code': { description: 'point the function back at its previous code (publish the previous version or re-upload the previous package)', command: 'aws lambda update-function-code --function-name {flag:function-name} --s3-bucket <previous-bucket> --s3-key <previous-key>' },
  'lambda add-permission': { description: 'remove the permission again', command: 'aws lambda remove-permission --function-name {flag:function-name} --statement-id {flag:statement-id}' },
  'sqs create-queue': { description: 'delete the queue that was created', command: 'aws sqs delete-queue --queue-url <new-queue-url>' },
  'sns create-topic': { description: 'delete the topic that was created', command: 'aws sns delete-topic --topic-arn <new-topic-arn>' },
  'ecs update-service': { description: 'put the service back on its previous task definition and count', command: 'aws ecs update-service --cluster {flag:cluster} --service {flag:service} --task-definition <previous-task-definition> --desired-count <previous-count>' },
  'autoscaling update-auto-scaling-group': {
    description: 'put the group back to its previous size',
    command: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name {flag:auto-scaling-group-name} --min-size <previous> --max-size <previous> --desired-capacity <previous>',
  },
  'kms disable-key': { description: 'enable the key again', command: 'aws kms enable-key --key-id {flag:key-id}' },
  'kms enable-key': { description: 'disable the key again', command: 'aws kms disable-key --key-id {flag:key-id}' },
  'route53 change-resource-record-sets': {
    description: 'apply the inverse change batch (CREATE <-> DELETE; an UPSERT needs the previous record values)',
    command: 'aws route53 change-resource-record-sets --hosted-zone-id {flag:hosted-zone-id} --change-batch file://<inverse-change-batch.json>',
  },
  'cloudformation update-stack': { description: 'redeploy the previous template', command: 'aws cloudformation update-stack --stack-name {flag:stack-name} --template-body file://{flag:stack-name}.before.json' },
};

/** Flags whose values are secrets: never copied into a command. */
export const SECRET_FLAGS = new Set([
  'secret-string', 'secret-binary', 'master-user-password', 'password', 'new-password', 'old-password',
  'secret-access-key', 'session-token', 'private-key', 'auth-token', 'value',
]);
