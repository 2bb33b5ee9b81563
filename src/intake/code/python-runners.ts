// `coverage run x.py`, `python -m cProfile x.py`, `py-spy record -- python x.py`: a program that runs
// a Python script or module under itself is judged as `python` running it (the table is
// knowledge/code/python-runners.ts). What it runs that Firebreak cannot find is unknown.
import { PYTHON_RUNNERS } from '../../knowledge/code/python-runners.js';
import { commandEvidence, toolName, unknownCommand, type Recogniser } from '../shell/command.js';
import { quoteWord } from '../shell/unwrap.js';

/** pdb commands that only run, step or stop the program. */
const PLAIN_DEBUGGER_COMMANDS = /^(c|cont|continue|q|quit|exit|n|next|s|step|r|return|w|where|bt|l|list|ll|longlist|h|help)$/;

export const pythonRunner: Recogniser = async (rc) => {
  const name = toolName(rc.argv[0] ?? '');
  const runner = PYTHON_RUNNERS[name];
  if (!runner) return [];
  let i = 1;
  if (runner.sub) {
    while (i < rc.argv.length && rc.argv[i]!.startsWith('-')) i++;
    if (!runner.sub.includes(rc.argv[i] ?? '')) return [];
    i++;
  }
  const under = { evidence: [commandEvidence(`run under ${name}`, 'runner', name)] };
  const setup: string[] = [];
  for (; i < rc.argv.length; i++) {
    const a = rc.argv[i]!;
    const [flag, attached] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string | undefined => attached ?? rc.argv[++i];
    if (a === '--') {
      if (runner.commandAfterSeparator) return rc.nested(rc.argv.slice(i + 1).map(quoteWord).join(' '), under);
      i++;
      break;
    }
    if (runner.module?.includes(flag)) {
      const mod = value();
      if (mod === undefined) return [];
      return rc.nested(['python', '-m', mod, ...rc.argv.slice(i + 1)].map(quoteWord).join(' '), under);
    }
    if (runner.code?.includes(flag)) {
      const code = value();
      return code === undefined ? [] : rc.nested(['python', '-c', code].map(quoteWord).join(' '), under);
    }
    if (runner.debuggerCommands?.includes(flag)) {
      const commands = value() ?? '';
      if (!PLAIN_DEBUGGER_COMMANDS.test(commands.trim())) return [unknownCommand(rc, `${name} ${flag} ${commands}: debugger commands can run any Python, and Firebreak does not read them`)];
      continue;
    }
    if (runner.statements?.includes(flag)) {
      setup.push(value() ?? '');
      continue;
    }
    if (runner.valued.includes(flag)) {
      if (attached === undefined) i++;
      continue;
    }
    if (!a.startsWith('-') || a === '-') break;
  }
  const rest = rc.argv.slice(i);
  if (runner.statements) {
    const code = [...setup, ...rest].join('\n');
    return code.trim() ? rc.nested(['python', '-c', code].map(quoteWord).join(' '), under) : [];
  }
  if (!rest.length) return [];
  return rc.nested(['python', ...rest].map(quoteWord).join(' '), under);
};
