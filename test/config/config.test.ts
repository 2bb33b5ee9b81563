import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig, findConfigFile, loadConfig, parseConfig } from '../../src/config/config.js';
import { InputError } from '../../src/errors.js';

const EXAMPLE = resolve('examples/firebreak.yaml');

function configError(text: string): InputError {
  try {
    parseConfig(text, '/repo/firebreak.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

describe('loadConfig', () => {
  it('loads the shipped example and resolves paths against its folder', () => {
    const config = loadConfig(EXAMPLE);
    expect(Object.keys(config.environments)).toEqual(['prod', 'staging', 'dev']);
    expect(config.environments.prod.production).toBe(true);
    expect(config.environments.prod.match.accounts).toEqual(['012345678901']);
    expect(config.world.terraformState).toEqual([]);
    expect(config.world.terraformStateByWorkspace).toEqual({ prod: [resolve('examples/infra/states/prod.json')], staging: [resolve('examples/infra/states/staging.json')] });
    expect(config.world.templates['prod-network']).toBe(resolve('examples/cfn/network.yaml'));
    expect(config.policy).toBe(resolve('examples/policies/teams-today.yaml'));
    expect(config.agent.autonomy).toBe('supervised');
  });

  it('world.terraformState: a list, or workspace / environment name -> file or files; anything else is bad input with the line', () => {
    const list = parseConfig('version: 1\nworld:\n  terraformState: [a.json]\n', '/repo/firebreak.yaml');
    expect(list.world.terraformState).toEqual(['/repo/a.json']);
    expect(list.world.terraformStateByWorkspace).toBeUndefined();
    const keyed = parseConfig('version: 1\nworld:\n  terraformState:\n    prod: p.json\n    staging: [s1.json, s2.json]\n', '/repo/firebreak.yaml');
    expect(keyed.world.terraformStateByWorkspace).toEqual({ prod: ['/repo/p.json'], staging: ['/repo/s1.json', '/repo/s2.json'] });
    expect(() => parseConfig('version: 1\nworld:\n  terraformState:\n    prod: 3\n', '/repo/firebreak.yaml')).toThrow(/terraformState is a list of state files, or a mapping/);
  });

  it('normalises freeze bounds to UTC instants; a date-only end includes that day', () => {
    const config = loadConfig(EXAMPLE);
    expect(config.freezes[0]).toMatchObject({ name: 'year-end', start: '2026-12-18T17:00:00.000Z', end: '2027-01-05T00:00:00.000Z' });
    expect(config.freezes[1]).toMatchObject({ start: '2026-11-30T07:00:00.000Z', end: '2026-11-30T19:00:00.000Z' });
  });

  it('fills defaults for a minimal file', () => {
    const config = parseConfig('version: 1\n', '/repo/firebreak.yaml');
    expect(config).toEqual({ ...defaultConfig(), file: '/repo/firebreak.yaml' });
  });

  it('reports a missing file as an InputError', () => {
    expect(() => loadConfig('/nonexistent/firebreak.yaml')).toThrow(InputError);
    expect(() => loadConfig('/nonexistent/firebreak.yaml')).toThrow(/not found/);
  });

  it('finds the config in a parent folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'fb-config-'));
    writeFileSync(join(root, 'firebreak.yaml'), 'version: 1\n');
    const nested = join(root, 'a', 'b');
    mkdirSync(nested, { recursive: true });
    expect(findConfigFile(nested)).toBe(join(root, 'firebreak.yaml'));
    expect(findConfigFile(tmpdir())).not.toBe(join(root, 'firebreak.yaml'));
  });

  it('defaultConfig has no environments', () => {
    expect(defaultConfig().environments).toEqual({});
  });
});

describe('config errors', () => {
  it('names the key path and position of a bad profile entry', () => {
    const e = configError(
      ['version: 1', 'environments:', '  production:', '    production: true', '    match:', '      profiles: [prod, 7]', ''].join('\n'),
    );
    expect(e.message).toMatch(/^environments\.production\.match\.profiles\[1\]: expected string/);
    expect(e.location).toBe('line 6, column 24');
    expect(e.file).toBe('/repo/firebreak.yaml');
  });

  it('suggests the right key for a misspelt one', () => {
    const e = configError(['version: 1', 'environments:', '  prod:', '    production: true', '    match:', '      profile: [prod]', ''].join('\n'));
    expect(e.message).toMatch(/environments\.prod\.match\.profile: unknown key "profile" \(did you mean "profiles"\?\)/);
    expect(e.location).toBe('line 6, column 7');
  });

  it('refuses unquoted account ids, which lose leading zeros', () => {
    const e = configError(['version: 1', 'environments:', '  prod:', '    production: true', '    match: {accounts: [012345678901]}', ''].join('\n'));
    expect(e.message).toMatch(/environments\.prod\.match\.accounts\[0\]: account ids must be quoted/);
    expect(e.location).toBe('line 5, column 24');
  });

  it('requires production on every environment', () => {
    const e = configError(['version: 1', 'environments:', '  prod:', '    match: {profiles: [prod]}', ''].join('\n'));
    expect(e.message).toMatch(/^environments\.prod\.production: /);
    expect(e.location).toBe('line 4, column 5');
  });

  it('requires version 1', () => {
    expect(configError('version: 2\n').message).toMatch(/^version: version must be 1/);
    expect(configError('environments: {}\n').message).toMatch(/^version: /);
  });

  it('rejects reserved and contradictory environment names', () => {
    expect(configError('version: 1\nenvironments:\n  unknown: {production: false}\n').message).toMatch(/reserved/);
    const e = configError('version: 1\nenvironments:\n  production: {production: false}\n');
    expect(e.message).toMatch(/^environments\.production\.production: an environment named "production" must have production: true/);
    expect(e.location).toBe('line 3, column 28');
  });

  it('rejects freeze times without a zone, impossible dates and reversed windows', () => {
    const base = 'version: 1\nenvironments: {prod: {production: true}}\nfreezes:\n';
    const noZone = configError(`${base}  - {name: f, start: "2026-12-01T10:00:00", end: "2026-12-02", environments: all}\n`);
    expect(noZone.message).toMatch(/^freezes\[0\]\.start: .*no time zone/);
    expect(noZone.location).toBe('line 4, column 22');
    expect(configError(`${base}  - {name: f, start: "2026-02-30", end: "2026-03-02", environments: all}\n`).message).toMatch(/not a real date/);
    const reversed = configError(`${base}  - {name: f, start: "2026-12-05", end: "2026-12-01", environments: all}\n`);
    expect(reversed.message).toMatch(/^freezes\[0\]\.end: the freeze ends before it starts/);
  });

  it('rejects a freeze naming an environment that does not exist', () => {
    const e = configError(
      'version: 1\nenvironments: {prod: {production: true}}\nfreezes:\n  - name: f\n    start: "2026-12-01"\n    end: "2026-12-02"\n    environments: [prd]\n',
    );
    expect(e.message).toMatch(/^freezes\[0\]\.environments\[0\]: no environment named "prd" \(did you mean "prod"\?\)/);
    expect(e.location).toBe('line 7, column 20');
  });

  it('rejects a freeze whose environments is neither all nor a list', () => {
    const e = configError('version: 1\nfreezes:\n  - {name: f, start: "2026-12-01", end: "2026-12-02", environments: 3}\n');
    expect(e.message).toMatch(/environments must be "all" or a list/);
  });

  it('rejects an unknown autonomy tier', () => {
    const e = configError('version: 1\nagent:\n  autonomy: yolo\n');
    expect(e.message).toMatch(/^agent\.autonomy: .*supervised/);
    expect(e.location).toBe('line 3, column 13');
  });
});
