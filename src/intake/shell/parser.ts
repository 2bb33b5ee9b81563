// Token stream -> the simple commands that may execute, in order. Control structures
// (if/while/for/case/functions/groups/subshells) are flattened: every command in any branch
// counts, because a guard cannot know which branch runs. Function bodies count too.
import { lex, type Heredoc } from './lexer.js';
import type { Redirect, SimpleCommand, Token, Word } from './syntax.js';

const SKIPPED_RESERVED = new Set(['{', '}', '!', 'then', 'else', 'elif', 'do', 'done', 'fi', 'if', 'while', 'until', 'esac']);
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
      else if (t.type === 'arith') { this.holder([t.word], t); this.i++; }
      else this.onOperator(t);
    }
    this.finish();
    return this.out;
  }

  private onWord(t: Extract<Token, { type: 'word' }>): void {
    const w = t.word;
    const bare = w.raw === w.value;
    if (!this.cmd) {
      if (bare && SKIPPED_RESERVED.has(w.value)) { this.i++; return; }
      if (bare && (w.value === 'for' || w.value === 'select')) { this.skipLoopHeader(); return; }
      if (bare && w.value === 'case') { this.skipCaseHeader(); return; }
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
    }
  }

  private onRedirect(t: Extract<Token, { type: 'redirect' }>): void {
    if (!this.cmd) this.begin(t);
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
      this.pipeSource = left;
      return;
    }
    this.finish();
    this.pipeSource = undefined;
    if (CASE_BREAKS.has(t.op) && this.caseDepth > 0) this.skipCasePattern();
  }

  /** `for x in a b c;` / `select`: the word list still runs substitutions. */
  private skipLoopHeader(): void {
    const start = this.tokens[this.i];
    this.i++;
    const words: Word[] = [];
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      if (t.type === 'op' && (t.op === ';' || t.op === '\n')) break;
      if (t.type === 'word' && t.word.raw === 'do') break;
      if (t.type === 'word' || t.type === 'arith') words.push(t.word);
      this.i++;
    }
    this.holder(words, start);
  }

  private skipCaseHeader(): void {
    const start = this.tokens[this.i];
    this.i++;
    const subject = this.tokens[this.i];
    if (subject && subject.type === 'word') { this.holder([subject.word], start); this.i++; }
    const kwIn = this.tokens[this.i];
    if (kwIn && kwIn.type === 'word' && kwIn.word.raw === 'in') this.i++;
    this.caseDepth++;
    this.skipCasePattern();
  }

  /** Skips `[(] pattern [| pattern] )` or consumes `esac`. */
  private skipCasePattern(): void {
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      if (t.type === 'op' && t.op === '\n') { this.i++; continue; }
      if (t.type === 'word' && t.word.raw === 'esac') { this.caseDepth--; this.i++; return; }
      break;
    }
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      this.i++;
      if (t.type === 'op' && t.op === ')') return;
    }
  }

  private readTest(): void {
    const start = this.tokens[this.i];
    const words: Word[] = [];
    this.i++;
    while (this.i < this.tokens.length) {
      const t = this.tokens[this.i];
      this.i++;
      if (t.type === 'word' && t.word.raw === ']]') break;
      if (t.type === 'word') words.push(t.word);
    }
    this.holder(words, start, 'test');
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
  }

  private isEmptyParensNext(): boolean {
    const a = this.tokens[this.i];
    const b = this.tokens[this.i + 1];
    return !!a && !!b && a.type === 'op' && a.op === '(' && b.type === 'op' && b.op === ')';
  }

  /** A pseudo command that only carries words whose substitutions run (loop lists, tests). */
  private holder(words: Word[], at: Token, kind: SimpleCommand['kind'] = 'test'): void {
    if (!words.some((w) => w.substitutions.length)) return;
    this.finish();
    this.out.push({ assignments: [], words, redirects: [], text: this.src.slice(at.start, at.end), line: at.line, kind });
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
