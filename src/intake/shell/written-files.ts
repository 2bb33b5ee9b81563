// What a command line writes into files before it runs them: `cat > x.py <<EOF ... EOF && python3
// x.py` is judged on the heredoc, not on what is on disk. Writes whose content is not visible
// (`curl -o x.sh`, `cmd > x.sh`) are recorded as such, so a later run of the file is unknown
// rather than judged on a stale copy.
import { COPIED_CONTENT, OPAQUE_CONTENT, writtenFileKey } from '../code/source.js';
import { PRINTING_COMMANDS } from '../../knowledge/shell-commands.js';
import { toolName } from './command.js';
import { stdinOf } from './stdin.js';
import type { SimpleCommand } from './syntax.js';
import type { ShellState } from './walk.js';
import { unwrap } from './unwrap.js';


const WRITE_REDIRECTS = new Set(['>', '>|', '&>', '>>', '&>>']);
const MAX_RECORDED = 1024 * 1024;

/** A file this command writes: its whole new text when the line shows it, else what fills it. */
export type WrittenFile = { path: string; text: string } | { path: string; hidden: string };

/** Records what this command writes; returns the files it writes (not copies or moves). */
export function recordWrittenFiles(cmd: SimpleCommand, state: ShellState): WrittenFile[] {
  const shown: WrittenFile[] = [];
  const files = (state.files ??= new Map());
  const u = unwrap(cmd.words, state.env);
  const argv = u.words.map((w) => w.value);
  const name = argv[0] ? toolName(argv[0]) : '';
  const record = (path: string, content: string, append: boolean) => {
    const key = writtenFileKey(path, state.cwd);
    const before = files.get(key);
    const text = append && before !== undefined && !before.startsWith('\u0000') ? before + content : append && before !== undefined ? before : content;
    files.set(key, text.length > MAX_RECORDED ? `${OPAQUE_CONTENT}more text than Firebreak keeps` : text);
    if (!text.startsWith('\u0000') && text.length <= MAX_RECORDED) shown.push({ path: key, text });
    else shown.push({ path: key, hidden: content.startsWith(OPAQUE_CONTENT) ? content.slice(OPAQUE_CONTENT.length) : 'more text than Firebreak keeps' });
  };
  const output = stdoutText(cmd, name, argv);
  for (const r of cmd.redirects) {
    if (!WRITE_REDIRECTS.has(r.op) || !r.target || (r.fd !== undefined && r.fd !== '1')) continue;
    if (r.target.dynamic || r.target.value.startsWith('/dev/')) continue;
    record(r.target.value, output ?? `${OPAQUE_CONTENT}the output of ${name || 'a command'}`, r.op === '>>' || r.op === '&>>');
  }
  if (name === 'tee') {
    const append = argv.some((a) => a === '-a' || a === '--append');
    const stdin = stdinOf(cmd);
    const text = stdin.kind === 'text' ? stdin.text + '\n' : `${OPAQUE_CONTENT}${stdin.kind === 'opaque' ? stdin.from : 'the terminal'}`;
    for (const f of argv.slice(1).filter((a) => !a.startsWith('-'))) record(f, text, append);
  }
  if ((name === 'cp' || name === 'mv' || name === 'install' || name === 'ln') && argv.length >= 3) {
    const operands = argv.slice(1).filter((a) => !a.startsWith('-'));
    const dest = operands[operands.length - 1];
    if (operands.length === 2 && dest) files.set(writtenFileKey(dest, state.cwd), `${COPIED_CONTENT}${writtenFileKey(operands[0], state.cwd)}`);
  }
  const outputOption = optionValue(argv, name === 'curl' ? ['-o', '--output'] : name === 'wget' ? ['-O', '--output-document'] : []);
  if (outputOption) record(outputOption, `${OPAQUE_CONTENT}a download by ${name}`, false);
  if (name === 'dd') {
    const of = argv.find((a) => a.startsWith('of='));
    if (of) record(of.slice(3), `${OPAQUE_CONTENT}data written by dd`, false);
  }
  if ((name === 'sed' || name === 'perl' || name === 'ruby') && argv.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith('--in-place'))) {
    for (const f of argv.slice(2).filter((a) => !a.startsWith('-'))) if (files.has(writtenFileKey(f, state.cwd))) record(f, `${OPAQUE_CONTENT}an in-place edit by ${name}`, false);
  }
  return shown;
}

/** What the command prints, when the command line shows it: echo/printf arguments, cat of a heredoc. */
function stdoutText(cmd: SimpleCommand, name: string, argv: string[]): string | undefined {
  if (PRINTING_COMMANDS.has(name)) {
    if (cmd.words.slice(1).some((w) => w.substitutions.length)) return undefined;
    return printed(name, argv.slice(1));
  }
  if (name === 'cat' && argv.slice(1).every((a) => a.startsWith('-') || a === '-')) {
    const stdin = stdinOf(cmd);
    return stdin.kind === 'text' ? `${stdin.text}\n` : undefined;
  }
  return undefined;
}

function printed(name: string, args: string[]): string {
  let i = 0;
  let newline = true;
  let escapes = false;
  if (name === 'echo') {
    while (i < args.length && /^-[neE]+$/.test(args[i])) {
      if (args[i].includes('n')) newline = false;
      if (args[i].includes('e')) escapes = true;
      i++;
    }
    const text = args.slice(i).join(' ');
    return (escapes ? unescape(text) : text) + (newline ? '\n' : '');
  }
  const [format = '', ...rest] = args;
  let n = 0;
  return unescape(format).replace(/%[-#0 +]*\d*(\.\d+)?[sdbqcixXfeEgG%]/g, (m) => (m === '%%' ? '%' : rest[n++] ?? ''));
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|'|"|0[0-7]{0,3}|x[0-9a-fA-F]{1,2})/g, (_m, e: string) => {
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === 'r') return '\r';
    if (e[0] === '0') return String.fromCharCode(parseInt(e, 8) || 0);
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return e;
  });
}

function optionValue(argv: string[], names: string[]): string | undefined {
  const short = names.filter((n) => /^-[^-]$/.test(n)).map((n) => n[1]);
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (names.includes(a)) return argv[i + 1];
    for (const n of names) if (n.startsWith('--') && a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    // A cluster of short flags ending in the option (`curl -sSLo out`) or with its value attached (`-oout`).
    if (/^-[^-]/.test(a)) {
      const at = [...a.slice(1)].findIndex((c) => short.includes(c));
      if (at >= 0) return a.length > at + 2 ? a.slice(at + 2) : argv[i + 1];
    }
  }
  return undefined;
}
