// Real archives for tests: made by the real tar (by extension) or zip from files staged in a temp folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ArchiveOptions {
  /** Symbolic links to add: member name -> link target. */
  links?: Record<string, string>;
  /** Put the links before the files in the archive (a link a later member is written through). */
  linksFirst?: boolean;
  tarArgs?: string[];
  /** Temp folders made here are pushed onto this list for the test to remove. */
  made: string[];
}

/** Builds `name` in `dir` from `members` (member name -> text). */
export function makeArchive(dir: string, name: string, members: Record<string, string>, options: ArchiveOptions): void {
  const links = options.links ?? {};
  const stage = mkdtempSync(join(tmpdir(), 'firebreak-stage-'));
  options.made.push(stage);
  for (const [p, t] of Object.entries(members)) {
    mkdirSync(dirname(join(stage, p)), { recursive: true });
    writeFileSync(join(stage, p), t);
  }
  for (const [p, target] of Object.entries(links)) {
    mkdirSync(dirname(join(stage, p)), { recursive: true });
    symlinkSync(target, join(stage, p));
  }
  const names = options.linksFirst ? [...Object.keys(links), ...Object.keys(members)] : [...Object.keys(members), ...Object.keys(links)];
  if (name.endsWith('.zip')) execFileSync('zip', ['-q', '-y', join(dir, name), ...names], { cwd: stage });
  else execFileSync('tar', [name.endsWith('gz') ? '-czf' : '-cf', join(dir, name), ...(options.tarArgs ?? []), ...names], { cwd: stage });
}
