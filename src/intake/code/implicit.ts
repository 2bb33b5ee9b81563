// Code written into a file that tools run without naming it (conftest.py, test modules, setup.py,
// *.config.js, Gemfile: knowledge/implicit-code.ts), judged when it is written, by a file tool
// (agents/hook/written-code.ts) or by the shell (`cat > conftest.py <<EOF`): `pytest` later says
// nothing about what that code does. Only known operations on targets the code names count:
// writing is not running, and test code builds most of its paths at run time.
import { execFileSync } from '../../util/exec-file-sync.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, type RecognisedCommand } from '../shell/command.js';
import { implicitTarget, type ImplicitTarget } from '../../knowledge/implicit-code.js';
import { readFileText } from './source.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { languageOfPath } from './languages.js';
import { judgeCode, unreadable } from './index.js';

/** The largest text read this way (the code reader has its own cap). */
const MAX_CHARS = 256 * 1024;

export interface WrittenCode {
  /** Where it is written (knowledge/implicit-code.ts `implicitTarget`). */
  target: ImplicitTarget;
  text: string;
  /** False when only the parts an edit adds are known. */
  whole: boolean;
  /** Who writes it, for the report: `Write`, `the shell (cat > conftest.py)`. */
  writer: string;
  /** When it is read, if not as it is written: `pytest runs: ...`. */
  readWhen?: string;
}

/** A target the code names itself, not one it builds at run time (`${RUNTIME_VALUE}/dist`, `*`). */
function definite(id: string): boolean {
  return !/\$\{|runtime_value|^\*$|^\(/i.test(id);
}

/** What the written code would do when a tool runs it. */
export async function judgeWrittenCode(rc: RecognisedCommand, written: WrittenCode): Promise<PlannedAction[]> {
  const { entry, shown, absolute } = written.target;
  const language = entry.language ?? languageOfPath(absolute);
  if (!written.text.trim()) return [];
  // What cannot be read here is code nobody has read, as a download written there would be.
  if (!language) return [hiddenCodeWritten(rc, written.target, 'code in a language Firebreak does not read', written.writer)];
  if (written.text.length > MAX_CHARS) return [hiddenCodeWritten(rc, written.target, `${Math.round(written.text.length / 1024)} KB of code, more than Firebreak reads`, written.writer)];
  const actions = await judgeCode(rc, { language, text: written.text, origin: { file: shown, absolute } });
  const why = `${shown} is run by ${entry.loadedBy} without a command naming it: read when ${written.readWhen ?? `${written.writer} writes it`}${written.whole ? '' : ' (the parts the edit adds)'}`;
  const note = commandEvidence(why, shown);
  return actions
    .filter((a) => a.operation !== 'unknown' && definite(a.target.id))
    // First among what the reason cites: why a file write is judged by what its code does.
    .map((a) => ({ ...a, evidence: [note, ...a.evidence], ...(a.intrinsic ? { intrinsic: { ...a.intrinsic, evidence: [note, ...a.intrinsic.evidence] } } : {}) }));
}

/** Code nobody can read (a download, another program's output) written where tools run it unnamed. */
export function hiddenCodeWritten(rc: RecognisedCommand, target: ImplicitTarget, filledBy: string, writer: string): PlannedAction {
  return unreadable(rc, target.shown, `${writer} fills ${target.shown} with ${filledBy}, code nobody has read that ${target.entry.loadedBy} will run without a command naming it`);
}

/** Uncommitted files read when a loader runs; past this the rest is code nobody has read. */
const MAX_UNCOMMITTED = 200;

/**
 * Implicitly-run files in the repository of `root` that git shows as untracked, or changed since
 * the branch left its upstream (since HEAD without one), committed or not, read as if written now
 * (only known operations on targets the code names count, as when written). Usually one `git
 * status`; a second call only when the branch has commits its upstream lacks. Not a git
 * repository: nothing to compare with, nothing read. git failing otherwise: unknown.
 */
export async function uncommittedImplicitCode(rc: RecognisedCommand, root: string, loader: string, deadline = Infinity): Promise<PlannedAction[]> {
  const top = repositoryTop(root);
  if (!top) return [];
  let changed: string[];
  try {
    changed = changedFiles(top);
  } catch (e) {
    const stderr = String((e as { stderr?: unknown }).stderr ?? '');
    return [unreadable(rc, loader, `${loader} loads files no command names, and which of them have uncommitted changes could not be told (git: ${stderr.trim().split('\n')[0] || (e as Error).message})`)];
  }
  const targets = [...new Set(changed)].map((p) => implicitTarget(join(top, p), root, root)).filter((t): t is ImplicitTarget => t !== undefined);
  const out: PlannedAction[] = [];
  const writer = 'a change git has not committed (or not pushed upstream)';
  for (const [i, target] of targets.slice(0, MAX_UNCOMMITTED).entries()) {
    // Reads are cached by text (cache.ts): a later call goes further in the same time.
    if (performance.now() > deadline) {
      out.push(unreadable(rc, target.shown, `${loader} loads ${targets.length - i} more uncommitted files without a command naming them, and reading them would pass the time one check may take`));
      break;
    }
    const read = readFileText(target.absolute, target.shown);
    if (!read.ok) out.push(unreadable(rc, target.shown, `${loader} loads ${target.shown} without a command naming it, and its ${writer.replace(/^a /, '')} cannot be read: ${read.why}`));
    else out.push(...(await judgeWrittenCode(rc, { target, text: read.text, whole: true, writer, readWhen: `${loader} runs, as it has ${writer}` })));
  }
  if (targets.length > MAX_UNCOMMITTED) out.push(unreadable(rc, join(root, '...'), `${targets.length} uncommitted files that ${loader} loads without a command naming them, more than the ${MAX_UNCOMMITTED} Firebreak reads on one call`));
  return out;
}

/** The folder holding `.git` at or above `dir`, found on disk without starting git. */
function repositoryTop(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

/** Paths (relative to the repository's top) of untracked files and of files that differ from the base, deletions left out. */
function changedFiles(top: string): string[] {
  const git = (args: string[]) => execFileSync('git', ['-C', top, ...args], { encoding: 'utf8', timeout: 1500, stdio: ['ignore', 'pipe', 'pipe'] });
  const files: string[] = [];
  let ahead = 0;
  for (const entry of git(['status', '--porcelain=v2', '-z', '--branch', '--untracked-files=all', '--no-renames']).split('\0')) {
    const fields = entry.split(' ');
    if (entry.startsWith('# branch.ab ')) ahead = Number.parseInt(fields[2]?.slice(1) ?? '0', 10) || 0;
    else if (entry.startsWith('? ')) files.push(entry.slice(2));
    else if (entry.startsWith('1 ') && !fields[1]?.includes('D')) files.push(fields.slice(8).join(' '));
    else if (entry.startsWith('u ')) files.push(fields.slice(10).join(' '));
  }
  // Commits the upstream does not have yet are the agent's as much as uncommitted edits are.
  if (ahead > 0) files.push(...git(['diff', '--name-only', '-z', '--no-renames', '--diff-filter=d', '--merge-base', '@{upstream}']).split('\0').filter(Boolean));
  return files;
}
