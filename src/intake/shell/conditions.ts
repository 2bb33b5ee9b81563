// The value of a test (`[ ... ]`, `test ...`, `[[ ... ]]`) when the shell certainly computes it: over
// literal words, and over variables and positional parameters whose values the walker knows for certain
// at that point (see walk.ts, knownValue). Anything else is undefined: both branches stay judged.
import type { SimpleCommand, Word } from './syntax.js';

/** What a name holds for certain: its value, null when it is certainly unset, undefined when not known.
 *  Names are variables, `1`..`9` and `#`. */
export type Lookup = ((name: string) => string | null | undefined) & { ifsChanged?: boolean; posix?: boolean };

const NONE: Lookup = () => undefined;

/** One word as the test command receives it; undefined when not certain. */
function wordValue(w: Word, lookup: Lookup, pattern: boolean): string | undefined {
  if (w.substitutions.length) return undefined;
  // `[[ x == a* ]]`: an unquoted glob on the right is a pattern; `[` and `]` alone are the brackets.
  if (w.glob && w.value !== '[' && w.value !== ']') return undefined;
  if (!w.dynamic) return w.value;
  // A backslash or a single quote in an expanding word may hide a literal `$`: not read.
  if (/[\\']/.test(w.raw) || w.raw.startsWith('$"')) return undefined;
  const quoted = w.raw.length >= 2 && w.raw.startsWith('"') && w.raw.endsWith('"') && !w.raw.slice(1, -1).includes('"');
  // Unquoted words split on an IFS the text changed are not guessed.
  if (!quoted && lookup.ifsChanged) return undefined;
  const out = expandKnown(w.value, lookup);
  if (out === undefined) return undefined;
  // Unquoted, bash splits the value into words and expands globs in it (and `[[ ]]` reads a pattern):
  // only a plain non-empty word is the same either way.
  if (!quoted && (out === '' || /[\s*?[\]\\]/.test(out))) return undefined;
  if (pattern && !quoted && /[*?[\]]/.test(out)) return undefined;
  return out;
}

/** `$X`, `${X}`, `$1`, `$#`, `${X:-lit}`, `${X-lit}` with the values known; anything else undefined. */
export function expandKnown(value: string, lookup: Lookup): string | undefined {
  let out = '';
  for (let i = 0; i < value.length; ) {
    const c = value[i];
    if (c === '`') return undefined;
    if (c !== '$') { out += c; i++; continue; }
    let name: string;
    let fallback: { empty: boolean; text: string } | undefined;
    if (value[i + 1] === '{') {
      const close = value.indexOf('}', i + 2);
      if (close < 0) return undefined;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[1-9]|#)(?:(:?-)([^$`{}\\'"]*))?$/.exec(value.slice(i + 2, close));
      if (!m) return undefined;
      name = m[1];
      if (m[2]) fallback = { empty: m[2] === ':-', text: m[3] };
      i = close + 1;
    } else {
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[1-9]|#)/.exec(value.slice(i + 1));
      if (!m) return undefined;
      name = m[1];
      i += 1 + name.length;
    }
    const v = lookup(name);
    if (v === undefined) return undefined;
    if (fallback && (v === null || (fallback.empty && v === ''))) out += fallback.text;
    else out += v ?? '';
  }
  return out;
}

/** The value of `[ ... ]`, `test ...` or `[[ ... ]]` when the shell certainly computes it. */
export function decideTest(cmd: SimpleCommand, lookup: Lookup = NONE): boolean | undefined {
  if ((cmd.kind !== 'simple' && cmd.kind !== 'test') || cmd.assignments.length || cmd.redirects.length || cmd.piped || cmd.pipedFrom) return undefined;
  // `[[ a == b ]]` (kind 'test', its brackets dropped); other holders (loop lists, case words) are not tests.
  if (cmd.kind === 'test' && cmd.text !== '[[') return undefined;
  const double = cmd.kind === 'test';
  // `[[ ]]` and `==` are bash's: under dash they fail, and the other branch runs.
  if (lookup.posix && (double || cmd.words.some((w) => w.value === '==' && !w.dynamic))) return undefined;
  const words = cmd.words;
  const first = words[0];
  if (!double && (!first || first.dynamic || (first.value !== '[' && first.value !== 'test'))) return undefined;
  const operands = double ? words : first.value === '[' ? words.slice(1, -1) : words.slice(1);
  if (!double && first.value === '[' && (words.length < 2 || words[words.length - 1].value !== ']' || words[words.length - 1].dynamic)) return undefined;
  // The operator is read as written: an operator that came from a variable is not one bash sees as such in `[[ ]]`.
  if (operands.length === 3 && operands[1].dynamic) return undefined;
  if (operands.length === 2 && operands[0].dynamic) return undefined;
  const args: string[] = [];
  for (const [k, w] of operands.entries()) {
    const v = wordValue(w, lookup, double && operands.length === 3 && k === 2 && /^(==|=|!=)$/.test(operands[1].value));
    if (v === undefined) return undefined;
    args.push(v);
  }
  const integer = (s: string) => (/^-?\d{1,15}$/.test(s) ? Number(s) : undefined);
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    if (args[0] === '-z') return args[1] === '';
    if (args[0] === '-n') return args[1] !== '';
    return undefined;
  }
  if (args.length === 3) {
    const [a, op, b] = args;
    if (op === '=' || op === '==') return a === b;
    if (op === '!=') return a !== b;
    const x = integer(a);
    const y = integer(b);
    if (x === undefined || y === undefined) return undefined;
    if (op === '-eq') return x === y;
    if (op === '-ne') return x !== y;
    if (op === '-lt') return x < y;
    if (op === '-le') return x <= y;
    if (op === '-gt') return x > y;
    if (op === '-ge') return x >= y;
  }
  return undefined;
}
