// Where a command's stdin comes from: heredoc, here-string, `echo ... |`, a file, a command.
import { PASS_THROUGH_COMMANDS, PRINTING_COMMANDS } from '../../knowledge/shell-commands.js';
import type { Stdin } from './command.js';
import { toolName } from './command.js';
import { printedText } from './printed.js';
import type { SimpleCommand } from './syntax.js';

/** Each command's answer, so that a long `cat | tee | cat | ...` chain is followed once (linear). */
const known = new WeakMap<SimpleCommand, Stdin>();

export function stdinOf(cmd: SimpleCommand): Stdin {
  const cached = known.get(cmd);
  if (cached) return cached;
  // Walk back over pass-through stages (`tee`, `cat` without files) to the first one whose
  // stdin is decided by itself, then fill the chain forward: no recursion, each stage once.
  const chain: SimpleCommand[] = [];
  let at: SimpleCommand | undefined = cmd;
  let found: Stdin | undefined;
  while (at) {
    found = known.get(at) ?? ownStdin(at);
    if (found) break;
    chain.push(at);
    const from: SimpleCommand | undefined = at.pipedFrom;
    if (!from) break;
    found = pipedText(from);
    if (found) break;
    at = from; // `tee`/`cat` pass their own stdin on
  }
  const result = found ?? { kind: 'terminal' };
  for (const c of chain) known.set(c, result);
  known.set(cmd, result);
  return result;
}

/** Stdin set by the command's own redirects, when it has one. */
function ownStdin(cmd: SimpleCommand): Stdin | undefined {
  for (const r of cmd.redirects) {
    if (r.fd && r.fd !== '0') continue;
    if (r.heredoc) return { kind: 'text', text: r.heredoc.body, from: 'heredoc' };
    if (r.op === '<<<' && r.target) return r.target.dynamic && r.target.substitutions.length
      ? { kind: 'opaque', from: 'here-string with command output' }
      : { kind: 'text', text: r.target.value, from: 'here-string' };
    if (r.op === '<' && r.target) return { kind: 'opaque', from: `file ${r.target.value}` };
  }
  return undefined;
}

/** What a pipe from `from` carries, or undefined when `from` passes its own stdin through. */
function pipedText(from: SimpleCommand): Stdin | undefined {
  const name = from.words[0] ? toolName(from.words[0].value) : '';
  const args = from.words.slice(1);
  if (PRINTING_COMMANDS.has(name)) {
    if (args.some((w) => w.substitutions.length)) return { kind: 'opaque', from: `${name} of command output` };
    const text = printedText(name, args.map((w) => w.value));
    return text === undefined ? { kind: 'opaque', from: `${name} of backslash escapes, which the shell decides` } : { kind: 'text', text, from: name };
  }
  if (PASS_THROUGH_COMMANDS.has(name)) {
    const operands = args.filter((w) => !w.value.startsWith('-'));
    if (name === 'cat' && operands.length) return { kind: 'opaque', from: `file ${operands.map((w) => w.value).join(' ')}` };
    return undefined;
  }
  return { kind: 'opaque', from: `output of ${name || 'a command'}`, producer: from.words.map((w) => w.raw).join(' ') };
}

