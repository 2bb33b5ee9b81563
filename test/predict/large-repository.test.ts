import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '../../src/pipeline.js';

/** A committed repository whose index is too large to read directly and whose file list is several MB,
 *  as pulumi's is (7 MB index, 4 MB from `git ls-files`). */
function largeRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-large-repo-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
  git('init', '-q');
  git('config', 'user.email', 't@example.com');
  git('config', 'user.name', 'T');
  const long = 'a-name-long-enough-that-ten-thousand-of-them-list-to-more-than-a-megabyte-'.repeat(3);
  for (let d = 0; d < 100; d++) {
    mkdirSync(join(dir, `pkg${d}`));
    for (let f = 0; f < 100; f++) writeFileSync(join(dir, `pkg${d}`, `${long}${f}.txt`), '');
  }
  git('add', '-A');
  git('commit', '-qm', 'initial');
  return dir;
}

describe('a large repository', () => {
  it('is still a git working copy: a run-time name in it is restorable when everything is committed', async () => {
    const dir = largeRepository();
    expect(statSync(join(dir, '.git', 'index')).size).toBeGreaterThan(2 * 1024 * 1024);
    const { report } = await check({ commands: ['FILENAME="watch-${TAG}.tgz"; rm "${FILENAME}"'], cwd: dir, implicitConfig: false });
    const why = report.actions.flatMap((a) => a.evidence.map((e) => e.message)).join(' ');
    expect(why).not.toMatch(/not a git working copy/);
    expect(report.verdict).toBe('pass');
  }, 60_000);
});
