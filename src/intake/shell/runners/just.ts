// `just [recipe [args]]`: reads the justfile (searched upward like just does), evaluates its
// variables (backticks and `shell()` are commands that run while the justfile is read), and
// walks the recipe's lines, its dependencies first and its `&&` dependencies after. Shebang and
// `[script]` recipes are a script for their interpreter: shell is walked, others go to the
// interpreter's inline form (`python3 -c BODY`) so the code readers judge them.
import { dirname, join, resolve } from 'node:path';
import type { PlannedAction } from '../../types.js';
import { toolName, type Recogniser, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow, runSteps, scriptFor, type Step } from './follow.js';
import { asCwd, findUpward, firstExisting, insideWorkspace, readProjectFile, runDirectory } from './project.js';

interface Recipe {
  name: string;
  params: { name: string; default?: string; variadic: boolean; exported: boolean }[];
  before: { name: string; args: string[] }[];
  after: { name: string; args: string[] }[];
  body: { text: string; line: number }[];
  line: number;
  shebang?: string;
  script?: string;
  file: string;
  dir: string;
}

interface Justfile {
  recipes: Map<string, Recipe>;
  aliases: Map<string, string>;
  variables: Map<string, string>;
  exported: Set<string>;
  exportAll: boolean;
  shell?: string[];
  first?: string;
  /** Commands run while the justfile is evaluated (backticks, shell()). */
  evaluation: { text: string; line: number; file: string }[];
  problems: string[];
}

const VALUED = new Set(['-f', '--justfile', '-d', '--working-directory', '--shell', '--shell-arg', '--dotenv-path', '-E', '--dotenv-filename', '--color',
  '--command-color', '--list-heading', '--list-prefix', '--chooser', '--show', '-s', '--timestamp-format', '--cygpath', '--tempdir', '--alias-style']);
const READ_ONLY = new Set(['-l', '--list', '--summary', '--dump', '--evaluate', '--fmt', '--variables', '--groups', '--help', '-h', '--version', '-V', '--init', '--edit', '--completions', '--man', '--changelog', '--show', '-s']);
const MAX_RECIPES = 200;

export const just: Recogniser = async (rc) => {
  const args = rc.argv.slice(1);
  let file: string | undefined;
  let workdir: string | undefined;
  const overrides: Record<string, string> = {};
  const positional: string[] = [];
  let dryRun = false;
  let readOnly = false;
  let global = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { positional.push(...args.slice(i + 1)); break; }
    if (a === '--set') { overrides[args[i + 1] ?? ''] = args[i + 2] ?? ''; i += 2; continue; }
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
      const value = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : VALUED.has(a) ? args[++i] : undefined;
      if (name === '-f' || name === '--justfile') file = value;
      if (name === '-d' || name === '--working-directory') workdir = value;
      if (name === '-n' || name === '--dry-run') dryRun = true;
      if (name === '-g' || name === '--global-justfile') global = true;
      if (READ_ONLY.has(name)) readOnly = true;
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(a.slice(0, eq)) && !positional.length) { overrides[a.slice(0, eq)] = a.slice(eq + 1); continue; }
    positional.push(a);
  }
  if (global && !readOnly) return [cannotFollow(rc, 'just --global-justfile runs the justfile in the home directory (~/.config/just/justfile), outside the workspace: its recipes are not read', positional[0])];
  const dir = runDirectory(rc);
  if (!dir.ok) return [cannotFollow(rc, `just: cannot read the justfile: ${dir.why}`)];
  const path = file ? resolve(dir.value, file) : findUpward(dir.value, (at) => firstExisting(rc, at, ['justfile', 'Justfile', '.justfile', 'JUSTFILE']));
  // No justfile: just stops with an error before it runs anything.
  if (!path) return [];
  // just searches every parent folder: one above the workspace (or named there) is nobody's here.
  if (!insideWorkspace(rc, path) && !readOnly) return [cannotFollow(rc, `just: the justfile it runs is ${path}, outside the workspace: its recipes are not read`, positional[0])];
  const jf = readJustfile(rc, path, overrides);
  if (!jf.ok) return [cannotFollow(rc, `just: ${jf.why}`, positional[0])];
  const out: PlannedAction[] = [];
  out.push(...(await runSteps(rc, jf.value.evaluation.map((e) => ({ text: e.text, where: `${e.file}:${e.line} (evaluated when just reads the justfile)`, cwd: asCwd(rc, dirname(path)) })))));
  for (const p of jf.value.problems) out.push(cannotFollow(rc, `just: ${p}`));
  if (readOnly) return out;
  const runDir = workdir ? join(dir.value, workdir) : dirname(path);
  // Recipes and their arguments: a recipe takes as many positionals as it has parameters.
  const calls: { recipe: Recipe; args: string[] }[] = [];
  const queue = positional.length ? positional : jf.value.first ? [jf.value.first] : [];
  if (!queue.length) return [...out, cannotFollow(rc, 'just: the justfile has no recipe')];
  for (let i = 0; i < queue.length;) {
    // `just module recipe` is `just module::recipe`.
    if (!resolveName(jf.value, queue[i]) && queue[i + 1] !== undefined && resolveName(jf.value, `${queue[i]}::${queue[i + 1]}`)) queue.splice(i, 2, `${queue[i]}::${queue[i + 1]}`);
    const name = resolveName(jf.value, queue[i]);
    const recipe = name ? jf.value.recipes.get(name) : undefined;
    if (!recipe) return [...out, cannotFollow(rc, `just: the justfile has no recipe ${queue[i]}, so what runs is not known`, queue[i])];
    const takes = recipe.params.some((p) => p.variadic) ? Infinity : recipe.params.length;
    const args = queue.slice(i + 1, i + 1 + takes);
    calls.push({ recipe, args });
    i += 1 + Math.min(takes, queue.length - i - 1);
  }
  const steps: Step[] = [];
  const problems: string[] = [];
  const done = new Set<string>();
  const visit = (recipe: Recipe, args: readonly string[], depth: number): void => {
    const key = `${recipe.name} ${args.join(' ')}`;
    if (done.has(key) || depth > 32 || done.size > MAX_RECIPES) return;
    done.add(key);
    const scope = new Map(jf.value.variables);
    recipe.params.forEach((p, k) => {
      const given = p.variadic ? (args.length > k ? args.slice(k).join(' ') : undefined) : args[k];
      // A default that runs a command (`` v=`git describe` ``, shell(...)) runs when the recipe is called without it.
      if (given === undefined && p.default !== undefined && /`|\bshell\(/.test(p.default)) {
        for (const m of p.default.matchAll(/`([^`]*)`/g)) steps.push({ text: m[1], where: `${recipe.file}:${recipe.line} (default of parameter ${p.name} of recipe ${recipe.name}, evaluated when it runs)`, cwd: asCwd(rc, runDir) });
        for (const m of p.default.matchAll(/\bshell\(\s*(['"])(.*?)\1/g)) steps.push({ text: m[2], where: `${recipe.file}:${recipe.line} (default of parameter ${p.name} of recipe ${recipe.name}, evaluated when it runs)`, cwd: asCwd(rc, runDir) });
        scope.set(p.name, `\${${p.name}}`);
        return;
      }
      scope.set(p.name, given ?? stringValue(p.default ?? '', scope) ?? `\${${p.name}}`);
    });
    for (const dep of recipe.before) {
      const r = jf.value.recipes.get(resolveName(jf.value, dep.name) ?? '');
      if (r) visit(r, dep.args.map((a) => interpolate(a.replace(/^["']|["']$/g, ''), scope)), depth + 1);
      else steps.push({ text: `just ${quoteWord(dep.name)}`, where: `${recipe.file}:${recipe.line} (recipe ${recipe.name} depends on ${dep.name})` });
    }
    if (!dryRun) steps.push(...recipeSteps(rc, jf.value, recipe, scope, runDir, problems));
    for (const dep of recipe.after) {
      const r = jf.value.recipes.get(resolveName(jf.value, dep.name) ?? '');
      if (r) visit(r, dep.args.map((a) => interpolate(a.replace(/^["']|["']$/g, ''), scope)), depth + 1);
    }
  };
  for (const c of calls) visit(c.recipe, c.args, 0);
  for (const p of problems) out.push(cannotFollow(rc, `just: ${p}`));
  out.push(...(await runSteps(rc, steps)));
  return out;
};

function resolveName(jf: Justfile, name: string): string | undefined {
  return jf.recipes.has(name) ? name : jf.aliases.get(name);
}


function recipeSteps(rc: RecognisedCommand, jf: Justfile, recipe: Recipe, scope: Map<string, string>, runDir: string, problems: string[]): Step[] {
  const where = (line: number) => `${recipe.file}:${line} (recipe ${recipe.name})`;
  const env: Record<string, string> = {};
  for (const [k, v] of scope) if (jf.exportAll || jf.exported.has(k) || recipe.params.some((p) => p.name === k && p.exported)) env[k] = v;
  const cwd = asCwd(rc, recipe.dir === dirname(recipe.file) ? runDir : recipe.dir);
  const lines = recipe.body.map((b) => ({ text: interpolate(b.text, scope), line: b.line }));
  const interpreter = recipe.script ?? recipe.shebang;
  if (interpreter !== undefined) {
    const body = lines.filter((_l, k) => !(k === 0 && recipe.shebang !== undefined)).map((l) => l.text).join('\n');
    const script = scriptFor(interpreter, body);
    if (!script.ok) { problems.push(`${where(recipe.line)}: ${script.why}`); return []; }
    return [{ text: script.text, where: where(recipe.line), env, cwd }];
  }
  const steps: Step[] = [];
  for (const l of lines) {
    const text = l.text.replace(/^[@-]+/, '');
    const script = jf.shell ? scriptFor(jf.shell.join(' '), text) : { ok: true as const, text };
    if (!script.ok) { problems.push(`${where(l.line)}: set shell: ${script.why}`); continue; }
    steps.push({ text: script.text, where: where(l.line), env, cwd });
  }
  return steps;
}

/** `{{ expr }}` in a recipe line. */
function interpolate(text: string, scope: Map<string, string>): string {
  return text.replace(/\{\{\{\{/g, '\u0000').replace(/\{\{(.*?)\}\}/g, (_m, expr: string) => stringValue(expr.trim(), scope) ?? `\${${expr.trim().replace(/[^A-Za-z0-9_]/g, '_')}}`).replace(/\u0000/g, '{{');
}

/** A just expression: literals, variables, `+` and `/`, a few functions. Undefined when not known. */
function stringValue(expr: string, scope: Map<string, string>): string | undefined {
  const parts = splitTopLevel(expr.trim(), ['+', '/']);
  let out = '';
  for (const { part, op } of parts) {
    const v = atom(part.trim(), scope);
    if (v === undefined) return undefined;
    out += op === '/' ? `/${v}` : v;
  }
  return out;
}

function atom(a: string, scope: Map<string, string>): string | undefined {
  if (/^'[^']*'$/.test(a)) return a.slice(1, -1);
  if (/^"(?:[^"\\]|\\.)*"$/.test(a)) return a.slice(1, -1).replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\(.)/g, '$1');
  if (/^'''[\s\S]*'''$/.test(a) || /^"""[\s\S]*"""$/.test(a)) return a.slice(3, -3);
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(a)) return scope.get(a);
  const env = /^env(?:_var)?(?:_or_default)?\(\s*(['"])([^'"]+)\1\s*(?:,\s*(.*))?\)$/.exec(a);
  if (env) return env[3] !== undefined ? atom(env[3].trim(), scope) : `\${${env[2]}}`;
  if (/^(justfile_directory|justfile_dir|invocation_directory|source_directory)\(\)$/.test(a)) return '.';
  const paren = /^\((.*)\)$/.exec(a);
  if (paren) return stringValue(paren[1], scope);
  return undefined;
}

function splitTopLevel(expr: string, ops: string[]): { part: string; op?: string }[] {
  const out: { part: string; op?: string }[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  let op: string | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) { if (c === quote) quote = undefined; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && ops.includes(c)) {
      out.push({ part: expr.slice(start, i), ...(op ? { op } : {}) });
      op = c;
      start = i + 1;
    }
  }
  out.push({ part: expr.slice(start), ...(op ? { op } : {}) });
  return out;
}

function readJustfile(rc: RecognisedCommand, path: string, overrides: Record<string, string>): { ok: true; value: Justfile } | { ok: false; why: string } {
  const jf: Justfile = { recipes: new Map(), aliases: new Map(), variables: new Map(), exported: new Set(), exportAll: false, evaluation: [], problems: [] };
  const seen = new Set<string>();
  const load = (file: string, prefix: string, depth: number): string | undefined => {
    if (seen.has(file) || depth > 8) return undefined;
    seen.add(file);
    const read = readProjectFile(rc, file);
    if (!read.ok) return read.why;
    parseJustfile(rc, read.value.text, read.value.shown, dirname(file), prefix, jf, load, depth);
    return undefined;
  };
  const error = load(path, '', 0);
  if (error) return { ok: false, why: error };
  for (const [k, v] of Object.entries(overrides)) jf.variables.set(k, v);
  return { ok: true, value: jf };
}

function parseJustfile(rc: RecognisedCommand, text: string, shown: string, dir: string, prefix: string, jf: Justfile,
  load: (file: string, prefix: string, depth: number) => string | undefined, depth: number): void {
  const lines = text.split(/\r?\n/);
  let attributes: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || /^\s*#/.test(line) && !/^\s*#!/.test(line)) continue;
    if (/^\s/.test(line)) continue; // an indented line outside a recipe
    const attr = /^\[(.*)\]$/.exec(line.trim());
    if (attr) { attributes.push(...attr[1].split(',').map((s) => s.trim())); continue; }
    const setting = /^set\s+([\w-]+)\s*(?::=\s*(.*))?$/.exec(line);
    if (setting) {
      if (setting[1] === 'export') jf.exportAll = setting[2] === undefined || setting[2].trim() === 'true';
      if (setting[1] === 'shell' && setting[2]) jf.shell = [...setting[2].matchAll(/["']([^"']*)["']/g)].map((m) => m[1]);
      continue;
    }
    const alias = /^alias\s+([\w-]+)\s*:=\s*([\w:-]+)/.exec(line);
    if (alias) { jf.aliases.set(prefix + alias[1], prefix + alias[2]); continue; }
    const imp = /^import(\?)?\s+(['"])(.+)\2/.exec(line);
    if (imp) {
      const why = load(join(dir, imp[3]), prefix, depth + 1);
      if (why && !imp[1]) jf.problems.push(`${shown}:${i + 1} imports ${imp[3]}: ${why}`);
      continue;
    }
    const mod = /^mod(\?)?\s+([\w-]+)(?:\s+(['"])(.+)\3)?/.exec(line);
    if (mod) {
      const candidates = mod[4] ? [join(dir, mod[4])] : [join(dir, `${mod[2]}.just`), join(dir, mod[2], 'mod.just'), join(dir, mod[2], 'justfile'), join(dir, mod[2], '.justfile')];
      const found = candidates.find((c) => readProjectFile(rc, c).ok);
      if (found) load(found, `${prefix}${mod[2]}::`, depth + 1);
      else if (!mod[1]) jf.problems.push(`${shown}:${i + 1}: module ${mod[2]} not found`);
      continue;
    }
    const assignment = /^(export\s+)?([A-Za-z_][\w-]*)\s*:=\s*(.*)$/.exec(line);
    if (assignment) {
      const [, exp, name, expr] = assignment;
      if (exp) jf.exported.add(name);
      const value = evaluate(expr, jf, shown, i + 1);
      jf.variables.set(name, value);
      continue;
    }
    const recipe = recipeHeader(line);
    if (recipe) {
      const name = prefix + recipe[2];
      const params = [...recipe[3].matchAll(/([+*])?(\$)?([A-Za-z_][\w-]*)(?:=(`[^`]*`|'[^']*'|"(?:[^"\\]|\\.)*"|\((?:[^()]|\([^()]*\))*\)|[^\s]+))?/g)].map((m) => ({
        name: m[3], ...(m[4] !== undefined ? { default: m[4] } : {}), variadic: !!m[1], exported: !!m[2],
      }));
      const [beforeText, afterText = ''] = recipe[4].split('&&');
      const header = i + 1;
      const body: { text: string; line: number }[] = [];
      let j = i + 1;
      for (; j < lines.length; j++) {
        if (lines[j].trim() === '') { body.push({ text: '', line: j + 1 }); continue; }
        if (!/^\s/.test(lines[j])) break;
        body.push({ text: lines[j].replace(/^\s+/, ''), line: j + 1 });
      }
      while (body.length && body[body.length - 1].text === '') body.pop();
      i = j - 1;
      const shebang = body[0]?.text.startsWith('#!') ? body[0].text : undefined;
      const script = attributes.map((a) => /^script(?:\((.*)\))?$/.exec(a)).find(Boolean);
      const r: Recipe = {
        name, params, before: dependencies(beforeText, prefix), after: dependencies(afterText, prefix), body, line: header, file: shown, dir,
        ...(shebang ? { shebang } : {}),
        ...(script ? { script: script[1] ? script[1].replace(/['"]/g, '').replace(/,\s*/g, ' ') : 'sh -eu' } : {}),
      };
      jf.recipes.set(name, r);
      if (!jf.first && !prefix && !attributes.includes('private') && !recipe[2].startsWith('_')) jf.first = name;
      if (attributes.includes('default') && !prefix) jf.first = name;
      attributes = [];
      continue;
    }
    jf.problems.push(`${shown}:${i + 1}: a line Firebreak cannot read (${line.slice(0, 60)})`);
  }
}

function dependencies(text: string, prefix: string): { name: string; args: string[] }[] {
  const out: { name: string; args: string[] }[] = [];
  for (const m of text.matchAll(/\(([\w:-]+)((?:\s+(?:'[^']*'|"[^"]*"|[^\s)]+))*)\s*\)|([\w:-]+)/g)) {
    if (m[1]) out.push({ name: prefix + m[1], args: [...m[2].matchAll(/'[^']*'|"[^"]*"|[^\s]+/g)].map((x) => x[0]) });
    else if (m[3]) out.push({ name: prefix + m[3], args: [] });
  }
  return out;
}

/** A variable's value; backticks and `shell()` run while just evaluates the file. */
/** `[@]name params: dependencies` split at the colon that ends the header (not one inside quotes, backticks or parentheses). */
function recipeHeader(line: string): [string, string | undefined, string, string, string] | undefined {
  const m = /^(@)?([A-Za-z_][\w-]*)/.exec(line);
  if (!m) return undefined;
  let quote = '';
  let depth = 0;
  for (let i = m[0].length; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === '\\' && quote === '"') i++; else if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'" || c === '`') { quote = c; continue; }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ':' && depth === 0) {
      if (line[i + 1] === '=' || line[i + 1] === ':') return undefined; // `x := ...`, a module path
      return [line, m[1], m[2], line.slice(m[0].length, i), line.slice(i + 1).trim()];
    }
  }
  return undefined;
}

function evaluate(expr: string, jf: Justfile, file: string, line: number): string {
  for (const m of expr.matchAll(/```([\s\S]*?)```|`([^`]*)`/g)) jf.evaluation.push({ text: (m[1] ?? m[2]).trim(), line, file });
  for (const m of expr.matchAll(/\bshell\(\s*(['"])(.*?)\1/g)) jf.evaluation.push({ text: m[2], line, file });
  if (/`|\bshell\(/.test(expr)) return '${JUST_COMMAND_OUTPUT}';
  const ifExpr = /^if\s/.test(expr.trim());
  if (ifExpr) {
    // `if a == b { x } else { y }`: either branch; keep the first that is known.
    const branches = [...expr.matchAll(/\{\s*(.*?)\s*\}/g)].map((m) => stringValue(m[1], jf.variables)).filter((v): v is string => v !== undefined);
    return branches[0] ?? '${JUST_VALUE}';
  }
  return stringValue(expr, jf.variables) ?? '${JUST_VALUE}';
}
