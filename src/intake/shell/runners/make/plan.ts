// Which recipe lines `make GOALS` runs, in order: each goal's prerequisites first (recursively,
// order-only ones too), then its recipe, with target-specific variables and automatic variables
// ($@, $<, $^, $*) expanded. Whether a file target is already up to date is not known, so every
// recipe on the way is assumed to run (a guard over-approximates).
import { scriptFor } from '../follow.js';
import { expand, overlay, patternStem, SHELL_OUTPUT, words, type Scope, type Variable } from './expand.js';
import type { Location, MakeDatabase, RecipeLine, Rule, TargetAssignment } from './makefile.js';

export interface PlannedLine {
  /** Shell text, variables expanded, recipe prefixes (`@ - +`) removed. */
  text: string;
  where: Location;
  target: string;
  /** Runs even under `make -n` (`+` prefix or a `$(MAKE)` reference). */
  forced: boolean;
  /** Variables make exports to the recipe's environment. */
  env: Record<string, string>;
}

export interface Plan {
  lines: PlannedLine[];
  /** `goal`: a goal no rule makes (make stops there with an error; make.ts decides what that shows). */
  problems: { why: string; where?: Location; goal?: string }[];
  parseTime: { text: string; where: Location }[];
}

export interface PlanOptions {
  exists(target: string): boolean;
  /** Files a wildcard names, as make expands `*?[` in prerequisites (relative names stay relative). */
  glob?(pattern: string): string[];
}

const MAX_TARGETS = 500;
const MAX_LINES = 2_000;
/** Built-in implicit rules compile these with the C toolchain (`cc -c x.c`): local work. */
const BUILT_IN_SUFFIXES = /\.(o|a|so|c|cc|cpp|cxx|C|s|S|f|p|y|l|h|hpp)$/;

export function plan(db: MakeDatabase, goals: readonly string[], options: PlanOptions): Plan {
  const out: Plan = { lines: [], problems: [], parseTime: [] };
  const global: Scope = { get: (name) => db.variables.get(name) };
  const done = new Set<string>();
  const visiting = new Set<string>();
  let count = 0;

  const visit = (target: string, parent: Scope, neededBy?: string): void => {
    if (done.has(target) || visiting.has(target)) return;
    if (++count > MAX_TARGETS) {
      if (count === MAX_TARGETS + 1) out.problems.push({ why: `more than ${MAX_TARGETS} targets to build: the rest were not followed` });
      return;
    }
    visiting.add(target);
    try {
      const found = rulesFor(db, target, options) ?? defaultRule(db, target, options);
      if (!found) {
        if (options.exists(target) || BUILT_IN_SUFFIXES.test(target)) return;
        if (!neededBy) {
          // make would stop ("No rule to make target"). Marked with the goal: make.ts takes its reading of
          // the Makefiles as proof that nothing defines it only when that reading is whole; else unknown.
          out.problems.push({ goal: target, why: db.optionalMissing.length
            ? `no rule to make target ${target} in what Firebreak read, and ${db.optionalMissing[0]} (an optional include that does not exist yet, which make may build) may define one`
            : `no rule to make target ${target}` });
          return;
        }
        // A prerequisite with a name that is known and no rule: no recipe runs for it (make finds the file an
        // earlier recipe made, or stops). A name that is not known may be any target: unknown.
        if (!/[$*?[\]]/.test(target)) return;
        out.problems.push({ why: `no rule to make ${target} (needed by ${neededBy})` });
        return;
      }
      const scope = targetScope(db, target, parent, out);
      const names = (list: readonly string[]) => list.flatMap((p) => expandWildcard(substituteStem(p, found.stem), options)).map(normalName);
      const prereqs = found.rules.flatMap((r) => [...names(r.prereqs), ...names(r.orderOnly)]);
      for (const p of prereqs) visit(p, scope, target);
      for (const rule of found.recipes) {
        const stem = found.stem ?? rule.stems?.[target] ?? stemOf(target);
        const ps = names(rule.prereqs);
        const all = found.rules.flatMap((r) => names(r.prereqs));
        const automatic = { '@': target, '<': ps[0] ?? all[0] ?? '', '^': [...new Set(all)].join(' '), '+': all.join(' '), '?': [...new Set(all)].join(' '), '*': stem, '|': rule.orderOnly.join(' ') };
        addRecipe(out, db, rule.recipe ?? [], target, scope, automatic);
        if (out.lines.length > MAX_LINES) {
          out.problems.push({ why: `more than ${MAX_LINES} recipe lines: the rest were not followed` });
          return;
        }
      }
    } finally {
      visiting.delete(target);
      done.add(target);
    }
  };
  for (const goal of goals) visit(normalName(goal), global);
  return out;
}

interface Found {
  /** Rules that name the target (prerequisites of all count). */
  rules: Rule[];
  /** The rules whose recipes run: the last one with a recipe, or every double-colon rule. */
  recipes: Rule[];
  stem?: string;
}

function rulesFor(db: MakeDatabase, target: string, options: PlanOptions): Found | undefined {
  const explicit = db.explicit.get(target);
  if (explicit?.length) {
    const doubleColon = explicit.filter((r) => r.doubleColon);
    const withRecipe = explicit.filter((r) => r.recipe?.length);
    // The last recipe wins, unless earlier ones sit in branches that depend on the environment.
    const last = withRecipe.at(-1);
    const recipes = doubleColon.length ? doubleColon : last ? [...withRecipe.filter((r) => r.maybe && r !== last), last] : [];
    if (recipes.length || !canUsePattern(db, target)) return { rules: explicit, recipes };
    // A rule without a recipe only adds prerequisites: an implicit rule supplies the recipe.
    const pattern = matchPattern(db, target, options);
    return pattern ? { rules: [...explicit, pattern.rule], recipes: [pattern.rule], stem: pattern.stem } : { rules: explicit, recipes: [] };
  }
  const pattern = matchPattern(db, target, options);
  return pattern ? { rules: [pattern.rule], recipes: pattern.rule.recipe?.length ? [pattern.rule] : [], stem: pattern.stem } : undefined;
}

/** `.DEFAULT:` with a recipe: make runs it for a target that has no rule and is not a file. */
function defaultRule(db: MakeDatabase, target: string, options: PlanOptions): Found | undefined {
  if (options.exists(target)) return undefined;
  const rules = db.explicit.get('.DEFAULT')?.filter((r) => r.recipe?.length);
  return rules?.length ? { rules: [], recipes: [rules.at(-1)!] } : undefined;
}

/** Make expands wildcards in prerequisites; a pattern that matches nothing stays as written. */
/** make drops a leading `./` from file names: `./x.o` and `x.o` are one target. */
function normalName(name: string): string {
  return name.length > 2 ? name.replace(/^(\.\/)+(?=.)/, '') : name;
}

function expandWildcard(name: string, options: PlanOptions): string[] {
  if (!/[*?[]/.test(name) || name.includes('$') || !options.glob) return [name];
  const found = options.glob(name);
  return found.length ? found : [name];
}

function canUsePattern(db: MakeDatabase, target: string): boolean {
  return !db.phony.has(target) && db.patterns.some((r) => r.targets.some((t) => patternStem(t, target) !== undefined));
}

/**
 * The first pattern rule that matches and whose prerequisites exist, ought to exist (a target of the
 * Makefile) or can be made by a chain of pattern rules, as make picks (GNU make 10.5.4). A non-terminal
 * match-anything rule (`%: common-%`) is never used for a prerequisite in such a chain (10.5.5). A file
 * that exists and that no rule applies to is up to date: no recipe. A target that does not exist falls back
 * to the first rule that matches (its prerequisites then show what cannot be made).
 */
function matchPattern(db: MakeDatabase, target: string, options: PlanOptions): { rule: Rule; stem: string } | undefined {
  let fallback: { rule: Rule; stem: string } | undefined;
  let best: { rule: Rule; stem: string } | undefined;
  const specific = indicatesType(db, target);
  for (const rule of db.patterns) {
    if (specific && isMatchAnything(rule)) continue;
    for (const t of rule.targets) {
      const stem = patternStem(t, target);
      if (stem === undefined) continue;
      const prereqs = rule.prereqs.map((p) => substituteStem(p, stem));
      // Of the rules that apply, make takes the one with the shortest stem (the first of equals).
      if (prereqs.every((p) => canBeMade(db, p, options, 0))) { if (!best || stem.length < best.stem.length) best = { rule, stem }; }
      else fallback ??= { rule, stem };
    }
  }
  return best ?? (fallback && !options.exists(target) ? fallback : undefined);
}

/** Suffixes of make's built-in dummy rules (`%.c:`): a name with one is a specific type of data, which a
 *  non-terminal match-anything rule never applies to (GNU make 10.5.5), nor a name another pattern matches. */
const TYPED = /\.(out|a|ln|o|c|cc|C|cpp|p|f|F|m|r|y|l|ym|yl|s|S|mod|sym|def|h|info|dvi|tex|texinfo|texi|txinfo|w|ch|web|sh|elc|el)$/;

function indicatesType(db: MakeDatabase, name: string): boolean {
  return TYPED.test(name) || db.patterns.some((r) => !isMatchAnything(r) && r.targets.some((t) => patternStem(t, name) !== undefined));
}

function canBeMade(db: MakeDatabase, name: string, options: PlanOptions, depth: number): boolean {
  if (options.exists(name) || db.explicit.has(name) || db.explicit.has(name.replace(/^(\.\/)+/, ''))) return true;
  if (depth >= 4) return false;
  return db.patterns.some((rule) => !isMatchAnything(rule) && rule.targets.some((t) => {
    const stem = patternStem(t, name);
    return stem !== undefined && rule.prereqs.every((p) => canBeMade(db, substituteStem(p, stem), options, depth + 1));
  }));
}

function isMatchAnything(rule: Rule): boolean {
  return !rule.doubleColon && rule.targets.some((t) => t === '%');
}

function substituteStem(p: string, stem: string | undefined): string {
  return stem === undefined ? p : p.replace('%', stem);
}

function stemOf(target: string): string {
  return target.replace(/\.[^./]*$/, '');
}

/** Global variables, overlaid by the parent's and this target's target-specific variables. */
function targetScope(db: MakeDatabase, target: string, parent: Scope, out: Plan): Scope {
  const mine = db.targetAssignments.filter((a) => a.pattern === target || (a.pattern.includes('%') && patternStem(a.pattern, target) !== undefined));
  if (!mine.length) return parent;
  const vars: Record<string, Variable> = {};
  let scope = overlay(parent, vars);
  for (const a of mine) scope = assignIn(scope, vars, a, out);
  return scope;
}

function assignIn(scope: Scope, vars: Record<string, Variable>, a: TargetAssignment, out: Plan): Scope {
  const ctx = {
    scope, recipe: false, where: a.where, flag: { uncertain: false },
    onParseTimeShell: (text: string, where: Location) => out.parseTime.push({ text, where }),
    onProblem: (why: string, where: Location) => out.problems.push({ why, where }),
  };
  const name = expand(a.name, ctx).trim();
  const existing = scope.get(name);
  if (existing?.origin === 'command line' && !a.override) return scope;
  const exported = a.exported || existing?.exported === true;
  switch (a.op) {
    case '=': vars[name] = { value: a.value, flavor: 'recursive', origin: 'file', exported }; break;
    case ':=': case '::=': case ':::=': vars[name] = { value: expand(a.value, ctx), flavor: 'simple', origin: 'file', exported }; break;
    case '?=': if (!existing) vars[name] = { value: a.value, flavor: 'recursive', origin: 'file', exported }; break;
    case '+=':
      vars[name] = existing
        ? existing.flavor === 'simple'
          ? { value: `${existing.value} ${expand(a.value, ctx)}`.trim(), flavor: 'simple', origin: 'file', exported }
          : { value: `${existing.value} ${a.value}`.trim(), flavor: 'recursive', origin: 'file', exported }
        : { value: a.value, flavor: 'recursive', origin: 'file', exported };
      break;
    case '!=':
      out.parseTime.push({ text: expand(a.value, ctx), where: a.where });
      vars[name] = { value: SHELL_OUTPUT, flavor: 'simple', origin: 'file', exported };
      break;
  }
  return scope;
}

function addRecipe(out: Plan, db: MakeDatabase, recipe: readonly RecipeLine[], target: string, targetScope: Scope, automatic: Record<string, string>): void {
  // `$(eval TMP := $(shell mktemp -d))` in one line sets TMP for the lines after it.
  const evaluated: Record<string, Variable> = {};
  const scope = overlay(targetScope, evaluated);
  let variant = false;
  const ctx = (where: Location) => ({
    scope, recipe: true, where, automatic, flag: { uncertain: false },
    assign: (name: string, variable: Variable) => {
      // A line read again in another scope (a variable's other value) gives the assignment another value it may have.
      const before = evaluated[name];
      if (before && before.value !== variable.value && variant) before.alternatives = [...(before.alternatives ?? []), variable];
      else if (!variant) evaluated[name] = variable;
    },
    onParseTimeShell: (text: string, at: Location) => out.parseTime.push({ text, where: at }),
    onProblem: (why: string, at: Location) => out.problems.push({ why, where: at }),
  });
  const env = exportedVariables(db, scope, ctx(recipe[0]?.where ?? { file: '', line: 0 }));
  const shell = expand('$(SHELL)', ctx(recipe[0]?.where ?? { file: '', line: 0 })).trim();
  const flags = expand('$(.SHELLFLAGS)', ctx(recipe[0]?.where ?? { file: '', line: 0 })).trim() || '-c';
  // `.SHELLFLAGS='-c "rm -rf /srv"; '`: a word that is not an option is run in place of the recipe.
  if (!onlyShellOptions(flags)) {
    const where = recipe[0]?.where ?? { file: '', line: 0 };
    out.problems.push({ why: `${where.file}:${where.line}: .SHELLFLAGS is ${flags}: words that are not options are code the shell runs instead of the recipe`, where });
    return;
  }
  // SHELL = python3 makes every recipe line Python code: given to the Python reader, or unknown.
  const throughShell = (text: string, where: Location): string | undefined => {
    const script = scriptFor(shell, text);
    if (script.ok) return script.text;
    out.problems.push({ why: `${where.file}:${where.line}: SHELL is ${shell} (${flags}): ${script.why}`, where });
    return undefined;
  };
  const lines: PlannedLine[] = [];
  for (const line of recipe) {
    const raw = stripPrefixes(line.text);
    const forcedRaw = raw.prefixes.includes('+') || /\$[({]MAKE[)}]/.test(line.text);
    variant = false;
    const variants = [expand(raw.text, ctx(line.where))];
    variant = true;
    for (const alternative of alternativeScopes(raw.text, scope)) {
      const text = expand(raw.text, { ...ctx(line.where), scope: alternative });
      if (!variants.includes(text)) variants.push(text);
    }
    for (const variant of variants) {
      // A canned recipe (`define`) expands to several lines: each is its own recipe line.
      for (const piece of variant.split(/(?<!\\)\n/)) {
        const p = stripPrefixes(piece);
        if (!p.text.trim()) continue;
        lines.push({ text: p.text, where: line.where, target, forced: forcedRaw || p.prefixes.includes('+'), env });
      }
    }
  }
  if (db.oneShell && lines.length > 1) {
    const text = throughShell(lines.map((l) => l.text).join('\n'), lines[0].where);
    if (text !== undefined) out.lines.push({ ...lines[0], text, forced: lines.some((l) => l.forced) });
    return;
  }
  for (const l of lines) {
    const text = throughShell(l.text, l.where);
    if (text !== undefined) out.lines.push({ ...l, text });
  }
}

/** `-c`, `-ec`, `-eu -o pipefail -c`, `+x -O extglob -c`: options only, ending in the one that takes the recipe. */
function onlyShellOptions(flags: string): boolean {
  const words = flags.split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    // `-o pipefail`, `-euo pipefail`: a cluster ending in o/O takes the option name after it.
    if (/^[-+][a-zA-Z]*[oO]$/.test(words[i]) && /^[a-z_]+$/.test(words[i + 1] ?? '')) { i++; continue; }
    if (!/^[-+][a-zA-Z]+$/.test(words[i])) return false;
  }
  return true;
}

/** Scopes in which one variable the text uses takes another value it may have (set in a branch
 *  that depends on the environment): each gives the recipe line as it would then read. */
function alternativeScopes(text: string, scope: Scope): Scope[] {
  const names = new Set<string>();
  const visit = (t: string, depth: number) => {
    for (const m of t.matchAll(/\$[({]([A-Za-z0-9_.-]+)[)}:]/g)) {
      if (names.has(m[1])) continue;
      names.add(m[1]);
      const v = scope.get(m[1]);
      if (v && depth < 4) visit(v.value, depth + 1);
    }
  };
  visit(text, 0);
  const out: Scope[] = [];
  for (const name of names) {
    for (const alternative of scope.get(name)?.alternatives ?? []) {
      out.push(overlay(scope, { [name]: alternative }));
      if (out.length >= 8) return out;
    }
  }
  return out;
}

function exportedVariables(db: MakeDatabase, scope: Scope, ctx: Parameters<typeof expand>[1]): Record<string, string> {
  const env: Record<string, string> = {};
  const names = new Set([...db.variables.keys(), ...db.targetAssignments.map((a) => a.name.trim())]);
  for (const name of names) {
    const v = scope.get(name);
    if (!v || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (!(v.exported || (db.exportAll && v.origin !== 'default'))) continue;
    if (v.origin === 'environment') continue; // already in the environment
    env[name] = v.flavor === 'simple' ? v.value : expand(v.value, { ...ctx, recipe: false, flag: { uncertain: false } });
  }
  return env;
}

function stripPrefixes(text: string): { text: string; prefixes: string } {
  const m = /^[ \t]*([@+-][@+\- \t]*)?/.exec(text)!;
  const prefixes = (m[1] ?? '').replace(/[ \t]/g, '');
  return { text: text.slice(m[0].length), prefixes };
}

