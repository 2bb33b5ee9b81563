import { describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, summary } from './helpers.js';

describe('javascript / typescript', () => {
  it('AWS SDK v3 commands with literal parameters, region from the client', async () => {
    const code = [
      "import { S3Client, DeleteBucketCommand } from '@aws-sdk/client-s3';",
      "const client = new S3Client({ region: 'eu-west-1' });",
      "const Bucket = 'prod-assets';",
      'await client.send(new DeleteBucketCommand({ Bucket }));',
    ].join('\n');
    const [a, ...rest] = await actionsIn('node cleanup.mjs', { 'cleanup.mjs': code });
    expect(rest).toEqual([]);
    expect(`${a.operation} ${a.iam?.action} ${a.target.id}`).toBe('delete s3:DeleteBucket prod-assets');
    expect(a.hints.region).toBe('eu-west-1');
    expect(a.source).toMatchObject({ file: 'cleanup.mjs', line: 4 });
  });

  it('AWS SDK v2 and TypeScript through tsx / ts-node / deno / bun', async () => {
    const v2 = "const AWS = require('aws-sdk');\nnew AWS.EC2({ region: 'us-east-1' }).terminateInstances({ InstanceIds: ['i-0abc'] }).promise();\n";
    expect(await summary('node t.js', { 't.js': v2 })).toEqual(['delete aws AWS::EC2::Instance i-0abc']);
    const ts = "import { DynamoDBClient, DeleteTableCommand } from '@aws-sdk/client-dynamodb';\nconst name: string = 'orders';\nawait new DynamoDBClient({}).send(new DeleteTableCommand({ TableName: name }) as any);\n";
    for (const run of ['npx tsx t.ts', 'tsx t.ts', 'ts-node t.ts', 'deno run -A t.ts', 'bun t.ts', 'bun run t.ts']) {
      expect(await summary(run, { 't.ts': ts }), run).toEqual(['delete aws AWS::DynamoDB::Table orders']);
    }
  });

  it('child_process with a literal command is walked as shell', async () => {
    expect(await summary(`node -e "require('child_process').execSync('kubectl delete ns prod')"`)).toEqual(['delete kubectl k8s:namespace prod']);
    expect(await summary(`node -e "const { spawnSync } = require('node:child_process'); spawnSync('terraform', ['destroy', '-auto-approve'])"`)).toEqual(['delete terraform terraform:state default']);
    expect((await summary('node z.mjs', { 'z.mjs': "import { $ } from 'zx';\nconst db = 'prod';\nawait $`dropdb ${db}`;\n" }))).toEqual(['delete sql sql:database prod']);
  });

  it('fs.rmSync outside the workspace, fetch to a control plane, pg query', async () => {
    expect(await summary(`node -e "require('fs').rmSync('/srv/data', { recursive: true, force: true })"`)).toEqual(['delete rm fs:path /srv/data']);
    expect(await summary(`node -e "fetch('https://api.vercel.com/v9/projects/web', { method: 'DELETE' })"`)).toEqual(['delete http http:endpoint api.vercel.com/v9/projects/web']);
    const pg = "const { Client } = require('pg');\nconst c = new Client({ host: 'prod-db', database: 'app' });\nc.query('DROP TABLE users');\n";
    expect(await summary('node db.js', { 'db.js': pg })).toEqual(['delete sql sql:table users']);
  });

  it('eval / new Function / require of a variable are unknown; literal eval is read', async () => {
    for (const code of ["eval(Buffer.from(process.argv[2], 'base64').toString())", 'new Function(process.env.CODE)()', 'require(process.env.MOD)']) {
      const got = await actionsIn(`node -e "${code}"`);
      expect(got.some((a) => a.operation === 'unknown'), code).toBe(true);
    }
    expect(await summary(`node -e "eval('require(\\'child_process\\').execSync(\\'dropdb prod\\')')"`)).toEqual(['delete sql sql:database prod']);
  });

  it('relative imports are read', async () => {
    const got = await actionsIn('node main.mjs', {
      'main.mjs': "import { wipe } from './lib/wipe.js';\nwipe();\n",
      'lib/wipe.ts': "import { rmSync } from 'node:fs';\nexport function wipe() { rmSync('/var/backups', { recursive: true }); }\n",
    });
    expect(got.map((a) => `${a.operation} ${a.target.id} ${a.source.file}:${a.source.line}`)).toEqual(['delete /var/backups lib/wipe.ts:2']);
  });

  it('routine scripts pass', async () => {
    expect(await summary(`node -e 'console.log(process.version)'`)).toEqual([]);
    expect(await summary('node build.mjs', { 'build.mjs': "import { mkdirSync, writeFileSync } from 'node:fs';\nmkdirSync('dist', { recursive: true });\nwriteFileSync('dist/index.js', 'x');\nconst m = new Map(); m.delete('a');\n" })).toEqual([]);
    expect(await summary('node --test')).toEqual([]);
    expect(await summary('deno test -A')).toEqual([]);
  });

  it('syntax errors and missing scripts are unknown with the reason', async () => {
    const [a] = await actionsIn('node broken.js', { 'broken.js': 'function (\n' });
    expect(a.operation).toBe('unknown');
    expect(evidenceOf(a)).toMatch(/syntax error/);
    const [b] = await actionsIn('node missing.js');
    expect(evidenceOf(b)).toMatch(/does not exist/);
  });
});
