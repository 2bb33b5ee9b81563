// Which imports are project modules (read too) and which are installed libraries (modelled by
// the library tables, or not at all). Only files inside the project are followed.
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { RecognisedCommand } from '../shell/command.js';
import type { CodeOrigin, ModuleRef } from './index.js';
import type { Program } from './ir.js';
import { existsDir, existsFile, readFileText, scriptPath, type ScriptText } from './source.js';

const JS_EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx', '/index.ts', '/index.js', '/index.mjs', '/index.cjs'];

/** The project modules the code imports; `localModules` collects the import names that resolved. */
/** An import that names no readable module: `written` is the file the command writes before the code
 *  runs, when it is one. */
export interface MissingImport {
  imp: Program['imports'][number];
  written?: string;
}

export function resolveImports(program: Program, origin: CodeOrigin, workspaceDir: string, localModules?: Set<string>, missing?: MissingImport[], written?: (absolute: string) => boolean, root = workspaceDir): ModuleRef[] {
  const fromDir = origin.absolute ? dirname(origin.absolute) : workspaceDir;
  const out: ModuleRef[] = [];
  const seen = new Set<string>();
  let current: Program['imports'][number] | undefined;
  let hit = false;
  let rewritten: string | undefined;
  const add = (absolute: string | undefined, spec: string, line: number, language: ModuleRef['language']) => {
    if (!absolute || absolute === origin.absolute) return;
    hit = true;
    // On disk, but the command writes it before the code runs: what is on disk is not what runs.
    if (written?.(absolute)) { rewritten = absolute; return; }
    // Every import statement that reaches the module (one module may be imported twice).
    const known = out.find((m) => m.absolute === absolute);
    if (known) {
      if (current && !known.statements.includes(current)) known.statements.push(current);
      return;
    }
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ absolute, spec, line, language, statements: current ? [current] : [] });
  };
  for (const imp of program.imports) {
    current = imp;
    hit = false;
    rewritten = undefined;
    resolveOne(imp);
    if (rewritten) missing?.push({ imp, written: rewritten });
    else if (hit) localModules?.add(`${'.'.repeat(imp.level)}${imp.module}`);
    else if (missing) {
      const file = written && writtenModule(program.language, imp, fromDir, workspaceDir, written);
      if (file) missing.push({ imp, written: file });
      else if (namesMissingCode(program.language, imp) && outsideWorkspace(program.language, imp, fromDir, workspaceDir, root)) missing.push({ imp });
    }
  }
  return out;

  function resolveOne(imp: Program['imports'][number]): void {
    switch (program.language) {
      case 'python':
        for (const f of pythonModuleFiles(imp.module, imp.level, fromDir, workspaceDir)) add(f, imp.loc.text, imp.loc.line, 'python');
        break;
      case 'javascript':
      case 'typescript':
        if (/^\.{1,2}(\/|$)/.test(imp.module) || imp.module.startsWith('/')) {
          const f = jsModuleFile(resolve(fromDir, imp.module));
          add(f, imp.loc.text, imp.loc.line, f && /\.(c|m)?tsx?$/.test(f) ? 'typescript' : 'javascript');
        }
        break;
      case 'ruby': {
        const base = imp.level === 1 ? fromDir : workspaceDir;
        if (imp.level === 1 || /^\.{1,2}\//.test(imp.module)) {
          const f = firstFile([resolve(base, imp.module), resolve(base, `${imp.module}.rb`)]);
          add(f, imp.loc.text, imp.loc.line, 'ruby');
        }
        break;
      }
      case 'php': {
        const f = firstFile([resolve(fromDir, imp.module), resolve(workspaceDir, imp.module)]);
        add(f, imp.loc.text, imp.loc.line, 'php');
        break;
      }
      default:
        break;
    }
  }
}

/** Extensions of files Node, Ruby and PHP load as code (a stylesheet or JSON a bundler or `require`
 *  loads is data: a missing one runs nothing). */
const CODE_FILE = /(^|\/)[^/.]*$|\.(c|m)?[jt]sx?$|\.node$|\.rb$|\.php\d?$|\.inc$|\.phtml$/;

/**
 * An import by a path (`require('./x')`, `import '../lib/y.mjs'`, `require_relative 'z'`, PHP
 * `include 'w.php'`) that names no file now. The file may be there when the code runs (written by an
 * earlier command, or by this one): code nobody has read, never a module that does nothing.
 * Type-only imports are erased before the code runs.
 */
function namesMissingCode(language: Program['language'], imp: Program['imports'][number]): boolean {
  if (/^(import|export)\s+type\b/.test(imp.loc.text)) return false;
  const path = imp.module.replace(/[?#].*$/, '');
  switch (language) {
    case 'javascript':
    case 'typescript':
      return (/^\.{1,2}(\/|$)/.test(path) || path.startsWith('/') || path.startsWith('file:')) && CODE_FILE.test(path);
    case 'ruby':
      return (imp.level === 1 || /^\.{1,2}\//.test(path)) && CODE_FILE.test(path);
    case 'php':
      // Composer's autoloader is the installed libraries, not project code (`composer install` makes it).
      return CODE_FILE.test(path) && !/(^|\/)vendor\//.test(path);
    default:
      return false;
  }
}

/** The file an import names that the command writes before it runs the code (`import helper` of a
 *  helper.py written by `cat > helper.py`, `require('./gen')` of gen.js). */
function writtenModule(language: Program['language'], imp: Program['imports'][number], fromDir: string, workspaceDir: string, written: (absolute: string) => boolean): string | undefined {
  if (language === 'python') {
    const rel = imp.module.split('.').join('/');
    if (!rel) return undefined;
    const bases = imp.level > 0 ? [upDirs(fromDir, imp.level - 1)] : [fromDir, workspaceDir];
    for (const base of bases) for (const f of [`${rel}.py`, `${rel}/__init__.py`]) if (written(join(base, f))) return join(base, f);
    return undefined;
  }
  if ((language === 'javascript' || language === 'typescript') && (/^\.{1,2}(\/|$)/.test(imp.module) || imp.module.startsWith('/'))) {
    return JS_EXTENSIONS.map((e) => resolve(fromDir, imp.module) + e).find(written);
  }
  return undefined;
}

/**
 * A missing module outside the workspace (`/tmp/x.js`, `../../other/x`) is nothing the project builds:
 * unknown. One inside is most often build output not made yet (`../dist/index.js`), which Node fails
 * to load when it is still missing; one the command line writes is read as written (writtenModule).
 */
function outsideWorkspace(language: Program['language'], imp: Program['imports'][number], fromDir: string, workspaceDir: string, root: string): boolean {
  const path = imp.module.replace(/[?#].*$/, '');
  if (path.startsWith('file:')) return true;
  const base = language === 'ruby' && imp.level !== 1 ? workspaceDir : fromDir;
  const rel = relative(root, resolve(base, path));
  return rel === '..' || rel.startsWith('../') || isAbsolute(rel);
}

/** The files Python executes for an import: each package's __init__.py on the way, then the module. */
function pythonModuleFiles(module: string, level: number, fromDir: string, workspaceDir: string): string[] {
  const parts = module ? module.split('.') : [];
  // A src layout (`src/pkg/`): what an editable install, `uv run` or `pip install -e .` puts on sys.path.
  const bases = level > 0 ? [upDirs(fromDir, level - 1)] : [...new Set([fromDir, workspaceDir, join(workspaceDir, 'src')])];
  for (const base of bases) {
    const files: string[] = [];
    let dir = base;
    let found = false;
    for (const [i, part] of parts.entries()) {
      const pkg = join(dir, part);
      const init = join(pkg, '__init__.py');
      const mod = `${pkg}.py`;
      if (existsDir(pkg)) {
        if (existsFile(init)) files.push(init);
        dir = pkg;
        found = true;
        continue;
      }
      if (existsFile(mod)) { files.push(mod); found = true; }
      else if (i === 0) found = false;
      break;
    }
    if (found) return files;
  }
  return [];
}

function upDirs(dir: string, n: number): string {
  let d = dir;
  for (let i = 0; i < n; i++) d = dirname(d);
  return d;
}

function jsModuleFile(base: string): string | undefined {
  const candidates = JS_EXTENSIONS.map((e) => base + e);
  if (/\.(c|m)?js$/.test(base)) candidates.push(base.replace(/\.(c|m)?js$/, (m) => m.replace('js', 'ts')));
  return firstFile(candidates);
}

function firstFile(candidates: string[]): string | undefined {
  return candidates.find(existsFile);
}

/** `python -m pkg.mod`: pkg/mod.py or pkg/mod/__main__.py under the working directory. */
export function resolvePythonModule(rc: Pick<RecognisedCommand, 'cwd' | 'workspace'>, name: string): ScriptText | undefined {
  const base = scriptPath(rc, '.');
  const rel = name.split('.').join('/');
  for (const candidate of [`${rel}.py`, `${rel}/__main__.py`]) {
    const absolute = join(base, candidate);
    if (existsFile(absolute)) return readFileText(absolute, candidate);
  }
  return undefined;
}

/** `node dir` / `python3 dir`: the entry point of a directory. */
export function directoryEntry(absolute: string, language: 'python' | 'javascript'): string | undefined {
  if (language === 'python') return firstFile([join(absolute, '__main__.py')]);
  const pkg = readFileText(join(absolute, 'package.json'), 'package.json');
  if (pkg.ok) {
    try {
      const main = (JSON.parse(pkg.text) as { main?: unknown }).main;
      if (typeof main === 'string') return jsModuleFile(resolve(absolute, main));
    } catch {
      // not JSON: fall back to index.js
    }
  }
  return firstFile([join(absolute, 'index.js'), join(absolute, 'index.mjs'), join(absolute, 'index.cjs'), join(absolute, 'index.ts')]);
}
