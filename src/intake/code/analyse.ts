// One piece of code -> its effects and the project modules it imports. Each language has its own
// reader (code -> IR) and library model (what calls do); the evaluator between them is shared.
import type { CodeInput, ModuleRef } from './index.js';
import type { Effect } from './effect.js';
import { Evaluator, type Library } from './evaluate.js';
import type { Program } from './ir.js';
import { resolveImports } from './resolve.js';
import { LOCAL_MODULES } from './models/shared.js';
import { str, unknown } from './values.js';

export interface Analysis {
  effects: Effect[];
  imports: ModuleRef[];
}

export async function analyse(input: CodeInput, workspaceDir: string): Promise<Analysis> {
  const { program, library } = await readerFor(input);
  // Project modules are read on their own: calls into them are not judged by their names here.
  const localModules = new Set<string>();
  const imports = resolveImports(program, input.origin, workspaceDir, localModules);
  const evaluator = new Evaluator(program, library, input.origin.absolute, {
    source: input.text,
    ...(input.args ? { args: input.args.map((a) => (a === null ? unknown('a command-line argument the shell expands at run time') : str(a))) } : {}),
    // A Python module is importable by any project module it imports in turn (`import main` in a
    // helper reaches main's functions), so its functions' callers are in view only when it imports none.
    ...(input.origin.imported || (input.language === 'python' && imports.length) ? { imported: true } : {}),
  });
  evaluator.state.set(LOCAL_MODULES, localModules);
  const effects = evaluator.run();
  return { effects, imports };
}

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
    case 'shell':
      throw new Error('shell code is walked by the shell intake');
  }
}
