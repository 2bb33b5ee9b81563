// The commands from real agent incidents (see /work/shared/notes/incidents.md).
import { describe, expect, it } from 'vitest';
import { actions, evidenceText } from './helpers.js';

describe('incident commands', () => {
  it('Amazon Q: aws --profile prod ec2 terminate-instances is two deletes in profile prod', async () => {
    const a = await actions('aws --profile prod ec2 terminate-instances --instance-ids i-1 i-2');
    expect(a.map((x) => [x.operation, x.target.id, x.hints.profile])).toEqual([
      ['delete', 'i-1', 'prod'],
      ['delete', 'i-2', 'prod'],
    ]);
    expect(a[0].source).toMatchObject({ kind: 'shell', command: 'aws --profile prod ec2 terminate-instances --instance-ids i-1 i-2' });
  });

  it('DataTalks.Club: terraform destroy -auto-approve deletes the whole default state', async () => {
    const [a, ...rest] = await actions('terraform destroy -auto-approve');
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ operation: 'delete', tool: 'terraform', scope: 'environment', target: { type: 'terraform:state', id: 'default' } });
    expect(a.evidence.map((e) => e.key)).toContain('-auto-approve');
  });

  it('kubectl delete ns production deletes an environment', async () => {
    const [a] = await actions('kubectl delete ns production');
    expect(a).toMatchObject({ operation: 'delete', scope: 'environment', target: { type: 'k8s:namespace', id: 'production' }, hints: { namespace: 'production' } });
  });

  it('Replit: psql -h prod-db -c "DROP TABLE users" is an irreversible delete on prod-db', async () => {
    const [a] = await actions('psql -h prod-db -c "DROP TABLE users"');
    expect(a).toMatchObject({ operation: 'delete', tool: 'sql', verb: 'DROP TABLE', target: { type: 'sql:table', id: 'users' }, hints: { endpoint: 'prod-db' } });
    expect(a.intrinsic?.reversibility).toBe('irreversible');
  });

  it('home directory: rm -rf tests/ patches/ plan/ ~/ flags ~/ as irreversible', async () => {
    const a = await actions('rm -rf tests/ patches/ plan/ ~/');
    expect(a.map((x) => x.target.id)).toEqual(['tests/', 'patches/', 'plan/', '~/']);
    expect(a.every((x) => x.operation === 'delete' && x.target.type === 'fs:path')).toBe(true);
    const home = a[3];
    expect(home.intrinsic?.reversibility).toBe('irreversible');
    expect(home.scope).toBe('environment');
    expect(evidenceText(home)).toMatch(/home directory/);
    expect(a[0].intrinsic).toBeUndefined();
    expect(a[0].details?.withinWorkspace).toBe(true);
    expect(home.details?.withinWorkspace).toBe(false);
  });

  it('PocketOS: curl volumeDelete mutation to Railway is a delete of railway:volume vol-1; token not kept', async () => {
    const cmd = `curl -X POST https://backboard.railway.app/graphql/v2 -H "Authorization: Bearer xyz" -d '{"query":"mutation { volumeDelete(volumeId: \\"vol-1\\") }"}'`;
    const [a, ...rest] = await actions(cmd);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ operation: 'delete', verb: 'volumeDelete', target: { type: 'railway:volume', id: 'vol-1' }, hints: { endpoint: 'backboard.railway.app' } });
    expect(evidenceText(a)).toMatch(/Authorization header/);
    expect(JSON.stringify(a)).not.toContain('xyz');
  });

  it('bash -c "sudo env AWS_PROFILE=prod timeout 60 aws s3 rb s3://x --force" is a bucket delete in prod', async () => {
    const [a, ...rest] = await actions('bash -c "sudo env AWS_PROFILE=prod timeout 60 aws s3 rb s3://x --force"');
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ operation: 'delete', tool: 'aws', target: { id: 'x' }, hints: { profile: 'prod' } });
    expect(a.source.command).toBe('sudo env AWS_PROFILE=prod timeout 60 aws s3 rb s3://x --force');
    expect(evidenceText(a)).toMatch(/sudo/);
    expect(evidenceText(a)).toMatch(/bash -c/);
  });

  it('echo "DROP DATABASE app" | psql drops the database', async () => {
    const [a] = await actions('echo "DROP DATABASE app" | psql');
    expect(a).toMatchObject({ operation: 'delete', verb: 'DROP DATABASE', scope: 'environment', target: { type: 'sql:database', id: 'app' } });
    expect(a.intrinsic?.reversibility).toBe('irreversible');
  });

  it('Amazon Q wiper: s3 rm and iam delete-user after a profile', async () => {
    const a = await actions('aws --profile p s3 rm s3://bucket --recursive; aws --profile p iam delete-user --user-name bob >> /tmp/CLEANER.LOG');
    expect(a.map((x) => x.operation)).toEqual(['delete', 'delete']);
    expect(a.every((x) => x.hints.profile === 'p')).toBe(true);
  });
});

describe('no action for local commands; unknown for the rest', () => {
  // Runners (npm test, make, yarn build) read the workspace's files: test/runners covers them.
  it.each(['ls -la', 'git status', 'git log --oneline -5', 'git diff HEAD~1', 'git add -A && git commit -m "wip"', 'cat package.json | jq .scripts',
    'cargo test', 'go test ./...', 'python -m pytest -q', 'docker ps', 'grep -rn TODO src | head -20', 'cd src && ls',
    'mkdir -p build && cp a.txt build/', 'node --version', 'npx tsc --noEmit', 'npx vitest run test/shell', 'source .venv/bin/activate && pytest',
    'find . -name "*.ts" | wc -l', 'echo $PATH', 'export NODE_ENV=test', 'kubectl config use-context dev', 'git push origin feature/x', 'curl -s http://localhost:3000/health',
    'curl -X POST localhost:8080/api/users -d "{}"', 'command -v aws'])('%s', async (c) => {
    expect(await actions(c)).toEqual([]);
  });

  // A program nobody modelled is unknown when the command says it may reach further (docs/commands.md).
  it.each(['frobnicate --all --host db.prod.example.net', './deploy.sh production', 'reboot', 'shutdown -h now', 'npm publish', 'docker volume rm pgdata', 'prisma migrate reset --force', 'bash deploy.sh', 'sudo -i',
  // (`npm run deploy:prod`, `make destroy` in this empty workspace run nothing: no package.json or
  //  Makefile; test/runners judges them on real files)
  ])('%s is unknown', async (c) => {
    const a = await actions(c);
    expect(a.length).toBeGreaterThan(0);
    expect(a.some((x) => x.operation !== 'read')).toBe(true);
  });

  it('unknown actions name the tool and target it as a local command', async () => {
    const [a] = await actions('frobnicate --all things --profile prod');
    expect(a).toMatchObject({ operation: 'unknown', tool: 'frobnicate', verb: 'things', scope: 'unknown', target: { type: 'local:command', id: 'frobnicate' } });
  });
});
