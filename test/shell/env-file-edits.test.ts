// The replay of in-place edits on environment files (src/intake/shell/env-file-edits.ts) against
// the real GNU sed and perl on the same text: where the replay gives a text, it is the one the
// program writes; what it cannot replay it says so, never a guess.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editedText } from '../../src/intake/shell/env-file-edits.js';

const TEXT = 'DATABASE_URL=postgres://localhost/dev\nLOG_LEVEL=info\nPATH_TO_DATA=/data\n# a comment\nFIREBREAK_HOME_OLD=/x\n';

/** What the real program leaves in the file. */
function real(argv: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-env-edit-'));
  const file = join(dir, '.env');
  writeFileSync(file, TEXT);
  execFileSync(argv[0]!, [...argv.slice(1), file], { stdio: 'ignore' });
  return readFileSync(file, 'utf8');
}

describe('in-place edits of .env replayed as the real program makes them', () => {
  const replayable: string[][] = [
    ['sed', '-i', 's/^LOG_LEVEL=.*/LOG_LEVEL=debug/'],
    ['sed', '-i', 's/_TO_DATA//'],
    ['sed', '-i', '-E', 's/^(LOG_LEVEL)=.*/\\1=warn/'],
    ['sed', '-i', 's/^\\(LOG_LEVEL\\)=.*/\\1=warn/'],
    ['sed', '-i', '-e', 's|localhost|db|g', '-e', '/^#/d'],
    ['sed', '-i', 's/_OLD=/=/'],
    ['sed', '-i', '2d'],
    ['sed', '-i', '$d'],
    ['sed', '-i', '/^LOG/s/info/debug/'],
    ['sed', '-i', '3s/_TO_DATA//'],
    ['sed', '-i', 's/[[:digit:]]\\+//g'],
    ['sed', '-i.bak', 's/info/& and more/'],
    ['perl', '-pi', '-e', 's/localhost/127.0.0.1/g'],
    ['perl', '-pi', '-e', 's/^(LOG_LEVEL)=\\w+/$1=trace/'],
  ];
  for (const argv of replayable) {
    it(argv.join(' '), () => {
      const replayed = editedText(argv[0]!, argv, TEXT);
      expect(replayed).toEqual({ text: real(argv) });
    });
  }

  it('says what it cannot replay instead of guessing', () => {
    for (const argv of [
      ['sed', '-i', 's/x/\\x46IREBREAK_HOME=1/'],
      ['sed', '-i', 'y/abc/ABC/'],
      ['sed', '-i', 's/.*/\\U&/'],
      ['sed', '-i', 's/x/y/e'],
      ['sed', '-i', 's/x/y/w /tmp/out'],
      ['sed', '-i', '-f', 'edit.sed'],
      ['perl', '-pi', '-e', 's/x/chr(70)/e'],
      ['perl', '-pi', '-e', '$_ = uc'],
      ['sed', '-i', '1,3d'],
      ['sed', '-i', '/^#/!d'],
    ]) expect(editedText(argv[0]!, argv, TEXT), argv.join(' ')).toHaveProperty('why');
  });
});
