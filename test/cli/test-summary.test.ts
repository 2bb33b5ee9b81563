// The README's test command ends with one line from scripts/test-summary.mjs. A file that fails
// without a failed test (it does not load, or its beforeAll throws and its tests are skipped) must
// count as a failure there: vitest's own JSON counts only tests. Runs the real vitest on real files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
mkdirSync(join(ROOT, 'test', '.artifacts'), { recursive: true });
const dir = mkdtempSync(join(ROOT, 'test', '.artifacts', 'summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summaryOf(files: Record<string, string>): { line: string; code: number | null } {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'vitest.config.mjs'), "export default { test: { include: ['*.case.ts'] } };\n");
  const out = join(dir, 'out.json');
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'), '--reporter=json', `--outputFile.json=${out}`], { cwd: dir, encoding: 'utf8' });
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test-summary.mjs'), out], { encoding: 'utf8' });
  return { line: r.stdout.trim(), code: r.status };
}

it('counts a file that does not load and a file whose beforeAll throws as failures', () => {
  const { line } = summaryOf({
    'ok.case.ts': "import { it } from 'vitest';\nit('passes', () => {});\n",
    'broken.case.ts': "import './does-not-exist.js';\nimport { it } from 'vitest';\nit('never runs', () => {});\n",
    'hook.case.ts': "import { beforeAll, it } from 'vitest';\nbeforeAll(() => { throw new Error('boom'); });\nit('skipped', () => {});\n",
  });
  expect(line).toBe('Tests: 1 passed, 2 failed, 1 skipped');
}, 60_000);

it('says nothing failed when nothing did', () => {
  rmSync(join(dir, 'broken.case.ts'), { force: true });
  rmSync(join(dir, 'hook.case.ts'), { force: true });
  expect(summaryOf({ 'ok.case.ts': "import { it } from 'vitest';\nit('passes', () => {});\n" }).line).toBe('Tests: 1 passed, 0 failed, 0 skipped');
}, 60_000);

