// Code that tools run without the command naming it: `pytest` imports every conftest.py and test
// module, `pip install .` runs setup.py, `npx vitest` loads vitest.config.ts, `bundle` evaluates the
// Gemfile. A command like `pytest` says nothing about what that code does, so Firebreak reads such
// a file when an agent's file tool writes it (src/agents/hook/written-code.ts).
import { isAbsolute, relative, resolve } from 'node:path';
import type { CodeLanguage } from '../intake/code/languages.js';

export interface ImplicitCode {
  /** Matched against the path relative to the workspace (or as given), with `/` separators. */
  pattern: RegExp;
  /** Who runs it, for the report. */
  loadedBy: string;
  /** When the extension does not say (Gemfile, Rakefile). */
  language?: CodeLanguage;
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
];

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
  const shown = isAbsolute(path) ? relative(workspace, absolute) : path;
  const entry = [shown, path].map((p) => p.split('\\').join('/')).map((p) => IMPLICITLY_RUN_CODE.find((e) => e.pattern.test(p))).find(Boolean);
  return entry ? { entry, shown, absolute } : undefined;
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
]);

/** Python modules run with `python -m` that load them. */
export const IMPLICIT_CODE_MODULES: ReadonlySet<string> = new Set(['pytest', 'unittest', 'nox', 'tox', 'pip']);

/** The program that loads implicitly-run code, when `argv` (after wrappers) runs one. */
export function implicitCodeLoader(argv: readonly string[]): string | undefined {
  const name = argv[0] ? argv[0].slice(argv[0].lastIndexOf('/') + 1) : '';
  if (IMPLICIT_CODE_LOADERS.has(name)) return name;
  if (/^python(\d+(\.\d+)?)?$/.test(name)) {
    const m = argv.indexOf('-m');
    const module = argv[m + 1] ?? '';
    if (m > 0 && IMPLICIT_CODE_MODULES.has(module) && (module !== 'pip' || installsLocal(argv.slice(m + 2)))) return `${name} -m ${module}`;
  }
  if ((name === 'pip' || name === 'pip3') && installsLocal(argv.slice(1))) return `${name} install`;
  if (name === 'uv' && argv[1] === 'pip' && installsLocal(argv.slice(2))) return 'uv pip install';
  return undefined;
}

/** `install .`, `install -e ./pkg`: a local project, whose setup.py runs. */
function installsLocal(args: readonly string[]): boolean {
  return args[0] === 'install' && args.slice(1).some((a) => a === '.' || a.startsWith('./') || a.startsWith('../') || a === '-e' || a === '--editable');
}

/** The languages of the modules a loader's code imports (`tests/test_app.py` imports `app/`): a
 *  changed module runs as surely as a changed test does. Keyed by `implicitCodeLoader`'s answer, its
 *  last word (`python3 -m pytest` -> pytest, `uv pip install` -> install). */
const LOADER_LANGUAGES: Readonly<Record<string, readonly CodeLanguage[]>> = {
  pytest: ['python'], 'py.test': ['python'], tox: ['python'], nox: ['python'], unittest: ['python'], install: ['python'],
  invoke: ['python'], fab: ['python'], doit: ['python'],
  jest: ['javascript', 'typescript'], vitest: ['javascript', 'typescript'], mocha: ['javascript', 'typescript'], ava: ['javascript', 'typescript'],
  playwright: ['javascript', 'typescript'], cypress: ['javascript', 'typescript'], karma: ['javascript', 'typescript'],
  vite: ['javascript', 'typescript'], webpack: ['javascript', 'typescript'], rollup: ['javascript', 'typescript'], next: ['javascript', 'typescript'],
  nuxt: ['javascript', 'typescript'], grunt: ['javascript', 'typescript'], gulp: ['javascript', 'typescript'], jake: ['javascript', 'typescript'],
  rspec: ['ruby'], rake: ['ruby'], bundle: ['ruby'], bundler: ['ruby'], guard: ['ruby'], danger: ['ruby'],
};

export function loaderLanguages(loader: string): readonly CodeLanguage[] {
  const key = loader.slice(loader.lastIndexOf(' ') + 1);
  return Object.hasOwn(LOADER_LANGUAGES, key) ? LOADER_LANGUAGES[key] : [];
}
