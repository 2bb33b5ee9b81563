import { describe, expect, it } from 'vitest';
import { defaultConfig, parseConfig } from '../../src/config/config.js';
import { environmentNameOf, resolveEnvironment } from '../../src/config/environment.js';
import type { EnvironmentHints } from '../../src/model.js';

// environmentNameOf is resolveEnvironment without the evidence (the blast radius keeps only the
// name): for every hint combination below both must place the resource in the same environment,
// and an assumed environment must come back as undefined.
const config = parseConfig(
  `
version: 1
environments:
  prod:
    production: true
    match:
      accounts: ["111111111111"]
      profiles: [prod, "shared-*"]
      terraform: {addresses: ["module.prod.*"], workspaces: [production]}
      tags: {Environment: prod*}
      regions: [eu-west-1]
  staging:
    production: false
    match:
      accounts: ["222222222222"]
      profiles: [staging, "shared-*"]
      terraform: {workspaces: [staging]}
      tags: {Environment: staging}
      regions: [us-west-2, eu-west-1]
  dev:
    production: false
    match:
      profiles: [dev, "shared-*"]
      regions: [us-west-2]
`,
  '/tmp/firebreak.yaml',
);

const hintSets: EnvironmentHints[] = [
  {},
  { region: 'us-west-2' },
  { region: 'eu-west-1' },
  { region: 'ap-south-1' },
  { profile: 'shared-ops' },
  { profile: 'dev', region: 'eu-west-1' },
  { accountId: '222222222222', tags: { Environment: 'prod-eu' } },
  { terraformAddress: 'module.prod.aws_db_instance.main', workspace: 'staging' },
  { terraformAddress: 'aws_s3_bucket.logs', tags: { environment: 'staging' } },
  { environment: 'staging' },
  { environment: 'staging', accountId: '111111111111' },
  { environment: 'staging', region: 'us-west-2' },
  { environment: 'prod', region: 'us-west-2' },
  { environment: 'dev', profile: 'shared-x', tags: { Environment: 'prod' } },
  { environment: 'nowhere', region: 'us-west-2' },
  { environment: 'nowhere' },
];

describe('environmentNameOf', () => {
  for (const hints of hintSets) {
    it(`places ${JSON.stringify(hints)} where resolveEnvironment does`, () => {
      const full = resolveEnvironment(hints, config);
      expect(environmentNameOf(hints, config)).toBe(full.assumed ? undefined : full.name);
    });
  }

  it('answers undefined (assumed) without any environment configured', () => {
    const empty = defaultConfig();
    expect(resolveEnvironment({ region: 'eu-west-1' }, empty).assumed).toBe(true);
    expect(environmentNameOf({ region: 'eu-west-1' }, empty)).toBeUndefined();
  });

  it('sees a named non-production environment overruled by a production match, as resolveEnvironment does', () => {
    expect(resolveEnvironment({ environment: 'staging', accountId: '111111111111' }, config).name).toBe('prod');
    expect(environmentNameOf({ environment: 'staging', accountId: '111111111111' }, config)).toBe('prod');
  });
});
