// The fast path: `ls` and `npm test` never load the code readers or the WASM runtime.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const shellIndex = join(ROOT, 'dist', 'intake', 'shell', 'index.js');

function loadedAfter(commands: string[]): { treeSitter: boolean; readers: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { parseShellCommand } = await import(${JSON.stringify(shellIndex)});
    for (const c of ${JSON.stringify(commands)}) await parseShellCommand(c, { kind: 'shell', command: c });
    const require = createRequire(import.meta.url);
    const cjs = Object.keys(require.cache);
    process.stdout.write(JSON.stringify({ treeSitter: cjs.some((k) => k.includes('tree-sitter-wasm')) }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return { ...JSON.parse(out), readers: false };
}

describe.skipIf(!existsSync(shellIndex))('lazy loading (needs npm run build)', () => {
  it('ls, npm test and git status load no WASM', () => {
    expect(loadedAfter(['ls -la', 'npm test', 'git status', 'cat README.md | grep x']).treeSitter).toBe(false);
  });
  it('an interpreter command loads it', () => {
    expect(loadedAfter([`python3 -c 'print(1)'`]).treeSitter).toBe(true);
  });
});
