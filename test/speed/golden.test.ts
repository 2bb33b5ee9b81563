// Speed work keeps every judgment: the same verdict, reasons, blast radius, actions and rollback
// plan for every scenario, corpus case and public fixture as the records in test/speed/golden/,
// written before the speed work began. A change that means to change judgment rewrites them:
//   FIREBREAK_GOLDEN_WRITE=1 npx vitest run test/speed/golden.test.ts
// and the diff of test/speed/golden/*.json shows what changed, case by case.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusGolden, MACHINE_LISTING, scenarioGolden, TEMP_LISTING, templateGolden, terraformGolden, withQuietHome, type Golden, type GoldenEntry } from './golden.js';

const DIR = join(import.meta.dirname, 'golden');
const WRITE = process.env.FIREBREAK_GOLDEN_WRITE === '1';

function compare(name: string, current: Golden): void {
  const file = join(DIR, `${name}.json`);
  if (WRITE) {
    mkdirSync(DIR, { recursive: true });
    // One case a line: a judgment that changes is one line of the diff.
    writeFileSync(file, `{\n${Object.entries(current).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`);
    return;
  }
  expect(existsSync(file), `${file} missing: run with FIREBREAK_GOLDEN_WRITE=1 on a revision whose judgment is right`).toBe(true);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Golden;
  // Cases added or removed since the record are not judgments that changed: listed, not failed.
  const keys = Object.keys(current).filter((k) => k in recorded);
  const added = Object.keys(current).filter((k) => !(k in recorded));
  const removed = Object.keys(recorded).filter((k) => !(k in current));
  if (added.length || removed.length) console.log(`${name}: ${added.length} cases without a record, ${removed.length} records without a case`);
  expect(keys.length, `${name}: no case has a record`).toBeGreaterThan(0);
  const changed = keys.filter((k) => !sameJudgment(recorded[k], current[k]));
  const shown = changed.slice(0, 12).map((k) => `${k}\n  recorded: ${JSON.stringify(recorded[k])}\n  now:      ${JSON.stringify(current[k])}`);
  expect(changed.length, `${changed.length} of ${keys.length} judgments differ from ${name}.json:\n${shown.join('\n')}`).toBe(0);
}

/** Equal records; where either side lists what this machine holds (guard files, the temp folder:
 *  `rm -rf /tmp/$X` may name any of them, and which exist depends on what else runs), the verdict. */
function sameJudgment(recorded: GoldenEntry, now: GoldenEntry): boolean {
  // A listing of the temp folder holds what other runs left there (a `.db`, an `.env`): whether it is a
  // person's decision or a block depends on that; that it stops does not.
  if (recorded.digest === TEMP_LISTING || now.digest === TEMP_LISTING) return (recorded.verdict === 'pass') === (now.verdict === 'pass');
  if (recorded.radius === MACHINE_LISTING || now.radius === MACHINE_LISTING) return recorded.verdict === now.verdict;
  return JSON.stringify(recorded) === JSON.stringify(now);
}

describe('judgment is unchanged by speed work', () => {
  it('scenarios', async () => compare('scenarios', await withQuietHome(scenarioGolden)), 120_000);
  it('public CloudFormation templates, new and as a diff', async () => compare('cloudformation', await withQuietHome(templateGolden)), 300_000);
  it('public and synthetic Terraform plans', async () => compare('terraform', await withQuietHome(terraformGolden)), 300_000);
  describe('corpus', () => {
    for (const file of corpusFiles()) {
      it(file, async () => compare(`corpus-${file.replace(/\.yaml$/, '')}`, await withQuietHome(() => corpusGolden(file))), 300_000);
    }
  });
});
