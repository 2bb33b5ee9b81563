// A POSIX/bash lexer for the part of the language agents write: quoting, escapes, `$()`,
// backticks, `${}`, `$(( ))`, heredocs, here-strings, process substitution, operators.
// Hand-written because the full parsers are too slow for a per-command hook (measured on
// Node 20): bash-parser needs ~80 ms to load and first-parse, manages ~1.5k commands/s and
// fails on here-strings, |&, <( ), arrays and f() { }; mvdan-sh parses all of it but takes
// ~220 ms to load. test/shell/oracle.test.ts cross-checks this parser against bash-parser.
import type { Token, Word } from './syntax.js';

export class ShellSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

export interface Heredoc {
  body: string;
  quoted: boolean;
  substitutions: string[];
}

/** Scanning shared by a lexer and the lexers it starts for `$(...)`: disambiguating `((` and
 *  `$((` rescans ahead, so the total rescanned is capped in proportion to the input (linear time);
 *  input that needs more is refused as too ambiguous, which the caller turns into unknown. */
interface Work {
  rescanLeft: number;
}

export class ShellLimitError extends ShellSyntaxError {}

export interface LexResult {
  tokens: Token[];
  heredocs: Heredoc[];
  /** Offset where lexing stopped (an unmatched `)` in substitution mode, else the end). */
  end: number;
}

const OPERATORS = [';;&', ';;', ';&', '&&', '||', '|&', ';', '&', '|', '(', ')'];
const REDIRECTS = ['<<<', '<<-', '>>', '<<', '<>', '<&', '>&', '>|', '<', '>'];
const OPERATOR_START = new Set([';', '&', '|', '(', ')']);
const REDIRECT_START = new Set(['<', '>', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const WORD_BREAK = new Set([' ', '\t', '\n', '\r', '|', '&', ';', '(', ')', '<', '>']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const MAX_NESTING = 32;

export function lex(src: string, start = 0, stopAtParen = false, nesting = 0, work: Work = newWork(src)): LexResult {
  if (nesting > MAX_NESTING) throw new ShellLimitError('substitutions nested too deeply', start);
  return new Lexer(src, start, stopAtParen, nesting, work).run();
}

function newWork(src: string): Work {
  return { rescanLeft: 4 * src.length + 4096 };
}

class Lexer {
  private i: number;
  private line = 0;
  private tokens: Token[] = [];
  private heredocs: Heredoc[] = [];
  private pending: { delimiter: string; stripTabs: boolean; quoted: boolean; index: number }[] = [];
  private depth = 0;
  /** `${` inside `${` inside `"...${"`: each level is a recursive call. */
  private expansionDepth = 0;

  constructor(
    private readonly src: string,
    start: number,
    private readonly stopAtParen: boolean,
    private readonly nesting: number,
    private readonly work: Work,
  ) {
    this.i = start;
  }

  run(): LexResult {
    const { src } = this;
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === ' ' || c === '\t' || c === '\r') { this.i++; continue; }
      if (c === '\\' && src[this.i + 1] === '\n') { this.i += 2; this.line++; continue; }
      if (c === '#' ) { while (this.i < src.length && src[this.i] !== '\n') this.i++; continue; }
      if (c === '\n') {
        this.push({ type: 'op', op: '\n', start: this.i, end: this.i + 1, line: this.line });
        this.i++;
        this.line++;
        if (this.pending.length) this.readHeredocBodies();
        continue;
      }
      if (c === ')' && this.stopAtParen && this.depth === 0) {
        return this.finish(this.i);
      }
      if (c === '(' && src[this.i + 1] === '(' && this.atCommandStart() && closesWithDoubleParen(src, this.i, this.work)) { this.readArithCommand(); continue; }
      if ((c === '<' || c === '>') && src[this.i + 1] === '(') { this.readProcessSubstitution(); continue; }
      if (REDIRECT_START.has(c) && this.readRedirect()) continue;
      // `&>FILE` and `&>>FILE` send stdout and stderr to FILE: a redirect, not `&` then `>`.
      if (c === '&' && src[this.i + 1] === '>') {
        const op = src[this.i + 2] === '>' ? '&>>' : '&>';
        this.push({ type: 'redirect', op, start: this.i, end: this.i + op.length, line: this.line });
        this.i += op.length;
        continue;
      }
      const op = OPERATOR_START.has(c) ? OPERATORS.find((o) => src.startsWith(o, this.i)) : undefined;
      if (op) {
        if (op === '(') this.depth++;
        if (op === ')') this.depth = Math.max(0, this.depth - 1);
        this.push({ type: 'op', op, start: this.i, end: this.i + op.length, line: this.line });
        this.i += op.length;
        continue;
      }
      const begin = this.i;
      const word = this.readWord();
      this.push({ type: 'word', word, start: begin, end: this.i, line: this.line });
    }
    if (this.stopAtParen) throw new ShellSyntaxError('unterminated $( ... )', this.i);
    if (this.pending.length) this.readHeredocBodies();
    return this.finish(this.i);
  }

  private finish(end: number): LexResult {
    return { tokens: this.tokens, heredocs: this.heredocs, end };
  }

  private push(t: Token): void {
    this.tokens.push(t);
  }

  private atCommandStart(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    // `if (( n > 0 ))`, `while ((i--))`: a reserved word that begins a command leaves the next word in command position.
    return !last || last.type === 'op' || (last.type === 'word' && last.word.raw === last.word.value && COMMAND_PREFIX_WORDS.has(last.word.value) && this.reservedAtLast());
  }

  /** The last word is itself at command position (`if` as a command, not `echo if`). */
  private reservedAtLast(): boolean {
    const before = this.tokens[this.tokens.length - 2];
    return !before || before.type === 'op' || (before.type === 'word' && before.word.raw === before.word.value && COMMAND_PREFIX_WORDS.has(before.word.value));
  }

  private readRedirect(): boolean {
    const { src } = this;
    let j = this.i;
    while (j < src.length && src[j] >= '0' && src[j] <= '9') j++;
    const fd = j > this.i ? src.slice(this.i, j) : undefined;
    if (fd !== undefined && src[j] !== '<' && src[j] !== '>') return false;
    const op = REDIRECTS.find((r) => src.startsWith(r, j));
    if (!op) return false;
    const start = this.i;
    this.i = j + op.length;
    const token: Token = { type: 'redirect', op, fd, start, end: this.i, line: this.line };
    this.push(token);
    if (op === '<<' || op === '<<-') {
      while (src[this.i] === ' ' || src[this.i] === '\t') this.i++;
      const begin = this.i;
      const delimiter = this.readWord();
      if (!delimiter.raw) throw new ShellSyntaxError('heredoc without a delimiter', begin);
      token.heredocIndex = this.heredocs.length;
      this.heredocs.push({ body: '', quoted: false, substitutions: [] });
      this.pending.push({
        delimiter: delimiter.value,
        stripTabs: op === '<<-',
        quoted: /['"\\]/.test(delimiter.raw),
        index: token.heredocIndex,
      });
      this.push({ type: 'word', word: delimiter, start: begin, end: this.i, line: this.line });
    }
    return true;
  }

  private readHeredocBodies(): void {
    const { src } = this;
    for (const h of this.pending) {
      const lines: string[] = [];
      let closed = false;
      while (this.i < src.length) {
        let nl = src.indexOf('\n', this.i);
        if (nl < 0) nl = src.length;
        const raw = src.slice(this.i, nl);
        this.i = Math.min(nl + 1, src.length);
        this.line++;
        const text = h.stripTabs ? raw.replace(/^\t+/, '') : raw;
        if (text === h.delimiter || text.replace(/\r$/, '') === h.delimiter) { closed = true; break; }
        lines.push(text);
      }
      void closed; // bash accepts a heredoc ended by end of input (with a warning)
      const body = lines.join('\n');
      this.heredocs[h.index] = {
        body,
        quoted: h.quoted,
        substitutions: h.quoted ? [] : substitutionsIn(body, this.nesting, this.work),
      };
    }
    this.pending = [];
  }

  private readArithCommand(): void {
    const begin = this.i;
    const end = matchParens(this.src, this.i, this.work);
    const raw = this.src.slice(begin, end);
    this.i = end;
    this.push({
      type: 'arith',
      word: { raw, value: raw, dynamic: true, glob: false, substitutions: arithmeticSubstitutions(raw.slice(2, -2), this.nesting, this.work) },
      start: begin,
      end,
      line: this.line,
    });
  }

  private readProcessSubstitution(): void {
    const begin = this.i;
    const inner = lex(this.src, this.i + 2, true, this.nesting + 1, this.work);
    this.i = inner.end + 1;
    const raw = this.src.slice(begin, this.i);
    const word: Word = { raw, value: raw, dynamic: true, glob: false, substitutions: [this.src.slice(begin + 2, inner.end)] };
    this.push({ type: 'word', word, start: begin, end: this.i, line: this.line });
  }

  /** Reads one word starting at this.i. */
  private readWord(): Word {
    const { src } = this;
    const begin = this.i;
    const w: Word = { raw: '', value: '', dynamic: false, glob: false, substitutions: [] };
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === '(' && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(w.value)) {
        // array assignment `a=(x y)`: keep literally
        const end = matchParens(src, this.i, this.work);
        w.value += src.slice(this.i, end);
        this.i = end;
        continue;
      }
      if (WORD_BREAK.has(c)) break;
      if (c === '\\') {
        if (src[this.i + 1] === '\n') { this.i += 2; this.line++; continue; }
        if (this.i + 1 < src.length) w.value += src[this.i + 1];
        else w.value += '\\';
        this.i += 2;
        continue;
      }
      if (c === "'") {
        const end = src.indexOf("'", this.i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated single quote', this.i);
        w.value += src.slice(this.i + 1, end);
        this.i = end + 1;
        continue;
      }
      if (c === '"') { this.readDoubleQuoted(w); continue; }
      if (c === '$') { this.readDollar(w, false); continue; }
      if (c === '`') { this.readBacktick(w); continue; }
      if (c === '*' || c === '?' || c === '[') w.glob = true;
      w.value += c;
      this.i++;
    }
    w.raw = src.slice(begin, this.i);
    return w;
  }

  private readDoubleQuoted(w: Word): void {
    const { src } = this;
    const open = this.i;
    this.i++;
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === '"') { this.i++; return; }
      if (c === '\\') {
        const n = src[this.i + 1];
        if (n === '\n') { this.i += 2; this.line++; continue; }
        if (n === '$' || n === '`' || n === '"' || n === '\\') { w.value += n; this.i += 2; continue; }
        w.value += c;
        this.i++;
        continue;
      }
      if (c === '$') { this.readDollar(w, true); continue; }
      if (c === '`') { this.readBacktick(w); continue; }
      if (c === '\n') this.line++;
      w.value += c;
      this.i++;
    }
    throw new ShellSyntaxError('unterminated double quote', open);
  }

  private readDollar(w: Word, inDouble: boolean): void {
    const { src } = this;
    const n = src[this.i + 1];
    if (n === '(' && src[this.i + 2] === '(' && closesWithDoubleParen(src, this.i + 1, this.work)) {
      const end = matchParens(src, this.i + 1, this.work);
      const raw = src.slice(this.i, end);
      w.substitutions.push(...arithmeticSubstitutions(raw.slice(3, -2), this.nesting, this.work));
      w.value += raw;
      w.dynamic = true;
      this.i = end;
      return;
    }
    if (n === '(') {
      const inner = lex(src, this.i + 2, true, this.nesting + 1, this.work);
      w.substitutions.push(src.slice(this.i + 2, inner.end));
      w.value += src.slice(this.i, inner.end + 1);
      w.dynamic = true;
      this.i = inner.end + 1;
      return;
    }
    if (n === '{') {
      const begin = this.i;
      if (++this.expansionDepth > MAX_NESTING) throw new ShellLimitError('parameter expansions nested too deeply', begin);
      this.i += 2;
      let depth = 1;
      const scratch: Word = { raw: '', value: '', dynamic: true, glob: false, substitutions: [] };
      while (this.i < src.length && depth > 0) {
        const c = src[this.i];
        if (c === '\\') { this.i += 2; continue; }
        if (c === "'" && !inDouble) {
          const end = src.indexOf("'", this.i + 1);
          if (end < 0) throw new ShellSyntaxError('unterminated single quote', this.i);
          this.i = end + 1;
          continue;
        }
        if (c === '"') { this.readDoubleQuoted(scratch); continue; }
        if (c === '$') { this.readDollar(scratch, inDouble); continue; }
        if (c === '`') { this.readBacktick(scratch); continue; }
        if (c === '{') depth++;
        if (c === '}') depth--;
        this.i++;
      }
      if (depth > 0) throw new ShellSyntaxError('unterminated ${', begin);
      this.expansionDepth--;
      w.substitutions.push(...scratch.substitutions);
      w.value += src.slice(begin, this.i);
      w.dynamic = true;
      return;
    }
    if (n === "'" && !inDouble) {
      this.i += 2;
      // bash stops the string at a NUL it decodes (`$'/srv\0/x'` is `/srv`).
      let ended = false;
      while (this.i < src.length && src[this.i] !== "'") {
        if (src[this.i] === '\\' && this.i + 1 < src.length) {
          const e = ansiEscape(src, this.i);
          if (e.text === '\0') ended = true;
          if (!ended) w.value += e.text;
          this.i = e.next;
          continue;
        }
        if (!ended) w.value += src[this.i];
        this.i++;
      }
      if (this.i >= src.length) throw new ShellSyntaxError("unterminated $'", this.i);
      this.i++;
      return;
    }
    if (n === '"' && !inDouble) { this.i++; this.readDoubleQuoted(w); return; }
    if (n !== undefined && NAME_START.test(n)) {
      let j = this.i + 1;
      while (j < src.length && NAME_CHAR.test(src[j])) j++;
      w.value += src.slice(this.i, j);
      w.dynamic = true;
      this.i = j;
      return;
    }
    if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      w.value += '$' + n;
      w.dynamic = true;
      this.i += 2;
      return;
    }
    w.value += '$';
    this.i++;
  }

  private readBacktick(w: Word): void {
    const { src } = this;
    const open = this.i;
    let inner = '';
    this.i++;
    while (this.i < src.length && src[this.i] !== '`') {
      if (src[this.i] === '\\' && '`$\\'.includes(src[this.i + 1] ?? '')) {
        inner += src[this.i + 1];
        this.i += 2;
        continue;
      }
      inner += src[this.i++];
    }
    if (this.i >= src.length) throw new ShellSyntaxError('unterminated backtick', open);
    this.i++;
    w.substitutions.push(inner);
    w.value += src.slice(open, this.i);
    w.dynamic = true;
  }
}

const COMMAND_PREFIX_WORDS = new Set(['if', 'then', 'elif', 'else', 'while', 'until', 'do', '!', '{', 'time']);

const ANSI_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '?': '?', e: '\x1b', E: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** One escape of a `$'...'` string at `src[i]` (a backslash), as bash decodes it: octal `\nnn`, `\xHH`,
 *  `\uHHHH`, `\UHHHHHHHH`, `\cX`; an escape bash does not know keeps its backslash. */
function ansiEscape(src: string, i: number): { text: string; next: number } {
  const c = src[i + 1];
  if (Object.hasOwn(ANSI_ESCAPES, c)) return { text: ANSI_ESCAPES[c], next: i + 2 };
  /** Where a run of up to `max` digits matching `re` from `from` ends. */
  const digits = (from: number, re: RegExp, max: number) => {
    let j = from;
    while (j < src.length && j < from + max && re.test(src[j])) j++;
    return j;
  };
  if (/[0-7]/.test(c)) {
    const end = digits(i + 1, /[0-7]/, 3);
    return { text: String.fromCharCode(parseInt(src.slice(i + 1, end), 8) & 0xff), next: end };
  }
  if (c === 'x' || c === 'u' || c === 'U') {
    const end = digits(i + 2, /[0-9a-fA-F]/, c === 'x' ? 2 : c === 'u' ? 4 : 8);
    if (end === i + 2) return { text: `\\${c}`, next: i + 2 };
    const code = parseInt(src.slice(i + 2, end), 16);
    return { text: code <= 0x10ffff ? String.fromCodePoint(code) : '', next: end };
  }
  if (c === 'c' && i + 2 < src.length) return { text: String.fromCharCode(src.charCodeAt(i + 2) & 0x1f), next: i + 3 };
  return { text: `\\${c}`, next: i + 2 };
}

/** `((...))` is arithmetic only when the group opened at `open` closes with `))`;
 *  `$((cmd) )` is a command substitution of a subshell, as in bash. */
function closesWithDoubleParen(src: string, open: number, work: Work): boolean {
  try {
    const end = matchParens(src, open, work);
    return src[end - 2] === ')';
  } catch (e) {
    if (e instanceof ShellLimitError) throw e;
    return false;
  }
}

/** Index just past the parenthesised group starting at `open` (which must be `(`). */
function matchParens(src: string, open: number, work: Work): number {
  let depth = 0;
  let i = open;
  try {
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') { i += 2; continue; }
      if (c === "'") {
        const end = src.indexOf("'", i + 1);
        if (end < 0) { i = src.length; throw new ShellSyntaxError('unterminated single quote', open); }
        i = end + 1;
        continue;
      }
      if (c === '"') {
        i++;
        while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
        if (i >= src.length) throw new ShellSyntaxError('unterminated double quote', i);
        i++;
        continue;
      }
      if (c === '(') depth++;
      if (c === ')') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new ShellSyntaxError('unbalanced parentheses', open);
  } finally {
    work.rescanLeft -= Math.min(i, src.length) - open;
    if (work.rescanLeft < 0) throw new ShellLimitError('parentheses too ambiguous to read in bounded time', open);
  }
}

/** Command substitutions (`$(...)`, backticks) inside free text such as a heredoc body. */
export function substitutionsIn(text: string, nesting = 0, work: Work = newWork(text)): string[] {
  if (!text.includes('$(') && !text.includes('`')) return [];
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') { i += 2; continue; }
    if (c === '$' && text[i + 1] === '(' && text[i + 2] !== '(') {
      const inner = lex(text, i + 2, true, nesting + 1, work);
      found.push(text.slice(i + 2, inner.end));
      i = inner.end + 1;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new ShellSyntaxError('unterminated backtick', i);
      found.push(text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    i++;
  }
  return found;
}

/** Two operands side by side (`dropdb app`, `rm -rf x`) are not arithmetic (`N / 2` is: a division). Bash would reject it, but a guard
 *  fails closed: such text inside `$(( ))` / `(( ))` is walked as if it were a command. */
const COMMAND_LIKE = /(^|[^\w$])[A-Za-z_][\w.\/-]*\s+(-[A-Za-z]|[A-Za-z_"'$~.]|\/(?![\s\d(]))/;

function arithmeticSubstitutions(inner: string, nesting: number, work: Work): string[] {
  const found = substitutionsIn(inner, nesting, work);
  if (COMMAND_LIKE.test(inner) || /[;\n]/.test(inner)) found.push(inner.replace(/^\s*\(/, '').replace(/\)\s*$/, ''));
  return found;
}
