// What a language reader hands the evaluator: the code reduced to what matters for judging it.
// Control flow is gone on purpose: every call anywhere in the code is listed (a call inside
// `if False:` counts too), and every assignment to a name is kept.
import type { CodeLanguage } from './languages.js';

/** Where in the code something is: 1-based line and the source text (shortened). */
export interface Loc {
  line: number;
  text: string;
}

export type Expr =
  /** A literal string, number, boolean or null/None/nil. */
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'name'; name: string }
  /** An imported module or module member, as a dotted path: `boto3`, `child_process.execSync`. */
  | { k: 'module'; path: string }
  /** `dflt`: a destructuring default (`{ root = here } = options`): the value when obj has no such key. */
  | { k: 'attr'; obj: Expr; name: string; dflt?: Expr }
  | { k: 'index'; obj: Expr; key: Expr }
  /** The value of the call `Program.calls[id]`. */
  | { k: 'call'; id: number }
  /** String concatenation, f-strings, template literals, interpolation. */
  | { k: 'concat'; parts: Expr[] }
  | { k: 'list'; items: Expr[] }
  /** An object or dict literal; a `spread` entry (`...options`) adds the entries of its value. */
  | { k: 'dict'; entries: { key: Expr; value: Expr; spread?: boolean }[] }
  /** `left / right` where the language lets it join paths (Python's pathlib); the library decides. */
  | { k: 'pathjoin'; left: Expr; right: Expr }
  /** One of several values (`c ? a : b`, `a || b`, `a if c else b`): each is judged. */
  /** One of the options; `fallback`: JavaScript's `a ?? b` / `a || b`, where a known left side decides. */
  | { k: 'alt'; options: Expr[]; fallback?: '??' | '||' }
  /** Parameter `index` (`name`) of the function named `fn`: it takes the values its callers pass.
   *  `open` says why callers Firebreak cannot see exist (exported, decorated, a method): then unknown. */
  | { k: 'param'; fn: string; index: number; name: string; rest?: boolean; dflt?: Expr; open?: string }
  /** One element of what a loop walks (`for x in LIST`, `for (const x of LIST)`). */
  | { k: 'each'; of: Expr }
  /** `list[from:]`, `[a, ...rest] = list`: the list without its first `from` elements. */
  | { k: 'slice'; obj: Expr; from: number }
  /** `left === right` / `left !== right` (`process.platform === 'win32'`): true or false when both sides are known text. */
  | { k: 'compare'; equal: boolean; left: Expr; right: Expr }
  /** A value the reader does not model (arithmetic, comprehensions, lambdas...). */
  /** `items`: a spread in a list (`[*args]`, `[...args]`): any number of items, each unknown. */
  | { k: 'opaque'; why?: string; items?: true; of?: Expr };

export interface Call {
  id: number;
  callee: Expr;
  args: Expr[];
  kwargs: { name: string; value: Expr }[];
  /** `new X(...)` (JavaScript, PHP), `X.new(...)` is a plain call. */
  isNew: boolean;
  /** Tagged template (`` $`rm -rf ${dir}` ``): the first argument is the whole template (a concat
   *  of its text and substitutions), then each substitution's value, in order (see `pieces`). */
  tagged?: boolean;
  /** For a tagged template: its literal text between the substitutions (one more than substitutions). */
  pieces?: string[];
  /** `*args` / `**kwargs` / `...spread`: the argument list is not fully known. */
  spread: boolean;
  /** `f(a, ...rest)`: the one spread, when it is the last argument (its items follow `args`). */
  spreadTail?: Expr;
  loc: Loc;
}

export interface Import {
  /** Module as written: `boto3`, `os.path`, `./helpers`, `@aws-sdk/client-s3`. */
  module: string;
  /** Python relative-import level (`from ..x import y` -> 2); 0 otherwise. */
  level: number;
  /** `from x import *`: every public name of x is in scope, unbound in the program. */
  star?: boolean;
  /** `import { a, b as c } from './x'` and nothing else from x: each imported name and the local
   *  name it is bound to (the module as a whole is out of reach of this code). */
  named?: { name: string; alias: string }[];
  loc: Loc;
}

/** A construct that always makes the code unreadable (syntax error, string eval...). */
export interface Problem {
  why: string;
  loc: Loc;
}

export interface Program {
  language: CodeLanguage;
  /** File the code came from (as the command names it), when it is a file. */
  file?: string;
  calls: Call[];
  /** Every assignment, by name or dotted name (`s3`, `self.client`), in source order. */
  bindings: Map<string, Expr[]>;
  imports: Import[];
  problems: Problem[];
  /** For the names of functions with parameters: how often each occurs as an identifier in the code
   *  (its definition, its calls and any other use; not in strings, comments or attribute names). */
  mentions?: Map<string, number>;
  /** The reader's answer to "can the code reach its own names through text" (Python: an identifier
   *  `eval`, `globals`, `getattr`, `sys.modules`... anywhere in the code, strings and comments aside);
   *  absent: the evaluator looks at the text. */
  namesInText?: boolean;
  /** Python classes defined (undecorated) in the code: a call of one builds a local object. */
  classes?: Set<string>;
}

/** The binding that holds what function `fn` returns: each `return` expression (and null/None when
 *  its body can end without one; opaque for a generator). Not an identifier, so no name collides. */
export function returnsOf(fn: string): string {
  return `${fn}()`;
}

/** Why a parameter of an exported function is open: callers in other modules. */
export const EXPORTED_FUNCTION = 'the function is exported: other modules may call it with any value';

export function newProgram(language: CodeLanguage, file?: string): Program {
  return { language, ...(file !== undefined ? { file } : {}), calls: [], bindings: new Map(), imports: [], problems: [] };
}

export function bind(program: Program, name: string, value: Expr): void {
  const list = program.bindings.get(name);
  if (list) {
    if (list.length < MAX_BINDINGS_PER_NAME) list.push(value);
    else list[list.length - 1] = { k: 'opaque', why: `${name} is assigned too often to follow` };
  } else program.bindings.set(name, [value]);
}

const MAX_BINDINGS_PER_NAME = 16;

export const OPAQUE: Expr = { k: 'opaque' };

export function lit(v: string | number | boolean | null): Expr {
  return { k: 'lit', v };
}

export function locOf(line: number, text: string): Loc {
  const flat = text.replace(/\s+/g, ' ').trim();
  return { line, text: flat.length > 160 ? `${flat.slice(0, 157)}...` : flat };
}
