// One piece of code -> its effects and the project modules it imports. Each language has its own
// reader (code -> IR) and library model (what calls do); the evaluator between them is shared.
import { dirname, relative, resolve as resolvePath } from 'node:path';
import type { CodeInput, ModuleRef } from './index.js';
import type { Effect } from './effect.js';
import { Evaluator, type ExternalCall, type ExternalCallers, type Library } from './evaluate.js';
import type { Program } from './ir.js';
import { resolveImports, type MissingImport } from './resolve.js';
import { DYNAMIC_IMPORTS, JS_COMPUTED_IMPORTS, LOCAL_CALLS, LOCAL_MODULES, type DynamicImport } from './models/shared.js';
import { str, unknownText } from './values.js';
import { typerUnreachedCalls } from './python-cli-dispatch.js';

export interface Analysis {
  effects: Effect[];
  imports: ModuleRef[];
}

export async function analyse(input: CodeInput, workspaceDir: string, written?: (absolute: string) => boolean, root?: string): Promise<Analysis> {
  const { program, library } = await readerFor(input);
  // Project modules are read on their own: calls into them are not judged by their names here.
  const localModules = new Set<string>();
  const missing: MissingImport[] = [];
  const imports = resolveImports(program, input.origin, workspaceDir, localModules, missing, written, root ?? workspaceDir);
  const unreached = input.language === 'python' && !input.origin.imported ? typerUnreachedCalls(program, input.text, input.args) : undefined;
  const evaluator = new Evaluator(program, library, input.origin.absolute, {
    source: input.text,
    ...(input.args ? { args: input.args.map((a) => (a === null ? unknownText('a command-line argument the shell expands at run time') : str(a))) } : {}),
    ...(input.callers ? { callers: input.callers } : {}),
    ...(unreached ? { unreached } : {}),
    ...(isEntryScript(input, program, imports.length + missing.length) ? { entry: true } : {}),
    // A Python module is importable by any project module it imports in turn (`import main` in a
    // helper reaches main's functions), so its functions' callers are in view only when it imports none.
    ...(input.origin.imported || (input.language === 'python' && imports.length) ? { imported: true } : {}),
  });
  evaluator.state.set(LOCAL_MODULES, localModules);
  const effects = evaluator.run();
  for (const { imp, written: file } of missing) {
    const at = { loc: imp.loc, ...(input.origin.file ? { file: input.origin.file } : {}) };
    // A module the command writes before the code runs: read what it writes, as for a script it runs.
    if (file) effects.push({ kind: 'script', path: relative(input.origin.absolute ? dirname(input.origin.absolute) : workspaceDir, file), language: moduleLanguage(input.language, file), via: `import of ${imp.module}`, fromCode: true, ...at });
    else effects.push({ kind: 'unknown', why: `loads ${imp.module}, which is not a file Firebreak can read now: it may be there when the code runs`, ...at });
  }
  // `importlib.import_module('tasks')` of a project module runs it as an import statement would.
  const dynamic = evaluator.state.get(DYNAMIC_IMPORTS) as DynamicImport[] | undefined;
  if (dynamic?.length) {
    const more = resolveImports({ ...program, imports: dynamic.map((d) => ({ module: d.module, level: d.level ?? 0, loc: { line: d.line, text: d.text } })) }, input.origin, workspaceDir);
    for (const m of more) m.callers = { from: input.origin.file ?? 'the code', escaped: 'imports it by a name in text (importlib), so any of its functions may be called', names: new Map() };
    imports.push(...more);
  }
  // `import(\`./${name}.mjs\`)` of a path the code computes: the file is read as an import is.
  const computed = evaluator.state.get(JS_COMPUTED_IMPORTS) as { module: string; line: number; text: string }[] | undefined;
  for (const c of computed ?? []) {
    const imp = { module: c.module, level: 0, loc: { line: c.line, text: c.text } };
    const found = resolveImports({ ...program, imports: [imp] }, input.origin, workspaceDir);
    const at = { loc: imp.loc, ...(input.origin.file ? { file: input.origin.file } : {}) };
    if (!found.length && c.module !== input.origin.absolute && resolvePath(input.origin.absolute ? dirname(input.origin.absolute) : workspaceDir, c.module) !== input.origin.absolute) {
      effects.push({ kind: 'unknown', why: `loads ${c.module}, which is not a file Firebreak can read now: it may be there when the code runs`, ...at });
    }
    for (const m of found) {
      m.callers = { from: input.origin.file ?? 'the code', escaped: 'loads it by a path it computes, so any of its functions may be called', names: new Map() };
      if (!imports.some((i) => i.absolute === m.absolute)) imports.push(m);
    }
  }
  if (input.language === 'javascript' || input.language === 'typescript' || input.language === 'python') {
    const calls = evaluator.state.get(LOCAL_CALLS) as Map<string, ExternalCall[]> | undefined;
    for (const m of imports) m.callers = callersOf(program, input, m, calls);
  }
  return { effects, imports };
}

/**
 * A JavaScript / TypeScript file the command runs (not a module another imports, not inline code)
 * that loads nothing but Node's own modules and packages by name: no project module is in the
 * process to import it back, so only its own code calls its exports. Any other way of loading a
 * module (a path, `import()` / `require()` of a computed name, itself by `import.meta.url` or
 * `process.argv[1]`, createRequire, require.main) and it is not.
 */
function isEntryScript(input: CodeInput, program: Program, projectImports: number): boolean {
  if (input.language !== 'javascript' && input.language !== 'typescript') return false;
  if (input.origin.imported || input.origin.absolute === undefined || projectImports !== 0) return false;
  if (!program.imports.every((i) => BY_PACKAGE_NAME.test(i.module))) return false;
  if (program.calls.some((c) => c.callee.k === 'name' && c.callee.name === 'import' && c.args[0]?.k !== 'lit')) return false;
  if (OTHER_LOADERS.test(input.text)) return false;
  // Every mention of `require` is a call of a package or builtin by its literal name.
  const mentions = input.text.match(/(?<![\w$])require(?![\w$])/g)?.length ?? 0;
  const literalCalls = [...input.text.matchAll(/(?<![\w$.])require\s*\(\s*(['"])([^'"]*)\1\s*\)/g)].filter((m) => BY_PACKAGE_NAME.test(m[2])).length;
  return mentions === literalCalls;
}

/** `node:fs`, `fs`, `@babel/parser`, `lodash/fp`: Node's own modules and packages, never a path or a URL. */
const BY_PACKAGE_NAME = /^(node:[a-z_/]+|(@[a-z0-9._-]+\/)?[a-z0-9_][a-z0-9._-]*(\/[a-z0-9._/-]*)?)$/i;

/** Ways a module can load another (itself) other than `import ... from 'name'` and `require('name')`. */
const OTHER_LOADERS = /\b(createRequire|createRequireFromPath|mainModule|_load|getBuiltinModule)\b|\bimport\s*\.\s*meta\s*\.\s*resolve\b/;

/**
 * How this code calls the exported functions of project module `m`. Trusted only when the one way
 * the code reaches `m` is `import { f, g as h } from 'm'` and each imported name is only ever called
 * directly (never passed on, re-exported, reassigned or named in text that `eval` could run).
 */
function callersOf(program: Program, input: CodeInput, m: ModuleRef, calls: Map<string, ExternalCall[]> | undefined): ExternalCallers {
  const from = input.origin.file ?? 'the code';
  const names = new Map<string, ExternalCall[] | { escaped: string }>();
  if (!m.statements.length || m.statements.some((st) => !st.named)) return { from, escaped: 'imports it whole (namespace, default, require, import() or re-export)', names };
  const python = input.language === 'python';
  if (python ? program.namesInText !== false : CODE_FROM_TEXT.test(input.text)) return { from, escaped: python ? 'can reach names through text (eval, getattr, globals, sys.modules...)' : 'can run code from text (eval, Function, vm)', names };
  const directCalls = new Map<string, number>();
  for (const c of program.calls) if (c.callee.k === 'name') directCalls.set(c.callee.name, (directCalls.get(c.callee.name) ?? 0) + 1);
  for (const statement of m.statements) for (const { name, alias } of statement.named ?? []) {
    if (names.has(name) && !Array.isArray(names.get(name))) continue;
    const escaped = (why: string) => names.set(name, { escaped: `${why} (${alias}, imported at line ${statement.loc.line})` });
    if (name === 'default') escaped('imports its default export');
    else if ((program.bindings.get(alias)?.length ?? 0) !== 1) escaped('assigns the imported name again');
    else if ((program.mentions?.get(alias) ?? Infinity) !== 1 + (directCalls.get(alias) ?? 0)) escaped('uses the imported function as a value (passed, returned, exported or stored)');
    else names.set(name, [...((names.get(name) as ExternalCall[] | undefined) ?? []), ...(calls?.get(python ? `${'.'.repeat(statement.level)}${statement.module}` : `${statement.module}.${name}`) ?? [])]);
  }
  return { from, names };
}

function moduleLanguage(importer: CodeInput['language'], file: string): CodeInput['language'] {
  if (importer === 'javascript' || importer === 'typescript') return /\.(c|m)?tsx?$/.test(file) ? 'typescript' : 'javascript';
  return importer;
}

/** JavaScript that can reach a name through text. */
const CODE_FROM_TEXT = /\b(eval|Function|vm)\b/;

async function readerFor(input: CodeInput): Promise<{ program: Program; library: Library }> {
  const file = input.origin.file;
  switch (input.language) {
    case 'python': {
      const [{ readPython }, { pythonLibrary }] = await Promise.all([import('./readers/python.js'), import('./models/python.js')]);
      return { program: await readPython(input.text, file), library: pythonLibrary };
    }
    case 'javascript':
    case 'typescript': {
      const [{ readJavaScript }, { javascriptLibrary }] = await Promise.all([import('./readers/javascript.js'), import('./models/javascript.js')]);
      return { program: await readJavaScript(input.text, input.language, file), library: javascriptLibrary };
    }
    case 'ruby': {
      const [{ readRuby }, { rubyLibrary }] = await Promise.all([import('./readers/ruby.js'), import('./models/ruby.js')]);
      return { program: await readRuby(input.text, file), library: rubyLibrary };
    }
    case 'php': {
      const [{ readPhp }, { phpLibrary }] = await Promise.all([import('./readers/php.js'), import('./models/php.js')]);
      return { program: await readPhp(input.text, file), library: phpLibrary };
    }
    case 'perl':
    case 'r':
    case 'awk':
    case 'sed': {
      const [{ readSmall }, { smallLibrary }] = await Promise.all([import('./readers/small.js'), import('./models/small.js')]);
      return { program: readSmall(input.language, input.text, file), library: smallLibrary(input.language) };
    }
    case 'go': {
      // One file read as a package of one (a test file written now); `go run` reads whole packages (go-package.ts).
      const [{ readGo }, { goLibrary }] = await Promise.all([import('./readers/go.js'), import('./models/go.js')]);
      return { program: await readGo([{ file: file ?? 'code.go', text: input.text }]), library: goLibrary };
    }
    case 'shell':
      throw new Error('shell code is walked by the shell intake');
    case 'rust':
      throw new Error('Rust is read crate by crate (rust-crate.ts)');
  }
}
