// A Typer script run with a subcommand (`docs.py build-lang en`) runs its module-level code, its
// callbacks and that one command, and whatever those reach; the other commands' code does not run.
// Calls in top-level functions and classes nothing run reaches are not evaluated (unless a value
// that runs needs one). Reachability is by
// mention: a name anywhere in reached code (called, passed, in a string) reaches the definition of
// that name, so only code no reached text names is left out.
//
// Narrowed only when it is plain: one `typer.Typer()` app, called at module level, no sub-apps
// (`add_typer`), the first argument a known word naming exactly one of its commands. Anything
// else, and every function stays in.
import type { Call, Expr, Program } from './ir.js';

interface TopLevel {
  name: string;
  /** 1-based lines of the body. */
  from: number;
  to: number;
  decorators: string[];
  /** 1-based lines of its decorators (they run when the module runs). */
  decoratorLines: number[];
  words: Set<string>;
}

/** For a Typer script run with one of its subcommands: whether a call is in code that subcommand
 *  cannot reach (the evaluator does not start from it). Undefined when every call may run. */
export function typerUnreachedCalls(program: Program, text: string, args: readonly (string | null)[] | undefined): ((call: Call) => boolean) | undefined {
  const chosen = args?.[0];
  if (chosen === undefined || chosen === null || chosen.startsWith('-')) return undefined;
  const app = typerApp(program, text);
  if (!app) return undefined;
  const masked = maskStrings(text);
  if (masked === undefined) return undefined;
  const tops = topLevels(masked, text);
  const inTop = (line: number) => tops.find((t) => line >= t.from && line <= t.to);
  // The app must be called at module level (`app()` under `if __name__ == "__main__":`).
  if (!program.calls.some((c) => c.callee.k === 'name' && c.callee.name === app && !inTop(c.loc.line))) return undefined;
  const command = (t: TopLevel) => t.decorators.find((d) => new RegExp(`^@${escape(app)}\\.command\\b`).test(d));
  const matching = tops.filter((t) => { const d = command(t); return d !== undefined && commandName(d, t.name) === chosen; });
  if (matching.length !== 1) return undefined;
  // Roots: module-level code, the chosen command, and every function a decorator other than a
  // command's registers (a callback, atexit, a signal handler) or that is not a plain def.
  const byName = new Map<string, TopLevel[]>();
  for (const t of tops) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
  const reached = new Set<TopLevel>();
  const queue: TopLevel[] = [matching[0], ...tops.filter((t) => t.decorators.length && !command(t))];
  // A function's own decorators run with the module; naming it there (`@app.command("wipe-site")`
  // on wipe) is not reaching it.
  const moduleWords = new Set(wordsOf(linesOutside(text, tops)));
  for (const t of tops) for (const d of t.decorators) for (const w of wordsOf(d)) if (w !== t.name) moduleWords.add(w);
  for (const w of moduleWords) queue.push(...(byName.get(w) ?? []));
  while (queue.length) {
    const t = queue.pop()!;
    if (reached.has(t)) continue;
    reached.add(t);
    for (const w of t.words) queue.push(...(byName.get(w) ?? []));
  }
  if (reached.size === tops.length) return undefined;
  return (call) => {
    const top = inTop(call.loc.line);
    return top !== undefined && !reached.has(top);
  };
}

/** The name bound to the script's one `typer.Typer()`, when there is exactly one and no sub-app. */
function typerApp(program: Program, text: string): string | undefined {
  const made = program.calls.filter((c) => isTyperApp(program, c.callee));
  // (a call the reader lists twice is one call: the same line and text)
  if (new Set(made.map((c) => `${c.loc.line}:${c.loc.text}`)).size !== 1 || /\badd_typer\b|\btyper\.run\b|\btyper\.main\b|\bget_command\b/.test(text)) return undefined;
  const ids = new Set(made.map((c) => c.id));
  const names = [...program.bindings].filter(([, exprs]) => exprs.some((e) => e.k === 'call' && ids.has(e.id))).map(([name]) => name);
  if (names.length !== 1 || (program.bindings.get(names[0])?.length ?? 0) !== 1 || !/^[A-Za-z_]\w*$/.test(names[0])) return undefined;
  return names[0];
}

/** `typer.Typer`, `from typer import Typer` then `Typer`. */
function isTyperApp(program: Program, callee: Expr): boolean {
  const isModule = (name: string, path: string) => program.bindings.get(name)?.some((e) => e.k === 'module' && e.path === path) === true;
  if (callee.k === 'module') return callee.path === 'typer.Typer';
  if (callee.k === 'attr' && callee.name === 'Typer' && callee.obj.k === 'name') return isModule(callee.obj.name, 'typer');
  if (callee.k === 'name') return isModule(callee.name, 'typer.Typer');
  return false;
}

/** `@app.command()` -> the function's name with dashes; `@app.command("x")` / `(name="x")` -> x. */
function commandName(decorator: string, fn: string): string | undefined {
  const args = /\((.*)\)\s*$/s.exec(decorator)?.[1]?.trim() ?? '';
  if (!args) return fn.replace(/_/g, '-');
  const explicit = /^(?:name\s*=\s*)?(['"])([^'"\\]+)\1\s*(?:,|$)/.exec(args) ?? /(?:^|,)\s*name\s*=\s*(['"])([^'"\\]+)\1/.exec(args);
  if (explicit) return explicit[2];
  // Keywords that do not name it (help=..., hidden=...) keep the default name; anything else is not followed.
  return /^(?:\w+\s*=\s*[^,]*,?\s*)+$/.test(args) && !/\bname\s*=/.test(args) ? fn.replace(/_/g, '-') : undefined;
}

/**
 * Top-level `def` statements, found by Python's own rule: a statement at column 0 of a
 * line. `masked` is the text with string and comment contents blanked, so a line inside a string
 * never starts one.
 */
function topLevels(masked: string, text: string): TopLevel[] {
  const lines = masked.split('\n');
  const original = text.split('\n');
  const out: TopLevel[] = [];
  let decorators: { line: number; text: string }[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (/^@/.test(line)) {
      // A decorator may continue over several lines (its call's brackets).
      const start = i;
      let depth = bracketDepth(line);
      while (depth > 0 && i + 1 < lines.length) depth += bracketDepth(lines[++i]);
      decorators.push({ line: start + 1, text: original.slice(start, i + 1).join('\n') });
      i++;
      continue;
    }
    // Only a def's body waits for a call: its decorators and signature (defaults, annotations) run
    // when the module runs, as does a class's body.
    const def = /^(?:async\s+)?def\s+([A-Za-z_]\w*)/.exec(line);
    if (def) {
      // The signature ends at the first ':' outside brackets; the def ends at the next line at column
      // 0 outside brackets (`) -> None:` closing its parameters is not one).
      let depth = 0;
      let signatureEnd = i;
      for (let j = i; j < lines.length; j++) {
        depth += bracketDepth(lines[j]);
        signatureEnd = j;
        if (depth <= 0 && /:\s*$/.test(lines[j])) break;
        if (depth <= 0 && /:/.test(lines[j])) { signatureEnd = -1; break; } // a body on the signature's line: nothing waits
      }
      let end = signatureEnd;
      for (let j = signatureEnd + 1; signatureEnd >= 0 && j < lines.length; j++) {
        if (depth <= 0 && /^\S/.test(lines[j])) break;
        depth += bracketDepth(lines[j]);
        if (lines[j].trim()) end = j;
      }
      if (signatureEnd >= 0 && end > signatureEnd) {
        const decoratorLines = decorators.flatMap((d) => d.text.split('\n').map((_, k) => d.line + k));
        out.push({ name: def[1], from: signatureEnd + 2, to: end + 1, decorators: decorators.map((d) => d.text.replace(/\s+/g, ' ').trim()), decoratorLines, words: new Set(wordsOf(original.slice(i, end + 1).join('\n'))) });
      }
      decorators = [];
      i = Math.max(end, i) + 1;
      continue;
    }
    if (line.trim()) decorators = [];
    i++;
  }
  return out;
}

/** The code that runs when the module runs, outside the bodies and decorators, less each def's own
 *  name (a def line defines its name, it does not reach it). */
function linesOutside(text: string, tops: TopLevel[]): string {
  const decorators = new Set(tops.flatMap((t) => t.decoratorLines));
  return text.split('\n').filter((_, i) => !decorators.has(i + 1) && !tops.some((t) => i + 1 >= t.from && i + 1 <= t.to)).map((l) => l.replace(/^(?:async\s+)?def\s+[A-Za-z_]\w*/, '')).join('\n');
}

/** Every identifier-like word, strings included (a name in text may be looked up). */
function wordsOf(text: string): string[] {
  return text.match(/[A-Za-z_]\w*/g) ?? [];
}

function bracketDepth(line: string): number {
  let d = 0;
  for (const ch of line) {
    if (ch === '(' || ch === '[' || ch === '{') d++;
    else if (ch === ')' || ch === ']' || ch === '}') d--;
  }
  return d;
}

/** The text with the inside of strings and comments replaced by spaces (line breaks kept); undefined
 *  when a string does not end (the text is not what Python would read). */
function maskStrings(text: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') { out += ' '; i++; }
      continue;
    }
    if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      out += quote;
      i += quote.length;
      let closed = false;
      while (i < text.length) {
        if (text[i] === '\\') { out += text[i + 1] === '\n' ? ' \n' : '  '; i += 2; continue; }
        if (text.startsWith(quote, i)) { out += quote; i += quote.length; closed = true; break; }
        if (text[i] === '\n' && !triple) return undefined;
        out += text[i] === '\n' ? '\n' : ' ';
        i++;
      }
      if (!closed) return undefined;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
