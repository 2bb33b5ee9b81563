// Code an agent writes with a file tool, into a file other tools run without naming it (conftest.py,
// test modules, setup.py, *.config.js, Gemfile): the text the tool writes (whole content, edits
// applied to the file on disk, apply_patch's added lines), judged by intake/code/implicit.ts.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { runLaterTarget } from '../../knowledge/implicit-code.js';
import type { PlannedAction } from '../../intake/types.js';
import type { RecognisedCommand } from '../../intake/shell/command.js';
import type { HookCall } from '../protocol/types.js';
import type { ToolFile } from '../protocol/tools.js';
import { queueReadAhead, readAheadLanguage } from '../../intake/code/read-ahead.js';

const FULL_TEXT_KEYS = ['content', 'contents', 'file_text', 'text'];
const OLD_KEYS = ['old_string', 'old_str', 'oldText'];
const NEW_KEYS = ['new_string', 'new_str', 'newText'];

interface Written { text: string; whole: boolean }

/** The file's text after the tool call, or the new parts when the whole cannot be known. */
export function writtenText(call: HookCall, file: ToolFile): Written | undefined {
  const input = call.toolInput && typeof call.toolInput === 'object' ? (call.toolInput as Record<string, unknown>) : {};
  const full = FULL_TEXT_KEYS.map((k) => input[k]).find((v): v is string => typeof v === 'string');
  if (full !== undefined && file.access === 'write') return { text: full, whole: true };
  if (file.access === 'edit' || file.access === 'write') {
    const edits = replacements(input);
    if (edits.length) return applied(resolve(call.cwd, file.path), edits);
    const patch = patchText(input, file.path);
    if (patch !== undefined) return { text: patch, whole: false };
    if (full !== undefined) return { text: full, whole: false };
  }
  return undefined;
}

interface Replacement { old?: string; new: string; all: boolean }

function replacements(input: Record<string, unknown>): Replacement[] {
  const one = (o: Record<string, unknown>): Replacement | undefined => {
    const next = NEW_KEYS.map((k) => o[k]).find((v): v is string => typeof v === 'string');
    if (next === undefined) return undefined;
    const old = OLD_KEYS.map((k) => o[k]).find((v): v is string => typeof v === 'string');
    return { old, new: next, all: o.replace_all === true };
  };
  const list = Array.isArray(input.edits) ? input.edits.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object').map(one) : [one(input)];
  return list.filter((r): r is Replacement => !!r);
}

/** Applies the replacements to the file on disk; the new strings alone when it cannot. */
function applied(path: string, edits: Replacement[]): Written {
  const fragments = { text: edits.map((e) => e.new).join('\n'), whole: false };
  let text: string;
  try {
    if (!existsSync(path)) return fragments;
    text = readFileSync(path, 'utf8');
  } catch {
    return fragments;
  }
  for (const e of edits) {
    if (e.old === undefined) { text = `${text}\n${e.new}`; continue; }
    if (!text.includes(e.old)) return fragments;
    text = e.all ? text.split(e.old).join(e.new) : text.replace(e.old, () => e.new);
  }
  return { text, whole: true };
}

/** The lines an apply_patch patch adds to this file. */
function patchText(input: Record<string, unknown>, path: string): string | undefined {
  const patch = Object.values(input).find((v): v is string => typeof v === 'string' && v.includes('*** Begin Patch'));
  if (!patch) return undefined;
  const lines: string[] = [];
  let inFile = false;
  for (const line of patch.split('\n')) {
    const header = /^\*\*\* (Add|Update|Delete) File: (.+?)\s*$/.exec(line);
    if (header) { inFile = header[2] === path; continue; }
    if (line.startsWith('*** ')) continue;
    if (inFile && line.startsWith('+')) lines.push(line.slice(1));
  }
  return lines.length ? lines.join('\n') : undefined;
}

/**
 * The text of a file an apply_patch patch adds: its `+` lines, each ending in a newline as
 * apply_patch writes them. Only for the read-ahead: a text that is not quite what lands on disk is
 * a cache miss, not a verdict.
 */
function addedFileText(call: HookCall, path: string): string | undefined {
  const input = call.toolInput && typeof call.toolInput === 'object' ? (call.toolInput as Record<string, unknown>) : {};
  const patch = Object.values(input).find((v): v is string => typeof v === 'string' && v.includes('*** Begin Patch'));
  if (!patch) return undefined;
  let inFile = false;
  let text = '';
  for (const line of patch.split('\n')) {
    const header = /^\*\*\* (Add|Update|Delete) File: (.+?)\s*$/.exec(line);
    if (header) { inFile = header[1] === 'Add' && header[2] === path; continue; }
    if (line.startsWith('*** ')) { inFile = false; continue; }
    if (inFile && line.startsWith('+')) text += `${line.slice(1)}\n`;
  }
  return text || undefined;
}

/** What the written code would do when a tool runs it (intake/code/implicit.ts). */
export async function writtenCodeActions(call: HookCall, file: ToolFile, rc: RecognisedCommand): Promise<PlannedAction[]> {
  if (file.access !== 'write' && file.access !== 'edit') return [];
  // A script written whole is read after the answer, for the call that runs it (read-ahead.ts).
  const ahead = readAheadLanguage(file.path) ? writtenText(call, file) : undefined;
  const added = ahead && !ahead.whole && file.access === 'write' ? addedFileText(call, file.path) : undefined;
  if (ahead?.whole || added !== undefined) queueReadAhead(file.path, added ?? ahead!.text);
  const target = runLaterTarget(file.path, call.cwd);
  if (!target) return [];
  const [{ judgeWrittenCode, hiddenCodeWritten }, { parseShellCommand }] = await Promise.all([import('../../intake/code/implicit.js'), import('../../intake/shell/index.js')]);
  const written = ahead ?? writtenText(call, file);
  // A payload whose text this does not find (a shape no agent sends today) is not a pass.
  if (!written) return [hiddenCodeWritten(rc, target, `text the ${call.tool} call does not show`, call.tool)];
  const runner: RecognisedCommand = { ...rc, nested: (text) => parseShellCommand(text, { kind: 'shell', command: text.slice(0, 500) }, { cwd: call.cwd }) };
  return judgeWrittenCode(runner, { target, text: written.text, whole: written.whole, writer: call.tool });
}
