// Code that tools run without the command naming it: `pytest` imports every conftest.py and test
// module, `pip install .` runs setup.py, `npx vitest` loads vitest.config.ts, `bundle` evaluates the
// Gemfile. A command like `pytest` says nothing about what that code does, so Firebreak reads such
// a file when an agent's file tool writes it (src/agents/hook/written-code.ts).
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CodeLanguage } from '../intake/code/languages.js';
import type { ToolCommandsKind } from '../intake/code/tool-commands.js';

export interface ImplicitCode {
  /** Matched against the path relative to the workspace (or as given), with `/` separators. */
  pattern: RegExp;
  /** Who runs it, for the report. */
  loadedBy: string;
  /** When the extension does not say (Gemfile, Rakefile). */
  language?: CodeLanguage;
  /** When neither a `#!` line nor the extension says (git runs a hook without `#!` with sh). */
  unlabelled?: CodeLanguage;
  /** A configuration whose commands the tool runs (src/intake/code/tool-commands.ts). */
  commandsOf?: ToolCommandsKind;
  /** Code in a language Firebreak does not parse, screened by what it names (src/knowledge/code/unread-capabilities.ts). */
  unreadLanguage?: string;
  /** A file with other uses (pyproject.toml, setup.cfg), routinely rewritten by programs (`sed -i` of a
   *  version): a write whose content is not visible is judged when the tool runs, not when written
   *  (src/intake/shell/implicit-loaders.ts: in the same line, unknown; later, read from disk). */
  hiddenJudgedWhenRun?: boolean;
  /** A program file in a folder on PATH (programOnPathTarget): a binary there is a program, judged by
   *  its name when it runs, not code to read. */
  onPath?: boolean;
}

const JS = '[cm]?[jt]sx?';

export const IMPLICITLY_RUN_CODE: readonly ImplicitCode[] = [
  { pattern: /(^|\/)conftest\.py$/, loadedBy: 'pytest (every conftest.py on the way to the tests)' },
  { pattern: /(^|\/)(test_[^/]*|[^/]*_test)\.py$/, loadedBy: 'pytest and unittest (test modules)' },
  { pattern: /(^|\/)tests?\/(.*\/)?[^/]+\.py$/, loadedBy: 'pytest (modules of the test folder)' },
  { pattern: /(^|\/)setup\.py$/, loadedBy: 'pip install and setuptools' },
  { pattern: /(^|\/)(noxfile|tasks|fabfile|dodo)\.py$/, loadedBy: 'nox, invoke, fabric and doit' },
  { pattern: /(^|\/)(sitecustomize|usercustomize)\.py$/, loadedBy: 'every Python start-up that finds it' },
  { pattern: new RegExp(`(^|/)[^/]*\\.(test|spec)\\.${JS}$`), loadedBy: 'jest, vitest and mocha (test files)' },
  { pattern: new RegExp(`(^|/)__tests__/(.*/)?[^/]+\\.${JS}$`), loadedBy: 'jest (files under __tests__)' },
  { pattern: new RegExp(`(^|/)[^/]*\\.config\\.${JS}$`), loadedBy: 'build and test tools (jest, vitest, vite, webpack, rollup, playwright, next, eslint, ...)' },
  { pattern: new RegExp(`(^|/)\\.(eslintrc|babelrc|mocharc|prettierrc|lintstagedrc)\\.${JS}$`), loadedBy: 'linters, compilers and test runners (their config)' },
  { pattern: new RegExp(`(^|/)(Gruntfile|gulpfile|Jakefile)\\.${JS}$`), loadedBy: 'grunt, gulp and jake' },
  { pattern: /(^|\/)(Gemfile|Guardfile|Dangerfile|[^/]+\.gemspec)$/, loadedBy: 'bundler and guard', language: 'ruby' },
  { pattern: /(^|\/)spec\/(.*\/)?[^/]+_spec\.rb$|(^|\/)test\/(.*\/)?[^/]+_test\.rb$/, loadedBy: 'rspec and minitest (test files)' },
  // Files whose commands or code build and hook tools run.
  { pattern: /(^|\/)tox\.ini$/, loadedBy: 'tox (the commands of its environments)', commandsOf: 'tox' },
  // tox's other configuration files, read in this order when tox.ini is absent (tool-commands.ts).
  { pattern: /(^|\/)setup\.cfg$/, loadedBy: 'tox (the commands of its environments, under [tox:tox])', commandsOf: 'tox-setup-cfg', hiddenJudgedWhenRun: true },
  { pattern: /(^|\/)pyproject\.toml$/, loadedBy: 'tox (the commands of its environments, under [tool.tox])', commandsOf: 'tox-pyproject', hiddenJudgedWhenRun: true },
  { pattern: /(^|\/)tox\.toml$/, loadedBy: 'tox (the commands of its environments)', commandsOf: 'tox-toml' },
  { pattern: /(^|\/)\.pre-commit-config\.ya?ml$/, loadedBy: 'pre-commit (its hooks)', commandsOf: 'pre-commit' },
  { pattern: /(^|\/)(\.mcp\.json|\.cursor\/mcp\.json|\.vscode\/mcp\.json|\.kiro\/settings\/mcp\.json|\.roo\/mcp\.json)$/, loadedBy: 'the coding agent (the MCP servers it starts when a session begins)', commandsOf: 'mcp' },
  { pattern: /(^|\/)x?t\/(.*\/)?[^/]+\.t$/, loadedBy: 'prove (Perl test files under t/)', language: 'perl' },
  { pattern: /(^|\/)build\.rs$/, loadedBy: 'cargo (the build script, before every build, check and test)', language: 'rust' },
  { pattern: /(^|\/)(SConstruct|Sconstruct|sconstruct|SConscript)$/, loadedBy: 'scons (its build scripts are Python)', language: 'python' },
  { pattern: /(^|\/)[^/]+_test\.go$/, loadedBy: 'go test (test files)' },
  { pattern: /(^|\/)\.envrc$/, loadedBy: 'direnv (whenever a shell enters the folder)', language: 'shell' },
  { pattern: /(^|\/)\.husky\/[^_/][^/]*$/, loadedBy: 'git through husky (hooks on commit, merge, push)', language: 'shell' },
];

/** Any of the table's patterns, in one expression (a screen for folders of build output). */
export const IMPLICIT_PATH = new RegExp(IMPLICITLY_RUN_CODE.map((e) => `(?:${e.pattern.source})`).join('|'));

export interface ImplicitTarget {
  entry: ImplicitCode;
  /** The path as the report shows it: relative to the workspace when it is inside. */
  shown: string;
  absolute: string;
}

/** Whether tools run the file at `path` (as written, relative to `cwd`) without naming it. A lookup
 *  over this table only: callers load the code readers just for the files it matches. */
export function implicitTarget(path: string, cwd: string, workspace: string = cwd): ImplicitTarget | undefined {
  const absolute = resolve(cwd, path);
  // Outside the workspace the path is shown whole (`/home/u/.local/lib/.../sitecustomize.py`), not climbing from it.
  const shown = isAbsolute(path) ? (relative(workspace, absolute).startsWith('..') ? absolute : relative(workspace, absolute)) : path;
  const entry = [shown, path].map((p) => p.split('\\').join('/')).map((p) => IMPLICITLY_RUN_CODE.find((e) => e.pattern.test(p))).find(Boolean);
  return entry ? { entry, shown, absolute } : undefined;
}

/**
 * Folders a bare program name is found in: the absolute entries of the agent's PATH, and the home
 * folder's program folders, which a login profile puts on PATH once they exist (Debian's .profile
 * does for ~/bin and ~/.local/bin).
 */
export function programFolders(path: string = process.env.PATH ?? '', home: string = homedir()): Set<string> {
  const folders = path.split(':').filter((e) => isAbsolute(e)).map((e) => resolve(e));
  return new Set([...folders, ...HOME_PROGRAM_FOLDERS.map((f) => join(home, f)), ...MACHINE_PROGRAM_FOLDERS]);
}

/** Folders of the home that an installer or a login profile puts on PATH (Debian's .profile for ~/bin
 *  and ~/.local/bin; Go, rustup, npm's prefix, deno, bun, volta, yarn, pnpm and the version managers' shims for theirs), whether or not the
 *  PATH Firebreak was started with has them yet: the agent's next shell may. */
const HOME_PROGRAM_FOLDERS = ['bin', '.local/bin', 'go/bin', '.cargo/bin', '.npm-global/bin', '.deno/bin', '.bun/bin', '.volta/bin', '.yarn/bin', '.local/share/pnpm', '.asdf/shims', '.pyenv/shims', '.rbenv/shims', '.nodenv/shims'];
/** The machine's program folders, on every PATH (macOS's Homebrew ones included). */
const MACHINE_PROGRAM_FOLDERS = ['/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/usr/sbin', '/bin', '/sbin', '/opt/homebrew/bin', '/opt/homebrew/sbin'];

/** Folders of a project whose programs its tools run by name: npm scripts and npx put node_modules/.bin
 *  first on PATH; an activated virtual environment (or `uv run`, `poetry run`) its bin folder. */
const PROJECT_PROGRAM_FOLDER = /^(?:.*\/)?(?:node_modules\/\.bin|\.?venv\/bin)$/;

/**
 * A file written straight into a folder on PATH: later commands that name it (`aws s3 ls`) run it,
 * and are judged by the name, not by this file. So what the write installs is read now. Downloads
 * and binaries (a release of the tool, a build) are not code to read here.
 */
export function programOnPathTarget(path: string, cwd: string, workspace: string = cwd): ImplicitTarget | undefined {
  const absolute = path.startsWith('~/') ? join(homedir(), path.slice(2)) : resolve(cwd, path);
  const folder = dirname(absolute);
  const inProject = !relative(workspace, folder).startsWith('..') && PROJECT_PROGRAM_FOLDER.test(relative(workspace, folder));
  if (!inProject && !programFolders().has(folder)) return undefined;
  const name = basename(absolute);
  const entry: ImplicitCode = {
    pattern: /(?!)/,
    loadedBy: inProject
      ? `every later command the project's tools run as \`${name}\` (npm scripts, npx, an activated environment put ${relative(workspace, folder)} on PATH)`
      : `every later command that runs \`${name}\` by name (${folder} is on PATH)`,
    unlabelled: 'shell',
    hiddenJudgedWhenRun: true,
    onPath: true,
  };
  const inside = !relative(workspace, absolute).startsWith('..');
  return { entry, shown: inside ? relative(workspace, absolute) : absolute, absolute };
}

/** A file tools run without a command naming it: a loader's file (implicitTarget), a program on PATH, or
 *  an installed package's code. */
export function runLaterTarget(path: string, cwd: string, workspace: string = cwd): ImplicitTarget | undefined {
  return implicitTarget(path, cwd, workspace) ?? programOnPathTarget(path, cwd, workspace) ?? installedCodeTarget(path, cwd, workspace);
}

/** Code of an installed package (`node_modules/lodash/index.js`, `site-packages/requests/__init__.py`) and
 *  Python's `.pth` files, whose `import` lines run at every start-up. Not in the loaders' table
 *  (IMPLICITLY_RUN_CODE): a test run does not look through installed packages; a write into one is read. */
const INSTALLED_CODE = /(?:^|\/)node_modules\/((?:@[^/.][^/]*\/)?[^/.][^/]*)\/(?:[^/]+\/)*[^/]+\.[cm]?js$|(?:^|\/)(?:site|dist)-packages\/([^/.][^/]*)\/(?:[^/]+\/)*[^/]+\.py$|(?:^|\/)(?:site|dist)-packages\/[^/]+\.(pth)$/;

export function installedCodeTarget(path: string, cwd: string, workspace: string = cwd): ImplicitTarget | undefined {
  const absolute = path.startsWith('~/') ? join(homedir(), path.slice(2)) : resolve(cwd, path);
  const m = INSTALLED_CODE.exec(absolute);
  if (!m) return undefined;
  const entry: ImplicitCode = m[3]
    ? { pattern: INSTALLED_CODE, loadedBy: 'every Python start-up (a .pth file\'s import lines run then)', language: 'python' }
    : { pattern: INSTALLED_CODE, loadedBy: `every program that imports the installed package ${m[1] ?? m[2]}` };
  const inside = !relative(workspace, absolute).startsWith('..');
  return { entry, shown: inside ? relative(workspace, absolute) : absolute, absolute };
}

/**
 * Programs that load such files by themselves (test runners, build tools, installers): when one
 * runs, implicitly-run files with uncommitted changes are read (src/intake/code/implicit.ts
 * `uncommittedImplicitCode`), whatever route put them there (a branch checkout, a patch, an
 * archive, a program's output, an edit made before the hook was installed).
 */
export const IMPLICIT_CODE_LOADERS: ReadonlySet<string> = new Set([
  'pytest', 'py.test', 'tox', 'nox', 'jest', 'vitest', 'mocha', 'ava', 'playwright', 'cypress', 'karma', 'vite', 'webpack', 'rollup',
  'eslint', 'next', 'nuxt', 'grunt', 'gulp', 'jake', 'rspec', 'rake', 'bundle', 'bundler', 'guard', 'danger', 'invoke', 'fab', 'doit',
  // JVM builds compile and run the project's code and build scripts, whatever the goal.
  'mvn', 'mvnw', 'gradle', 'gradlew', 'sbt',
  // C and C++ build generators run their build files whenever they configure, and a build re-configures
  // when those files changed; bazel runs repository rules and genrules; scons runs its Python scripts.
  'cmake', 'meson', 'bazel', 'bazelisk', 'scons',
  // Perl's test harness runs every t/*.t.
  'prove',
]);

/** Subcommands of programs that load such files: git runs its hooks, cargo its build script,
 *  Python project managers build the project (setup.py), direnv the `.envrc`. */
const LOADING_SUBCOMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  git: new Set(['commit', 'merge', 'rebase', 'am', 'push', 'pull', 'checkout', 'switch', 'cherry-pick', 'revert']),
  cargo: new Set(['build', 'b', 'check', 'c', 'test', 't', 'run', 'r', 'bench', 'clippy', 'doc', 'install', 'nextest']),
  dotnet: new Set(['build', 'test', 'run', 'watch', 'pack', 'publish', 'msbuild']),
  swift: new Set(['build', 'test', 'run']),
  dart: new Set(['run', 'test', 'compile']),
  flutter: new Set(['test', 'run', 'build']),
  mix: new Set(['test', 'run', 'compile']),
  go: new Set(['test']),
  // Wave 17: builds that run code at build time (build.zig; Nim, Crystal and V compile-time code; nimble's NimScript).
  // (`zig run`, `nim r`, `crystal run`, `gleam run`: unknown already, as OPAQUE_RUNTIMES says.)
  zig: new Set(['build', 'test', 'build-exe', 'build-lib', 'build-obj']),
  nim: new Set(['c', 'cc', 'compile', 'cpp', 'js', 'check']),
  nimble: new Set(['build', 'install', 'c', 'cc', 'cpp', 'js']),
  crystal: new Set(['build', 'spec']),
  v: new Set(['build', 'test']),
  gleam: new Set(['build', 'test']),
  'pre-commit': new Set(['run', 'try-repo', 'hook-impl']),
  direnv: new Set(['allow', 'permit', 'grant', 'exec', 'reload']),
  poetry: new Set(['install', 'build']),
  pdm: new Set(['install', 'sync', 'build']),
};

/** Python modules run with `python -m` that load them. */
export const IMPLICIT_CODE_MODULES: ReadonlySet<string> = new Set(['pytest', 'unittest', 'nox', 'tox', 'pip']);

/**
 * The project's code in languages Firebreak does not read, by the program that builds and runs it
 * (`cargo test` compiles and runs src/*.rs). Committed code is the project's; a changed file is code
 * nobody has read, so a command that runs it is unknown (a reader for the language lifts this).
 */
const UNREAD_SOURCES: Readonly<Record<string, { language: string; pattern: RegExp }>> = {
  cargo: { language: 'Rust', pattern: /\.rs$/ },
  dotnet: { language: '.NET (C#, F#, VB, MSBuild)', pattern: /\.(cs|csx|fs|fsx|vb|csproj|fsproj|vbproj|props|targets)$/ },
  mvn: { language: 'JVM (Java, Kotlin, Groovy, Scala, Maven plugins)', pattern: /\.(java|kt|kts|groovy|scala)$|(^|\/)pom\.xml$/ },
  gradle: { language: 'JVM (Java, Kotlin, Groovy, Scala, Gradle scripts)', pattern: /\.(java|kt|kts|groovy|gradle|scala)$/ },
  sbt: { language: 'Scala (and sbt build definitions)', pattern: /\.(scala|sbt|java)$/ },
  swift: { language: 'Swift', pattern: /\.swift$/ },
  dart: { language: 'Dart', pattern: /\.dart$/ },
  mix: { language: 'Elixir', pattern: /\.exs?$/ },
  cmake: { language: 'CMake', pattern: /(^|\/)CMakeLists\.txt$|\.cmake$/ },
  meson: { language: 'Meson', pattern: /(^|\/)meson(\.build|_options\.txt|\.options)$/ },
  zig: { language: 'Zig', pattern: /\.zig$|(^|\/)build\.zig\.zon$/ },
  nim: { language: 'Nim', pattern: /\.(nim|nims|nimble)$|(^|\/)nim\.cfg$/ },
  nimble: { language: 'Nim (NimScript)', pattern: /\.(nim|nims|nimble)$|(^|\/)nim\.cfg$/ },
  crystal: { language: 'Crystal', pattern: /\.cr$|(^|\/)shard\.yml$/ },
  v: { language: 'V', pattern: /\.v$|(^|\/)v\.mod$/ },
  gleam: { language: 'Gleam (and Erlang/JavaScript FFI)', pattern: /\.(gleam|erl|mjs)$|(^|\/)gleam\.toml$/ },
  bazel: { language: 'Starlark (Bazel)', pattern: /(^|\/)(BUILD|BUILD\.bazel|WORKSPACE|WORKSPACE\.bazel|MODULE\.bazel)$|\.bzl$/ },
};
const UNREAD_BY_LOADER: Readonly<Record<string, string>> = { mvnw: 'mvn', gradlew: 'gradle', flutter: 'dart', bazelisk: 'bazel' };

/** The language a loader builds and runs that Firebreak does not read, with the files that hold it. */
export function unreadSources(loader: string): { language: string; pattern: RegExp } | undefined {
  const name = loader.split(' ')[0];
  const key = UNREAD_BY_LOADER[name] ?? name;
  return Object.hasOwn(UNREAD_SOURCES, key) ? UNREAD_SOURCES[key] : undefined;
}

const ONLY_ASKS = /^(-v|-V|--version|-version|-h|--help|-help|-\?)$/;

/** The program that loads implicitly-run code, when `argv` (after wrappers) runs one. */
export function implicitCodeLoader(argv: readonly string[]): string | undefined {
  const name = argv[0] ? argv[0].slice(argv[0].lastIndexOf('/') + 1) : '';
  if (IMPLICIT_CODE_LOADERS.has(name)) return argv.length > 1 && argv.slice(1).every((a) => ONLY_ASKS.test(a)) ? undefined : name;
  if (/^python(\d+(\.\d+)?)?$/.test(name)) {
    const m = argv.indexOf('-m');
    const module = argv[m + 1] ?? '';
    if (m > 0 && IMPLICIT_CODE_MODULES.has(module) && (module !== 'pip' || installsLocal(argv.slice(m + 2)))) return `${name} -m ${module}`;
  }
  if ((name === 'pip' || name === 'pip3') && installsLocal(argv.slice(1))) return `${name} install`;
  if (name === 'uv' && argv[1] === 'sync') return 'uv sync';
  const sub = subcommand(argv);
  if (Object.hasOwn(LOADING_SUBCOMMANDS, name) && sub !== undefined && LOADING_SUBCOMMANDS[name].has(sub)) return `${name} ${sub}`;
  if (name === 'uv' && argv[1] === 'pip' && installsLocal(argv.slice(2))) return 'uv pip install';
  return undefined;
}

/** Options before a subcommand that take the next word (`git -C dir commit`, `git -c k=v push`). */
const VALUE_OPTIONS: ReadonlySet<string> = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--manifest-path', '--config', '-Z']);

function subcommand(argv: readonly string[]): string | undefined {
  for (let i = 1; i < argv.length; i++) {
    if (VALUE_OPTIONS.has(argv[i])) i++;
    else if (!argv[i].startsWith('-') && !argv[i].startsWith('+')) return argv[i];
  }
  return undefined;
}

/** `install .`, `install -e ./pkg`: a local project, whose setup.py runs. */
function installsLocal(args: readonly string[]): boolean {
  return args[0] === 'install' && args.slice(1).some((a) => a === '.' || a.startsWith('./') || a.startsWith('../') || a === '-e' || a === '--editable');
}

/** The languages of the modules a loader's code imports (`tests/test_app.py` imports `app/`): a
 *  changed module runs as surely as a changed test does. Keyed by `implicitCodeLoader`'s answer
 *  (`python3 -m pytest` by its module). */
const PYTHON: readonly CodeLanguage[] = ['python'];
const JAVASCRIPT: readonly CodeLanguage[] = ['javascript', 'typescript'];
const RUBY: readonly CodeLanguage[] = ['ruby'];
const LOADER_LANGUAGES: Readonly<Record<string, readonly CodeLanguage[]>> = {
  pytest: PYTHON, 'py.test': PYTHON, tox: PYTHON, nox: PYTHON, unittest: PYTHON, pip: PYTHON, invoke: PYTHON, fab: PYTHON, doit: PYTHON,
  'pip install': PYTHON, 'pip3 install': PYTHON, 'uv pip install': PYTHON, 'uv sync': PYTHON,
  'poetry install': PYTHON, 'poetry build': PYTHON, 'pdm install': PYTHON, 'pdm sync': PYTHON, 'pdm build': PYTHON,
  jest: JAVASCRIPT, vitest: JAVASCRIPT, mocha: JAVASCRIPT, ava: JAVASCRIPT, playwright: JAVASCRIPT, cypress: JAVASCRIPT, karma: JAVASCRIPT,
  vite: JAVASCRIPT, webpack: JAVASCRIPT, rollup: JAVASCRIPT, next: JAVASCRIPT, nuxt: JAVASCRIPT, grunt: JAVASCRIPT, gulp: JAVASCRIPT, jake: JAVASCRIPT,
  'go test': ['go'],
  prove: ['perl'],
  rspec: RUBY, rake: RUBY, bundle: RUBY, bundler: RUBY, guard: RUBY, danger: RUBY,
};

export function loaderLanguages(loader: string): readonly CodeLanguage[] {
  const module = / -m (\S+)$/.exec(loader)?.[1];
  const key = module ?? loader;
  return Object.hasOwn(LOADER_LANGUAGES, key) ? LOADER_LANGUAGES[key] : [];
}

/** Folders a collecting test runner does not enter by itself, by the language it collects:
 *  pytest's norecursedirs defaults (plus virtualenvs, told by their pyvenv.cfg), the JavaScript
 *  runners' node_modules, hidden folders for all. Only these loaders look through folders git
 *  ignores (a conftest.py under an ignored `scratch/`); the others load files by fixed names. */
const NOT_COLLECTED: Readonly<Record<CodeLanguage, RegExp | undefined>> = {
  python: /^(\..+|node_modules|__pycache__|site-packages|.+\.egg-info|.+\.egg|build|dist|venv|CVS|_darcs|\{arch\})$/,
  javascript: /^(\..+|node_modules)$/,
  typescript: /^(\..+|node_modules)$/,
  ruby: /^(\..+|node_modules|vendor)$/,
  perl: /^(\..+|blib|local|node_modules)$/,
  php: undefined, r: undefined, awk: undefined, sed: undefined, shell: undefined, go: undefined, rust: undefined,
};

/** Folder names the loader's collection skips, or undefined when it does not collect (git, cargo, pip). */
export function foldersNotCollected(loader: string): RegExp | undefined {
  if (/(^| )(pip3?|uv|poetry|pdm) /.test(loader) || loader === 'uv sync') return undefined;
  const languages = loaderLanguages(loader);
  const skips = languages.map((l) => NOT_COLLECTED[l]).filter((r): r is RegExp => r !== undefined);
  if (!skips.length) return undefined;
  return skips.length === 1 ? skips[0] : new RegExp(skips.map((r) => `(?:${r.source})`).join('|'));
}
