// Every CLI classified by its whole command path: a delete anywhere in the path is a delete.
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { pathOperation, readCommandLine, wordOperation } from '../../src/intake/shell/recognisers/cloud-cli.js';
import { loadCommandTree } from '../../src/knowledge/command-trees/tree.js';

const first = async (command: string) => (await parseShellCommand(command))[0];

describe('command paths', () => {
  it.each([
    ['gcloud logging logs delete app', 'delete'],
    ['az webapp config appsettings delete --name w -g rg --setting-names X', 'delete'],
    ['pulumi config rm dbPassword', 'delete'],
    ['vault auth disable github', 'delete'],
    ['vault secrets disable secret/', 'delete'],
    ['pulumi destroy --yes', 'delete'],
    ['cdk destroy', 'delete'],
    ['sam delete', 'delete'],
    ['serverless remove', 'delete'],
    ['eksctl delete cluster --name prod', 'delete'],
    ['heroku apps:destroy --app shop', 'delete'],
    ['flyctl apps destroy my-app', 'delete'],
    ['gh repo delete acme/api', 'delete'],
    ['gh release delete v1', 'delete'],
    ['restic -r s3:b/x forget --keep-last 1', 'delete'],
    ['borg compact /backups', 'delete'],
    ['etcdctl del key', 'delete'],
    ['rabbitmqctl purge_queue q', 'delete'],
    ['kafka-topics --bootstrap-server k:9092 --delete --topic t', 'delete'],
    ['gsutil -m rsync -d -r ./site gs://b', 'delete'],
    ['gcloud compute instances list', 'read'],
    ['az vm list', 'read'],
    ['gh release list', 'read'],
    ['gh issue list --label doc-sync --state open', 'read'],
    ['vault kv get secret/app', 'read'],
    ['restic snapshots', 'read'],
    ['gcloud compute instances create vm', 'create'],
    ['gh secret set TOKEN', 'update'],
    ['railway frobnicate', 'unknown'],
  ])('%s: %s', async (command, operation) => {
    expect((await first(command))?.operation).toBe(operation);
  });

  it('the first read-like word does not win: logs, list, get before a delete', () => {
    expect(pathOperation('gcloud', ['logging', 'logs', 'delete'])).toEqual({ operation: 'delete', word: 'delete' });
    expect(pathOperation('az', ['webapp', 'config', 'appsettings', 'delete']).operation).toBe('delete');
    expect(pathOperation('gcloud', ['deploy', 'releases', 'list']).operation).toBe('read');
  });

  it('under a write word, a read-like noun names what is written; a read verb still looks', () => {
    expect(pathOperation('flyctl', ['scale', 'count']).operation).toBe('update');
    expect(pathOperation('flyctl', ['scale', 'show']).operation).toBe('read');
    expect(pathOperation('northflank', ['scale', 'jobs']).operation).toBe('update');
    expect(pathOperation('northflank', ['create', 'log-sink']).operation).toBe('create');
    expect(pathOperation('kafkactl', ['create', 'access-control-list']).operation).toBe('create');
    expect(pathOperation('gh', ['run', 'download']).operation).toBe('read');
    expect(pathOperation('gh', ['run', 'list']).operation).toBe('read');
    expect(pathOperation('az', ['webapp', 'config', 'hostname', 'get-external-ip']).operation).toBe('read');
    expect(pathOperation('gcloud', ['run', 'jobs', 'list']).operation).toBe('read');
    expect(pathOperation('gcloud', ['logging', 'logs', 'list']).operation).toBe('read');
    expect(pathOperation('fly', ['ips', 'release']).operation).toBe('delete');
  });

  it('words are read in parts and with the tool\'s own meanings', () => {
    expect(wordOperation('heroku', 'apps:destroy')).toBe('delete');
    expect(wordOperation('gcloud', 'remove-iam-policy-binding')).toBe('delete');
    expect(wordOperation('gcloud', 'add-iam-policy-binding')).toBe('permissions');
    expect(wordOperation('gcloud', 'get-credentials')).toBe('read');
    expect(wordOperation('vault', 'disable')).toBe('delete');
    expect(wordOperation('gcloud', 'disable')).toBe('update');
    expect(wordOperation('restic', 'forget')).toBe('delete');
  });

  it('options with values before the subcommand are skipped using the tree', async () => {
    const line = readCommandLine('restic', ['-r', 's3:bucket', '--password-file', 'p', 'forget', '--prune'], await loadCommandTree('restic'));
    expect(line.path).toEqual(['forget']);
    const gh = readCommandLine('gh', ['--repo', 'acme/api', 'release', 'download', 'v1'], await loadCommandTree('gh'));
    expect(gh.path).toEqual(['release', 'download']);
    expect(gh.operands).toEqual(['v1']);
  });

  it('aliases resolve to the canonical subcommand', async () => {
    const line = readCommandLine('gh', ['cs', 'delete', '-c', 'x'], await loadCommandTree('gh'));
    expect(line.path.slice(0, 2)).toEqual(['codespace', 'delete']);
  });

  it('stack-wide verbs are whole-environment deletes with the stack as hint', async () => {
    const a = await first('pulumi destroy --yes -s prod');
    expect(a).toMatchObject({ operation: 'delete', scope: 'environment', hints: { stackName: 'prod' } });
  });

  it('evidence says which word made it a delete, and that a delete anywhere counts', async () => {
    const a = await first('gcloud logging logs delete app');
    expect(a?.evidence.map((e) => e.message).join(' ')).toMatch(/gcloud logging logs delete: a delete by the word `delete`/);
  });
});

describe('previews, local client configuration, collaboration and publishing', () => {
  it.each([
    'gcloud compute instances delete vm --help',
    'gh repo delete acme/api --help',
    'gcloud help compute',
    'az deployment group create -g rg --template-file a.json --what-if',
    'supabase db push --dry-run',
    'gcloud sql instances patch db --dry-run=true',
    'goreleaser release --snapshot',
    'kafka-consumer-groups --bootstrap-server k:9092 --group g --reset-offsets --to-earliest --all-topics',
  ])('%s is a read', async (command) => {
    expect((await first(command))?.operation).toBe('read');
  });

  it.each(['gcloud compute instances delete vm --dry-run --no-dry-run', 'gcloud compute instances delete vm --dry-run=false', 'kafka-consumer-groups --bootstrap-server k:9092 --group g --reset-offsets --to-earliest --all-topics --execute'])(
    '%s: the last preview flag decides, and it is not a preview', async (command) => {
      expect((await first(command))?.operation).not.toBe('read');
    });

  it.each(['gcloud config set project p', 'az login', 'az account set -s dev', 'gh auth login', 'doctl auth init', 'pulumi login', 'vercel pull', 'gh pr create --fill',
    'gh issue create -t x -b y', 'gh pr comment 1 -b ok', 'gh pr merge 1 --auto --squash', 'gh release create v1 --draft', 'gh api -X PATCH repos/a/b/issues/comments/1 -f body=x',
    'mc alias set local http://127.0.0.1:9000 a b'])('%s: no action', async (command) => {
    expect(await parseShellCommand(command)).toEqual([]);
  });

  it.each(['gh release create v1.2.3', 'gh release upload v1 dist/x.tgz', 'goreleaser release --clean', 'cosign sign acme/api@sha256:abc'])('%s publishes', async (command) => {
    const a = await first(command);
    expect(a?.operation).toBe('update');
    expect(a?.evidence.map((e) => e.message).join(' ')).toMatch(/publish|update/);
  });

  it('gh api: the method decides; a GraphQL mutation is a write', async () => {
    expect((await first('gh api repos/a/b'))?.operation).toBe('read');
    expect((await first('gh api -X DELETE repos/a/b'))?.operation).toBe('delete');
    expect((await first('gh api repos/a/b/git/refs -f ref=refs/tags/v1 -f sha=abc'))?.operation).toBe('update');
    // The document is read as GraphQL: the mutation's name says what it does, in any operation of it.
    expect((await first('gh api graphql -f query="mutation { deleteRepository }"'))?.operation).toBe('delete');
    expect((await first('gh api graphql -f query="mutation { updateRepository(input:{}) { clientMutationId } }"'))?.operation).toBe('update');
    expect((await first(`gh api graphql -f query='query A { viewer { login } }, mutation B { deleteRef(input:{refId:"r"}) { clientMutationId } }'`))?.operation).toBe('delete');
    expect((await first('gh api -Xdelete repos/a/b'))?.operation).toBe('delete');
  });

  it('atmos terraform is judged as the terraform command it runs, in the stack atmos names', async () => {
    const [a] = await parseShellCommand('atmos terraform destroy vpc -s prod');
    expect(a).toMatchObject({ operation: 'delete', tool: 'terraform', hints: { stackName: 'prod' } });
    expect((await first('atmos terraform plan vpc -s prod'))?.operation).toBe('read');
  });

  it('a copy onto this machine only reads the remote', async () => {
    expect((await first('rclone copy remote:bucket/x ./data'))?.operation).toBe('read');
    expect((await first('rclone copy ./data remote:bucket'))?.operation).toBe('create');
    expect((await first('gsutil cp gs://b/x .'))?.operation).toBe('read');
  });
});
