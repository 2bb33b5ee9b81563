// Where a command's stdin comes from: heredoc, here-string, `echo ... |`, a file, a command.
import { PASS_THROUGH_COMMANDS, PRINTING_COMMANDS } from '../../knowledge/shell-commands.js';
import type { Stdin } from './command.js';
import { toolName } from './command.js';
import type { SimpleCommand } from './syntax.js';

export function stdinOf(cmd: SimpleCommand): Stdin {
  for (const r of cmd.redirects) {
    if (r.fd && r.fd !== '0') continue;
    if (r.heredoc) return { kind: 'text', text: r.heredoc.body, from: 'heredoc' };
    if (r.op === '<<<' && r.target) return r.target.dynamic && r.target.substitutions.length
      ? { kind: 'opaque', from: 'here-string with command output' }
      : { kind: 'text', text: r.target.value, from: 'here-string' };
    if (r.op === '<' && r.target) return { kind: 'opaque', from: `file ${r.target.value}` };
  }
  if (cmd.pipedFrom) return pipedText(cmd.pipedFrom);
  return { kind: 'terminal' };
}

function pipedText(from: SimpleCommand): Stdin {
  const name = from.words[0] ? toolName(from.words[0].value) : '';
  const args = from.words.slice(1);
  if (PRINTING_COMMANDS.has(name)) {
    if (args.some((w) => w.substitutions.length)) return { kind: 'opaque', from: `${name} of command output` };
    return { kind: 'text', text: printed(name, args.map((w) => w.value)), from: name };
  }
  if (PASS_THROUGH_COMMANDS.has(name)) {
    const operands = args.filter((w) => !w.value.startsWith('-'));
    if (name === 'cat' && operands.length) return { kind: 'opaque', from: `file ${operands.map((w) => w.value).join(' ')}` };
    return stdinOf(from);
  }
  return { kind: 'opaque', from: `output of ${name || 'a command'}` };
}

function printed(name: string, args: string[]): string {
  let i = 0;
  if (name === 'echo') while (i < args.length && /^-[neE]+$/.test(args[i])) i++;
  const rest = args.slice(i);
  if (name === 'printf') return (rest[0] ?? '').replace(/\\n/g, '\n').replace(/%s/g, () => rest.splice(1, 1)[0] ?? '');
  return rest.join(' ');
}
