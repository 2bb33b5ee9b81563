// A git repository in the temp folder with the given files committed; scripts with `#!` are
// executable, as a project's scripts are. Shared by the shell tests that run scripts by path.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function committedWorkspace(purpose: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), `firebreak-${purpose}-`));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
    if (text.startsWith('#!')) chmodSync(join(dir, path), 0o755);
  }
  execFileSync('git', ['init', '-q', dir]);
  execFileSync('git', ['-C', dir, 'add', '-A']);
  execFileSync('git', ['-C', dir, '-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'x', '--allow-empty']);
  return dir;
}
