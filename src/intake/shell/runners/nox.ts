// `nox -s NAME`: the sessions a noxfile.py defines run shell commands (`session.run("rm", "-rf", x)`,
// `session.install(...)`) and Python (file deletes, subprocess, SDK calls) in the project. Before wave 17
// only an uncommitted noxfile was read (as Python, which knows nothing of `session.run`), and a committed
// one passed whatever its sessions held. Here nox's own selection picks the sessions (`-s`, `-e`, `-k`,
// `-t`, `nox.options.sessions`, `default=False`), each session's `session.*` calls become the shell
// commands they run (posargs from after `--`), and the rest of its body (with the file's imports and
// helpers) goes to the Python reader with the noxfile's own line numbers. A session the text does not
// show (made by a call, not a decorator), or the session object handed elsewhere, is unknown.
import { dirname, join, resolve } from 'node:path';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, type Recogniser, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow, runSteps, type Step } from './follow.js';
import { readProjectFile, runDirectory, asCwd } from './project.js';

/** Options that only list, explain or print: nothing runs. */
const READ_ONLY = new Set(['-l', '--list', '--list-sessions', '--json', '--usage', '-h', '--help', '--version']);
/** Options that take a value (the session selectors are handled apart). */
const VALUED = new Set(['-f', '--noxfile', '--envdir', '-db', '--default-venv-backend', '-fb', '--force-venv-backend', '-P', '--force-python',
  '--extra-pythons', '--extra-python', '--report', '--download-python', '--verbose-level', '--script-venv-backend', '--script-mode']);
/** `-p/--python` take one or more versions; like the selectors they read words until the next option. */
const MANY = new Set(['-s', '-e', '--session', '--sessions', '-t', '--tags', '-p', '--python', '--pythons']);

export interface NoxSession {
  /** The name nox knows it by (`name=` or the function's). */
  name: string;
  func: string;
  line: number;
  /** Lines of the body (1-based, inclusive). */
  from: number;
  to: number;
  tags: string[];
  default: boolean;
  param: string;
}

export interface Noxfile {
  sessions: NoxSession[];
  /** `nox.options.sessions = [...]` (undefined when not set, null when not a literal list). */
  chosen?: string[] | null;
  chosenTags?: string[] | null;
  chosenKeywords?: string | null;
  /** Sessions the text makes some other way (`nox.session(f, name=...)`, a loop): the decorators do not show them all. */
  hidden?: number;
  lines: string[];
}

/** The sessions and options a noxfile's text shows. */
export function readNoxfile(text: string): Noxfile {
  const lines = text.split('\n');
  const out: Noxfile = { sessions: [], lines };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const opt = /^nox\.options\.(sessions|tags|keywords)\s*=\s*(.*)$/.exec(line.trim());
    if (opt && !/^\s/.test(line)) {
      const value = joinStatement(lines, i);
      const rhs = value.slice(value.indexOf('=') + 1).trim();
      if (opt[1] === 'keywords') out.chosenKeywords = stringLiteral(rhs) ?? null;
      else {
        const list = literalList(rhs);
        if (opt[1] === 'sessions') out.chosen = list ?? null;
        else out.chosenTags = list ?? null;
      }
      continue;
    }
    // `nox.session(func, name="x")` or `session(...)(func)` as a call, not a decorator.
    if (/(^|[^@\w.])(nox\.)?session\s*\(/.test(line) && !/^\s*@/.test(line) && !/^\s*def\s/.test(line) && /\bnox\.session\s*\(|^\s*session\s*\(/.test(line)) out.hidden = (out.hidden ?? 0) + 1;
    const deco = /^(\s*)@(nox\.session|session|nox\.session\.__call__)\b(.*)$/.exec(line);
    if (!deco) continue;
    // The decorator may span lines: read it whole, then skip other decorators to the def.
    const decoText = joinStatement(lines, i);
    let j = i + 1 + (decoText.split('\n').length - 1);
    while (j < lines.length && (/^\s*@/.test(lines[j]) || !lines[j].trim() || /^\s*#/.test(lines[j]))) j += joinStatement(lines, j).split('\n').length;
    const def = /^(\s*)(?:async\s+)?def\s+(\w+)\s*\(\s*(\w+)?/.exec(lines[j] ?? '');
    if (!def) { out.hidden = (out.hidden ?? 0) + 1; continue; }
    const indent = def[1].length;
    const header = joinStatement(lines, j);
    let end = j + header.split('\n').length - 1;
    let last = end;
    for (let k = end + 1; k < lines.length; k++) {
      const l = lines[k];
      if (!l.trim() || /^\s*#/.test(l)) continue;
      if (l.length - l.trimStart().length <= indent) break;
      last = k;
    }
    end = last;
    const named = /\bname\s*=\s*("[^"]*"|'[^']*')/.exec(decoText);
    const tags = /\btags\s*=\s*(\[[^\]]*\])/.exec(decoText);
    out.sessions.push({
      name: named ? named[1].slice(1, -1) : def[2],
      func: def[2],
      line: j + 1,
      from: j + header.split('\n').length + 1,
      to: end + 1,
      tags: tags ? literalList(tags[1]) ?? [] : [],
      default: !/\bdefault\s*=\s*False\b/.test(decoText),
      param: def[3] ?? 'session',
    });
    i = end;
  }
  return out;
}

/** A statement from line i with the lines its open brackets and strings carry on to. */
function joinStatement(lines: readonly string[], i: number): string {
  let depth = 0;
  let quote: string | undefined;
  const parts: string[] = [];
  for (let k = i; k < lines.length && k < i + 200; k++) {
    const l = lines[k];
    parts.push(l);
    for (let c = 0; c < l.length; c++) {
      const ch = l[c];
      if (quote) {
        if (ch === '\\') { c++; continue; }
        if (l.startsWith(quote, c)) { c += quote.length - 1; quote = undefined; }
        continue;
      }
      if (ch === '#') break;
      if (ch === '"' || ch === "'") { quote = l.startsWith(ch.repeat(3), c) ? ch.repeat(3) : ch; c += quote.length - 1; continue; }
      if ('([{'.includes(ch)) depth++;
      if (')]}'.includes(ch)) depth--;
    }
    if (quote && quote.length === 1) quote = undefined;
    if (depth <= 0 && !quote && !l.trimEnd().endsWith('\\')) break;
  }
  return parts.join('\n');
}

function stringLiteral(text: string): string | undefined {
  const m = /^[rRuU]?("([^"\\]|\\.)*"|'([^'\\]|\\.)*')$/.exec(text.trim());
  return m ? m[1].slice(1, -1) : undefined;
}

function literalList(text: string): string[] | undefined {
  const t = text.trim();
  const one = stringLiteral(t);
  if (one !== undefined) return [one];
  const m = /^[[(]([\s\S]*)[\])]$/.exec(t);
  if (!m) return undefined;
  const items = splitArgs(m[1]).filter((x) => x.trim());
  const values = items.map((x) => stringLiteral(x));
  return values.every((v): v is string => v !== undefined) ? values : undefined;
}

/** Top-level comma-separated pieces of an argument list. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let cur = '';
  for (let c = 0; c < text.length; c++) {
    const ch = text[c];
    if (quote) {
      cur += ch;
      if (ch === '\\') { cur += text[++c] ?? ''; continue; }
      if (text.startsWith(quote, c)) { cur += quote.slice(1); c += quote.length - 1; quote = undefined; }
      continue;
    }
    if (ch === '#') { while (c < text.length && text[c] !== '\n') c++; continue; }
    if (ch === '"' || ch === "'") { quote = text.startsWith(ch.repeat(3), c) ? ch.repeat(3) : ch; cur += quote; c += quote.length - 1; continue; }
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

interface Selection { names?: string[]; tags?: string[]; keywords?: string; posargs: string[]; file: string; readOnly: boolean }

function parseArgs(args: readonly string[]): Selection {
  const sel: Selection = { posargs: [], file: 'noxfile.py', readOnly: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { sel.posargs = args.slice(i + 1); break; }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (READ_ONLY.has(flag)) sel.readOnly = true;
    if (MANY.has(flag)) {
      const values: string[] = eq > 0 ? [a.slice(eq + 1)] : [];
      if (eq < 0) while (i + 1 < args.length && !args[i + 1].startsWith('-')) values.push(args[++i]);
      if (flag === '-t' || flag === '--tags') sel.tags = [...(sel.tags ?? []), ...values];
      else if (flag !== '-p' && flag !== '--python' && flag !== '--pythons') sel.names = [...(sel.names ?? []), ...values.flatMap((v) => v.split(',').map((s) => s.trim()).filter(Boolean))];
      continue;
    }
    if (flag === '-k' || flag === '--keywords') { sel.keywords = eq > 0 ? a.slice(eq + 1) : args[++i]; continue; }
    if (flag === '-f' || flag === '--noxfile') { sel.file = (eq > 0 ? a.slice(eq + 1) : args[++i]) ?? sel.file; continue; }
    if (VALUED.has(flag) && eq < 0) i++;
  }
  return sel;
}

/** `tests-3.12`, `tests(django='4.2')`, `tests-3.12(django='4.2')`: the session `tests`. */
function matches(session: NoxSession, wanted: string): boolean {
  if (wanted === session.name || wanted === session.func) return true;
  const base = wanted.replace(/\(.*\)$/s, '');
  return base === session.name || new RegExp(`^${session.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[\\w.]+$`).test(base);
}

/** `-k "lint or tests"`: a plain word (or words joined by `or`) matches names containing it; anything else is not worked out. */
function byKeywords(sessions: readonly NoxSession[], expr: string): NoxSession[] | undefined {
  const words = expr.trim().split(/\s+or\s+/);
  if (!words.every((w) => /^[\w.-]+$/.test(w) && !['and', 'not', 'or'].includes(w))) return undefined;
  return sessions.filter((s) => words.some((w) => s.name.includes(w)));
}

export const nox: Recogniser = async (rc) => {
  const i = rc.argv[0] === 'nox' || rc.argv[0]?.endsWith('/nox') ? 1 : rc.argv.indexOf('nox') + 1;
  const sel = parseArgs(rc.argv.slice(i));
  // NOXSESSION (as `-s`, comma-separated) chooses the sessions when the command line does not.
  const fromEnv = rc.env.NOXSESSION ?? process.env.NOXSESSION;
  if (sel.names === undefined && sel.tags === undefined && sel.keywords === undefined && fromEnv) sel.names = fromEnv.split(',').map((x) => x.trim()).filter(Boolean);
  if (sel.readOnly) return [];
  const dir = runDirectory(rc);
  if (!dir.ok) return [cannotFollow(rc, `nox: ${dir.why}`)];
  const read = readProjectFile(rc, join(dir.value, sel.file));
  // Without a noxfile nox stops with an error before running anything.
  if (!read.ok) return read.missing ? [] : [cannotFollow(rc, `nox: ${read.why}`)];
  const file = readNoxfile(read.value.text);
  const shown = read.value.shown;
  // `from ci.sessions import *`: sessions a local module defines register when the noxfile imports it.
  for (const m of read.value.text.matchAll(/^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))/gm)) {
    const mod = (m[1] ?? m[2]).split('.');
    const base = join(dirname(read.value.path), ...mod);
    for (const p of [`${base}.py`, join(base, '__init__.py')]) {
      const r = readProjectFile(rc, p);
      if (r.ok && /@\s*(nox\.)?session\b|\bnox\.session\s*\(/.test(r.value.text)) file.hidden = (file.hidden ?? 0) + 1;
    }
  }
  let chosen: NoxSession[];
  const unknown = (why: string) => [cannotFollow(rc, `nox: ${why}; what it runs is not known`, 'session')];
  if (sel.names?.length || sel.tags?.length || sel.keywords !== undefined) {
    chosen = [];
    for (const n of sel.names ?? []) {
      const found = file.sessions.filter((s) => matches(s, n));
      if (!found.length) return unknown(`${shown} shows no session ${JSON.stringify(n)} (a session made by a call or a loop is not read)`);
      chosen.push(...found);
    }
    for (const t of sel.tags ?? []) {
      if (file.hidden) return unknown(`${shown} makes sessions the text does not show, which may carry the tag ${t}`);
      chosen.push(...file.sessions.filter((s) => s.tags.includes(t)));
    }
    if (sel.keywords !== undefined) {
      const k = byKeywords(file.sessions, sel.keywords);
      if (!k || file.hidden) return unknown(`the keyword expression ${JSON.stringify(sel.keywords)} is not worked out here`);
      chosen.push(...k);
    }
  } else if (file.chosen !== undefined || file.chosenTags !== undefined || file.chosenKeywords !== undefined) {
    if (file.chosen === null || file.chosenTags === null || file.chosenKeywords === null) return unknown(`${shown} sets nox.options to a value computed at run time`);
    chosen = [];
    for (const n of file.chosen ?? []) {
      const found = file.sessions.filter((s) => matches(s, n));
      if (!found.length) return unknown(`${shown} names the default session ${JSON.stringify(n)}, which its text does not show`);
      chosen.push(...found);
    }
    for (const t of file.chosenTags ?? []) chosen.push(...file.sessions.filter((s) => s.tags.includes(t)));
    if (file.chosenKeywords) {
      const k = byKeywords(file.sessions, file.chosenKeywords);
      if (!k) return unknown(`the keyword expression ${JSON.stringify(file.chosenKeywords)} is not worked out here`);
      chosen.push(...k);
    }
  } else {
    if (file.hidden) return unknown(`${shown} makes sessions its text does not show (by a call, not a decorator)`);
    chosen = file.sessions.filter((s) => s.default);
  }
  const out: PlannedAction[] = [];
  const done = new Set<string>();
  const queue = [...chosen];
  const replaced = new Map<number, string>();
  while (queue.length) {
    const s = queue.shift()!;
    if (done.has(s.func) || done.size > 64) continue;
    done.add(s.func);
    const body = sessionBody(file, s, sel.posargs);
    for (const n of body.notified) {
      const found = file.sessions.filter((x) => matches(x, n));
      if (!found.length) out.push(cannotFollow(rc, `${shown}:${s.line}: session ${s.name} notifies ${n}, which the text does not show`, 'session'));
      queue.push(...found);
    }
    for (const why of body.unknown) out.push(cannotFollow(rc, `${shown}:${why.line}: session ${s.name}: ${why.why}`, 'session'));
    const where = (line: number) => `${shown}:${line} (nox session ${s.name})`;
    const steps: Step[] = body.steps.map((st) => ({ text: st.text, where: where(st.line), ...(st.cwd !== undefined ? { cwd: st.cwd } : {}) }));
    out.push(...(await runSteps(rc, steps.map((st) => ({ ...st, cwd: st.cwd !== undefined ? asCwd(rc, resolve(dir.value, st.cwd)) : asCwd(rc, dir.value) })))));
    for (const [k, v] of body.python) replaced.set(k, v);
  }
  // The Python that runs, read once: the file's top level and helpers, and the chosen sessions' bodies
  // without their `session.*` calls; sessions that do not run are blanked (line numbers kept).
  const py = file.lines.map((l, k) => replaced.get(k) ?? l);
  for (const other of file.sessions) {
    if (done.has(other.func) || other.from > other.to) continue;
    const def = file.lines[other.line - 1] ?? '';
    for (let k = other.from - 1; k < other.to; k++) py[k] = '';
    py[other.from - 1] = `${def.slice(0, def.length - def.trimStart().length)}    pass`;
  }
  const names = file.sessions.filter((x) => done.has(x.func)).map((x) => x.name);
  out.push(...(await rc.nested(`python3 -c ${quoteWord(py.join('\n'))}`, {
    evidence: [commandEvidence(`Python code of the nox session${names.length === 1 ? '' : 's'} ${names.join(', ')} (${shown}; the -c code keeps the noxfile's line numbers)`, 'recipe', shown)],
    cwd: asCwd(rc, dir.value),
  })));
  return out;
};

/** What calling `session.X(...)` runs, by X. */
const RUNS = new Set(['run', 'run_always', 'run_install', '_run']);
const INSTALLS = new Set(['install', 'conda_install', 'mamba_install', 'micromamba_install']);
/** Attributes of the session object that run nothing. */
const INERT = new Set(['posargs', 'python', 'name', 'env', 'log', 'skip', 'error', 'warn', 'debug', 'bin', 'bin_paths', 'interactive', 'virtualenv',
  'venv_backend', 'create_tmp', 'invoked_from', 'cache_dir', 'install_and_run_script']);

interface Body {
  steps: { text: string; line: number; cwd?: string }[];
  python: Map<number, string>;
  notified: string[];
  unknown: { line: number; why: string }[];
}

/** The session's body: its `session.*` calls as shell steps, and the rest as Python with the file's own lines. */
function sessionBody(file: Noxfile, s: NoxSession, posargs: readonly string[]): Body {
  const { lines } = file;
  const body: Body = { steps: [], python: new Map(), notified: [], unknown: [] };
  const param = s.param;
  // This session's lines as the Python reader sees them: its `session.*` calls made `pass`.
  const py = body.python;
  const ref = new RegExp(`\\b${param}\\b`);
  let cwd: { dir: string; indent: number } | undefined;
  for (let k = s.from - 1; k < s.to; k++) {
    const raw = lines[k];
    if (!raw.trim() || /^\s*#/.test(raw)) continue;
    const stmt = joinStatement(lines, k);
    const span = stmt.split('\n').length;
    const indent = raw.length - raw.trimStart().length;
    if (cwd && indent <= cwd.indent) cwd = undefined;
    const t = stmt.trim();
    const line = k + 1;
    const blank = () => { for (let q = k; q < k + span; q++) py.set(q, ''); py.set(k, `${' '.repeat(indent)}pass`); };
    // `with session.chdir("docs"):` / `session.chdir("docs")` / `session.cd(...)`.
    const chdir = new RegExp(`^(with\\s+)?${param}\\.(?:chdir|cd)\\((.*)\\)\\s*(:|(\\s+as\\s+\\w+\\s*:))?$`, 's').exec(t);
    if (chdir) {
      const d = stringLiteral(chdir[2].trim());
      if (d === undefined) body.unknown.push({ line, why: `changes to a folder known only at run time (${t.slice(0, 80)})` });
      else cwd = { dir: d.startsWith('/') ? d : join(cwd?.dir ?? '.', d), indent: chdir[1] ? indent : -1 };
      // A `with` body is the block below; its `with` line becomes `if True:` so the Python stays valid.
      if (chdir[1]) { for (let q = k; q < k + span; q++) py.set(q, ''); py.set(k, `${' '.repeat(indent)}if True:`); } else blank();
      k += span - 1;
      continue;
    }
    const call = new RegExp(`^(?:\\w+\\s*=\\s*)?${param}\\.(\\w+)\\(([\\s\\S]*)\\)$`).exec(t);
    // Only a call that is the whole statement (`session.run("ls") or rmtree(x)` is not).
    if (call && (RUNS.has(call[1]) || INSTALLS.has(call[1]) || call[1] === 'notify') && balanced(call[2])) {
      const args = splitArgs(call[2]).filter((a) => !/^\w+\s*=/.test(a));
      if (call[1] === 'notify') {
        const n = stringLiteral(args[0] ?? '');
        if (n === undefined) body.unknown.push({ line, why: `notifies a session named at run time (${t.slice(0, 80)})` });
        else body.notified.push(n);
      } else {
        const words = args.flatMap((a) => argWords(a, param, posargs));
        if (words === undefined || words.some((w) => w === undefined)) body.unknown.push({ line, why: `runs a command Firebreak cannot spell out (${t.slice(0, 80)})` });
        else {
          const argv = INSTALLS.has(call[1]) ? ['pip', 'install', ...(words as string[])] : (words as string[]);
          if (argv.length) body.steps.push({ text: argv.map((w) => (w.startsWith('"$') ? w : quoteWord(w))).join(' '), line, ...(cwd ? { cwd: cwd.dir } : {}) });
        }
      }
      blank();
      k += span - 1;
      continue;
    }
    // Any other use of the session object: only its inert attributes (`session.log`, `session.posargs`,
    // `session.env[...]`); handing it on (`helper(session)`, `getattr(session, ...)`, `s = session`) is not followed.
    const uses = [...stmt.matchAll(new RegExp(`\\b${param}\\b(\\s*\\.\\s*(\\w+))?`, 'g'))];
    const escapes = uses.filter((u) => !u[2] || !INERT.has(u[2]));
    if (escapes.length && ref.test(stmt)) body.unknown.push({ line, why: `the session object is used in a way Firebreak does not follow (${t.slice(0, 80)})` });
    k += span - 1;
  }
  return body;
}

/** The words one argument of `session.run(...)` gives: a string, `*session.posargs`, a list; a run-time value is a variable. */
function argWords(arg: string, param: string, posargs: readonly string[]): (string | undefined)[] {
  const a = arg.trim();
  if (new RegExp(`^\\*\\s*${param}\\.posargs$`).test(a)) return [...posargs];
  const s = stringLiteral(a);
  if (s !== undefined) return [s];
  const star = /^\*\s*([\s\S]+)$/.exec(a);
  if (star) {
    const list = literalList(star[1]);
    if (list) return list;
    // `*args`, `*session.posargs[1:]`: words known only when the session runs.
    return ['"$NOX_RUNTIME_ARGS"'];
  }
  // An f-string or a variable: one word known only when the session runs (the program stays unknown).
  return ['"$NOX_RUNTIME_VALUE"'];
}

/** Brackets that never close more than they opened, outside strings: the text is one argument list. */
function balanced(text: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let c = 0; c < text.length; c++) {
    const ch = text[c];
    if (quote) {
      if (ch === '\\') { c++; continue; }
      if (text.startsWith(quote, c)) { c += quote.length - 1; quote = undefined; }
      continue;
    }
    if (ch === '"' || ch === "'") { quote = text.startsWith(ch.repeat(3), c) ? ch.repeat(3) : ch; c += quote.length - 1; continue; }
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch) && --depth < 0) return false;
  }
  return depth === 0 && quote === undefined;
}
