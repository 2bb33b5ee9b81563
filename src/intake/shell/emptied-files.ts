// Emptying a file is deleting what it holds: `: > notes.md`, `> f`, `cat /dev/null > f`, `echo -n > f`,
// `printf '' > f`, `cp /dev/null f`, `truncate -s 0 f`, `dd if=/dev/zero of=f`, `ln -sf /dev/null f`.
// Each is judged as `rm` of that file (recognisers/filesystem.ts): a committed, unchanged file passes
// (git gives it back), as does one in the temp folder or a mktemp scratch folder; an untracked file,
// or one with uncommitted work, does not. Writing new content over a file is not this: it is routine.
import type { PlannedAction } from '../types.js';
import { READ_ONLY_COMMANDS } from '../../knowledge/guard-files.js';
import { commandEvidence, toolName, XARGS_PLACEHOLDER, type RecognisedCommand } from './command.js';
import type { SimpleCommand, Word } from './syntax.js';
import { literalWord } from './unwrap.js';
import { writtenFileKey } from '../code/source.js';

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
  const silent = !rc.replaysCode && !cmd.ofCompound && (cmd.words.length === 0 || (rc.argv.length > 0 && printsNothing(program, rc.argv, cmd, rc)));
  if (silent) {
    for (const r of cmd.redirects) {
      if (!r.target || r.heredoc || !TRUNCATING_REDIRECTS.has(r.op) || DEVICE.test(r.target.value) || /^&?\d+$|^&-$/.test(r.target.value)) continue;
      out.push({ word: r.target, how: `\`${(rc.argv.join(' ') || '').trim()}${rc.argv.length ? ' ' : ''}${r.fd ?? ''}${r.op} ${r.target.value}\` writes nothing into ${r.target.value}: the shell empties it` });
    }
  }
  if (!rc.replaysCode && !cmd.ofCompound) out.push(...readBackAfterTruncating(program, rc, cmd));
  const words = rc.words.slice(1);
  const empty = (w: Word) => emptySource(w, rc);
  if (program === 'cp' || program === 'install' || program === 'mv' || program === 'rsync') out.push(...copiedFromDevice(program, words, empty));
  if ((program === 'sort' || program === 'uniq') && !rc.replaysCode) out.push(...filteredFromNothing(program, words, empty, cmd, rc));
  if (program === 'fallocate') out.push(...holesPunched(words));
  if (VIM.has(program)) out.push(...vimDeletesAll(words));
  if (program === 'perl' && words.some((w) => /^-[a-zA-Z0-9]*i/.test(w.value))) out.push(...perlPrintsNothing(words));
  if (program === 'truncate') out.push(...truncated(words));
  if (program === 'dd') out.push(...ddOverwrites(words));
  if (program === 'ln') out.push(...linkedToDevice(words));
  // `sponge f` soaks up what it reads and writes it into f, as tee does.
  if ((program === 'tee' || program === 'sponge') && !rc.replaysCode && readsNothing(cmd, rc)) {
    const files = operandsOf(words, /^--output-error$/).filter((w) => !DEVICE.test(w.value));
    if (!words.some((w) => /^-[a-zA-Z]*a[a-zA-Z]*$|^--append$/.test(w.value))) out.push(...files.map((w) => ({ word: w, how: `\`${program} ${w.value}\` is given nothing to write: it empties ${w.value}` })));
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
  return argv.length > 0 && !from.words.some((w) => w.dynamic) && printsNothing(toolName(argv[0]), argv, from, rc);
}

/** `sed -i d f`, `sed -i -e '1,$d' f`, `sed -n -i q f`: no line is written back. With -n only the
 *  commands that print (`p`, `l`, `=`, `a`, `i`, `c`, `r`, `w`, an `s` with a `p` or `w` flag) put text
 *  back; without it, `d` or `Q` for every line. */
function sedDeletesAll(words: Word[]): Emptied[] {
  const operands = operandsOf(words, /^(-[a-zA-Z]*[ef]|--expression|--file|-l|--line-length)$/);
  if (words.some((w) => /^-[a-zA-Z]*f$|^--file/.test(w.value))) return [];
  const quiet = words.some((w) => /^-[a-zA-Z]*n[a-zA-Z]*$|^--quiet$|^--silent$/.test(w.value) && !w.value.startsWith('--in'));
  const scripts: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const m = /^(?:-[a-zA-Z]*e|--expression)(?:=(.*))?$/.exec(words[i].value);
    if (m && !words[i].value.startsWith('--in')) scripts.push(m[1] ?? words[++i]?.value ?? '');
  }
  const files = scripts.length ? operands : operands.slice(1);
  if (!scripts.length && operands[0]) scripts.push(operands[0].value);
  if (!scripts.length || words.some((w) => w.dynamic && scripts.includes(w.value))) return [];
  const script = scripts.join('\n');
  const emptied = quiet ? /^[\sdDqQnNhHgGx;0-9$,!]*$/.test(script)
    : /^\s*(1\s*,\s*\$\s*)?[dQ]\s*$/.test(scripts[0]) || /^\s*[01]\s*Q\s*$/.test(scripts[0]);
  if (!emptied) return [];
  return files.map((w) => ({ word: w, how: `\`sed${quiet ? ' -n' : ''} -i ${script}\` writes no line back into ${w.value}` }));
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
  // `truncate -s 0 {} /srv/db.sqlite` empties another file too: not only the matches.
  return found.length > 0 && found.every((e) => e.word.value === '{}');
}

/** `:`, `true`, `cat /dev/null`, `echo -n`, `printf ''`: a command whose output is nothing. */
function printsNothing(program: string, argv: readonly string[], cmd: SimpleCommand, rc?: RecognisedCommand): boolean {
  const args = argv.slice(1);
  if (program === ':' || program === 'true' || program === 'false') return true;
  const nothing = (f: string) => f === '/dev/null' || (rc !== undefined && madeEmpty(f, rc));
  const stdinEmpty = cmd.redirects.some((r) => r.op === '<' && r.target !== undefined && nothing(r.target.value));
  if (program === 'cat') {
    const files = args.filter((a) => a !== '-' && !a.startsWith('-'));
    return files.length ? files.every(nothing) && (!args.includes('-') || stdinEmpty) : stdinEmpty;
  }
  // `grep x /dev/null > f`: a search of nothing finds nothing (unless -L, -v -c... print per file).
  if (program === 'grep' || program === 'egrep' || program === 'fgrep') {
    if (args.some((a) => /^-[a-zA-Z]*[LcZ]|^--(files-without-match|count|null)/.test(a))) return false;
    const operands = args.filter((a) => !a.startsWith('-'));
    // The pattern is the first operand, or the value of `-e PAT` (a word of its own, first among them too); `-ePAT`, `--regexp=PAT` are not operands.
    const files = args.some((a) => /^-[a-zA-Z]*[ef].|^--(regexp|file)=/.test(a)) ? operands : operands.slice(1);
    return files.length > 0 && files.every(nothing);
  }
  // `awk 'BEGIN{}' > f`: a program of BEGIN blocks that print nothing reads no input.
  if (program === 'awk' || program === 'gawk' || program === 'mawk') {
    const code = args.find((a) => !a.startsWith('-'));
    return code !== undefined && /^\s*BEGIN\s*\{[^}]*\}\s*$/.test(code) && !/print|system|getline|>|\|/.test(code);
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

/** A source that holds nothing: a device of nothing or noise, a file this line made empty (`touch x`,
 *  `: > x`), or a new temp file (`$(mktemp)`). */
function emptySource(w: Word, rc: RecognisedCommand): boolean {
  if (EMPTY_OR_NOISE.test(w.value)) return true;
  if (w.substitutions.length === 1 && /^\$\(\s*mktemp(\s+(-[qtu]+|--(quiet|dry-run)|-p\s+\S+|--tmpdir(=\S+)?|[^-\s]\S*))*\s*\)$|^`\s*mktemp[^`]*`$/.test(w.raw.replace(/^"(.*)"$/, '$1')) && !/-d\b|--directory/.test(w.raw)) return true;
  return !w.dynamic && madeEmpty(w.value, rc);
}

/** A file the line has left empty so far (`touch x`, `: > x`). */
function madeEmpty(path: string, rc: RecognisedCommand): boolean {
  return rc.files?.get(writtenFileKey(path, rc.cwd)) === '';
}

/** `sort -o f /dev/null`, `uniq /dev/null f`: a filter given nothing writes nothing into its output file. */
function filteredFromNothing(program: string, words: Word[], empty: (w: Word) => boolean, cmd: SimpleCommand, rc: RecognisedCommand): Emptied[] {
  const operands = operandsOf(words, program === 'sort' ? /^(-[a-zA-Z]*[otkSTy]|--(output|field-separator|key|buffer-size|temporary-directory|parallel|batch-size|compress-program|files0-from|random-source))$/ : /^(-[fsw]|--(skip-fields|skip-chars|check-chars|group|all-repeated))$/);
  const stdinEmpty = cmd.redirects.some((r) => r.op === '<' && r.target !== undefined && (r.target.value === '/dev/null' || madeEmpty(r.target.value, rc)));
  const inputsEmpty = (inputs: Word[]) => (inputs.length ? inputs.every(empty) : stdinEmpty);
  if (program === 'uniq') {
    if (operands.length !== 2 || !inputsEmpty(operands.slice(0, 1)) || DEVICE.test(operands[1].value)) return [];
    return [{ word: operands[1], how: `\`uniq ${operands[0].value} ${operands[1].value}\` reads nothing and writes that into ${operands[1].value}` }];
  }
  let output: Word | undefined;
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === '--output' || /^-[a-zA-Z]*o$/.test(v)) output = words[++i];
    else if (v.startsWith('--output=')) output = literalWord(v.slice('--output='.length));
    else if (/^-[a-zA-Z]*o./.test(v) && !v.startsWith('--')) output = literalWord(v.slice(v.indexOf('o') + 1));
  }
  if (!output || DEVICE.test(output.value) || !inputsEmpty(operands) || words.some((w) => /^--files0-from/.test(w.value))) return [];
  return [{ word: output, how: `\`sort -o ${output.value}\` sorts nothing (${operands.map((w) => w.value).join(' ') || 'an empty input'}) into ${output.value}` }];
}

const VIM = new Set(['vim', 'vi', 'nvim', 'ex', 'view', 'gvim']);

/** `ex -sc '%d|x' f`, `vim -es -c '%d' -c wq f`: every line deleted, then the file written. */
function vimDeletesAll(words: Word[]): Emptied[] {
  const commands: string[] = [];
  const files: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (v === '-c' || v === '--cmd' || /^-[a-zA-Z]+c$/.test(v)) commands.push(words[++i]?.value ?? '');
    else if (v.startsWith('+') && v.length > 1) commands.push(v.slice(1));
    else if (/^-[STuUiTrtqwW]$/.test(v)) i++;
    else if (!v.startsWith('-')) files.push(words[i]);
  }
  const steps = commands.flatMap((c) => c.split('|')).map((c) => c.replace(/^[\s:]+/, '').trim());
  const deletesAll = steps.some((c) => /^(%|1\s*,\s*\$)\s*d(e(l(e(te?)?)?)?)?!?\s*$|^g(l(o(b(al?)?)?)?)?!?\/\^?\/\s*d/.test(c));
  const writes = steps.some((c) => /^(w|wq|wq!|x|xit|exit|up|update|wa|wqa|xa|xall|w!)\s*$/.test(c));
  if (!deletesAll || !writes) return [];
  return files.map((w) => ({ word: w, how: `the editor commands ${commands.map((c) => `'${c}'`).join(' ')} delete every line of ${w.value} and write it` }));
}

/** `fallocate -p` / `-z` / `-c`: punches holes in, zeroes, or cuts out a range of the file's content. */
function holesPunched(words: Word[]): Emptied[] {
  if (!words.some((w) => /^-[a-zA-Z]*[pzc]|^--(punch-hole|zero-range|collapse-range)$/.test(w.value) && !/^-[a-zA-Z]*[ol]$/.test(w.value))) return [];
  return operandsOf(words, /^(-[a-zA-Z]*[ol]|--(offset|length))$/).map((w) => ({ word: w, how: `\`fallocate\` replaces a range of ${w.value} with zeros or cuts it out` }));
}

/** `perl -ni -e '' f`: with -n (no -p) each line is written back only by what the code prints. */
function perlPrintsNothing(words: Word[]): Emptied[] {
  const switches = words.filter((w) => /^-[a-zA-Z0-9]+/.test(w.value) && !w.value.startsWith('--')).map((w) => w.value);
  if (!switches.some((s) => /^-[a-zA-Z0-9]*n/.test(s) && !/^-i./.test(s)) || switches.some((s) => /^-[a-zA-Z0-9]*p/.test(s) && !/^-i./.test(s))) return [];
  const code: string[] = [];
  const files: Word[] = [];
  for (let i = 0; i < words.length; i++) {
    const v = words[i].value;
    if (/^-[a-zA-Z0-9]*[eE]$/.test(v)) code.push(words[++i]?.value ?? '');
    else if (!v.startsWith('-')) files.push(words[i]);
  }
  if (!code.length || /print|say|write|system|exec|open|`|qx/.test(code.join('\n'))) return [];
  return files.map((w) => ({ word: w, how: `\`perl -n -i\` with code that prints nothing writes no line back into ${w.value}` }));
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

/** `cp /dev/null f`, `install -m 644 /dev/null f`, `touch x && mv x f`, `mv "$(mktemp)" f`, `rsync /dev/null f`. */
function copiedFromDevice(program: string, words: Word[], empty: (w: Word) => boolean = (w) => EMPTY_OR_NOISE.test(w.value)): Emptied[] {
  if (words.some((w) => /^(-t|--target-directory)(=|$)/.test(w.value))) return [];
  const operands = operandsOf(words, program === 'install' ? /^-[mogS]$|^--(mode|owner|group|suffix)$/ : program === 'rsync' ? /^(-e|--rsh|--exclude|--include|--filter|-f)$/ : /^-S$|^--suffix$/);
  if (operands.length < 2) return [];
  const dest = operands[operands.length - 1];
  const sources = operands.slice(0, -1).map((w) => w.value);
  if (!operands.slice(0, -1).every(empty) || DEVICE.test(dest.value)) return [];
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
  // Names xargs reads from input the line does not show (`cat list | xargs truncate -s 0`) may be any file.
  return emptied.flatMap((e) => deleteContent(rc, e.word, [commandEvidence(`${e.how}: as deleting the file, what it held is lost unless git holds it`, 'empties', e.word.value)])
    .filter((a) => e.word.value.includes(XARGS_PLACEHOLDER) || (a.details?.absent !== true && (a.details?.withinWorkspace === true || a.evidence.some((ev) => ev.key === 'moved')))));
}
