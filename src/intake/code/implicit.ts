// Code written into a file that tools run without naming it (conftest.py, test modules, setup.py,
// *.config.js, Gemfile: knowledge/implicit-code.ts), judged when it is written, by a file tool
// (agents/hook/written-code.ts) or by the shell (`cat > conftest.py <<EOF`): `pytest` later says
// nothing about what that code does. Only known operations on targets the code names count:
// writing is not running, and test code builds most of its paths at run time.
import type { PlannedAction } from '../types.js';
import { commandEvidence, type RecognisedCommand } from '../shell/command.js';
import type { ImplicitTarget } from '../../knowledge/implicit-code.js';
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
  const why = `${shown} is run by ${entry.loadedBy} without a command naming it: read when ${written.writer} writes it${written.whole ? '' : ' (the parts the edit adds)'}`;
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
