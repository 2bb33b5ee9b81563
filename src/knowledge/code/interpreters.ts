// Interpreter command lines as data: which options take a value, which run inline code, which
// only print information. Read by src/intake/code/interpreters.ts.
import { table } from './effects.js';

export interface InterpreterSpec {
  /** Options whose value is inline code (`-c`, `-e`). Repeated options are joined with newlines. */
  code: readonly string[];
  /** Options that take a separate value (the value is not the script). */
  withValue: readonly string[];
  /** Options that only print information or check syntax: nothing runs. */
  informational: readonly string[];
  /** Options that preload a module or file (`node -r ./x`, `ruby -r x`): read when a project file. */
  preload?: readonly string[];
  /** Options that edit the input files in place (`perl -i`, `sed -i`). */
  inPlace?: readonly string[];
  /** Options followed only by digits, if any (`perl -0777`, `-l0`, `-0x1ff`): the cluster goes on after them (`-0ne`). */
  numeric?: readonly string[];
}

export const PYTHON_OPTIONS: InterpreterSpec = {
  code: ['-c'],
  withValue: ['-W', '-X', '--check-hash-based-pycs', '-m'],
  informational: ['-V', '--version', '-h', '--help', '-?', '--help-env', '--help-xoptions', '--help-all'],
};

export const NODE_OPTIONS: InterpreterSpec = {
  code: ['-e', '--eval', '-p', '--print'],
  withValue: ['-r', '--require', '--import', '--loader', '--experimental-loader', '-C', '--conditions', '--env-file', '--input-type', '--title',
    '--inspect-port', '--max-old-space-size', '--stack-size', '--test-name-pattern', '--test-reporter', '--test-reporter-destination', '--watch-path',
    '--tsconfig', '--cwd', '--redirect-stdout', '--redirect-stderr'],
  informational: ['-v', '--version', '-h', '--help', '-c', '--check', '--v8-options'],
  preload: ['-r', '--require', '--import', '--loader', '--experimental-loader'],
};

export const RUBY_OPTIONS: InterpreterSpec = {
  code: ['-e'],
  withValue: ['-r', '-I', '-C', '-E', '--encoding', '-F', '-K', '-T', '-W', '--external-encoding', '--internal-encoding', '--enable', '--disable', '-x'],
  informational: ['-v', '--version', '-h', '--help', '-c', '-y', '--yydebug', '--dump'],
  preload: ['-r'],
  inPlace: ['-i'],
  numeric: ['-0', '-l'],
};

export const PHP_OPTIONS: InterpreterSpec = {
  code: ['-r', '-B', '-R', '-E'],
  withValue: ['-c', '-d', '-z', '-t', '-S', '-F', '--rf', '--rc', '--re', '--rz', '--ri'],
  informational: ['-v', '--version', '-h', '--help', '-l', '--syntax-check', '-m', '--modules', '-i', '--info', '--ini', '-s'],
};

export const PERL_OPTIONS: InterpreterSpec = {
  code: ['-e', '-E'],
  withValue: ['-I', '-M', '-m', '-F', '-x', '-d', '-D', '-C'],
  informational: ['-v', '-V', '--version', '-h', '--help', '-c'],
  inPlace: ['-i'],
  numeric: ['-0', '-l'],
};

export const R_OPTIONS: InterpreterSpec = {
  code: ['-e', '--expr'],
  withValue: ['--default-packages', '--encoding', '-f', '--file', '--args'],
  informational: ['--version', '-h', '--help', 'RHOME'],
};

/** Deno and Bun subcommands that build, test, lint or manage packages: nothing from the project runs
 *  outside its tests. `publish` is not one: it publishes to a registry others consume. */
export const DENO_ROUTINE_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'test', 'bench', 'fmt', 'lint', 'check', 'compile', 'bundle', 'info', 'doc', 'cache', 'install', 'uninstall', 'add', 'remove', 'outdated',
  'upgrade', 'types', 'completions', 'coverage', 'init', 'lsp', 'help', 'clean', 'approve-scripts',
]);
export const BUN_ROUTINE_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'test', 'install', 'i', 'add', 'a', 'remove', 'rm', 'update', 'upgrade', 'build', 'init', 'create', 'pm', 'outdated', 'link', 'unlink',
  'patch', 'patch-commit', 'audit', 'info', 'why', 'completions', 'help', 'repl',
]);

/** Runtimes whose code Firebreak does not read: only these options and subcommands are routine
 *  (printing versions, the language's own build/test toolchain); anything else they run is unknown. */
export interface OpaqueRuntime {
  informational: ReadonlySet<string>;
  toolchain?: ReadonlySet<string>;
  /** A tool that is local by itself (a compiler, a debugger) and runs code only when given it with
   *  one of these options (`gdb -ex 'shell ...'`, `kotlinc -script x.kts`). */
  codeOptions?: ReadonlySet<string>;
  /** Options that make a toolchain subcommand run what it built (`nim c -r x.nim`, `nim c --run:on`): unknown, as the run is. */
  runOptions?: ReadonlySet<string>;
}

export const OPAQUE_RUNTIMES: Readonly<Record<string, OpaqueRuntime>> = table({
  java: { informational: new Set(['-version', '--version', '-help', '--help', '-h', '-?', '-showversion', '--show-version', '-XshowSettings', '-XshowSettings:properties', '--list-modules']) },
  lua: { informational: new Set(['-v', '--version', '-h', '--help']) },
  luajit: { informational: new Set(['-v', '--version', '-h', '--help']) },
  julia: { informational: new Set(['-v', '--version', '-h', '--help', '--help-hidden']) },
  elixir: { informational: new Set(['-v', '--version', '-h', '--help']) },
  erl: { informational: new Set(['-version', '--version', '-h', '--help']) },
  swift: {
    informational: new Set(['--version', '-version', '-h', '--help']),
    toolchain: new Set(['build', 'test', 'package', 'run', 'format', 'sdk']),
  },
  dart: {
    informational: new Set(['--version', '-h', '--help']),
    toolchain: new Set(['test', 'pub', 'analyze', 'format', 'compile', 'run', 'create', 'doc', 'fix', 'info', 'devtools', 'language-server', 'build']),
  },
  groovy: { informational: new Set(['-v', '--version', '-h', '--help']) },
  kotlin: { informational: new Set(['-version', '--version', '-h', '--help']) },
  scala: { informational: new Set(['-version', '--version', '-h', '--help']) },
  // Shells and automation languages Firebreak has no reader for: inline code and script files alike.
  pwsh: { informational: new Set(['-v', '-Version', '--version', '-h', '-help', '--help', '-?', '/?']) },
  powershell: { informational: new Set(['-v', '-Version', '--version', '-h', '-help', '--help', '-?', '/?']) },
  tclsh: { informational: new Set([]) },
  wish: { informational: new Set([]) },
  expect: { informational: new Set(['-v', '--version']) },
  osascript: { informational: new Set([]) },
  jshell: { informational: new Set(['--version', '-version', '-h', '--help']) },
  racket: { informational: new Set(['-v', '--version', '-h', '--help']) },
  guile: { informational: new Set(['-v', '--version', '-h', '--help']) },
  sbcl: { informational: new Set(['--version', '--help']) },
  clojure: { informational: new Set(['--version', '-h', '--help']) },
  clj: { informational: new Set(['--version', '-h', '--help']) },
  ocaml: { informational: new Set(['-version', '-vnum', '--version', '-help', '--help']) },
  // Debuggers run the program under test (the project's own build), and any shell command they are given.
  gdb: {
    informational: new Set(['--version', '-v', '--help', '-h']),
    codeOptions: new Set(['-ex', '-iex', '-x', '-ix', '--eval-command', '--init-eval-command', '--command', '--init-command', '-eval-command', '-command']),
  },
  lldb: {
    informational: new Set(['--version', '-v', '--help', '-h']),
    codeOptions: new Set(['-o', '-O', '-s', '-S', '-k', '-K', '--one-line', '--source', '--one-line-before-file', '--source-before-file',
      '--one-line-on-crash', '--source-on-crash', '--source-quietly']),
  },
  kotlinc: { informational: new Set(['-version', '--version', '-help', '-h']), codeOptions: new Set(['-script', '-e', '-expression']) },
  // Wave 16: more languages whose scripts run by name. Their builds and tests pass as cargo's do; `run`,
  // a script file or inline code is unknown.
  raku: { informational: new Set(['-v', '--version', '-h', '--help']) },
  rakudo: { informational: new Set(['-v', '--version', '-h', '--help']) },
  perl6: { informational: new Set(['-v', '--version', '-h', '--help']) },
  escript: { informational: new Set([]) },
  runghc: { informational: new Set(['--version', '--help']) },
  runhaskell: { informational: new Set(['--version', '--help']) },
  crystal: { informational: new Set(['-v', '--version', '-h', '--help']), toolchain: new Set(['build', 'spec', 'docs', 'tool', 'env', 'init', 'version', 'help']) },
  // Wave 17: `nim c -r x.nim` (and `--run`, `-r:on`) compiles and runs the program: unknown, as `nim r` is.
  nim: { informational: new Set(['-v', '--version', '-h', '--help', '--fullhelp']), toolchain: new Set(['c', 'cc', 'compile', 'cpp', 'compileToC', 'compileToCpp', 'objc', 'js', 'check', 'doc', 'doc2', 'jsondoc', 'ctags', 'buildIndex', 'genDepend', 'dump']), runOptions: new Set(['-r', '--run']) },
  // nimble runs the .nimble file's NimScript: its tasks (`nimble hello`), `run` and `test` (a task the file may
  // redefine) are unknown; building, installing and managing packages pass as cargo's do.
  nimble: { informational: new Set(['-v', '--version', '-h', '--help']), toolchain: new Set(['build', 'install', 'c', 'cc', 'cpp', 'js', 'check', 'init', 'refresh', 'search', 'list', 'tasks', 'path', 'dump', 'develop', 'upgrade', 'lock', 'deps', 'sync', 'setup', 'uninstall', 'doc', 'doc2']), runOptions: new Set(['-r', '--run']) },
  v: { informational: new Set(['-v', 'version', '--version', '-h', 'help', '--help']), toolchain: new Set(['build', 'test', 'fmt', 'vet', 'doc', 'install', 'new', 'init', 'up', 'version', 'help', 'self']) },
  zig: { informational: new Set(['version', '--version', '-h', '--help', 'help', 'env', 'targets', 'zen']), toolchain: new Set(['build', 'build-exe', 'build-lib', 'build-obj', 'test', 'fmt', 'init', 'fetch', 'cc', 'c++', 'ar', 'translate-c', 'ast-check', 'objcopy', 'version', 'env', 'targets', 'help', 'libc']) },
  bb: { informational: new Set(['--version', '-h', '--help']) },
  babashka: { informational: new Set(['--version', '-h', '--help']) },
  nbb: { informational: new Set(['--version', '-h', '--help']) },
  'scala-cli': { informational: new Set(['--version', '-version', '-h', '--help']), toolchain: new Set(['compile', 'test', 'fmt', 'format', 'doctor', 'version', 'setup-ide', 'clean', 'package', 'doc', 'help', 'config', 'bsp', 'dependency-update']) },
  amm: { informational: new Set(['--version', '-h', '--help']) },
  jbang: { informational: new Set(['--version', '-V', '-h', '--help']) },
  kscript: { informational: new Set(['--version', '-h', '--help']) },
  hy: { informational: new Set(['-v', '--version', '-h', '--help']) },
  janet: { informational: new Set(['-v', '--version', '-h', '--help']) },
  fennel: { informational: new Set(['-v', '--version', '-h', '--help']) },
  gleam: { informational: new Set(['-V', '--version', '-h', '--help']), toolchain: new Set(['build', 'test', 'check', 'format', 'deps', 'add', 'remove', 'new', 'docs', 'lsp', 'update', 'clean', 'help', 'fix', 'shell']) },
  qjs: { informational: new Set(['-h', '--help']) },
  chez: { informational: new Set(['--version', '--help']) },
  scheme: { informational: new Set(['--version', '--help']) },
  // Wave 17: Rust scripts run by name (compiled and run at once, as `cargo -Zscript` does: TOOLCHAIN_SCRIPT_RUNS).
  'rust-script': { informational: new Set(['--version', '-V', '-h', '--help']) },
  'cargo-script': { informational: new Set(['--version', '-V', '-h', '--help']) },
  scriptisto: { informational: new Set(['--version', '-V', '-h', '--help']) },
});

/** Build tools that also run one file (or inline code) of a language Firebreak does not read (wave 17):
 *  `mix run x.exs` and `mix run -e CODE` are `elixir x.exs`, `dart run x.dart` is `dart x.dart`, `dotnet run
 *  app.cs` (and `--file`) a file-based C# program, `cargo -Zscript x.rs` a Rust script. Their `run` of the
 *  project's own committed build stays the toolchain's; a script file or inline code given to it is unknown,
 *  as the runtime's own spelling is (OPAQUE_RUNTIMES). `subcommands`: where the file follows (empty: any
 *  position); `file`: what names a script; `codeOptions`: options whose value is code; `fileOptions`: options
 *  whose value is the script; `flags`: options that make the first file operand a script. */
export interface ToolchainScriptRun {
  language: string;
  subcommands: ReadonlySet<string>;
  file: RegExp;
  codeOptions?: ReadonlySet<string>;
  fileOptions?: ReadonlySet<string>;
  flags?: RegExp;
}

export const TOOLCHAIN_SCRIPT_RUNS: Readonly<Record<string, ToolchainScriptRun>> = table({
  mix: { language: 'Elixir', subcommands: new Set(['run']), file: /\.exs?$/, codeOptions: new Set(['-e', '--eval']) },
  dart: { language: 'Dart', subcommands: new Set(['run']), file: /\.dart$/ },
  dotnet: { language: 'C#', subcommands: new Set(['run']), file: /\.(cs|csx)$/, fileOptions: new Set(['--file']) },
  cargo: { language: 'Rust', subcommands: new Set(), file: /\.rs$/, flags: /^-Zscript$/ },
});

/** Framework command lines run as a script (`python manage.py X`, `php artisan X`, `bin/rails X`):
 *  the script only dispatches, and what the command does lives in the framework. Only these
 *  subcommands are routine; any other is unknown (a later reader of each framework may refine it). */
export const DISPATCHER_SCRIPTS: Readonly<Record<string, { framework: string; routine: ReadonlySet<string> }>> = table({
  'manage.py': {
    framework: 'Django',
    routine: new Set(['runserver', 'test', 'check', 'makemigrations', 'showmigrations', 'sqlmigrate', 'collectstatic', 'help', 'version',
      'diffsettings', 'inspectdb', 'findstatic', 'compilemessages', 'makemessages', 'startapp', 'validate_templates', 'show_urls', 'spectacular']),
  },
  artisan: {
    framework: 'Laravel',
    routine: new Set(['serve', 'test', 'route:list', 'list', 'help', 'about', 'make:model', 'make:controller', 'make:migration', 'make:test', 'make:request',
      'make:middleware', 'make:seeder', 'make:factory', 'make:command', 'make:job', 'make:event', 'make:listener', 'make:mail', 'make:policy', 'make:provider',
      'make:resource', 'make:rule', 'config:show', 'migrate:status', 'env', 'view:cache', 'config:cache', 'route:cache', 'optimize', 'key:generate', '--version', '-V']),
  },
  console: { framework: 'Symfony', routine: new Set(['list', 'help', 'about', 'debug:router', 'debug:container', 'debug:config', 'lint:yaml', 'lint:twig', 'lint:container', 'cache:clear', 'cache:warmup', 'make:entity', 'make:controller', 'make:migration', 'doctrine:migrations:status', 'server:run', '--version']) },
  rails: { framework: 'Rails', routine: new Set(['server', 's', 'test', 't', 'routes', 'generate', 'g', 'about', 'version', '--version', '-v', 'assets:precompile', 'db:migrate:status', 'stats', 'notes', 'zeitwerk:check', 'credentials:show', 'middleware', 'initializers']) },
  rake: { framework: 'Rake', routine: new Set(['test', 'spec', '-T', '--tasks', '-P', 'routes', 'stats', 'notes', 'build', 'default']) },
});
