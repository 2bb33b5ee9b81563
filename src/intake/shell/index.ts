// Shell-command intake: one command line (or script) an agent wants to run -> planned actions.
// A cheap pre-check answers the common local commands (`ls -la`, `npm test`) without loading
// the parser and recognisers; everything else is parsed and walked.
import { InputError } from '../../errors.js';
import type { SourceRef } from '../../model.js';
import type { PlannedAction } from '../types.js';
import { cwdNeedsWalk } from '../../knowledge/guard-files.js';
import { isObviouslyLocal } from './precheck.js';

let walker: Promise<typeof import('./walk.js')> | undefined;

export interface ShellIntakeOptions {
  /** Absolute directory the command runs in: scripts, Makefiles and package.json are read from it. */
  cwd?: string;
  /** The command is one step of a file (a CI workflow, a script) whose earlier steps are not judged with
   *  it: what they wrote is not visible, so nothing may be taken as not there yet (first to touch). */
  afterUnseenSteps?: boolean;
}

export async function parseShellCommand(command: string, source: Partial<SourceRef> = {}, options: ShellIntakeOptions = {}): Promise<PlannedAction[]> {
  if (typeof command !== 'string') throw new InputError('shell command must be a string', source.file, source.line !== undefined ? `line ${source.line}` : undefined);
  if (isObviouslyLocal(command) && !cwdNeedsWalk(options.cwd)) return [];
  walker ??= import('./walk.js');
  const { walk } = await walker;
  const { kind: _kind, command: _command, ...where } = source;
  const actions = await walk(command, { source: where, hints: {}, evidence: [], state: { env: {}, line: { mayHaveWritten: options.afterUnseenSteps === true }, ...(options.cwd ? { workspace: options.cwd } : {}) }, depth: 0 });
  // One pass over the file targets of every action, whichever recogniser made it (guard-files.ts).
  return (await import('./guard-files.js')).guardFileActions(actions, options.cwd);
}
