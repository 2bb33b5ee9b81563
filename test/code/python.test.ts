import { describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, summary } from './helpers.js';

describe('python: AWS SDK calls become AWS actions through the IAM data', () => {
  it('inline boto3 client call, with the call and line in the evidence', async () => {
    const [a, ...rest] = await actionsIn(`python3 -c "import boto3; boto3.client('s3').delete_bucket(Bucket='prod-assets')"`);
    expect(rest).toEqual([]);
    expect(`${a.operation} ${a.tool} ${a.target.type} ${a.target.id}`).toBe('delete aws AWS::S3::Bucket prod-assets');
    expect(a.iam?.action).toBe('s3:DeleteBucket');
    expect(evidenceOf(a)).toContain("python3 -c line 1 calls boto3.client('s3').delete_bucket(Bucket='prod-assets')");
  });

  it('a script file: the action names the file and line', async () => {
    const [a] = await actionsIn('python3 cleanup.py', { 'cleanup.py': "import boto3\n\n\ns3 = boto3.client('s3')\ns3.delete_bucket(Bucket='prod-assets')\n" });
    expect(a.source.file).toBe('cleanup.py');
    expect(a.source.line).toBe(5);
    expect(evidenceOf(a)).toContain("cleanup.py:5 calls s3.delete_bucket(Bucket='prod-assets')");
  });

  it('aliases, from-imports, variables, concatenation and f-strings resolve', async () => {
    const code = [
      'import boto3 as b',
      'from boto3 import client as c',
      "env = 'prod'",
      "name = env + '-' + 'assets'",
      "b.client('s3').delete_bucket(Bucket=name)",
      "c('dynamodb').delete_table(TableName=f'{env}-orders')",
      "getattr(b.client('rds'), 'delete_' + 'db_instance')(DBInstanceIdentifier='main', SkipFinalSnapshot=True)",
    ].join('\n');
    expect(await summary('python3 x.py', { 'x.py': code })).toEqual([
      'delete aws AWS::S3::Bucket prod-assets',
      'delete aws AWS::DynamoDB::Table prod-orders',
      'delete aws AWS::RDS::DBInstance main',
    ]);
  });

  it('resource style: Bucket(...).delete(), objects.all().delete(), Instance(...).terminate()', async () => {
    const code = "import boto3\ns3 = boto3.resource('s3')\ns3.Bucket('logs').delete()\ns3.Bucket('data').objects.all().delete()\nboto3.resource('ec2').Instance('i-0abc').terminate()\n";
    const got = await actionsIn('python3 r.py', { 'r.py': code });
    expect(got.map((a) => `${a.operation} ${a.iam?.action} ${a.target.id}`)).toEqual([
      'delete s3:DeleteBucket logs', 'delete s3:DeleteObject data', 'delete ec2:TerminateInstances i-0abc',
    ]);
  });

  it('Session(profile_name=..., region_name=...) and endpoint_url become hints', async () => {
    const [a] = await actionsIn(`python3 -c "import boto3; boto3.Session(profile_name='prod', region_name='eu-west-1').client('ec2').terminate_instances(InstanceIds=['i-1'])"`);
    expect(a.hints.profile).toBe('prod');
    expect(a.hints.region).toBe('eu-west-1');
    const [b] = await actionsIn(`python3 -c "import boto3; boto3.client('s3', endpoint_url='http://localhost:4566').delete_bucket(Bucket='x')"`);
    expect(JSON.stringify(b.hints)).toContain('localhost:4566');
  });

  it('names from the environment or argv are unknown targets: still a delete, not bounded', async () => {
    const [a] = await actionsIn(`python3 -c "import boto3, os; boto3.client('s3').delete_bucket(Bucket=os.environ['BUCKET'])"`);
    expect(a.operation).toBe('delete');
    expect(a.scope).toBe('unknown');
    expect(evidenceOf(a)).toMatch(/environment variable BUCKET/);
  });

  it('reads stay reads', async () => {
    expect((await actionsIn(`python3 -c "import boto3; print(boto3.client('s3').list_buckets())"`)).map((a) => a.operation)).toEqual(['read']);
  });
});

describe('python: Google Cloud and Azure SDK deletes', () => {
  it.each([
    [`python3 -c "from google.cloud import storage; storage.Client().bucket('prod-assets').delete(force=True)"`, 'delete gcloud gcp:storage:bucket prod-assets'],
    [`python3 -c "from google.cloud import storage; storage.Client().bucket('b').blob('k.txt').delete()"`, 'delete gcloud gcp:storage:object b/k.txt'],
    [`python3 -c "from google.cloud import compute_v1; compute_v1.InstancesClient().delete(project='p', zone='z', instance='web-1')"`, 'delete gcloud gcp:compute:instance web-1'],
    [`python3 -c "from azure.mgmt.resource import ResourceManagementClient; ResourceManagementClient(c, 's').resource_groups.begin_delete('prod-rg')"`, 'delete az azure:resource-group prod-rg'],
  ])('%s', async (command, expected) => {
    expect(await summary(command)).toEqual([expected]);
  });

  it('reads pass; other writes are unknown', async () => {
    expect(await summary(`python3 -c "from google.cloud import storage; print(list(storage.Client().list_buckets()))"`)).toEqual([]);
    expect((await summary(`python3 -c "from google.cloud import storage; storage.Client().bucket('b').blob('k').upload_from_filename('x')"`))[0]).toMatch(/^unknown gcloud/);
  });
});

describe('python: process calls are walked as shell', () => {
  it.each([
    [`python3 -c "import os; os.system('terraform destroy -auto-approve')"`, 'delete terraform'],
    [`python3 -c "import subprocess; subprocess.run(['aws', 's3', 'rb', 's3://prod', '--force'])"`, 'delete aws'],
    [`python3 -c "import subprocess as sp; sp.check_call('kubectl delete ns prod', shell=True)"`, 'delete kubectl'],
    [`python3 -c "from subprocess import Popen; Popen(['psql', '-c', 'DROP TABLE users'])"`, 'delete sql'],
    [`python3 -c "import sh; sh.rm('-rf', '/var/lib/postgresql')"`, 'delete rm'],
  ])('%s', async (command, expected) => {
    expect((await summary(command)).join('\n')).toContain(expected);
  });

  it('a command built at run time is unknown; its visible part is still judged', async () => {
    const got = await actionsIn(`python3 -c "import os, sys; os.system('terraform destroy ' + sys.argv[1])"`);
    expect(got.map((a) => a.operation)).toContain('unknown');
    expect(got.map((a) => a.operation)).toContain('delete');
  });

  it('pytest through subprocess is routine', async () => {
    expect(await summary(`python3 -c "import subprocess; subprocess.run(['pytest', '-q'], check=True)"`)).toEqual([]);
  });
});

describe('python: files', () => {
  it('shutil.rmtree outside the workspace is judged like rm -rf', async () => {
    const [a] = await actionsIn(`python3 -c "import shutil; shutil.rmtree('/var/lib/postgresql/data')"`);
    const [shell] = await actionsIn('rm -rf -- /var/lib/postgresql/data');
    expect(`${a.operation} ${a.tool} ${a.target.id}`).toBe('delete rm /var/lib/postgresql/data');
    expect({ op: a.operation, target: a.target, scope: a.scope, intrinsic: a.intrinsic?.reversibility }).toEqual({ op: shell.operation, target: shell.target, scope: shell.scope, intrinsic: shell.intrinsic?.reversibility });
  });

  it('writing into the workspace is not an action; pathlib and os.path.join resolve', async () => {
    expect(await summary('python3 gen.py', { 'gen.py': "import json, os\nwith open(os.path.join('out', 'a.json'), 'w') as f:\n    json.dump({'a': 1}, f)\n" })).toEqual([]);
    const got = await summary(`python3 -c "from pathlib import Path; Path('/etc/hosts').unlink()"`);
    expect(got).toEqual(['delete rm fs:path /etc/hosts']);
  });
});

describe('python: databases and HTTP', () => {
  it('cursor.execute of literal SQL goes through the SQL classifier', async () => {
    const code = "import psycopg2\nconn = psycopg2.connect(host='prod-db', dbname='app')\ncur = conn.cursor()\ncur.execute('DROP TABLE users')\ncur.execute('SELECT 1')\n";
    const got = await actionsIn('python3 db.py', { 'db.py': code });
    expect(got.map((a) => `${a.operation} ${a.target.type} ${a.target.id}`)).toEqual(['delete sql:table users', 'read sql:database app']);
    expect(got[0].hints.endpoint).toContain('prod-db');
  });

  it('sqlite3 to a local file, SQLAlchemy text()', async () => {
    expect((await summary(`python3 -c "import sqlite3; sqlite3.connect('dev.db').execute('DELETE FROM t')"`))[0]).toMatch(/^delete sql/);
    expect((await summary(`python3 -c "from sqlalchemy import create_engine, text; e = create_engine('postgresql://u@prod/app'); e.connect().execute(text('TRUNCATE orders'))"`))[0]).toMatch(/^delete sql/);
  });

  it('HTTP to a control plane is judged like curl', async () => {
    const got = await summary(`python3 -c "import requests; requests.delete('https://api.github.com/repos/acme/app')"`);
    expect(got).toEqual(['delete http http:endpoint api.github.com/repos/acme/app']);
    expect(await summary(`python3 -c "import requests; print(requests.get('https://example.com').status_code)"`)).toEqual(['read http http:endpoint example.com/']);
  });
});

describe('python: what cannot be read is unknown', () => {
  it.each([
    [`python3 -c "import base64; exec(base64.b64decode('cHJpbnQoMSk='))"`, /decoded at run time/],
    [`python3 -c "import importlib, sys; importlib.import_module(sys.argv[1])"`, /computed at run time/],
    [`python3 -c "eval(input())"`, /typed input/],
    [`python3 -c "import boto3, os; getattr(boto3.client('s3'), os.environ['OP'])(Bucket='x')"`, /getattr/],
    [`python3 -c "import paramiko; paramiko.SSHClient().connect('prod')"`, /paramiko/],
    [`python3 -c "def f(c): c.delete_bucket(Bucket='x')"`, /cannot resolve/],
    [`python3 -c "if True print(1)"`, /syntax error/],
  ])('%s', async (command, why) => {
    const got = await actionsIn(command);
    expect(got.some((a) => a.operation === 'unknown')).toBe(true);
    expect(got.map(evidenceOf).join('\n')).toMatch(why);
  });

  it('exec of a literal is read', async () => {
    expect(await summary(`python3 -c "exec('import os; os.system(\\"dropdb prod\\")')"`)).toEqual(['delete sql sql:database prod']);
  });

  it('a call under if False still counts (control flow is ignored)', async () => {
    expect(await summary('python3 x.py', { 'x.py': "import shutil\nif False:\n    shutil.rmtree('/srv/data')\n" })).toEqual(['delete rm fs:path /srv/data']);
  });

  it('imported project modules are read too', async () => {
    const got = await actionsIn('python3 main.py', {
      'main.py': 'from ops import cleanup\ncleanup.run()\n',
      'ops/__init__.py': '',
      'ops/cleanup.py': "import boto3\n\ndef run():\n    boto3.client('s3').delete_bucket(Bucket='prod-assets')\n",
    });
    expect(got.map((a) => `${a.operation} ${a.target.id} ${a.source.file}:${a.source.line}`)).toEqual(['delete prod-assets ops/cleanup.py:4']);
  });

  it('python -m of a workspace module is read; of a routine tool passes; of anything else is unknown', async () => {
    expect(await summary('python3 -m tools.wipe', { 'tools/__init__.py': '', 'tools/wipe.py': "import shutil\nshutil.rmtree('/data')\n" })).toEqual(['delete rm fs:path /data']);
    expect(await summary('python -m pytest -q')).toEqual([]);
    expect(await summary('python -m venv .venv')).toEqual([]);
    expect((await summary('python -m some_unknown_tool'))[0]).toMatch(/^unknown/);
  });

  it('manage.py dispatches into Django: routine subcommands pass, others are unknown', async () => {
    const files = { 'manage.py': 'from django.core.management import execute_from_command_line\nimport sys\nexecute_from_command_line(sys.argv)\n' };
    expect(await summary('python manage.py test', files)).toEqual([]);
    expect((await summary('python manage.py flush --noinput', files))[0]).toMatch(/^(unknown|delete)/);
  });
});

describe('python: argparse values from the command line', () => {
  const SCRIPT = [
    'import argparse',
    'import shutil',
    'from pathlib import Path',
    '',
    '',
    'def main() -> None:',
    '    parser = argparse.ArgumentParser()',
    '    parser.add_argument("--target-dir", type=Path)',
    '    parser.add_argument("--clean", action="store_true")',
    '    parser.add_argument("-o", "--out", default="build/html")',
    '    parser.add_argument("stage")',
    '    args = parser.parse_args()',
    '    target_dir = args.target_dir or Path("target")',
    '    shutil.rmtree(target_dir / args.stage)',
    '    shutil.rmtree(args.out)',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ].join('\n');
  const deletes = async (run: string, text = SCRIPT) => (await actionsIn(run, { 'build.py': text })).filter((a) => a.operation === 'delete').map((a) => a.target.id).sort();

  it.each([
    ['python3 build.py docs', ['build/html', 'target/docs']],
    ['python3 build.py --target-dir build/t docs --clean', ['build/html', 'build/t/docs', 'target/docs']],
    ['python3 build.py -o dist docs', ['dist', 'target/docs']],
    ['python3 build.py -odist docs', ['dist', 'target/docs']],
    ['python3 build.py --out=dist -- docs', ['dist', 'target/docs']],
    ['python3 build.py -o dist -o / docs', ['/', 'target/docs']],
  ])('%s deletes where the options say', async (run, expected) => {
    expect(await deletes(run)).toEqual(expected);
  });

  it.each([
    'python3 build.py --target docs', // an abbreviation argparse accepts
    'python3 build.py -co / docs', // a cluster of short options
    'python3 build.py --out "$X" docs',
  ])('%s: not followed, the value is unknown', async (run) => {
    const ids = await deletes(run);
    expect(ids.some((id) => /RUNTIME_VALUE/.test(id)), ids.join()).toBe(true);
  });

  it('an option the code assigns later keeps the command line\'s value before it', async () => {
    const text = SCRIPT.replace('    shutil.rmtree(args.out)\n', '    shutil.rmtree(args.out)\n    args.out = "build"\n');
    expect(await deletes('python3 build.py -o / docs', text)).toContain('/');
  });

  it('--version and counted flags are defined without spoiling the rest', async () => {
    const text = SCRIPT.replace('    args = parser.parse_args()\n', '    parser.add_argument("--version", action="version", version="1")\n    parser.add_argument("-v", action="count")\n    args = parser.parse_args()\n');
    expect(await deletes('python3 build.py -v -o dist docs', text)).toEqual(['dist', 'target/docs']);
  });

  it.each([
    ['sub-commands', '    parser.add_subparsers()\n'],
    ['arguments added through a name in text', '    getattr(parser, "add_argument")("first")\n'],
    ['arguments added to a parser passed through a list', '    for p in [parser, argparse]:\n        p.add_argument("--more")\n'],
    ['a second parser', '    other = argparse.ArgumentParser()\n'],
    ['defaults set apart', '    parser.set_defaults(out="/")\n'],
  ])('with %s, the options are unknown', async (_what, extra) => {
    const text = SCRIPT.replace('    args = parser.parse_args()\n', `${extra}    args = parser.parse_args()\n`);
    const ids = await deletes('python3 build.py -o dist docs', text);
    expect(ids.some((id) => /RUNTIME_VALUE/.test(id)), ids.join()).toBe(true);
  });
});

describe('python: a file tempfile.NamedTemporaryFile made', () => {
  const ids = async (body: string) => (await actionsIn('python3 x.py', { 'x.py': `import os\nimport shutil\nimport tempfile\nfrom pathlib import Path\n\n${body}\n` })).filter((a) => a.operation === 'delete').map((a) => a.target.id);

  it('its .name is the fresh file, in the scratch folder or the folder given', async () => {
    expect(await ids('with tempfile.NamedTemporaryFile(prefix="uv-", delete=False) as t:\n    t.write(b"x")\n    p = Path(t.name)\np.unlink(missing_ok=True)')).toEqual([expect.stringMatching(/\/uv-XXXXXX$/)]);
    expect(await ids('t = tempfile.NamedTemporaryFile(dir="build", delete=False)\nos.remove(t.name)')).toEqual(['build/tmpXXXXXX']);
  });

  it('its folder, or a prefix with a slash, is not the fresh file', async () => {
    expect(await ids('t = tempfile.NamedTemporaryFile(delete=False)\nshutil.rmtree(os.path.dirname(t.name))')).not.toContainEqual(expect.stringMatching(/XXXXXX/));
    expect(await ids('t = tempfile.NamedTemporaryFile(prefix="../../x", delete=False)\nos.remove(t.name)')).toEqual([expect.stringMatching(/RUNTIME_VALUE/)]);
  });
});
