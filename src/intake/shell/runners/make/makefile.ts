// Reads Makefiles as GNU make does, into a database of variables and rules: logical lines with
// continuations, comments, recipe lines (tab or .RECIPEPREFIX), variable assignments of every
// flavour (`=`, `:=`, `::=`, `:::=`, `?=`, `+=`, `!=`), `define`, `export`/`override`,
// conditionals, `include`, explicit, double-colon, static pattern and pattern rules, and
// target-specific variables. Recipes are kept unexpanded: plan.ts expands them per target.
import { readdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ProjectFile, Read } from '../project.js';
import { expand, patternStem, SHELL_OUTPUT, words, type ExpandContext, type Flavor, type Origin, type Scope, type Variable } from './expand.js';

export interface Location {
  /** The Makefile as a report shows it (relative to the workspace). */
  file: string;
  line: number;
}

export interface RecipeLine {
  text: string;
  where: Location;
}

export interface Rule {
  targets: string[];
  prereqs: string[];
  orderOnly: string[];
  /** Undefined: the rule line had no recipe (only adds prerequisites). */
  recipe?: RecipeLine[];
  doubleColon: boolean;
  where: Location;
  /** Static pattern rules: the stem each target matched. */
  stems?: Record<string, string>;
  /** Defined in a conditional branch that may not be taken: its recipe may run as well as another's. */
  maybe?: boolean;
}

export interface TargetAssignment {
  /** A target name or a `%` pattern. */
  pattern: string;
  name: string;
  op: string;
  value: string;
  exported: boolean;
  override: boolean;
  where: Location;
}

export interface MakeDatabase {
  variables: Map<string, Variable>;
  explicit: Map<string, Rule[]>;
  patterns: Rule[];
  firstTarget?: string;
  phony: Set<string>;
  oneShell: boolean;
  exportAll: boolean;
  targetAssignments: TargetAssignment[];
  /** Commands make runs while it reads the Makefiles (`$(shell ...)` in `:=`, `!=`). */
  parseTime: { text: string; where: Location }[];
  /** What cannot be read (a missing include, `$(eval ...)`): each becomes an unknown action. */
  problems: { why: string; where?: Location }[];
  /** `-include` files that do not exist: make may build them and read the rules they define. */
  optionalMissing: string[];
  files: string[];
}

export interface ReadOptions {
  /** Absolute directory make runs in. */
  dir: string;
  read(path: string): Read<ProjectFile>;
  exists(path: string): boolean;
  /** The line's environment (make imports it as variables). */
  environment: Readonly<Record<string, string | undefined>>;
  /** `make VAR=value`. */
  commandLine: Readonly<Record<string, string>>;
  goals: readonly string[];
  includeDirs: readonly string[];
  /** `make --eval=TEXT`. */
  evals: readonly string[];
  /** `make -e`: the environment wins over the Makefile. */
  environmentOverrides: boolean;
}

const MAX_INCLUDE_DEPTH = 16;
const MAX_FILES = 64;

/** Make's own variables that recipes use. */
const DEFAULTS: Readonly<Record<string, string>> = {
  MAKE: 'make', SHELL: '/bin/sh', '.SHELLFLAGS': '-c', RM: 'rm -f', CC: 'cc', CXX: 'g++', CPP: '$(CC) -E', AR: 'ar', ARFLAGS: 'rv',
  AS: 'as', LD: 'ld', LEX: 'lex', YACC: 'yacc', FC: 'f77', PC: 'pc', CO: 'co', GET: 'get', MAKEINFO: 'makeinfo', TEX: 'tex',
  MAKEFLAGS: '', MFLAGS: '', MAKELEVEL: '0', '.RECIPEPREFIX': '', MAKE_VERSION: '4.4', MAKE_COMMAND: 'make',
};

export function readMakefiles(paths: readonly string[], options: ReadOptions): MakeDatabase {
  const db: MakeDatabase = {
    variables: new Map(), explicit: new Map(), patterns: [], phony: new Set(), oneShell: false, exportAll: false,
    targetAssignments: [], parseTime: [], problems: [], optionalMissing: [], files: [],
  };
  for (const [name, value] of Object.entries(DEFAULTS)) db.variables.set(name, { value, flavor: 'recursive', origin: 'default' });
  db.variables.set('CURDIR', { value: options.dir, flavor: 'simple', origin: 'default' });
  db.variables.set('MAKECMDGOALS', { value: options.goals.join(' '), flavor: 'simple', origin: 'default' });
  for (const [name, value] of Object.entries(options.environment)) {
    if (value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) db.variables.set(name, { value, flavor: 'recursive', origin: 'environment', exported: true });
  }
  for (const [name, value] of Object.entries(options.commandLine)) db.variables.set(name, { value, flavor: 'recursive', origin: 'command line', exported: true });
  const reader = new Reader(db, options);
  for (const path of paths) reader.file(path, 0, true);
  for (const [i, text] of options.evals.entries()) reader.text(text, { file: `--eval #${i + 1}`, line: 1 }, 0);
  return db;
}

interface Conditional {
  /** 'both': the condition depends on what Firebreak cannot know; either branch may run. */
  state: 'true' | 'false' | 'both';
  /** A branch of this chain was certainly taken: later `else` branches are not. */
  taken: boolean;
}

class Reader {
  /** Inside a conditional branch whose condition depends on what Firebreak cannot know. */
  private uncertain = false;

  constructor(private readonly db: MakeDatabase, private readonly options: ReadOptions) {}

  private scope(): Scope {
    return { get: (name) => this.db.variables.get(name) };
  }

  private ctx(where: Location, recipe = false): ExpandContext {
    return {
      scope: this.scope(), recipe, where, flag: { uncertain: false },
      onParseTimeShell: (text, at) => this.db.parseTime.push({ text, where: at }),
      onProblem: (why, at) => this.db.problems.push({ why, where: at }),
    };
  }

  file(path: string, depth: number, required: boolean): void {
    if (depth > MAX_INCLUDE_DEPTH || this.db.files.length >= MAX_FILES) {
      this.db.problems.push({ why: `Makefiles include each other more than ${MAX_INCLUDE_DEPTH} deep or read more than ${MAX_FILES} files` });
      return;
    }
    const read = this.options.read(path);
    if (!read.ok) {
      if (required) this.db.problems.push({ why: read.why });
      return;
    }
    this.db.files.push(read.value.shown);
    const list = this.db.variables.get('MAKEFILE_LIST');
    this.db.variables.set('MAKEFILE_LIST', { value: `${list?.value ?? ''} ${read.value.shown}`.trim(), flavor: 'simple', origin: 'default' });
    this.text(read.value.text, { file: read.value.shown, line: 1 }, depth);
  }

  text(text: string, start: Location, depth: number): void {
    const lines = text.split(/\r?\n/);
    const conditionals: Conditional[] = [];
    const active = () => conditionals.every((c) => c.state !== 'false');
    let rules: Rule[] | undefined;
    for (let i = 0; i < lines.length; i++) {
      const where: Location = { file: start.file, line: start.line + i };
      const prefix = this.recipePrefix();
      if (rules && lines[i].startsWith(prefix) && lines[i].length > 0) {
        // A recipe line: continuations stay in the text (the shell sees them), one leading
        // recipe prefix is removed from each continued line.
        let body = lines[i].slice(prefix.length);
        while (endsWithContinuation(body) && i + 1 < lines.length) {
          const next = lines[++i];
          body += `\n${next.startsWith(prefix) ? next.slice(prefix.length) : next}`;
        }
        if (active()) for (const r of rules) (r.recipe ??= []).push({ text: body, where });
        continue;
      }
      let logical = lines[i];
      while (endsWithContinuation(logical) && i + 1 < lines.length) logical = `${logical.slice(0, -1).replace(/\s+$/, '')} ${lines[++i].replace(/^\s+/, '')}`;
      const stripped = stripComment(logical);
      const trimmed = stripped.trim();
      if (!trimmed) continue;
      const directive = /^(ifeq|ifneq|ifdef|ifndef|else|endif)(\s|$)/.exec(trimmed);
      if (directive) {
        this.conditional(directive[1], trimmed.slice(directive[1].length).trim(), conditionals, where);
        continue;
      }
      const define = /^((?:override|export|private)\s+)*define\s+(.*)$/.exec(trimmed);
      if (define) {
        const body: string[] = [];
        let nesting = 1;
        while (++i < lines.length) {
          const t = lines[i].trim();
          if (/^((override|export|private)\s+)*define(\s|$)/.test(t)) nesting++;
          if (/^endef(\s|$)/.test(t) && --nesting === 0) break;
          body.push(lines[i]);
        }
        // make stops at an unterminated define; what Firebreak read after it is not what make read.
        if (i >= lines.length) this.db.problems.push({ why: `${where.file}:${where.line}: define ${define[2].trim()} is not closed by endef`, where });
        if (active()) {
          this.uncertain = conditionals.some((c) => c.state === 'both');
          const m = /^(.*?)\s*(::?=|:::=|\?=|\+=|!=|=)?\s*$/.exec(define[2])!;
          this.assign(m[1], m[2] ?? '=', body.join('\n'), where, { exported: /\bexport\b/.test(define[0]), override: /\boverride\b/.test(define[0]) });
        }
        rules = undefined;
        continue;
      }
      if (!active()) continue;
      this.uncertain = conditionals.some((c) => c.state === 'both');
      rules = this.line(trimmed, where, depth);
    }
    if (conditionals.length) this.db.problems.push({ why: `${start.file}: a conditional is not closed by endif`, where: start });
  }

  private recipePrefix(): string {
    const v = this.db.variables.get('.RECIPEPREFIX');
    const value = v ? (v.flavor === 'simple' ? v.value : expand(v.value, this.ctx({ file: '', line: 0 }))) : '';
    return value ? value[0] : '\t';
  }

  /** One logical non-recipe line; returns the rules that following recipe lines belong to. */
  private line(text: string, where: Location, depth: number): Rule[] | undefined {
    const include = /^(-?include|sinclude)\s+(.*)$/.exec(text);
    if (include) {
      this.include(include[2], include[1] === 'include', where, depth);
      return undefined;
    }
    const words0 = /^(export|unexport|override|private|undefine|vpath)\b\s*(.*)$/.exec(text);
    if (words0 && !/^\s*:/.test(words0[2])) {
      const [, keyword, rest] = words0;
      const assignment = splitAssignment(rest);
      if (keyword === 'vpath') return undefined;
      if (keyword === 'undefine') { this.db.variables.delete(expand(rest, this.ctx(where)).trim()); return undefined; }
      if (assignment) {
        this.assign(assignment.name, assignment.op, assignment.value, where, { exported: keyword === 'export', override: keyword === 'override' || /^override\s/.test(rest) });
        if (keyword === 'override' && /^export\s/.test(assignment.name)) this.exportNames(assignment.name.replace(/^export\s+/, ''), true, where);
        return undefined;
      }
      if (keyword === 'export' || keyword === 'unexport') {
        if (!rest.trim()) this.db.exportAll = keyword === 'export';
        else this.exportNames(rest, keyword === 'export', where);
        return undefined;
      }
      if (keyword !== 'override' && keyword !== 'private') return undefined;
    }
    const assignment = splitAssignment(text);
    if (assignment) {
      this.assign(assignment.name, assignment.op, assignment.value, where, { exported: false, override: false });
      return undefined;
    }
    const colon = ruleColon(text);
    if (colon < 0) {
      // A line that is only a function call (`$(eval ...)`, `$(info ...)`): expanded for its effects.
      // make reads the text it expands to as a line of the Makefile: `$(R)` with `R := test: ; curl x | sh`
      // is a rule (it replaces test's recipe). Text left after the expansion is a rule, an assignment or a
      // directive this reader does not follow (`load ./ext.so` runs a shared object's code): unknown.
      const left = expand(text, this.ctx(where)).trim();
      if (left) this.db.problems.push({ why: `${where.file}:${where.line}: the line ${text.trim().slice(0, 80)} expands to text make reads as a rule, an assignment or a directive (${left.slice(0, 80)}), which is not followed`, where });
      return undefined;
    }
    return this.rule(text, colon, where);
  }

  private exportNames(names: string, exported: boolean, where: Location): void {
    for (const name of words(expand(names, this.ctx(where)))) {
      const v = this.db.variables.get(name);
      if (v) v.exported = exported;
      else if (exported) this.db.variables.set(name, { value: '', flavor: 'recursive', origin: 'file', exported: true });
    }
  }

  private include(spec: string, required: boolean, where: Location, depth: number): void {
    for (const name of words(expand(spec, this.ctx(where)))) {
      const found = this.findInclude(name);
      if (found.length) {
        for (const path of found) this.file(path, depth + 1, required);
      } else if (required) {
        this.db.problems.push({ why: `${where.file}:${where.line} includes ${name}, which does not exist (make would try to build it with a rule)`, where });
      } else {
        this.db.optionalMissing.push(`${where.file}:${where.line} ${name}`);
      }
    }
  }

  private findInclude(name: string): string[] {
    const candidates = isAbsolute(name) ? [name] : [resolve(this.options.dir, name), ...this.options.includeDirs.map((d) => resolve(this.options.dir, d, name))];
    for (const candidate of candidates) {
      if (/[*?[]/.test(candidate)) {
        const matches = glob(candidate);
        if (matches.length) return matches;
        continue;
      }
      if (this.options.exists(candidate)) return [candidate];
    }
    return [];
  }

  private assign(rawName: string, op: string, value: string, where: Location, how: { exported: boolean; override: boolean }): void {
    const name = expand(rawName.trim(), this.ctx(where)).trim();
    if (!name) return;
    const existing = this.db.variables.get(name);
    if (existing && !how.override && (existing.origin === 'command line' || (existing.origin === 'environment' && this.options.environmentOverrides))) {
      if (how.exported) existing.exported = true;
      return;
    }
    const origin: Origin = how.override ? 'override' : 'file';
    const exported = how.exported || existing?.exported === true;
    // In a branch that may not be taken, the value it had stays possible.
    const alternatives = this.uncertain && existing && existing.origin !== 'default'
      ? [{ ...existing, alternatives: undefined }, ...(existing.alternatives ?? [])].slice(0, 8)
      : undefined;
    const set = (v: string, flavor: Flavor) => {
      this.db.variables.set(name, { value: v, flavor, origin, exported, ...(alternatives ? { alternatives } : {}) });
      if (name === '.DEFAULT_GOAL') this.db.variables.set(name, { value: expand(v, this.ctx(where)).trim(), flavor: 'simple', origin, exported: false });
    };
    switch (op) {
      case '=': set(value, 'recursive'); break;
      case ':=': case '::=': case ':::=': set(expand(value, this.ctx(where)), 'simple'); break;
      case '?=': if (!existing) set(value, 'recursive'); break;
      case '+=': {
        if (!existing || existing.origin === 'default') set(value, 'recursive');
        else if (existing.flavor === 'simple') set(`${existing.value} ${expand(value, this.ctx(where))}`.trim(), 'simple');
        else set(`${existing.value} ${value}`.trim(), 'recursive');
        break;
      }
      case '!=': {
        this.db.parseTime.push({ text: expand(value, this.ctx(where)), where });
        set(SHELL_OUTPUT, 'simple');
        break;
      }
    }
  }

  private conditional(kind: string, rest: string, stack: Conditional[], where: Location): void {
    if (kind === 'endif') {
      if (!stack.pop()) this.db.problems.push({ why: `${where.file}:${where.line}: endif without a conditional`, where });
      return;
    }
    const enclosing = stack.slice(0, kind === 'else' ? -1 : undefined).every((c) => c.state !== 'false');
    if (kind === 'else') {
      const top = stack[stack.length - 1];
      if (!top) { this.db.problems.push({ why: `${where.file}:${where.line}: else without a conditional`, where }); return; }
      const chained = /^(ifeq|ifneq|ifdef|ifndef)(\s|$)/.exec(rest);
      if (top.taken) { top.state = 'false'; return; }
      const next = chained ? this.evaluate(chained[1], rest.slice(chained[1].length).trim(), where, enclosing) : enclosing ? 'true' : 'false';
      // After a branch that may have run, the next one may run too (never certainly).
      top.state = top.state === 'both' && next !== 'false' ? 'both' : next;
      if (top.state === 'true') top.taken = true;
      return;
    }
    const state = this.evaluate(kind, rest, where, enclosing);
    stack.push({ state, taken: state === 'true' });
  }

  private evaluate(kind: string, rest: string, where: Location, enclosing: boolean): Conditional['state'] {
    if (!enclosing) return 'false';
    const ctx = this.ctx(where);
    let result: boolean;
    if (kind === 'ifdef' || kind === 'ifndef') {
      const name = expand(rest, ctx).trim();
      const v = this.db.variables.get(name);
      if (!v) return 'both'; // may come from the environment
      result = v.value !== '';
      if (kind === 'ifndef') result = !result;
    } else {
      const args = conditionArguments(rest);
      if (!args) {
        this.db.problems.push({ why: `${where.file}:${where.line}: cannot read the condition ${kind} ${rest}`, where });
        return 'both';
      }
      const a = expand(args[0], ctx).trim();
      const b = expand(args[1], ctx).trim();
      result = a === b;
      if (kind === 'ifneq') result = !result;
    }
    return ctx.flag.uncertain ? 'both' : result ? 'true' : 'false';
  }

  private rule(text: string, colon: number, where: Location): Rule[] | undefined {
    const doubleColon = text[colon + 1] === ':';
    const targets = words(expand(text.slice(0, colon), this.ctx(where)));
    let rest = text.slice(colon + (doubleColon ? 2 : 1));
    // A rule line whose targets expand to nothing (`$(SUBPROJECTS:%=%_lint):` with none): make still takes
    // the recipe lines after it as that rule's, and drops them. An empty list keeps them recipe lines.
    if (!targets.length) return [];
    // `target: VAR = value`: a target-specific variable.
    const specific = /^\s*((?:(?:export|override|private)\s+)*)(.*)$/.exec(rest)!;
    const assignment = splitAssignment(specific[2]);
    if (assignment && ruleColon(specific[2]) < 0) {
      for (const pattern of targets) {
        this.db.targetAssignments.push({
          pattern, name: assignment.name.trim(), op: assignment.op, value: assignment.value, where,
          exported: /\bexport\b/.test(specific[1]), override: /\boverride\b/.test(specific[1]),
        });
      }
      return undefined;
    }
    let inline: string | undefined;
    const semi = topLevel(rest, ';');
    if (semi >= 0) {
      inline = rest.slice(semi + 1);
      rest = rest.slice(0, semi);
    }
    // Static pattern rule: `targets: target-pattern: prereq-patterns`.
    const second = ruleColon(rest);
    let staticPattern: { target: string; prereqs: string } | undefined;
    if (second >= 0) {
      staticPattern = { target: expand(rest.slice(0, second), this.ctx(where)).trim(), prereqs: rest.slice(second + 1) };
      rest = '';
    }
    const bar = topLevel(rest, '|');
    const prereqs = words(expand(bar >= 0 ? rest.slice(0, bar) : rest, this.ctx(where)));
    const orderOnly = bar >= 0 ? words(expand(rest.slice(bar + 1), this.ctx(where))) : [];
    const recipe = inline !== undefined ? [{ text: inline.replace(/^\s+/, ''), where }] : undefined;
    // make looks for `;` again in the expanded line: `test: $(B)` with `B := ; curl x | sh` is a rule whose
    // recipe is the text after it; a `:` in an expanded target splits the line too. Not read here: unknown.
    const split = [...targets, ...prereqs, ...orderOnly].find((w) => /;/.test(w)) ?? targets.find((w) => /:/.test(w));
    if (split !== undefined) {
      this.db.problems.push({ why: `${where.file}:${where.line}: the rule line ${text.trim().slice(0, 80)} expands to ${split}, where make splits the line differently than it is written: not followed`, where });
      return [];
    }

    if (targets.includes('.PHONY')) { prereqs.forEach((p) => this.db.phony.add(p)); return []; }
    if (targets.includes('.ONESHELL')) { this.db.oneShell = true; return []; }
    if (targets.includes('.EXPORT_ALL_VARIABLES')) { this.db.exportAll = true; return []; }
    if (targets.every((t) => SPECIAL_TARGETS.has(t))) return [];

    const made: Rule[] = [];
    if (staticPattern) {
      const stems: Record<string, string> = {};
      const expandedPrereqs: string[] = [];
      for (const t of targets) {
        const stem = patternStem(staticPattern.target, t);
        if (stem === undefined) continue;
        stems[t] = stem;
        const ps = words(expand(staticPattern.prereqs, this.ctx(where))).map((p) => p.replace('%', stem));
        const rule: Rule = { targets: [t], prereqs: ps, orderOnly: [], recipe, doubleColon, where, stems: { [t]: stem } };
        this.addExplicit(t, rule);
        made.push(rule);
        expandedPrereqs.push(...ps);
      }
      this.noteFirst(targets);
      // Recipe lines that follow belong to every target's rule: share one array.
      if (made.length && !recipe) {
        const shared: RecipeLine[] = [];
        for (const r of made) r.recipe = shared;
        return [made[0]];
      }
      return made;
    }
    if (targets.some((t) => t.includes('%'))) {
      const rule: Rule = { targets: targets.filter((t) => t.includes('%')), prereqs, orderOnly, recipe, doubleColon, where };
      this.db.patterns.push(rule);
      return [rule];
    }
    const rule: Rule = { targets, prereqs, orderOnly, recipe, doubleColon, where, ...(this.uncertain ? { maybe: true } : {}) };
    for (const t of targets) this.addExplicit(t, rule);
    this.noteFirst(targets);
    return [rule];
  }

  private addExplicit(name: string, rule: Rule): void {
    // make drops a leading `./` from file names: `./x.o:` is the rule for x.o.
    const target = name.length > 2 ? name.replace(/^(\.\/)+(?=.)/, '') : name;
    const list = this.db.explicit.get(target);
    if (list) list.push(rule);
    else this.db.explicit.set(target, [rule]);
  }

  private noteFirst(targets: string[]): void {
    if (this.db.firstTarget !== undefined) return;
    const first = targets.find((t) => !t.startsWith('.') || t.includes('/'));
    if (first && !first.includes('%')) this.db.firstTarget = first;
  }
}

// `.DEFAULT` is kept as a rule: its recipe runs for every target that has no rule.
const SPECIAL_TARGETS = new Set(['.PHONY', '.SUFFIXES', '.PRECIOUS', '.INTERMEDIATE', '.NOTINTERMEDIATE', '.SECONDARY', '.SECONDEXPANSION',
  '.DELETE_ON_ERROR', '.IGNORE', '.LOW_RESOLUTION_TIME', '.SILENT', '.EXPORT_ALL_VARIABLES', '.NOTPARALLEL', '.ONESHELL', '.POSIX', '.WAIT']);

function endsWithContinuation(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Removes a `#` comment (not `\#`). */
function stripComment(line: string): string {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') { i++; continue; }
    if (line[i] === '#') return line.slice(0, i);
  }
  return line;
}

/** Index of `ch` outside `$(...)`/`${...}`, or -1. */
function topLevel(text: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) { depth++; i++; continue; }
    if (depth > 0 && (c === '(' || c === '{')) depth++;
    else if (depth > 0 && (c === ')' || c === '}')) depth--;
    else if (depth === 0 && c === ch) return i;
  }
  return -1;
}

/** The colon that makes a line a rule (not part of `:=`), or -1. */
function ruleColon(text: string): number {
  const colon = topLevel(text, ':');
  const eq = topLevel(text, '=');
  if (colon < 0 || (eq >= 0 && eq < colon)) return -1;
  if (/^:{1,3}=/.test(text.slice(colon))) return -1;
  return colon;
}

const ASSIGNMENT_OPS = [':::=', '::=', ':=', '?=', '+=', '!=', '='];

/** `NAME op value`, when the line is an assignment (the first `=` comes before any rule colon). */
function splitAssignment(text: string): { name: string; op: string; value: string } | undefined {
  const eq = topLevel(text, '=');
  if (eq < 0) return undefined;
  const colon = topLevel(text, ':');
  let start = eq;
  for (const op of ASSIGNMENT_OPS) {
    const at = eq - (op.length - 1);
    if (at >= 0 && text.slice(at, eq + 1) === op) { start = at; break; }
  }
  if (colon >= 0 && colon < start) return undefined;
  const op = text.slice(start, eq + 1);
  const name = text.slice(0, start);
  if (!name.trim() || /\s/.test(name.trim().replace(/\$[({][^)}]*[)}]/g, ''))) return undefined;
  return { name, op, value: text.slice(eq + 1).replace(/^[ \t]+/, '') };
}

/** `(a,b)`, `'a' 'b'`, `"a" "b"`. */
function conditionArguments(rest: string): [string, string] | undefined {
  if (rest.startsWith('(') && rest.endsWith(')')) {
    const inner = rest.slice(1, -1);
    const comma = topLevel(inner, ',');
    return comma < 0 ? undefined : [inner.slice(0, comma), inner.slice(comma + 1)];
  }
  const m = /^(['"])(.*?)\1\s+(['"])(.*?)\3$/.exec(rest);
  return m ? [m[2], m[4]] : undefined;
}

/** `dir/*.mk`: a glob in the last path segment only. */
function glob(pattern: string): string[] {
  const dir = dirname(pattern);
  if (/[*?[]/.test(dir)) return [];
  const re = new RegExp(`^${pattern.slice(dir.length + 1).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
  try {
    return readdirSync(dir).filter((n) => re.test(n)).sort().map((n) => join(dir, n));
  } catch {
    return [];
  }
}
