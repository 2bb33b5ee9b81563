import { describe, expect, it } from 'vitest';
import { actions } from './helpers.js';

describe('other cloud CLIs (generic verb table)', () => {
  it.each([
    ['gcloud compute instances delete vm-1 --zone us-central1-a --project prod-proj', 'delete', 'gcloud:compute/instances', 'vm-1'],
    ['gcloud sql instances list', 'read', 'gcloud:sql/instances', 'list'],
    ['az group delete --name prod-rg --yes', 'delete', 'az:group', 'prod-rg'],
    ['doctl compute droplet delete web-1 -f', 'delete', 'doctl:compute/droplet', 'web-1'],
    ['flyctl apps destroy my-app --yes', 'delete', 'flyctl:apps', 'my-app'],
    ['heroku apps:destroy --app shop --confirm shop', 'delete', 'heroku:resource', 'shop'],
    ['vercel remove my-site --yes', 'delete', 'vercel:resource', 'my-site'],
    ['eksctl delete cluster --name prod', 'delete', 'eksctl:cluster', 'prod'],
    ['gsutil rm -r gs://prod-assets', 'delete', 'gsutil:resource', 'gs://prod-assets'],
    ['gh repo delete org/repo --yes', 'delete', 'gh:repo', 'org/repo'],
  ])('%s', async (cmd, operation, type, id) => {
    const [a] = await actions(cmd);
    expect(a).toMatchObject({ operation, target: { type, id } });
  });

  it('stack-wide verbs: cdk destroy, pulumi destroy, serverless remove, sam delete', async () => {
    for (const [cmd, tool] of [['npx cdk destroy --force', 'cdk'], ['pulumi destroy --yes -s prod', 'pulumi'], ['serverless remove --stage prod', 'serverless'], ['sam delete --stack-name api', 'sam']]) {
      const [a] = await actions(cmd);
      expect(a).toMatchObject({ operation: 'delete', tool, scope: 'environment' });
    }
    expect((await actions('pulumi destroy --yes -s prod'))[0].hints.stackName).toBe('prod');
  });

  it('project / subscription / region options become hints', async () => {
    const [a] = await actions('gcloud compute instances delete vm-1 --project prod-proj --zone us-central1-a');
    expect(a.hints).toMatchObject({ accountId: 'prod-proj', region: 'us-central1-a' });
  });

  it('an unrecognised verb is unknown', async () => {
    expect((await actions('railway frobnicate'))[0].operation).toBe('unknown');
  });
});
