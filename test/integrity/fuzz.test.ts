// Fuzzing the path resolver and the guard match: any text resolves without throwing, and any
// spelling of a guarded path (./, //, x/.., $PWD, variables, cd) is still matched.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { expandText, resolvePathWord } from '../../src/intake/shell/path-resolve.js';
import { guardHits, guardSet } from '../../src/intake/shell/guarded-paths.js';

let ws: string;
beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'firebreak-fuzz-'));
  execFileSync('git', ['init', '-q', ws]);
  for (const d of ['.claude', 'src/a/b', 'docs']) mkdirSync(join(ws, d), { recursive: true });
  writeFileSync(join(ws, '.claude', 'settings.json'), '{}');
});

const ctx = () => ({ workspace: ws, vars: { D: '.claude', E: 'src/a' }, env: { HOME: '/home/u', TMPDIR: '/tmp' } });

describe('path resolver', () => {
  it('never throws, whatever the text', async () => {
    const set = await guardSet(ws);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.boolean(), (text, glob) => {
        expandText(text, ctx());
        const r = resolvePathWord(text, ctx(), glob);
        for (const access of ['write', 'delete', 'read'] as const) guardHits(r, access, set);
        return r.paths.every((p) => p.startsWith('/'));
      }),
      { numRuns: 2000 },
    );
  });

  it('every spelling of .claude/settings.json resolves to it and is guarded', async () => {
    const set = await guardSet(ws);
    const detour = fc.constantFrom('', './', './/', 'src/../', 'src/a/../../', 'docs/./../', 'src/a/b/../../../');
    const dir = fc.constantFrom('.claude', '$D', '${D}', './.claude', '.claude/', '.claude//', '$PWD/.claude', '$(pwd)/.claude');
    const sep = fc.constantFrom('/', '//', '/./', '/../.claude/');
    fc.assert(
      fc.property(detour, dir, sep, (a, b, c) => {
        // An absolute spelling after a relative detour is relative again (as in bash): only the rest must land.
        if (b.startsWith('$') && a !== '') return true;
        const written = `${a}${b}${c}settings.json`;
        const r = resolvePathWord(written, ctx());
        expect(r.paths, written).toContain(join(ws, '.claude', 'settings.json'));
        expect(guardHits(r, 'write', set).length, written).toBeGreaterThan(0);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('the shell intake finds a guard write for random detours, in cp, redirections and rm', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('./', 'src/../', 'src/a/b/../../../', '', './/'), fc.constantFrom('cp /dev/null X', 'echo {} > X', 'rm -f X', 'truncate -s0 X', 'ln -sf /dev/null X'), async (detour, template) => {
        const command = template.replace('X', `${detour}.claude/settings.json`);
        const actions = await parseShellCommand(command, {}, { cwd: ws });
        expect(actions.some((a) => a.target.type === 'firebreak:guard-file'), command).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
