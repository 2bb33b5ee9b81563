// A module in a folder Python searches before its standard library replaces the standard module
// for every import of that name: `PYTHONPATH=. pytest` with a changed ./json.py runs that file
// whenever pytest (or anything it loads) imports json. The first folder Python searches is the
// script's own (`python tools/run.py`), the working folder (`-c`, `-m`, stdin), then PYTHONPATH.
// Such a module, unless committed as it is, is read as code the command runs (committed code is
// routine, as with the test runners' implicit code: src/intake/code/implicit.ts).
import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { PlannedAction } from '../types.js';
import { committedClean } from '../../fast/git-status.js';
import { PYTHON_STDLIB_MODULES } from '../../knowledge/code/python-stdlib.js';
import { commandEvidence, type RecognisedCommand } from '../shell/command.js';
import { existsFile, scriptPath } from './source.js';

/** The standard-library names `folder` (absolute) shadows: `NAME.py` or a package `NAME/__init__.py`. */
export function shadowingFiles(folder: string): { name: string; file: string }[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const out: { name: string; file: string }[] = [];
  for (const entry of names) {
    const name = entry.endsWith('.py') ? entry.slice(0, -3) : entry;
    if (!PYTHON_STDLIB_MODULES.has(name)) continue;
    const file = entry.endsWith('.py') ? join(folder, entry) : join(folder, entry, '__init__.py');
    if (existsFile(file)) out.push({ name, file });
  }
  return out;
}

/** Judges the shadowing modules of `folder` that are not committed as they are. */
export async function judgeShadowingModules(rc: RecognisedCommand, folder: string, why: string): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const { name, file } of shadowingFiles(folder)) {
    if (committedClean(folder, file) === true) continue;
    // Loaded here, not at the top: the shell chunk imports this module, and a static import would
    // put the whole code reader into the load of every judged call (docs/hook-speed.md, wave 9).
    const { judgeScriptFile } = await import('./index.js');
    const rel = relative(scriptPath(rc, '.'), file);
    const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
    const actions = await judgeScriptFile(rc, shown, { language: 'python' });
    const note = commandEvidence(`${shown} replaces the standard module ${name} for every Python this command starts (${why}), and it is not committed as it is`, 'module', name);
    out.push(...actions.map((a) => ({ ...a, evidence: [...a.evidence, note] })));
  }
  return out;
}
