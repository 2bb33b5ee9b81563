// Emptying a file is deleting what it holds: `: > notes.md`, `> f`, `cat /dev/null > f`, `echo -n > f`,
// `printf '' > f`, `cp /dev/null f`, `truncate -s 0 f`, `dd if=/dev/zero of=f`, `ln -sf /dev/null f`.
// Each is judged as `rm` of that file (recognisers/filesystem.ts): a committed, unchanged file passes
// (git gives it back), as does one in the temp folder or a mktemp scratch folder; an untracked file,
// or one with uncommitted work, does not. Writing new content over a file is not this: it is routine.
import type { PlannedAction } from '../types.js';
import { READ_ONLY_COMMANDS } from '../../knowledge/guard-files.js';
import { commandEvidence, toolName, type RecognisedCommand } from './command.js';
import type { SimpleCommand, Word } from './syntax.js';
import { literalWord } from './unwrap.js';

/** Files that are a device or stream, never a file's content. */
const DEVICE = /^\/dev\/(null|zero|stdin|stdout|stderr|tty|fd\/\d+|urandom|random|full)$/;
/** Sources whose copy holds nothing the file held: empty (`/dev/null`) or noise. */
const EMPTY_OR_NOISE = /^\/dev\/(null|zero|urandom|random)$/;
const TRUNCATING_REDIRECTS = new Set(['>', '>|', '&>']);

interface Emptied { word: Word; how: string }

/** The files this command leaves empty (or filled with noise), and how. */
export function emptiedFiles(cmd: SimpleCommand, rc: RecognisedCommand): Emptied[] {
  const out: Emptied[] = [];
  const program = rc.argv.length ? toolName(rc.argv[0]) : '';
  // Code's writes are replayed as `true > FILE` (src/intake/code/effects.ts): content written, not emptied.
  // A bare redirect (`> f`) is silent; a command whose wrapper runs nothing named (`xargs`, `env`) prints.
  // A compound command's redirect (`while ...; done > f`) takes what its body prints.
  const silent = !rc.replaysCode && !cmd.ofCompound && (cmd.words.length === 0 || (rc.argv.length > 0 && printsNothing(program, rc.argv, cmd)));
  if (silent) {
    for (const r of cmd.redirects) {
      if (!r.target || r.heredoc || !TRUNCATING_REDIRECTS.has(r.op) || DEVICE.test(r.target.value) || /^&?\d+$|^&-$/.test(r.target.value)) continue;
      out.push({ word: r.target, how: `\`${(rc.argv.join(' ') || '').trim()}${rc.argv.length ? ' ' : ''}${r.fd ?? ''}${r.op} ${r.target.value}\` writes nothing into ${r.target.value}: the shell empties it` });
    }
  }
  if (!rc.replaysCode && !cmd.ofCompound) out.push(...readBackAfterTruncating(program, rc, cmd));
  const words = rc.words.slice(1);
  if (program === 'cp' || program === 'install') out.push(...copiedFromDevice(program, words));
  if (program === 'truncate') out.push(...truncated(words));
  if (program === 'dd') out.push(...ddOverwrites(words));
  if (program === 'ln') out.push(...linkedToDevice(words));
  if (program === 'tee' && !rc.replaysCode && readsNothing(cmd, rc)) {
    const files = operandsOf(words, /^--output-error$/).filter((w) => !DEVICE.test(w.value));
    if (!words.some((w) => /^-[a-zA-Z]*a[a-zA-Z]*$|^--append$/.test(w.value))) out.push(...files.map((w) => ({ word: w, how: `\`tee ${w.value}\` is given nothing to write: it empties ${w.value}` })));
  }
  if (program === 'sed' && words.some((w) => /^(-[a-zA-Z]*i.*|--in-place(=.*)?)$/.test(w.value))) out.push(...sedDeletesAll(words));
  return out;
}

/** `: | tee f`, `tee f < /dev/null`, `echo -n | tee f`: stdin holds nothing. */
function readsNothing(cmd: SimpleCommand, rc: RecognisedCommand): boolean {
  if (cmd.redirects.some((r) => r.op === '<' && r.target?.value === '/dev/null')) return true;
  if (rc.stdin.kind === 'text') return rc.stdin.text === '';
  const from = cmd.pipedFrom;
  if (!from || from.redirects.some((r) => r.op === '<' || r.op === '<<' || r.op === '<<<')) return false;
  const argv = from.words.map((w) => w.value);
  return argv.length > 0 && !from.words.some((w) => w.dynamic) && printsNothing(toolName(argv[0]), argv, from);
}

/** `sed -i d f`, `sed -i '1,$d' f`: every line is deleted. */
function sedDeletesAll(words: Word[]): Emptied[] {
  const operands = operandsOf(words, /^(-[a-zA-Z]*[ef]|--expression|--file|-l|--line-length)$/);
  const script = words.some((w) => /^-[a-zA-Z]*e$|^--expression/.test(w.value)) ? undefined : operands[0];
  if (!script || !/^\s*(1\s*,\s*\$\s*)?d\s*$/.test(script.value)) return [];
  return operands.slice(1).map((w) => ({ word: w, how: `\`sed -i ${script.value}\` deletes every line of ${w.value}` }));
}

/** `cat notes.md > notes.md`, `sort -u f > f`: the shell empties the file before the command reads it, so it
 *  reads nothing. */
function readBackAfterTruncating(program: string, rc: RecognisedCommand, cmd: SimpleCommand): Emptied[] {
  const out: Emptied[] = [];
  const reader = READ_ONLY_COMMANDS.has(program) || FILTERS.has(program);
  const same = (a: string, b: string) => a.replace(/^(\.\/)+/, '') === b.replace(/^(\.\/)+/, '');
  for (const r of cmd.redirects) {
    if (!r.target || r.heredoc || !TRUNCATING_REDIRECTS.has(r.op) || DEVICE.test(r.target.value)) continue;
    if (reader && rc.argv.slice(1).some((a) => !a.startsWith('-') && same(a, r.target!.value))) {
      out.push({ word: r.target, how: `\`${program}\` reads ${r.target.value}, which the shell has emptied for its output before it runs` });
    }
  }
  return out;
}

/** Programs that filter what they read into their output, besides the readers. */
const FILTERS = new Set(['sort', 'uniq', 'sed', 'awk', 'gawk', 'mawk', 'yq', 'xxd', 'base64', 'iconv']);

/** `truncate -s 0 {}`, `cp /dev/null {}`: a command find runs that empties each match (find judges it as -delete). */
export function emptiesEachMatch(argv: readonly string[]): boolean {
  const words = argv.slice(1).map((a) => literalWord(a));
  const program = toolName(argv[0] ?? '');
  const found = program === 'truncate' ? truncated(words) : program === 'cp' || program === 'install' ? copiedFromDevice(program, words) : [];
  return found.some((e) => e.word.value === '{}');
}

/** `:`, `true`, `cat /dev/null`, `echo -n`, `printf ''`: a command whose output is nothing. */
function printsNothing(program: string, argv: readonly string[], cmd: SimpleCommand): boolean {
  const args = argv.slice(1);
  if (program === ':' || program === 'true' || program === 'false') return true;
  if (program === 'cat') {
    const files = args.filter((a) => a !== '-' && !a.startsWith('-'));
    const stdinEmpty = cmd.redirects.some((r) => r.op === '<' && r.target?.value === '/dev/null');
    return files.length ? files.every((f) => f === '/dev/null') && (!args.includes('-') || stdinEmpty) : stdinEmpty;
  }
  if (program === 'echo') {
    const flags = args.filter((a) => /^-[neE]+$/.test(a));
    const rest = args.slice(flags.length);
    return flags.some((f) => f.includes('n')) && rest.every((a) => a === '');
  }
  if (program === 'printf') {
    const format = args[0] === '--' ? args[1] : args[0];
    const values = args.slice(args[0] === '--' ? 2 : 1);
    return format !== undefined && /^(%[sb])*$/.test(format) && values.every((v) => v === '');
  }
  if (program === 'head' || program === 'tail') return args.some((a, i) => /^(-c0+|--bytes=0+|-n0+|--lines=0+)$/.test(a) || (/^-[cn]$/.test(a) && /^0+$/.test(args[i + 1] ?? '')));
  return false;
}

function operandsOf(words: Word[], valued: RegExp): Word[] {
  const out: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === '--') { out.push(...words.slice(i + 1)); break; }
    if (v.startsWith('-') && v !== '-') { if (valued.test(v)) i++; continue; }
    out.push(words[i]);
  }
  return out;
}

/** `cp /dev/null f`, `install -m 644 /dev/null f`. */
function copiedFromDevice(program: string, words: Word[]): Emptied[] {
  if (words.some((w) => /^(-t|--target-directory)(=|$)/.test(w.value))) return [];
  const operands = operandsOf(words, program === 'install' ? /^-[mogS]$|^--(mode|owner|group|suffix)$/ : /^-S$|^--suffix$/);
  if (operands.length < 2) return [];
  const dest = operands[operands.length - 1];
  const sources = operands.slice(0, -1).map((w) => w.value);
  if (!sources.every((s) => EMPTY_OR_NOISE.test(s)) || DEVICE.test(dest.value)) return [];
  return [{ word: dest, how: `\`${program} ${sources.join(' ')} ${dest.value}\` replaces what ${dest.value} holds with ${sources.join(' ')}` }];
}

/** `truncate -s 0 f`, `--size=-10`, `-s /4K`, `-r /dev/null f`: a size that may cut the file loses what was past it. */
function truncated(words: Word[]): Emptied[] {
  let size: string | undefined;
  let reference: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    const m = /^(?:--(size|reference)(?:=(.*))?|-[co]*([sr])(.*))$/.exec(v);
    if (!m) continue;
    const value = m[2] ?? (m[4] || undefined) ?? words[++i]?.value ?? '';
    if ((m[1] ?? m[3]).startsWith('s')) size = value;
    else reference = value;
  }
  // `+N` extends, `>N` is at least N, `%N` rounds up: only these never cut.
  const shrinks = reference !== undefined || (size !== undefined && !/^[+>%]/.test(size));
  if (!shrinks) return [];
  return operandsOf(words, /^-[co]*[sr]$|^--(size|reference)$/).map((w) => ({ word: w, how: `\`truncate ${reference !== undefined ? `-r ${reference}` : `-s ${size}`}\` cuts ${w.value} down, and what it held past that size is gone` }));
}

/** `dd if=/dev/zero of=f`, `dd of=f count=0`: the file's content is replaced by zeros, noise or nothing. */
function ddOverwrites(words: Word[]): Emptied[] {
  const arg = (k: string) => words.find((w) => w.value.startsWith(`${k}=`))?.value.slice(k.length + 1);
  const of = words.find((w) => w.value.startsWith('of='));
  const input = arg('if');
  if (!of || DEVICE.test(of.value.slice(3))) return [];
  if (!(input !== undefined && EMPTY_OR_NOISE.test(input)) && !/^0+$/.test(arg('count') ?? '')) return [];
  const target = of.value.slice(3);
  return [{ word: { ...literalWord(target), dynamic: of.dynamic || target.includes('$') }, how: `\`dd${input ? ` if=${input}` : ''} of=${target}\` writes ${input ?? 'nothing'} over what ${target} holds` }];
}

/** `ln -sf /dev/null f`: the file is replaced by a link to nothing. */
function linkedToDevice(words: Word[]): Emptied[] {
  const force = words.some((w) => /^-[a-zA-Z]*f[a-zA-Z]*$|^--force$/.test(w.value));
  if (!force || words.some((w) => /^(-t|--target-directory)(=|$)/.test(w.value))) return [];
  const operands = operandsOf(words, /^-S$|^--suffix$/);
  if (operands.length !== 2 || !DEVICE.test(operands[0].value) || DEVICE.test(operands[1].value)) return [];
  return [{ word: operands[1], how: `\`ln -f ${operands[0].value} ${operands[1].value}\` replaces ${operands[1].value} with a link to ${operands[0].value}` }];
}

/** The emptied files, judged as deletes of their content. */
export async function emptiedFileActions(cmd: SimpleCommand, rc: RecognisedCommand): Promise<PlannedAction[]> {
  const emptied = emptiedFiles(cmd, rc);
  if (!emptied.length) return [];
  const { deleteContent } = await import('./recognisers/filesystem.js');
  // A file that is not there holds nothing to lose: no action. Outside the workspace a write is judged by
  // where it lands (recognisers/file-writes.ts) whatever it writes; what the line linked or moved there is judged here.
  return emptied.flatMap((e) => deleteContent(rc, e.word, [commandEvidence(`${e.how}: as deleting the file, what it held is lost unless git holds it`, 'empties', e.word.value)]))
    .filter((a) => a.details?.absent !== true && (a.details?.withinWorkspace === true || a.evidence.some((ev) => ev.key === 'moved')));
}
