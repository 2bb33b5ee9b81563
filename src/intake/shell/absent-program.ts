// A program run by its path (`./bin/hugo server`, `node_modules/.../tsc`, `bin/gh${EXE}`) that is not
// there when the command is judged, where nothing earlier in the same command could put it there: the
// shell finds nothing at that path, prints "No such file or directory" and runs nothing. There is no
// file to read, so it is judged by the name it is run by, as the program of that name would be
// (`./bin/flux uninstall` is flux's uninstall, `./bin/tool delete prod` an unmodelled program with a
// destructive verb): the same judgment the file gets once an earlier step has built or downloaded it
// under that name, without the stop "what it will contain is not visible" gives a command that cannot
// run. A file some step puts there later is read when the command that runs it is judged.
//
// Only inside the workspace (outside it, the hook may not see what the agent's shell sees: another HOME,
// a container), and not when anything earlier in the line may have written (it may be what creates the
// file), nor for a step of a CI workflow, whose earlier steps build and download (ci/scripts.ts).
import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { toolName, type RecognisedCommand } from './command.js';
import { pathContext } from './guard-files.js';
import { currentDir, isWithin } from './path-resolve.js';

export interface AbsentProgram {
  /** The name it is judged by. */
  name: string;
  why: string;
}

/** The name `program` (run by its path; `rc.argv[0]` by default) is judged by, and why, or undefined
 *  when it may exist. `alsoTried`: other paths the program runs by when it is not there (node's `x.js`). */
export function absentProgram(rc: RecognisedCommand, program = rc.argv[0], name = toolName(program ?? ''), alsoTried: readonly string[] = []): AbsentProgram | undefined {
  if (rc.firstToTouchFiles !== true || rc.files.size > 0 || !program || program.startsWith('~')) return undefined;
  const here = currentDir(pathContext(rc));
  if (here === undefined) return undefined;
  // Outside the workspace the hook may not see what the agent's shell sees (another HOME, a container).
  const workspace = rc.workspace ?? process.cwd();
  const computed = /[$`*?[\]{}]/.exec(program);
  if (computed) {
    // `bin/gh${EXE}`: whatever the shell makes of the rest, the path goes through bin/, which is not
    // there (Linux resolves every folder of a path, `bin/../x` too).
    const folder = program.slice(0, computed.index).replace(/[^/]*$/, '');
    const named = name.replace(/\$\{\w*\}|\$\w+/g, '');
    if (!folder || folder.startsWith('~') || /[$`*?[\]{}]/.test(named) || !named || !isWithin(resolve(here, folder), workspace) || !nothingAt(resolve(here, folder))) return undefined;
    return { name: named, why: `${program} goes through ${folder}, which does not exist, and nothing earlier in this command puts it there: whatever the shell makes of the rest, the command finds no file to run, so it is judged by its name, as the program \`${named}\` would be` };
  }
  if (!isWithin(resolve(here, program), workspace) || ![program, ...alsoTried].every((path) => nothingAt(resolve(here, path)))) return undefined;
  return { name, why: `${program} does not exist, and nothing earlier in this command puts it there: the command finds no file to run, so it is judged by its name, as the program \`${name}\` would be` };
}

/** Nothing at the path (a missing folder on the way counts too). */
function nothingAt(path: string): boolean {
  try {
    lstatSync(path);
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}
