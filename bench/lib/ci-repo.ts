// The CI gate's bench repository: 500 .tf files (2,000 resources over 10 stacks) in git, and a
// second revision that changes 50 of them. Used by bench/ci.ts (in process) and bench/speed.ts
// (whole process).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FILES = 500;
export const PER_FILE = 4;
export const CHANGED = 50;
const DIRS = 10;

function fileText(i: number, changed: boolean): string {
  const env = i % 3 === 0 ? 'prod' : 'staging';
  return `resource "aws_security_group" "sg${i}" {
  name   = "sg-${i}"
  vpc_id = aws_vpc.main.id
  tags   = { Env = "${env}" }
}

resource "aws_db_instance" "db${i}" {
  identifier             = "db-${i}"
  engine                 = "postgres"
  instance_class         = "${changed ? 'db.t3.large' : 'db.t3.micro'}"
  allocated_storage      = 20
  vpc_security_group_ids = [aws_security_group.sg${i}.id]
  skip_final_snapshot    = false
  tags                   = { Env = "${env}" }
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket" "b${i}" {
  bucket = "bucket-${i}"
  tags   = { Env = "${env}" }
}

resource "aws_iam_role" "r${i}" {
  name               = "role-${i}"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
`;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

function write(root: string, changedSet: Set<number>): void {
  for (let i = 0; i < FILES; i++) {
    const path = join(root, `stacks/s${i % DIRS}/r${i}.tf`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, fileText(i, changedSet.has(i)));
  }
  for (let d = 0; d < DIRS; d++) writeFileSync(join(root, `stacks/s${d}/vpc.tf`), `resource "aws_vpc" "main" {\n  cidr_block = "10.${d}.0.0/16"\n}\n`);
}

/** A new repository with the two revisions; the caller removes `root`. */
export function makeCiRepo(): { root: string; base: string; head: string } {
  const root = mkdtempSync(join(tmpdir(), 'firebreak-bench-ci-'));
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.email', 'bench@example.com');
  git(root, 'config', 'user.name', 'bench');
  write(root, new Set());
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  const base = git(root, 'rev-parse', 'HEAD').trim();
  // 50 resources change, one in each of 50 files spread over every directory.
  write(root, new Set(Array.from({ length: CHANGED }, (_, k) => k * (FILES / CHANGED))));
  git(root, 'commit', '-qam', 'resize 50 databases');
  const head = git(root, 'rev-parse', 'HEAD').trim();
  return { root, base, head };
}
