import { describe, expect, it } from 'vitest';
import { parseConfig, defaultConfig, type Config } from '../../src/config/config.js';
import { activeFreeze, applyContext, resolveEnvironment } from '../../src/config/environment.js';
import type { Action } from '../../src/model.js';

const config: Config = parseConfig(
  `
version: 1
environments:
  prod:
    production: true
    match:
      accounts: ["111111111111"]
      profiles: [prod, prod-*]
      stacks: ["prod-*"]
      terraform: {addresses: ["module.prod.*"], workspaces: [production]}
      tags: {Environment: prod*, Stage: live}
      endpoints: ["*.prod.db.internal"]
      kubeContexts: [prod-cluster]
      namespaces: [payments]
      regions: [eu-west-1]
  staging:
    production: false
    match:
      accounts: ["222222222222"]
      profiles: [staging, "*-ops"]
      stacks: ["staging-*"]
      terraform: {workspaces: [staging]}
      tags: {Environment: staging}
      namespaces: [staging]
      regions: [us-west-2]
  dev:
    production: false
    match:
      profiles: [dev, "*-ops"]
      regions: [us-west-2]
freezes:
  - {name: prod-freeze, start: "2026-12-18T17:00:00Z", end: "2027-01-04", environments: [production]}
  - {name: staging-freeze, start: "2026-11-30T08:00:00Z", end: "2026-11-30T20:00:00Z", environments: [staging]}
  - {name: all-hands, start: "2026-10-01", end: "2026-10-01", environments: all}
`,
  '/repo/firebreak.yaml',
);

describe('resolveEnvironment', () => {
  it.each([
    [{ accountId: '111111111111' }, 'prod'],
    [{ profile: 'prod-admin' }, 'prod'],
    [{ stackName: 'prod-network' }, 'prod'],
    [{ terraformAddress: 'module.prod.aws_db_instance.main' }, 'prod'],
    [{ workspace: 'staging' }, 'staging'],
    [{ tags: { Environment: 'production' } }, 'prod'],
    [{ tags: { stage: 'live' } }, 'prod'],
    [{ endpoint: 'orders.prod.db.internal' }, 'prod'],
    [{ kubeContext: 'prod-cluster' }, 'prod'],
    [{ namespace: 'staging' }, 'staging'],
    [{ region: 'eu-west-1' }, 'prod'],
  ])('%j -> %s', (hints, name) => {
    const r = resolveEnvironment(hints, config);
    expect(r.name).toBe(name);
    expect(r.assumed).toBe(false);
    expect(r.production).toBe(name === 'prod');
    expect(r.evidence[0].kind).toBe('config');
  });

  it('the account beats the profile, the profile beats the stack', () => {
    expect(resolveEnvironment({ accountId: '222222222222', profile: 'prod' }, config).name).toBe('staging');
    expect(resolveEnvironment({ profile: 'staging', stackName: 'prod-api' }, config).name).toBe('staging');
  });

  it('the stack beats terraform, terraform beats tags, tags beat endpoints, endpoints beat region', () => {
    expect(resolveEnvironment({ stackName: 'staging-api', workspace: 'production' }, config).name).toBe('staging');
    expect(resolveEnvironment({ workspace: 'staging', tags: { Environment: 'prod' } }, config).name).toBe('staging');
    expect(resolveEnvironment({ tags: { Environment: 'staging' }, namespace: 'payments' }, config).name).toBe('staging');
    expect(resolveEnvironment({ namespace: 'staging', region: 'eu-west-1' }, config).name).toBe('staging');
  });

  it('records weaker hints that disagree', () => {
    const r = resolveEnvironment({ accountId: '222222222222', region: 'eu-west-1' }, config);
    expect(r.name).toBe('staging');
    expect(r.evidence.map((e) => e.message).join('\n')).toMatch(/weaker hints point to prod; the account takes precedence/);
  });

  it('conflicting matches at one level: production wins and the evidence says so', () => {
    const c = parseConfig(
      'version: 1\nenvironments:\n  a: {production: false, match: {profiles: ["ops-*"]}}\n  b: {production: true, match: {profiles: ["*-admin"]}}\n',
      '/x/firebreak.yaml',
    );
    const r = resolveEnvironment({ profile: 'ops-admin' }, c);
    expect(r).toMatchObject({ name: 'b', production: true, assumed: false });
    expect(r.evidence.map((e) => e.message).join('\n')).toMatch(/also matches a: conflicting matches, the production environment b wins/);
  });

  it('two non-production matches at one level take the first in the file', () => {
    const r = resolveEnvironment({ profile: 'team-ops' }, config);
    expect(r.name).toBe('staging');
    expect(r.production).toBe(false);
  });

  it('nothing matches -> unknown, treated as production', () => {
    const r = resolveEnvironment({ profile: 'mystery' }, config);
    expect(r).toMatchObject({ name: 'unknown', production: true, assumed: true });
    expect(r.evidence[0].message).toMatch(/^environment could not be determined: treated as production/);
    expect(r.evidence[0].message).toMatch(/profile=mystery/);
  });

  it('the default config resolves everything to unknown production', () => {
    expect(resolveEnvironment({ profile: 'prod', accountId: '111111111111' }, defaultConfig())).toMatchObject({
      name: 'unknown',
      production: true,
      assumed: true,
    });
    expect(resolveEnvironment({}, defaultConfig()).evidence[0].message).toMatch(/no profile, account, stack/);
  });
});

describe('activeFreeze', () => {
  it('applies inside the window and not outside it', () => {
    expect(activeFreeze(config, 'prod', new Date('2026-12-18T16:59:59Z'))).toBeUndefined();
    expect(activeFreeze(config, 'prod', new Date('2026-12-18T17:00:00Z'))?.name).toBe('prod-freeze');
    expect(activeFreeze(config, 'prod', new Date('2027-01-04T23:59:59Z'))?.name).toBe('prod-freeze');
    expect(activeFreeze(config, 'prod', new Date('2027-01-05T00:00:00Z'))).toBeUndefined();
  });

  it('only covers the environments it names; "production" covers unknown environments too', () => {
    const t = new Date('2026-12-20T12:00:00Z');
    expect(activeFreeze(config, 'staging', t)).toBeUndefined();
    expect(activeFreeze(config, 'unknown', t)?.name).toBe('prod-freeze');
    const s = new Date('2026-11-30T12:00:00Z');
    expect(activeFreeze(config, 'staging', s)?.name).toBe('staging-freeze');
    expect(activeFreeze(config, 'prod', s)).toBeUndefined();
    expect(activeFreeze(config, 'dev', s)).toBeUndefined();
  });

  it('"all" covers every environment', () => {
    const t = new Date('2026-10-01T09:00:00Z');
    for (const env of ['prod', 'staging', 'dev', 'unknown']) expect(activeFreeze(config, env, t)?.name).toBe('all-hands');
  });
});

describe('applyContext', () => {
  const base: Action = {
    id: 'a1',
    source: { kind: 'shell', command: 'aws --profile prod rds delete-db-instance --db-instance-identifier db' },
    operation: 'delete',
    verb: 'delete-db-instance',
    tool: 'aws',
    target: { type: 'AWS::RDS::DBInstance', id: 'db' },
    scope: 'resource',
    hints: { profile: 'prod' },
    evidence: [{ kind: 'command', message: '--skip-final-snapshot', key: '--skip-final-snapshot', value: true }],
  };

  it('fills environment, production and freeze, keeping the input untouched', () => {
    const [a] = applyContext([base], config, new Date('2026-12-24T10:00:00Z'));
    expect(a).toMatchObject({ environment: 'prod', environmentAssumed: false, production: true, freeze: 'prod-freeze' });
    expect(a.evidence[0].key).toBe('--skip-final-snapshot');
    expect(a.evidence.some((e) => /code freeze "prod-freeze"/.test(e.message))).toBe(true);
    expect(base.environment).toBeUndefined();
  });

  it('marks unplaceable actions as assumed production and clears stale freezes', () => {
    const [a] = applyContext([{ ...base, hints: {}, freeze: 'old' }], config, new Date('2026-06-01T00:00:00Z'));
    expect(a).toMatchObject({ environment: 'unknown', environmentAssumed: true, production: true });
    expect(a.freeze).toBeUndefined();
  });
});
