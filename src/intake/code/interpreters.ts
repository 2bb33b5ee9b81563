// Interpreter command lines -> the code they run: inline (`python -c`, `node -e`), a script
// file, a module (`python -m`), or stdin (heredoc, here-string, pipe). Facts about options live
// in src/knowledge/code/interpreters.ts.
import { basename, dirname } from 'node:path';
import type { PlannedAction } from '../types.js';
import { isLocalCommand } from '../shell/local.js';
import { commandEvidence, toolName, unknownCommand, type RecognisedCommand, type Recogniser } from '../shell/command.js';
import { quoteWord } from '../shell/unwrap.js';
import {
  BUN_ROUTINE_SUBCOMMANDS, DENO_ROUTINE_SUBCOMMANDS, DISPATCHER_SCRIPTS, NODE_OPTIONS, OPAQUE_RUNTIMES, PERL_OPTIONS, PHP_OPTIONS, PYTHON_OPTIONS,
  R_OPTIONS, RUBY_OPTIONS, type InterpreterSpec,
} from '../../knowledge/code/interpreters.js';
import { PYTHON_ROUTINE_MODULES } from '../../knowledge/code/python.js';
import { PYTHON_RUNNERS } from '../../knowledge/code/python-runners.js';
import { pythonRunner } from './python-runners.js';
import { judgeCode, judgeScriptFile, newSession, unreadable, type CodeLanguage } from './index.js';
import { directoryEntry, resolvePythonModule } from './resolve.js';
import { judgeShadowingModules } from './python-shadowing.js';
import { existsDir, existsFile, readFileText, scriptPath } from './source.js';

interface Scanned {
  code: string[];
  /** `-e` with its code, for the report. */
  codeOption?: string;
  informational: boolean;
  script?: string;
  /** Arguments after the script / code. */
  rest: string[];
  module?: string;
  preload: string[];
  inPlace: boolean;
  /** Options seen (without values), for language-specific checks. */
  flags: Set<string>;
}

/** Reads an interpreter's options; short options may be clustered (`-Bc`, `-lane`, `-pi.bak`). */
function scan(args: readonly string[], spec: InterpreterSpec, clusters: boolean): Scanned {
  const out: Scanned = { code: [], informational: false, rest: [], preload: [], inPlace: false, flags: new Set() };
  const isCode = new Set(spec.code);
  const withValue = new Set(spec.withValue);
  const info = new Set(spec.informational);
  const preload = new Set(spec.preload ?? []);
  const inPlace = new Set(spec.inPlace ?? []);
  const numeric = new Set(spec.numeric ?? []);
  const take = (opt: string, value: string | undefined) => {
    out.flags.add(opt);
    if (value === undefined) return;
    if (isCode.has(opt)) { out.code.push(value); out.codeOption ??= opt; }
    if (opt === '-m' && spec === PYTHON_OPTIONS) out.module = value;
    if (preload.has(opt)) out.preload.push(value);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.script = args[i + 1]; out.rest = args.slice(i + 2); break; }
    if (a === '-' ) { out.script = '-'; out.rest = args.slice(i + 1); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (info.has(name)) out.informational = true;
      if (isCode.has(name) || withValue.has(name)) take(name, eq > 0 ? a.slice(eq + 1) : args[++i]);
      else out.flags.add(name);
      if (out.module !== undefined || (out.code.length && spec === PYTHON_OPTIONS)) { out.rest = args.slice(i + 1); break; }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (!clusters || info.has(a) || isCode.has(a) || withValue.has(a)) {
        if (info.has(a)) out.informational = true;
        if (isCode.has(a) || withValue.has(a)) take(a, args[++i]);
        else if (inPlace.has(a)) { out.inPlace = true; out.flags.add(a); }
        else out.flags.add(a);
      } else {
        for (let j = 1; j < a.length; j++) {
          const opt = `-${a[j]}`;
          if (numeric.has(opt)) {
            j += /^(?:x[0-9a-fA-F]*|[0-7]*)/.exec(a.slice(j + 1))![0].length;
            out.flags.add(opt);
            continue;
          }
          const attached = a.slice(j + 1);
          if (isCode.has(opt) || withValue.has(opt)) { take(opt, attached || args[++i]); break; }
          if (inPlace.has(opt)) { out.inPlace = true; out.flags.add(opt); break; }
          if (info.has(opt)) out.informational = true;
          out.flags.add(opt);
        }
      }
      // Python stops reading options after -c / -m: what follows is sys.argv.
      if (spec === PYTHON_OPTIONS && (out.code.length || out.module !== undefined)) { out.rest = args.slice(i + 1); break; }
      continue;
    }
    out.script = a;
    out.rest = args.slice(i + 1);
    break;
  }
  return out;
}

/** Code from stdin: a heredoc or here-string is read; a file is read as a script; anything else is unknown. */
async function fromStdin(rc: RecognisedCommand, language: CodeLanguage, name: string): Promise<PlannedAction[]> {
  if (rc.stdin.kind === 'text') return judgeCode(rc, { language, text: rc.stdin.text, origin: { via: `code fed to ${name} (${rc.stdin.from})` } });
  if (rc.stdin.kind === 'opaque') {
    const file = /^file (\S+)$/.exec(rc.stdin.from)?.[1];
    if (file) return judgeScriptFile(rc, file, { language });
    return [unreadable(rc, name, `runs code from ${rc.stdin.from}: it is only known at run time`)];
  }
  return [unreadable(rc, name, `starts an interactive ${name} session: what will be typed into it is not visible`)];
}

/** `./x args`, `bin/rails db:drop`: a file run by its path (framework dispatchers first). */
export async function runPathScript(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const script = rc.argv[0];
  if (DISPATCHER_SCRIPTS[basename(script)]) return runScript(rc, script, rc.argv.slice(1), 'shell');
  return judgeScriptFile(rc, script, { fallback: 'shell', args: rc.argv.slice(1) });
}

/** A script the interpreter runs: a framework dispatcher, a directory, or a file. */
async function runScript(rc: RecognisedCommand, script: string, rest: readonly string[], language: CodeLanguage): Promise<PlannedAction[]> {
  const dispatcher = DISPATCHER_SCRIPTS[basename(script)];
  if (dispatcher) {
    const sub = rest.find((a) => !a.startsWith('-')) ?? rest[0] ?? '';
    if (dispatcher.routine.has(sub)) return [];
    return [unreadable(rc, script, `${basename(script)} ${sub || '(no command)'} runs a ${dispatcher.framework} command whose code is in the framework, not in the script: what it does is not known`)];
  }
  if (/^https?:\/\//.test(script)) return [unreadable(rc, script, 'the code is fetched from the network when the command runs')];
  if ((language === 'python' || language === 'javascript' || language === 'typescript') && !rc.files.has(script)) {
    const absolute = scriptPath(rc, script);
    if (existsDir(absolute)) {
      const entry = directoryEntry(absolute, language === 'python' ? 'python' : 'javascript');
      if (!entry) return [unreadable(rc, script, `${script} is a directory without an entry point Firebreak can find`)];
      return judgeScriptFile(rc, entry, { language: /\.(c|m)?tsx?$/.test(entry) ? 'typescript' : language });
    }
  }
  if (language === 'javascript' && script.includes('node_modules/') && rc.firstToTouchFiles && !rc.files.has(script)) {
    const installed = await notInstalledYet(rc, script, rest);
    if (installed) return installed;
  }
  return judgeScriptFile(rc, script, { language: languageOfRun(script, language), args: rest });
}

/** `node ./node_modules/typescript/bin/tsc` before `npm ci`: the program the committed lockfile pins there. */
async function notInstalledYet(rc: RecognisedCommand, script: string, rest: readonly string[]): Promise<PlannedAction[] | undefined> {
  const absolute = scriptPath(rc, script);
  if (existsFile(absolute) || existsDir(absolute)) return undefined;
  const { lockedBin } = await import('../shell/runners/node/locked-bins.js');
  const bin = lockedBin(absolute, rc.workspace ?? process.cwd());
  if (!bin) return undefined;
  if (!bin.ok) return [unreadable(rc, script, bin.why)];
  return rc.nested([bin.program, ...rest].map(quoteWord).join(' '), {
    evidence: [commandEvidence(`${script} is not installed yet; ${bin.lockfile} pins it as the program ${bin.program} of ${bin.pkg} from the public registry: judged as ${bin.program}`)],
  });
}

/** `node x.ts` runs TypeScript (type stripping); `tsx x.js` runs JavaScript. */
function languageOfRun(script: string, fallback: CodeLanguage): CodeLanguage {
  if (fallback === 'javascript' || fallback === 'typescript') return /\.(c|m)?tsx?$/.test(script) ? 'typescript' : /\.(c|m)?jsx?$/.test(script) ? 'javascript' : fallback;
  return fallback;
}

async function preloads(rc: RecognisedCommand, modules: string[], language: CodeLanguage): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const m of modules) if (/^\.{0,2}\//.test(m)) out.push(...(await judgeScriptFile(rc, m, { language: languageOfRun(m, language) })));
  return out;
}

/** Files an in-place edit (`perl -pi -e`, `sed -i`) rewrites: judged like writes to them. */
async function inPlaceWrites(rc: RecognisedCommand, files: readonly string[]): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const f of files) {
    if (f.startsWith('-')) continue;
    out.push(...(await rc.nested(`true > ${shellQuote(f)}`, { evidence: [{ kind: 'command', message: `edits ${f} in place` }], replaysCode: true })));
  }
  return out;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

// ---------------------------------------------------------------- interpreters

export const python: Recogniser = async (rc) => {
  const name = toolName(rc.argv[0]);
  const s = scan(rc.argv.slice(1), PYTHON_OPTIONS, true);
  // -I and -P leave the script's folder and the working folder off the search path.
  const firstFolder = s.flags.has('-I') || s.flags.has('-P') || rc.env.PYTHONSAFEPATH ? undefined : scriptPath(rc, s.script !== undefined && s.script !== '-' && !s.code.length && s.module === undefined ? dirname(s.script) : '.');
  const shadows = firstFolder ? await judgeShadowingModules(rc, firstFolder, s.script && !s.code.length && s.module === undefined ? 'the script\'s folder comes first on its search path' : 'the working folder comes first on its search path') : [];
  if (s.code.length) return [...shadows, ...(await judgeCode(rc, { language: 'python', text: s.code.join('\n'), origin: { via: `${name} -c` } }))];
  if (s.module !== undefined) {
    // `python -m pytest` with a pytest.py in the working folder runs that file, not the installed tool.
    const local = firstFolder && resolvePythonModule(rc, s.module);
    if (!local && s.module === 'doctest') return [...shadows, ...(await doctestFiles(rc, s.rest))];
    if (!local && (PYTHON_ROUTINE_MODULES.has(s.module) || PYTHON_ROUTINE_MODULES.has(s.module.split('.')[0]))) {
      // The tool is known, its arguments still count: `python -m venv --clear /srv/data` is judged as
      // `venv --clear /srv/data`, `python -m pip uninstall x` as `pip uninstall x`.
      if (Object.hasOwn(PYTHON_RUNNERS, s.module)) return [...shadows, ...(await pythonRunner({ ...rc, argv: [s.module, ...s.rest] }))];
      return [...shadows, ...(await rc.nested([s.module, ...s.rest].map(quoteWord).join(' '), { evidence: [commandEvidence(`run as ${name} -m ${s.module}`)] }))];
    }
    return [...shadows, ...(await judgeScriptFile(rc, `-m ${s.module}`, { language: 'python' }))];
  }
  if (shadows.length) return [...shadows, ...(await python({ ...rc, env: { ...rc.env, PYTHONSAFEPATH: '1' } }))];
  if (s.informational && s.script === undefined) return [];
  if (s.script !== undefined && s.script !== '-') return runScript(rc, s.script, s.rest, 'python');
  return fromStdin(rc, 'python', name);
};

/** `python -m doctest FILE...`: a .py file is imported (its top level runs) and the examples in its
 *  docstrings run; a text file's examples run. Both are read as the code they are. */
async function doctestFiles(rc: RecognisedCommand, args: readonly string[]): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--option') { i++; continue; }
    if (a.startsWith('-')) continue;
    if (/\.py$/.test(a)) out.push(...(await judgeScriptFile(rc, a, { language: 'python' })));
    const read = readFileText(scriptPath(rc, a), a);
    if (!read.ok) { out.push(unreadable(rc, a, read.why)); continue; }
    const examples = read.text.split('\n').map((l) => /^\s*(>>>|\.\.\.) ?(.*)$/.exec(l)?.[2]).filter((l): l is string => l !== undefined);
    if (examples.length) out.push(...(await judgeCode(rc, { language: 'python', text: examples.join('\n'), origin: { via: `doctest examples in ${a}` } })));
  }
  return out;
}

export const node: Recogniser = async (rc) => {
  const name = toolName(rc.argv[0]);
  const args = rc.argv.slice(1).map((a) => (a === '-pe' ? '-p' : a));
  const s = scan(args, NODE_OPTIONS, false);
  const language: CodeLanguage = name === 'node' || name === 'nodejs' ? 'javascript' : 'typescript';
  const pre = await preloads(rc, s.preload, language);
  if (s.code.length) return [...pre, ...(await judgeCode(rc, { language: name === 'node' && !s.flags.has('--experimental-strip-types') ? 'javascript' : language, text: s.code.join('\n'), origin: { via: `${name} ${s.codeOption ?? '-e'}` } }))];
  if (s.flags.has('--test')) return pre; // the built-in test runner, like `npm test`
  if (s.informational && s.script === undefined) return pre;
  if (s.script !== undefined && s.script !== '-') return [...pre, ...(await runScript(rc, s.script, s.rest, language))];
  return [...pre, ...(await fromStdin(rc, language, name))];
};

/** tsx and ts-node: like node, TypeScript by default; `tsx watch x.ts` runs x.ts. */
export const tsRunner: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  if (args[0] === 'watch') return node({ ...rc, argv: [rc.argv[0], ...args.slice(1)] });
  return node(rc);
};

/** zx runs a script (or `--eval` code) with `$`, `cd`, `fs`... as globals: read as JavaScript. A
 *  `--shell` or `--prefix` changes how every `$` command runs, so the script is not judged by its text. */
export const zx: Recogniser = async (rc) => {
  const s = scan(rc.argv.slice(1), { code: ['-e', '--eval'], withValue: ['--shell', '--prefix', '--postfix', '--cwd', '--env', '--ext', '--registry'], informational: ['-v', '--version', '-h', '--help'] }, false);
  if (s.flags.has('--shell') || s.flags.has('--prefix') || s.flags.has('--postfix')) return [unreadable(rc, 'zx', 'zx with --shell, --prefix or --postfix runs every command of the script another way')];
  if (s.code.length) return judgeCode(rc, { language: 'javascript', text: s.code.join('\n'), origin: { via: `zx ${s.codeOption ?? '--eval'}` } });
  if (s.informational && s.script === undefined) return [];
  if (s.flags.has('--repl')) return [unreadable(rc, 'zx', 'an interactive zx session runs what is typed')];
  if (s.script !== undefined && s.script !== '-') return runScript(rc, s.script, s.rest, 'javascript');
  return fromStdin(rc, 'javascript', 'zx');
};

export const deno: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const sub = args.find((a) => !a.startsWith('-'));
  if (!sub) {
    if (args.some((a) => a === '--version' || a === '-V' || a === '-v' || a === '--help' || a === '-h')) return [];
    return fromStdin(rc, 'typescript', 'deno');
  }
  const at = args.indexOf(sub);
  const after = args.slice(at + 1);
  if (DENO_ROUTINE_SUBCOMMANDS.has(sub)) return [];
  if (sub === 'publish') return publishing(rc, 'deno publish', 'JSR', after);
  if (sub === 'eval') {
    const s = scan(after, { code: [], withValue: ['--ext', '--config', '-c', '--import-map', '--location', '--cert', '--v8-flags', '--env-file'], informational: [] }, false);
    const code = s.script;
    if (code === undefined) return [unreadable(rc, 'deno eval', 'deno eval without code')];
    return judgeCode(rc, { language: 'typescript', text: code, origin: { via: 'deno eval' } });
  }
  if (sub === 'repl') return fromStdin(rc, 'typescript', 'deno repl');
  if (sub === 'task') return runnerOrUnknown(rc, 'deno', `deno task ${after.find((a) => !a.startsWith('-')) ?? ''} runs a task from deno.json`);
  const runArgs = sub === 'run' || sub === 'serve' ? after : args.slice(at);
  const s = scan(runArgs, { code: [], withValue: ['--config', '-c', '--import-map', '--location', '--cert', '--v8-flags', '--env-file', '--port', '--host', '--inspect', '--seed', '--ext', '--lock'], informational: [] }, false);
  if (!s.script) return [unreadable(rc, 'deno', `deno ${sub} without a script`)];
  return runScript(rc, s.script, s.rest, 'typescript');
};

export const bun: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const s = scan(args, { code: ['-e', '--eval', '-p', '--print'], withValue: ['--cwd', '--env-file', '--config', '-c', '--preload', '-r', '--port', '--tsconfig-override', '--define', '-d', '--loader', '-l', '--filter'], informational: ['-v', '--version', '-h', '--help', '--revision'], preload: ['--preload', '-r'] }, false);
  if (s.code.length) return judgeCode(rc, { language: 'typescript', text: s.code.join('\n'), origin: { via: `bun ${s.codeOption ?? '-e'}` } });
  if (s.informational && !s.script) return [];
  const sub = s.script;
  if (!sub) return fromStdin(rc, 'typescript', 'bun');
  // `bun install` runs the project's lifecycle scripts, `bun test` its tests: the runner reads them.
  if (BUN_ROUTINE_SUBCOMMANDS.has(sub)) return runnerOrUnknown(rc, 'bun', `bun ${sub}`);
  if (sub === 'publish') return publishing(rc, 'bun publish', 'npm', s.rest);
  if (sub === 'run' || sub === 'x') {
    const target = s.rest.find((a) => !a.startsWith('-'));
    if (sub === 'run' && target && looksLikeFile(target)) return runScript(rc, target, s.rest.slice(s.rest.indexOf(target) + 1), 'typescript');
    return runnerOrUnknown(rc, 'bun', `bun ${sub} ${target ?? ''}`);
  }
  if (looksLikeFile(sub)) return runScript(rc, sub, s.rest, 'typescript');
  // `bun <package-script>`
  return runnerOrUnknown(rc, 'bun', `bun ${sub} runs the package script ${sub}`);
};

function looksLikeFile(arg: string): boolean {
  return /\.(c|m)?[jt]sx?$/.test(arg) || arg.includes('/');
}

/** Package-script and task runners belong to src/intake/shell/runners: defer to it when it knows the tool. */
async function runnerOrUnknown(rc: RecognisedCommand, tool: string, what: string): Promise<PlannedAction[]> {
  const { RUNNER_LOADERS } = await import('../shell/runners/loaders.js');
  const runner = RUNNER_LOADERS[tool];
  if (runner) return (await runner())(rc);
  if (isLocalCommand(tool, rc.argv)) return [];
  return [unreadable(rc, tool, `${what}: its code is not visible`)];
}

export const ruby: Recogniser = async (rc) => {
  const name = toolName(rc.argv[0]);
  const s = scan(rc.argv.slice(1), RUBY_OPTIONS, true);
  const loop = s.flags.has('-n') || s.flags.has('-p');
  const files = loop || s.inPlace ? (s.code.length ? (s.script !== undefined ? [s.script, ...s.rest] : []) : s.rest) : [];
  const writes = s.inPlace ? await inPlaceWrites(rc, files) : [];
  const pre = s.preload.filter((p) => p.startsWith('.') || p.startsWith('/'));
  const preActions = await preloads(rc, pre.map((p) => (p.endsWith('.rb') ? p : `${p}.rb`)), 'ruby');
  if (s.code.length) return [...preActions, ...writes, ...(await judgeCode(rc, { language: 'ruby', text: s.code.join('\n'), origin: { via: `${name} -e` } }))];
  if (s.informational && s.script === undefined) return [];
  if (s.flags.has('-c')) return [];
  if (s.script !== undefined && s.script !== '-') return [...preActions, ...writes, ...(await runScript(rc, s.script, s.rest, 'ruby'))];
  return [...preActions, ...(await fromStdin(rc, 'ruby', name))];
};

/** `php -S ADDR [-t DOCROOT] [ROUTER]`: the development server runs the router for every request and
 *  serves the document root; a root outside the workspace (`/`, the home folder) exposes its files. */
async function phpServer(rc: RecognisedCommand, script: string | undefined, rest: readonly string[]): Promise<PlannedAction[]> {
  const args = rc.argv.slice(1);
  const root = valueOf(args, '-t', '--docroot');
  const out: PlannedAction[] = [];
  if (root !== undefined) {
    const placed = scriptPath(rc, root);
    const workspace = rc.workspace ?? process.cwd();
    if (/[$`]/.test(root) || !(placed === workspace || placed.startsWith(`${workspace}/`))) {
      out.push(unknownCommand(rc, `php -S serves ${root}, a folder outside the workspace, to whoever reaches the port`, 'serve files'));
    }
  }
  // The address is -S's value; a word after it is the router script.
  const router = [script, ...rest].find((w) => w !== undefined && /\.php$/.test(w));
  if (router !== undefined) out.push(...(await runScript(rc, router, [], 'php')));
  return out;
}

export const php: Recogniser = async (rc) => {
  const s = scan(rc.argv.slice(1), { ...PHP_OPTIONS, withValue: [...PHP_OPTIONS.withValue, '-f', '--file'] }, false);
  if (s.code.length) return judgeCode(rc, { language: 'php', text: `<?php ${s.code.join('\n')}`, origin: { via: `php ${s.codeOption ?? '-r'}` } });
  if (s.flags.has('-S')) return phpServer(rc, s.script, s.rest);
  if (s.informational && s.script === undefined) return [];
  const file = valueOf(rc.argv.slice(1), '-f', '--file') ?? s.script;
  if (file !== undefined && file !== '-') return runScript(rc, file, s.rest, 'php');
  return fromStdin(rc, 'php', 'php');
};

export const perl: Recogniser = async (rc) => {
  const s = scan(rc.argv.slice(1), PERL_OPTIONS, true);
  const files = s.code.length ? (s.script !== undefined ? [s.script, ...s.rest] : []) : s.rest;
  const writes = s.inPlace ? await inPlaceWrites(rc, files) : [];
  if (s.code.length) return [...writes, ...(await judgeCode(rc, { language: 'perl', text: s.code.join('\n'), origin: { via: `perl ${s.codeOption ?? '-e'}` } }))];
  if (s.informational && s.script === undefined) return [];
  if (s.flags.has('-c')) return [];
  if (s.script !== undefined && s.script !== '-') return [...writes, ...(await runScript(rc, s.script, s.rest, 'perl'))];
  return fromStdin(rc, 'perl', 'perl');
};

export const rscript: Recogniser = async (rc) => {
  const name = toolName(rc.argv[0]);
  const args = rc.argv.slice(1);
  if (name === 'R' && args[0] === 'CMD') return []; // R CMD build / check / INSTALL: the package toolchain
  const s = scan(args, R_OPTIONS, false);
  if (s.code.length) return judgeCode(rc, { language: 'r', text: s.code.join('\n'), origin: { via: `${name} -e` } });
  const file = valueOf(args, '-f', '--file') ?? (name === 'Rscript' ? s.script : undefined);
  if (file !== undefined) return runScript(rc, file, s.rest, 'r');
  if (s.informational) return [];
  return fromStdin(rc, 'r', name);
};

export const awk: Recogniser = async (rc) => {
  const name = toolName(rc.argv[0]);
  const args = rc.argv.slice(1);
  const sources: { text?: string; file?: string }[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a === '-f' || a === '--file') { sources.push({ file: args[++i] }); continue; }
    if (a.startsWith('-f') && a.length > 2 && !a.startsWith('--')) { sources.push({ file: a.slice(2) }); continue; }
    if (a === '-e' || a === '--source') { sources.push({ text: args[++i] }); continue; }
    if (a === '-i' || a === '--include' || a === '-l' || a === '--load' || a === '-E' || a === '--exec') {
      return [unreadable(rc, name, `${name} ${a} ${args[i + 1] ?? ''} loads code or an extension Firebreak does not read`)];
    }
    if (a === '-F' || a === '-v' || a === '--assign' || a === '--field-separator') { i++; continue; }
    if (a.startsWith('-') && a.length > 1) {
      if (/^--(version|help|usage|copyright)$|^-[VW]/.test(a)) return [];
      continue;
    }
    operands.push(a);
  }
  if (!sources.length) {
    const program = operands.shift();
    if (program === undefined) return [];
    sources.push({ text: program });
  }
  const out: PlannedAction[] = [];
  const session = newSession();
  for (const src of sources) {
    if (src.text !== undefined) out.push(...(await judgeCode(rc, { language: 'awk', text: src.text, origin: { via: `${name} program` } }, session)));
    else if (src.file) out.push(...(await judgeScriptFile(rc, src.file, { language: 'awk', session })));
  }
  return out;
};

export const sed: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  const scripts: { text?: string; file?: string }[] = [];
  const operands: string[] = [];
  let inPlace = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (a === '-e' || a === '--expression') { scripts.push({ text: args[++i] }); continue; }
    if (a.startsWith('--expression=')) { scripts.push({ text: a.slice(13) }); continue; }
    if (a === '-f' || a === '--file') { scripts.push({ file: args[++i] }); continue; }
    if (a.startsWith('--file=')) { scripts.push({ file: a.slice(7) }); continue; }
    if (a === '-i' || a.startsWith('--in-place')) { inPlace = true; continue; }
    if (a === '-l' || a === '--line-length') { i++; continue; }
    if (/^--(version|help)$/.test(a)) return [];
    if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      // clustered short options: -ne, -i.bak, -Ei
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'i') { inPlace = true; break; }
        if (c === 'e') { scripts.push({ text: a.slice(j + 1) || args[++i] }); break; }
        if (c === 'f') { scripts.push({ file: a.slice(j + 1) || args[++i] }); break; }
        if (c === 'l') { if (!a.slice(j + 1)) i++; break; }
      }
      continue;
    }
    if (a.startsWith('--')) continue;
    operands.push(a);
  }
  if (!scripts.length) {
    const script = operands.shift();
    if (script === undefined) return [];
    scripts.push({ text: script });
  }
  const out: PlannedAction[] = inPlace ? await inPlaceWrites(rc, operands) : [];
  const session = newSession();
  const text = scripts.filter((s) => s.text !== undefined).map((s) => s.text).join('\n');
  if (text) out.push(...(await judgeCode(rc, { language: 'sed', text, origin: { via: 'sed script' } }, session)));
  for (const s of scripts) if (s.file) out.push(...(await judgeScriptFile(rc, s.file, { language: 'sed', session })));
  return out;
};

/** A package published to a registry others install from: not passed unreviewed, unless only previewed. */
function publishing(rc: RecognisedCommand, what: string, registry: string, args: readonly string[]): PlannedAction[] {
  if (args.includes('--dry-run')) return [];
  return [unknownCommand(rc, `${what} publishes the package to ${registry}: others consume what is published, and it does not pass unreviewed`, 'publish')];
}

/** Runtimes whose code Firebreak does not read: versions and the toolchain pass, anything else is unknown. */
export const opaqueRuntime: Recogniser = async (rc) => {
  const name = toolName(rc.argv[0]);
  const spec = OPAQUE_RUNTIMES[name];
  const args = rc.argv.slice(1);
  if (args.length && args.every((a) => spec?.informational.has(a) || spec?.informational.has(a.split('=')[0]))) return [];
  const sub = args.find((a) => !a.startsWith('-'));
  const runs = spec?.runOptions ? args.find((a) => spec.runOptions?.has(a.split(/[:=]/)[0]) && !/[:=](off|false)$/i.test(a)) : undefined;
  if (runs !== undefined) return [unreadable(rc, name, `${name} ${sub ?? ''} ${runs} compiles and runs ${name} code, which Firebreak does not read: what it does is not visible`.replace(/\s+/g, ' '))];
  if (sub && spec?.toolchain?.has(sub)) return [];
  if (spec?.codeOptions) {
    const given = args.find((a) => spec.codeOptions?.has(a.split('=')[0]));
    if (!given) return [];
    return [unreadable(rc, name, `${name} ${given} runs the commands it is given (debugger and script commands can run any program), which Firebreak does not read`)];
  }
  return [unreadable(rc, name, `runs ${name} code, which Firebreak does not read: what it does is not visible`)];
};

function valueOf(args: readonly string[], ...names: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (names.includes(args[i])) return args[i + 1];
    for (const n of names) if (n.startsWith('--') && args[i].startsWith(`${n}=`)) return args[i].slice(n.length + 1);
  }
  return undefined;
}
