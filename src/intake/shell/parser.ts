// Token stream -> the simple commands that may execute, in order. Control structures
// (if/while/for/case/functions/groups/subshells) are flattened: every command in any branch
// counts, because a guard cannot know which branch runs. Function bodies count too.
import { lex, type Heredoc } from './lexer.js';
import type { Block, Redirect, SimpleCommand, Token, Word } from './syntax.js';

const SKIPPED_RESERVED = new Set(['!', 'then', 'do']);
/** Commands whose words set shell variables (`export X=1`, `read X`). */
const ASSIGNING = new Set(['export', 'declare', 'typeset', 'local', 'readonly', 'read', 'mapfile', 'readarray', 'unset', 'getopts', 'printf']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const CASE_BREAKS = new Set([';;', ';&', ';;&']);

export function parseShell(src: string): SimpleCommand[] {
  const { tokens, heredocs } = lex(src);
  return new Parser(src, tokens, heredocs).run();
}

class Parser {
  private out: SimpleCommand[] = [];
  private cmd: SimpleCommand | undefined;
  private cmdStart = 0;
  private cmdEnd = 0;
  private pipeSource: SimpleCommand | undefined;
  private caseDepth = 0;
  private i = 0;
  /** Open compound commands, innermost last, each with the index of its start marker in `out`. */
  /** Open compound commands; on an `if`, `elif`: where its latest `elif` marker is, until that condition's `then`. */
  private open: { block: Block; at: number; elif?: number }[] = [];
  /** A function was just defined: the compound command that follows is its body. */
  private pendingFunction: string | undefined;

  constructor(
    private readonly src: string,
    private readonly tokens: Token[],
    private readonly heredocs: Heredoc[],
  ) {}

  run(): SimpleCommand[] {
    const { tokens } = this;
    while (this.i < tokens.length) {
      const t = tokens[this.i];
      if (t.type === 'word') this.onWord(t);
      else if (t.type === 'redirect') this.onRedirect(t);
      // Kept: arithmetic may assign (`(( n = 5 ))`), which the walker notes.
      else if (t.type === 'arith') { this.pendingFunction = undefined; this.holder([t.word], t, 'test', true); this.i++; }
      else this.onOperator(t);
    }
    this.finish();
    // Text that ends inside a compound command (bash would reject it): close what is open.
    while (this.open.length) this.endBlock();
    return this.out;
  }

  private onWord(t: Extract<Token, { type: 'word' }>): void {
    const w = t.word;
    const bare = w.raw === w.value;
    if (!this.cmd) {
      const fn = this.pendingFunction;
      this.pendingFunction = undefined;
      if (bare && w.value === 'then') this.markCondition();
      if (bare && w.value === 'do' && this.top()?.test && this.top()!.condition === undefined) this.markCondition();
      if (bare && w.value === '!') this.negation();
      if (bare && SKIPPED_RESERVED.has(w.value)) { this.i++; return; }
      if (bare && this.compound(w.value, fn)) { this.i++; return; }
      if (bare && (w.value === 'for' || w.value === 'select')) { this.startBlock('loop'); this.skipLoopHeader(); return; }
      if (bare && w.value === 'case') { this.startBlock('case'); this.skipCaseHeader(); return; }
      if (bare && w.value === 'function') { this.functionKeyword(t); return; }
      if (bare && w.value === '[[') { this.readTest(); return; }
      this.begin(t);
    }
    const cmd = this.cmd!;
    if (cmd.words.length === 0 && ASSIGNMENT.test(w.raw)) {
      const eq = w.value.indexOf('=');
      const rawEq = w.raw.indexOf('=');
      cmd.assignments.push({
        name: w.value.slice(0, eq).replace(/\+$/, ''),
        value: { ...w, raw: w.raw.slice(rawEq + 1), value: w.value.slice(eq + 1) },
      });
    } else {
      cmd.words.push(w);
    }
    this.extend(t);
    this.i++;
    if (cmd.words.length === 1 && cmd.assignments.length === 0 && this.isEmptyParensNext()) {
      // `name () { ...; }`: a function definition; its body is walked as ordinary commands.
      cmd.kind = 'function-def';
      this.i += 2;
      this.finish();
      this.pendingFunction = cmd.words[0].value;
    }
  }

  private onRedirect(t: Extract<Token, { type: 'redirect' }>): void {
    if (!this.cmd) {
      const previous = this.tokens[this.i - 1];
      const closes = previous && ((previous.type === 'word' && ['done', 'fi', 'esac', '}'].includes(previous.word.raw)) || (previous.type === 'op' && previous.op === ')'));
      this.begin(t);
      if (closes && this.out.at(-1)?.kind === 'block' && this.out.at(-1)?.block?.edge === 'end') this.cmd!.ofCompound = true;
    }
    const redirect: Redirect = { op: t.op, ...(t.fd !== undefined ? { fd: t.fd } : {}) };
    this.extend(t);
    this.i++;
    const next = this.tokens[this.i];
    if (next && next.type === 'word') {
      redirect.target = next.word;
      this.extend(next);
      this.i++;
    }
    if (t.heredocIndex !== undefined) {
      const h = this.heredocs[t.heredocIndex];
      redirect.heredoc = { body: h.body, quoted: h.quoted };
      if (h.substitutions.length && redirect.target) {
        redirect.target = { ...redirect.target, substitutions: [...redirect.target.substitutions, ...h.substitutions] };
      }
    }
    this.cmd!.redirects.push(redirect);
  }

  private onOperator(t: Extract<Token, { type: 'op' }>): void {
    this.i++;
    if (t.op === '|' || t.op === '|&') {
      const left = this.cmd ?? this.out[this.out.length - 1];
      this.finish();
      if (left) left.piped = true;
      this.pipeSource = left;
      return;
    }
    // `a &&` at the end of a line continues on the next; `f()` then `{` on the next line is its body.
    const prev = this.tokens[this.i - 2];
    if (t.op === '\n' && (this.pendingFunction !== undefined || (prev?.type === 'op' && (prev.op === '&&' || prev.op === '||' || prev.op === '\n')))) return;
    const fn = this.pendingFunction;
    this.pendingFunction = undefined;
    this.finish();
    this.pipeSource = undefined;
    if (t.op === '&&' || t.op === '||') {
      if (this.top()?.of !== 'and-or') this.startBlock('and-or');
      return;
    }
    if (t.op === ';' || t.op === '\n' || t.op === '&' || CASE_BREAKS.has(t.op)) this.endAndOr();
    if (t.op === '(') { this.startBlock(fn !== undefined ? 'function' : 'subshell', fn); return; }
    if (t.op === ')') { this.endAndOr(); if (this.top()?.of === 'subshell' || this.top()?.of === 'function') this.endBlock(); return; }
    if (CASE_BREAKS.has(t.op) && this.caseDepth > 0) {
      if (t.op !== ';;' && this.top()?.of === 'case') this.top()!.fallsThrough = true;
      if (this.top()?.of === 'case') this.branch();
      this.skipCasePattern();
    }
  }

  /** Reserved words that open, divide or close compound commands. */
  private compound(word: string, fn: string | undefined): boolean {
    if (word === 'if' || word === 'while' || word === 'until') {
      this.startBlock(word === 'if' ? 'if' : 'loop');
      if (word !== 'if') this.top()!.test = word;
      return true;
    }
    if (word === '{') { this.startBlock(fn !== undefined ? 'function' : 'group', fn); return true; }
    if (word === 'elif' || word === 'else') {
      this.endAndOr();
      const open = this.open[this.open.length - 1];
      if (open?.block.of === 'if') {
        if (word === 'else') open.block.hasElse = true;
        this.branch();
        open.elif = word === 'elif' ? this.out.length - 1 : undefined;
        if (word === 'elif') this.out[this.out.length - 1].block!.elif = true;
      }
      return true;
    }
    if (word === 'esac') {
      this.endAndOr();
      this.caseDepth = Math.max(0, this.caseDepth - 1);
      if (this.top()?.of === 'case') this.endBlock();
      return true;
    }
    if (word === 'fi' || word === 'done' || word === '}') {
      this.endAndOr();
      const want = word === 'fi' ? ['if'] : word === 'done' ? ['loop'] : ['group', 'function'];
      if (want.includes(this.top()?.of ?? '')) this.endBlock();
      return true;
    }
    return false;
  }

  /** `then` of an `if`: where its first condition ends (the walker reads a literal `[ a = b ]` there). */
  private markCondition(): void {
    this.finish();
    const open = this.open[this.open.length - 1];
    const target = this.conditionBeingRead();
    if (open && target) target.block.condition = this.out.length - target.at - 1;
    if (open) open.elif = undefined;
  }

  /** The `if`/`elif`/`while`/`until` marker whose condition is being read (before its `then`/`do`), and where it is. */
  private conditionBeingRead(): { block: Block; at: number } | undefined {
    const open = this.open[this.open.length - 1];
    if (!open) return undefined;
    if (open.block.of === 'if' && open.elif !== undefined) {
      const marker = this.out[open.elif].block!;
      return marker.condition === undefined ? { block: marker, at: open.elif } : undefined;
    }
    if ((open.block.of === 'if' || open.block.test) && open.block.condition === undefined) return { block: open.block, at: open.at };
    return undefined;
  }

  /** `if ! [ a = b ]`, `elif ! ...`: a `!` before the first command of an if's condition is kept (the
   *  walker inverts the test); any other (`! !`, a loop's, one later in the condition) makes the
   *  condition never read as a constant. */
  private negation(): void {
    const target = this.conditionBeingRead();
    if (!target) return;
    const first = this.out.length === target.at + 1 && !this.cmd;
    if (first && !target.block.negated && !target.block.test) target.block.negated = true;
    else target.block.condition = -1;
  }

  private top(): Block | undefined {
    return this.open[this.open.length - 1]?.block;
  }

  private marker(block: Block, line: number): SimpleCommand {
    return { assignments: [], words: [], redirects: [], text: '', line, kind: 'block', block };
  }

  private startBlock(of: Block['of'], name?: string): void {
    this.finish();
    const block: Block = { edge: 'start', of, ...(name !== undefined ? { name } : {}) };
    this.open.push({ block, at: this.out.length });
    this.out.push(this.marker(block, this.tokens[this.i]?.line ?? 0));
  }

  private branch(): void {
    const top = this.top();
    if (!top) return;
    this.finish();
    this.out.push(this.marker({ edge: 'branch', of: top.of }, this.tokens[this.i]?.line ?? 0));
  }

  private endAndOr(): void {
    this.finish();
    if (this.top()?.of === 'and-or') this.endBlock();
  }

  /** Closes the innermost block, noting on its start marker what the commands inside may change. */
  private endBlock(): void {
    this.finish();
    const open = this.open.pop();
    if (!open) return;
    const block = open.block;
    block.assigns ??= new Set();
    block.calls = new Set();
    block.moves = false;
    block.shifts = false;
    let stack = 0;
    // Inside a nested `( ... )` (or a function body, run only where called) a `cd` or an assignment stays there.
    let contained = 0;
    for (const c of this.out.slice(open.at + 1)) {
      if (c.kind === 'block') {
        const own = c.block?.of === 'subshell' || c.block?.of === 'function';
        if (own && c.block?.edge === 'start') contained++;
        if (own && c.block?.edge === 'end') contained--;
        for (const n of c.block?.calls ?? []) block.calls.add(n);
        if (contained > 0 || own) continue;
        for (const n of c.block?.assigns ?? []) block.assigns.add(n);
        if (c.block?.moves) block.moves = true;
        if (c.block?.shifts) block.shifts = true;
        continue;
      }
      if (contained > 0) {
        const name = c.words[0]?.value ?? '';
        if (name) block.calls.add(name);
        continue;
      }
      if (c.kind === 'test' && c.text.startsWith('for') && c.words[0]) block.assigns.add(c.words[0].value);
      for (const a of c.assignments) if (!c.words.length) block.assigns.add(a.name);
      const name = c.words[0]?.value ?? '';
      if (ASSIGNING.has(name)) for (const w of c.words.slice(1)) { const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(w.value); if (m && !w.value.startsWith('-')) block.assigns.add(m[1]); }
      // `pushd "$d"; ...; popd` comes back where it started; a `cd` (or an unmatched pushd/popd) may not.
      if (name === 'cd') block.moves = true;
      if (name === 'pushd') stack++;
      if (name === 'popd') stack--;
      if (name === 'shift' || name === 'set') block.shifts = true;
      if (name) block.calls.add(name);
    }
    if (stack !== 0) block.moves = true;
    block.length = this.out.length - open.at;
    this.out.push(this.marker({ edge: 'end', of: block.of, ...(block.name !== undefined ? { name: block.name } : {}) }, this.tokens[this.i]?.line ?? 0));
  }

  /** `for x in a b c;` / `select`: the word list still runs substitutions. */
  private skipLoopHeader(): void {
    const start = this.tokens[this.i];
    this.i++;
    const variable = this.tokens[this.i];
    if (variable?.type === 'word' && this.top()?.of === 'loop') (this.top()!.assigns ??= new Set()).add(variable.word.value);
    const words: Word[] = [];
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      if (t.type === 'op' && (t.op === ';' || t.op === '\n')) break;
      if (t.type === 'word' && t.word.raw === 'do') break;
      if (t.type === 'word' || t.type === 'arith') words.push(t.word);
      this.i++;
    }
    const top = this.top();
    if (start.type === 'word' && start.word.raw === 'for' && variable?.type === 'word' && words[1]?.raw === 'in' && top?.of === 'loop') {
      top.iterates = { name: variable.word.value, words: words.slice(2) };
    }
    this.holder(words, start);
  }

  private skipCaseHeader(): void {
    const start = this.tokens[this.i];
    this.i++;
    const subject = this.tokens[this.i];
    if (subject && subject.type === 'word') {
      const top = this.top();
      if (top?.of === 'case') top.subject = subject.word;
      this.holder([subject.word], start);
      this.i++;
    }
    const kwIn = this.tokens[this.i];
    if (kwIn && kwIn.type === 'word' && kwIn.word.raw === 'in') this.i++;
    this.caseDepth++;
    this.skipCasePattern(this.top()?.of === 'case' ? this.top() : undefined);
  }

  /** Skips `[(] pattern [| pattern] )` or consumes `esac`. */
  private skipCasePattern(marker: Block | undefined = this.out[this.out.length - 1]?.block): void {
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      if (t.type === 'op' && t.op === '\n') { this.i++; continue; }
      if (t.type === 'word' && t.word.raw === 'esac') {
        this.caseDepth--;
        this.i++;
        if (this.top()?.of === 'case') this.endBlock();
        return;
      }
      break;
    }
    // The branch's patterns, on the marker that opens it (the case's start marker for the first).
    const patterns: Word[] = [];
    let plain = true;
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      this.i++;
      if (t.type === 'op' && t.op === ')') break;
      if (t.type === 'word') patterns.push(t.word);
      else if (!(t.type === 'op' && (t.op === '|' || (t.op === '(' && !patterns.length)))) plain = false;
    }
    if (marker && marker.of === 'case' && marker.edge !== 'end') marker.patterns = plain ? patterns : [];
  }

  private readTest(): void {
    const start = this.tokens[this.i];
    const words: Word[] = [];
    let literal = true;
    this.i++;
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      this.i++;
      if (t.type === 'word' && t.word.raw === ']]') break;
      if (t.type === 'word') words.push(t.word);
      // `&&`, `||`, `<`, `(` inside the test: not a plain comparison the walker may read.
      else literal = false;
    }
    // In an `if` condition a literal `[[ a == b ]]` is kept, so the walker can tell which branch runs.
    const condition = this.conditionBeingRead() !== undefined;
    // A test with `&&`, `||`, `<` or parentheses is marked, so it is never read as one comparison.
    this.holder(words, start, 'test', condition && literal, literal ? undefined : '[[ (compound) ]]');
  }

  /** `function name [()]`: records the definition; the body is walked as ordinary commands. */
  private functionKeyword(at: Token): void {
    this.i++;
    const name = this.tokens[this.i];
    if (name && name.type === 'word') {
      this.finish();
      this.out.push({ assignments: [], words: [name.word], redirects: [], text: this.src.slice(at.start, name.end), line: at.line, kind: 'function-def' });
      this.i++;
    }
    if (this.isEmptyParensNext()) this.i += 2;
    if (name && name.type === 'word') this.pendingFunction = name.word.value;
  }

  private isEmptyParensNext(): boolean {
    const a = this.tokens[this.i];
    const b = this.tokens[this.i + 1];
    return !!a && !!b && a.type === 'op' && a.op === '(' && b.type === 'op' && b.op === ')';
  }

  /** A pseudo command that only carries words whose substitutions run (loop lists, tests). */
  private holder(words: Word[], at: Token, kind: SimpleCommand['kind'] = 'test', keep = false, text?: string): void {
    // Kept also when it reads the positional parameters (`[[ "${1:-}" == -h ]]`, `case "$1" in`): a function
    // whose body does is walked where it is called, with the call's arguments.
    if (!keep && !words.some((w) => w.substitutions.length || /\$(\{[#!]?)?[@*#1-9]/.test(w.raw))) return;
    this.finish();
    this.out.push({ assignments: [], words, redirects: [], text: text ?? this.src.slice(at.start, at.end), line: at.line, kind });
  }

  private begin(t: Token): void {
    this.cmd = { assignments: [], words: [], redirects: [], text: '', line: t.line, kind: 'simple' };
    if (this.pipeSource) this.cmd.pipedFrom = this.pipeSource;
    this.cmdStart = t.start;
    this.cmdEnd = t.end;
  }

  private extend(t: Token): void {
    this.cmdEnd = Math.max(this.cmdEnd, t.end);
  }

  private finish(): void {
    if (!this.cmd) return;
    this.cmd.text = this.src.slice(this.cmdStart, this.cmdEnd);
    this.out.push(this.cmd);
    this.cmd = undefined;
  }
}
