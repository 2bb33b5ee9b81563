// The sealed cache of parsed firebreak.yaml (src/config/config-cache.ts), on real files in temp
// folders with the real approval key: used only for the same path and text under a seal made with
// the key; anything else parses the file, and errors still name the file and line.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { disableConfigCache, enableConfigCache, loadConfigCached } from '../../src/config/config-cache.js';
import { loadConfig } from '../../src/config/config.js';
import { InputError } from '../../src/errors.js';
import { createHash, createHmac } from 'node:crypto';

const YAML = 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      profiles: [prod]\nworld:\n  inventory: [./inventory.yaml]\n';

function setup(text = YAML) {
  const home = mkdtempSync(join(tmpdir(), 'firebreak-cc-home-'));
  const repo = mkdtempSync(join(tmpdir(), 'firebreak-cc-repo-'));
  const file = join(repo, 'firebreak.yaml');
  writeFileSync(file, text);
  enableConfigCache({ FIREBREAK_HOME: home });
  const entries = () => readdirSync(join(home, 'config-cache')).filter((f) => f.endsWith('.json')).map((f) => join(home, 'config-cache', f));
  return { home, repo, file, entries };
}

/** An entry as the cache writes it (a header line, then the config), with the config changed: sealed with `key` for `context`, or with a made-up mac. */
function forgeEntry(entryFile: string, change: (config: any) => void, key?: Uint8Array, context?: string): void {
  const raw = readFileSync(entryFile, 'utf8');
  const header = JSON.parse(raw.slice(0, raw.indexOf('\n')));
  const config = JSON.parse(raw.slice(raw.indexOf('\n') + 1));
  change(config);
  const body = JSON.stringify(config);
  header.mac = key ? createHmac('sha256', key).update(`${context}\n${body}`).digest('hex') : 'f'.repeat(64);
  writeFileSync(entryFile, `${JSON.stringify(header)}\n${body}`);
}

const keyOf = (home: string) => Buffer.from(JSON.parse(readFileSync(join(home, 'approval.key'), 'utf8')).key, 'base64');
const derived = (key: Uint8Array, purpose: string) => createHmac('sha256', key).update(`firebreak derived key: ${purpose}`).digest();
const contextOf = (file: string) => `${file}\n${createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex')}`;

afterEach(() => disableConfigCache());

describe('loadConfigCached', () => {
  it('gives what loadConfig gives, from the file and then from the cache', async () => {
    const { file, entries } = setup();
    const first = await loadConfigCached(file);
    expect(first).toEqual(loadConfig(file));
    expect(entries()).toHaveLength(1);
    expect(await loadConfigCached(file)).toEqual(first);
  });

  it('uses an entry only under a seal made with the per-user key', async () => {
    const { file, home, entries } = setup();
    await loadConfigCached(file);
    const notProduction = (config: any) => (config.environments.production.production = false);
    // Each forge below is read by a new process (a process keeps the entry it verified, next test).
    const forge = (...args: Parameters<typeof forgeEntry>) => {
      forgeEntry(...args);
      enableConfigCache({ FIREBREAK_HOME: home });
    };
    forge(entries()[0], notProduction);
    // A made-up seal: the file is parsed again (production stays production).
    expect((await loadConfigCached(file)).environments.production.production).toBe(true);
    // Sealed with the key derived for this cache, the same entry is what the hook reads: the seal is the only protection, and it is checked.
    forge(entries()[0], notProduction, derived(keyOf(home), 'firebreak.yaml cache'), contextOf(file));
    expect((await loadConfigCached(file)).environments.production.production).toBe(false);
    // Sealed with another key, with the approvals' own key or another purpose's key: parsed again.
    for (const key of [new Uint8Array(32).fill(7), keyOf(home), derived(keyOf(home), 'code-reading cache')]) {
      forge(entries()[0], notProduction, key, contextOf(file));
      expect((await loadConfigCached(file)).environments.production.production).toBe(true);
    }
    // The right key, but sealed for another text of the file: parsed again.
    forge(entries()[0], notProduction, derived(keyOf(home), 'firebreak.yaml cache'), `${file}\n${'0'.repeat(64)}`);
    expect((await loadConfigCached(file)).environments.production.production).toBe(true);
  });

  it('parses again as soon as the text changes, and an entry is tied to its path', async () => {
    const { file, repo, entries } = setup();
    await loadConfigCached(file);
    writeFileSync(file, YAML.replace('profiles: [prod]', 'profiles: [live]'));
    expect((await loadConfigCached(file)).environments.production.match.profiles).toEqual(['live']);
    // The same text in another folder: its relative paths resolve there, not where the first was cached.
    const other = join(mkdtempSync(join(tmpdir(), 'firebreak-cc-other-')), 'firebreak.yaml');
    writeFileSync(other, readFileSync(file, 'utf8'));
    expect((await loadConfigCached(other)).world.inventory).toEqual([join(other, '..', 'inventory.yaml')]);
    expect((await loadConfigCached(file)).world.inventory).toEqual([join(repo, 'inventory.yaml')]);
    expect(entries()).toHaveLength(2);
  });

  it('still fails closed with the file and line when the text is broken, after a good text was cached', async () => {
    const { file } = setup();
    await loadConfigCached(file);
    writeFileSync(file, YAML.replace('production: true', 'production: maybe'));
    const error = await loadConfigCached(file).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).describe()).toContain(file);
    expect((error as InputError).describe()).toMatch(/line 4/);
    const uncached = (() => {
      try {
        loadConfig(file);
      } catch (e) {
        return (e as InputError).describe();
      }
    })();
    expect((error as InputError).describe()).toBe(uncached);
  });

  it('makes the key on a miss when there is none, and ignores a damaged entry or key', async () => {
    const { file, home, entries } = setup();
    await loadConfigCached(file);
    expect(readdirSync(home)).toContain('approval.key');
    writeFileSync(entries()[0], '{"v":1,"keyId":"x","mac":"');
    enableConfigCache({ FIREBREAK_HOME: home });
    expect(await loadConfigCached(file)).toEqual(loadConfig(file));
    writeFileSync(join(home, 'approval.key'), 'not json');
    enableConfigCache({ FIREBREAK_HOME: home });
    expect(await loadConfigCached(file)).toEqual(loadConfig(file));
  });

  it('verifies an entry once per process: later loads of the same text parse what was verified, a new text is read again', async () => {
    const { file, home, entries } = setup();
    const first = await loadConfigCached(file);
    // A forged entry written after this process verified its own is not read again here (a hook call
    // loads the config two or three times); the next process checks its seal and refuses it.
    forgeEntry(entries()[0], (config: any) => (config.environments.production.production = false));
    const again = await loadConfigCached(file);
    expect(again).toEqual(first);
    expect(again).not.toBe(first); // a fresh object each time, as from the store
    enableConfigCache({ FIREBREAK_HOME: home });
    expect((await loadConfigCached(file)).environments.production.production).toBe(true);
    writeFileSync(file, YAML.replace('profiles: [prod]', 'profiles: [live]'));
    expect((await loadConfigCached(file)).environments.production.match.profiles).toEqual(['live']);
  });

  it('is off unless enabled: nothing is written', async () => {
    const { file, home } = setup();
    disableConfigCache();
    expect(await loadConfigCached(file)).toEqual(loadConfig(file));
    expect(readdirSync(home)).toEqual([]);
  });
});
