// Interpreter name -> recogniser that reads the code it runs (inline, piped, or a script file).
// Loaded on first use: a command without an interpreter never loads the code readers.
import type { Recogniser, RecogniserLoader } from '../shell/command.js';

type Name = 'python' | 'node' | 'zx' | 'tsRunner' | 'deno' | 'bun' | 'ruby' | 'php' | 'perl' | 'rscript' | 'awk' | 'sed' | 'opaqueRuntime';

const load = (name: Name): RecogniserLoader => async () => (await import('./interpreters.js'))[name] as Recogniser;

const python = load('python');
const node = load('node');
const ts = load('tsRunner');
const ruby = load('ruby');
const perl = load('perl');
const awk = load('awk');
const opaque = load('opaqueRuntime');
const pythonRunner: RecogniserLoader = async () => (await import('./python-runners.js')).pythonRunner;

/** The programs of PYTHON_RUNNERS (knowledge/code/python-runners.ts; a test checks they agree). */
export const PYTHON_RUNNER_NAMES: readonly string[] = ['coverage', 'coverage3', 'pyinstrument', 'memray', 'scalene', 'kernprof', 'viztracer', 'py-spy'];

export const OPAQUE_RUNTIME_NAMES: readonly string[] = [
  'java', 'lua', 'luajit', 'julia', 'elixir', 'erl', 'swift', 'dart', 'groovy', 'kotlin', 'scala',
  'pwsh', 'powershell', 'tclsh', 'wish', 'expect', 'osascript', 'jshell', 'racket', 'guile', 'sbcl', 'clojure', 'clj', 'ocaml', 'gdb', 'lldb', 'kotlinc',
  'raku', 'rakudo', 'perl6', 'escript', 'runghc', 'runhaskell', 'crystal', 'nim', 'v', 'zig', 'bb', 'babashka', 'nbb', 'scala-cli', 'amm', 'jbang', 'kscript',
  'hy', 'janet', 'fennel', 'gleam', 'qjs', 'chez', 'scheme', 'nimble', 'rust-script', 'cargo-script', 'scriptisto',
];

export const CODE_LOADERS: Readonly<Record<string, RecogniserLoader>> = {
  python, python2: python, python3: python, ipython: python, ipython3: python, pypy: python, pypy3: python,
  ...Object.fromEntries(['3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14'].map((v) => [`python${v}`, python])),
  node, nodejs: node,
  zx: load('zx'),
  tsx: ts, 'ts-node': ts, 'ts-node-esm': ts,
  deno: load('deno'),
  bun: load('bun'),
  ruby, irb: ruby,
  php: load('php'),
  perl, perl5: perl,
  Rscript: load('rscript'), R: load('rscript'),
  awk, gawk: awk, mawk: awk, nawk: awk,
  sed: load('sed'), gsed: load('sed'),
  ...Object.fromEntries(PYTHON_RUNNER_NAMES.map((name) => [name, pythonRunner])),
  // OPAQUE_RUNTIMES' names (listed here so that a plain command does not load that table; a test checks they agree).
  ...Object.fromEntries(OPAQUE_RUNTIME_NAMES.map((name) => [name, opaque])),
};
