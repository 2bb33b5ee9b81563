// The two revisions most CI tests use: an agent's PR that renames a production database,
// drops a protected bucket, shrinks a for_each, renames an instance with a moved block,
// renames a DynamoDB table in a template and adds destructive commands to four kinds of file.
import { cfnFixture, edit, TempRepo } from './helpers.js';

export const MAIN_TF_BASE = `terraform {
  required_version = ">= 1.5"
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
  tags = { Env = "prod" }
}

resource "aws_security_group" "db" {
  name   = "orders-db"
  vpc_id = aws_vpc.main.id
}

resource "aws_db_instance" "orders" {
  identifier             = "orders-prod"
  engine                 = "postgres"
  instance_class         = "db.t3.medium"
  allocated_storage      = 20
  vpc_security_group_ids = [aws_security_group.db.id]
  skip_final_snapshot    = true
  tags = { Env = "prod" }
}

resource "aws_route53_record" "db" {
  zone_id = "Z123"
  name    = "db.example.com"
  type    = "CNAME"
  records = [aws_db_instance.orders.address]
}

resource "aws_s3_bucket" "logs" {
  bucket = "orders-prod-logs"
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "assets" {
  for_each = toset(["a", "b", "c"])
  bucket   = "assets-\${each.key}"
}

resource "aws_instance" "app" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
}

module "net" {
  source = "./modules/net"
  vpc_id = aws_vpc.main.id
}
`;

export const MAIN_TF_HEAD = edit(
  edit(
    edit(
      edit(MAIN_TF_BASE, 'identifier             = "orders-prod"', 'identifier             = "orders-prod-v2"'),
      `resource "aws_s3_bucket" "logs" {
  bucket = "orders-prod-logs"
  lifecycle {
    prevent_destroy = true
  }
}
`,
      '',
    ),
    'toset(["a", "b", "c"])',
    'toset(["a", "b"])',
  ),
  'resource "aws_instance" "app" {',
  `moved {
  from = aws_instance.app
  to   = aws_instance.web
}

resource "aws_sqs_queue" "jobs" {
  name = "orders-jobs"
}

resource "aws_instance" "web" {`,
);

export const NET_TF = `variable "vpc_id" {}

resource "aws_subnet" "a" {
  vpc_id     = var.vpc_id
  cidr_block = "10.0.1.0/24"
}
`;

export const CLEANUP_SH = `#!/bin/bash
set -euo pipefail
echo "cleaning up"
aws s3 rb s3://orders-prod-logs --force
`;

export const MAKEFILE_BASE = `build:
\tnpm run build
`;

export const MAKEFILE_HEAD = `build:
\tnpm run build

reset:
\t@terraform destroy -auto-approve
`;

export const WORKFLOW = `name: deploy
on: [push]
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: clean database
        run: |
          echo "starting"
          aws rds delete-db-instance --db-instance-identifier orders-prod --skip-final-snapshot
`;

export const PACKAGE_BASE = `{
  "name": "orders",
  "scripts": {
    "test": "vitest run"
  }
}
`;

export const PACKAGE_HEAD = `{
  "name": "orders",
  "scripts": {
    "test": "vitest run",
    "nuke": "rm -rf /var/lib/postgresql/data"
  }
}
`;

export const TABLE_BASE = cfnFixture('DynamoDB/DynamoDB_Table.yaml');
export const TABLE_HEAD = edit(TABLE_BASE, '    Type: AWS::DynamoDB::Table\n    Properties:\n', '    Type: AWS::DynamoDB::Table\n    Properties:\n      TableName: orders-v2\n');

export interface AgentPr {
  repo: TempRepo;
  base: string;
  head: string;
}

export function agentPullRequest(): AgentPr {
  const repo = new TempRepo();
  const base = repo.commit('initial infrastructure', {
    'infra/main.tf': MAIN_TF_BASE,
    'infra/modules/net/main.tf': NET_TF,
    'infra/orders.yaml': TABLE_BASE,
    Makefile: MAKEFILE_BASE,
    'package.json': PACKAGE_BASE,
    'README.md': '# orders\n',
  });
  repo.commit('rename the orders database\n\nCo-authored-by: Claude <noreply@anthropic.com>\n', {
    'infra/main.tf': MAIN_TF_HEAD,
    'infra/orders.yaml': TABLE_HEAD,
  });
  const head = repo.commit('add cleanup tooling', {
    'scripts/cleanup.sh': CLEANUP_SH,
    Makefile: MAKEFILE_HEAD,
    '.github/workflows/deploy.yml': WORKFLOW,
    'package.json': PACKAGE_HEAD,
    'README.md': '# orders\n\nNow with cleanup.\n',
  });
  return { repo, base, head };
}
