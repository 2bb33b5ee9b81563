import { describe, expect, it } from 'vitest';
import { analyseGraphql } from '../../src/intake/shell/recognisers/graphql.js';
import { actions, evidenceText } from './helpers.js';

describe('curl / wget / httpie', () => {
  it('REST DELETE to a control plane is a delete', async () => {
    const [a] = await actions('curl -s -X DELETE -H "Authorization: Bearer $DO_TOKEN" https://api.digitalocean.com/v2/droplets/12345');
    expect(a).toMatchObject({ operation: 'delete', tool: 'http', target: { type: 'http:endpoint', id: 'api.digitalocean.com/v2/droplets/12345' }, hints: { endpoint: 'api.digitalocean.com' } });
    expect(evidenceText(a)).toMatch(/digitalocean control-plane/);
  });

  it('GET is a read, -XDELETE attached works, --request works', async () => {
    expect((await actions('curl https://api.github.com/repos/o/r'))[0].operation).toBe('read');
    expect((await actions('curl -XDELETE https://api.vercel.com/v9/projects/p'))[0].operation).toBe('delete');
    expect((await actions('curl --request DELETE https://api.heroku.com/apps/x'))[0].operation).toBe('delete');
  });

  it('-d implies POST; POST to an unknown host is unknown', async () => {
    const [a] = await actions(`curl -d 'a=1' https://example.com/api`);
    expect(a).toMatchObject({ operation: 'unknown', verb: 'POST' });
  });

  it('PATCH to a control plane is an update', async () => {
    expect((await actions(`curl -X PATCH https://api.cloudflare.com/client/v4/zones/z/settings/ssl -d '{"value":"off"}'`))[0].operation).toBe('update');
  });

  it('GraphQL mutations by name, with variables', async () => {
    const body = JSON.stringify({ query: 'mutation serviceDelete($id: String!) { serviceDelete(id: $id) }', variables: { id: 'svc-9' } });
    const [a] = await actions(`curl https://backboard.railway.app/graphql/v2 -H 'Content-Type: application/json' --data-raw '${body}'`);
    expect(a).toMatchObject({ operation: 'delete', verb: 'serviceDelete', target: { type: 'railway:service', id: 'svc-9' } });
  });

  it('GraphQL queries are reads; environmentDelete / projectDelete are deletes', async () => {
    expect(analyseGraphql('{"query":"query { me { id } }"}')?.map((o) => o.operation)).toEqual(['read']);
    expect(analyseGraphql('{"query":"mutation { environmentDelete(id: \\"e1\\") projectDelete(id: \\"p1\\") }"}')?.map((o) => [o.operation, o.noun, o.id])).toEqual([
      ['delete', 'environment', 'e1'],
      ['delete', 'project', 'p1'],
    ]);
    expect(analyseGraphql('{"query":"mutation { deleteVolume(input: {volumeId: \\"v\\"}) { ok } }"}')?.[0]).toMatchObject({ operation: 'delete', noun: 'volume', id: 'v' });
    expect(analyseGraphql('{"query":"mutation { frob(x: 1) }"}')?.[0].operation).toBe('unknown');
  });

  it('a body from @file or $(cat ...) is unknown content', async () => {
    expect((await actions('curl -X POST https://backboard.railway.app/graphql/v2 --data @mutation.json'))[0]).toMatchObject({ operation: 'unknown' });
    expect((await actions('curl -X POST https://api.render.com/v1/services -d "$(cat body.json)"'))[0].operation).toBe('unknown');
  });

  it('tokens are evidence, never stored', async () => {
    const [a] = await actions('curl -H "X-Api-Key: sk_live_abc123" -X DELETE https://api.netlify.com/api/v1/sites/s1');
    expect(evidenceText(a)).toMatch(/X-Api-Key/);
    expect(JSON.stringify(a)).not.toContain('sk_live_abc123');
  });

  it('*.amazonaws.com and *.googleapis.com are control planes', async () => {
    expect(evidenceText((await actions('curl -X DELETE https://s3.eu-west-1.amazonaws.com/bucket/key'))[0])).toMatch(/aws control-plane/);
    expect(evidenceText((await actions('curl -X DELETE https://compute.googleapis.com/compute/v1/projects/p/zones/z/instances/i'))[0])).toMatch(/gcp control-plane/);
  });

  it('wget --method=DELETE and httpie DELETE', async () => {
    expect((await actions('wget --method=DELETE https://api.fly.io/v1/apps/x'))[0].operation).toBe('delete');
    expect((await actions('wget https://example.com/file.tgz'))[0].operation).toBe('read');
    expect((await actions('http DELETE api.heroku.com/apps/x Authorization:"Bearer t"'))[0]).toMatchObject({ operation: 'delete', target: { id: 'api.heroku.com/apps/x' } });
    expect((await actions('https GET api.github.com/user'))[0].operation).toBe('read');
  });

  it('loopback calls are local', async () => {
    expect(await actions('curl -X DELETE http://127.0.0.1:8080/items/1')).toEqual([]);
  });
});
