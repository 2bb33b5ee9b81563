// The workspace a corpus case runs in: a git repository with a README and the case's files,
// committed unless listed as uncommitted. Shared by the corpus test, the golden records, the
// integrity reasons test and the red-team tools, so every one judges a case in the same place.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function gitIn(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-C', cwd, '-c', 'user.email=t@example.com', '-c', 'user.name=t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'ignore' });
}

/** A new repository under the temp folder (named `firebreak-<purpose>-...`); the caller removes it.
 *  `modified`: committed files given new, uncommitted content (work in progress). */
export function caseWorkspace(purpose: string, files: Record<string, string> = {}, uncommitted: string[] = [], modified: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `firebreak-${purpose}-`));
  writeFileSync(join(dir, 'README.md'), '# a project\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  gitIn(dir, 'init', '-q');
  gitIn(dir, 'add', '--', 'README.md', ...Object.keys(files).filter((f) => !uncommitted.includes(f)));
  gitIn(dir, 'commit', '-q', '-m', 'initial');
  for (const [path, text] of Object.entries(modified)) writeFileSync(join(dir, path), text);
  return dir;
}
