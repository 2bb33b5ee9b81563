// Collects routine commands from public repositories' CI workflows (`run:` steps), Makefile recipes
// and package.json scripts into test/corpus/cases/routine-*.yaml. Only the commands are kept (as
// data, with the repository, path and licence they came from), never the projects' code.
//
//   node scripts/collect-routine-corpus.mjs MIRROR_DIR...   (git directories, e.g. from `git clone --bare`)
//
// A multi-line `run:` block is cut into the commands an agent would run one at a time: lines are
// joined until `bash -n` accepts them (continuations, if/for/while blocks and heredocs stay whole).
// GitHub expressions (`${{ secrets.X }}`) become the variables or values the runner would put there.
//
// Each case names its repository and file (`why`) and, when it does not run at the repository's root,
// the folder it runs in (`cwd`: a workflow step's `working-directory`, the Makefile's or the
// package.json's folder), so bench/routine-real.ts can judge it in a checkout of that repository. The
// commit each repository was collected at is kept in `repositories`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { parse, stringify } from 'yaml';

const PER_REPOSITORY = { workflows: 90, makefiles: 50, scripts: 40 };
const OUT = process.env.ROUTINE_CORPUS_OUT ?? join(import.meta.dirname, '..', 'test', 'corpus', 'cases');

const gitIn = (dir, ...args) => execFileSync('git', ['--git-dir', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

function repositoryName(dir) {
  const m = /([^/]+)\+([^/]+)\/repo\/?$/.exec(dir);
  return m ? `${m[1]}/${m[2]}` : basename(dir);
}

function licenceOf(dir, files) {
  const file = files.find((f) => /^(LICEN[CS]E|COPYING)(\.md|\.txt)?$/i.test(f));
  if (!file) return 'licence not stated';
  const text = gitIn(dir, 'show', `HEAD:${file}`).slice(0, 3000);
  if (/Apache License[\s\S]*Version 2\.0/i.test(text)) return 'Apache-2.0';
  if (/MIT License|Permission is hereby granted, free of charge/i.test(text)) return 'MIT';
  if (/Mozilla Public License/i.test(text)) return 'MPL-2.0';
  if (/GNU AFFERO/i.test(text)) return 'AGPL-3.0';
  if (/GNU GENERAL PUBLIC LICENSE/i.test(text)) return 'GPL';
  if (/Business Source License/i.test(text)) return 'BUSL-1.1';
  if (/Redistribution and use in source and binary forms/i.test(text)) return 'BSD';
  if (/The Unlicense|unlicense/i.test(text)) return 'Unlicense';
  return `see ${file}`;
}

/** `${{ secrets.TOKEN }}` -> `$TOKEN`; other expressions -> a plain value the runner would give. */
function replaceExpressions(text) {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expr) => {
    const m = /^(secrets|env|vars)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expr);
    if (m) return `$${m[2]}`;
    if (expr === 'github.workspace') return '$GITHUB_WORKSPACE';
    if (expr === 'runner.temp') return '$RUNNER_TEMP';
    if (expr === 'runner.os') return 'Linux';
    if (expr === 'github.sha') return '0123456789abcdef0123456789abcdef01234567';
    if (expr === 'github.ref') return 'refs/heads/main';
    if (expr === 'github.ref_name' || expr === 'github.head_ref' || expr === 'github.base_ref') return 'main';
    if (expr === 'github.repository') return 'octo/project';
    if (expr === 'github.event_name') return 'push';
    const last = /([A-Za-z_][A-Za-z0-9_-]*)\s*$/.exec(expr);
    return last ? last[1].toLowerCase() : 'value';
  });
}

function bashAccepts(text) {
  return spawnSync('bash', ['-n', '-c', text], { stdio: 'ignore', timeout: 5000 }).status === 0;
}

/** Lines of a shell block, joined into the units bash parses on their own. */
function splitCommands(block) {
  const out = [];
  let pending = [];
  for (const line of block.split('\n')) {
    if (!pending.length && (/^\s*(#.*)?$/.test(line))) continue;
    pending.push(line);
    const text = pending.join('\n');
    if (/\\\s*$/.test(line)) continue;
    if (bashAccepts(text)) {
      out.push(text.split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').trim());
      pending = [];
    } else if (pending.length > 40) {
      pending = [];
    }
  }
  return out;
}

const MAKE_FUNCTIONS = /\$\((shell|foreach|call|eval|if|filter|patsubst|subst|wildcard|word|dir|notdir|addprefix|addsuffix|sort|strip|findstring|info|error|warning|abspath|realpath|basename|join|firstword|lastword|origin|value|or|and) /;

/** The Makefile's own variables (`NAME = value`, `:=`, `?=`, `+=`, `export`, `override`); null for a value
 *  only the shell could give (`!=`) or one set inside a conditional. */
function makeVariables(text) {
  const vars = new Map();
  const skipping = [];
  let inDefine = false;
  for (const line of text.replace(/\\\n/g, ' ').split('\n')) {
    if (/^define\b/.test(line)) inDefine = true;
    if (inDefine) {
      if (/^endef\b/.test(line)) inDefine = false;
      continue;
    }
    if (line.startsWith('\t')) continue;
    const t = line.trim();
    if (/^(ifeq|ifneq|ifdef|ifndef)\b/.test(t)) skipping.push(false);
    else if (/^else\b/.test(t)) skipping.length && (skipping[skipping.length - 1] = true);
    else if (/^endif\b/.test(t)) skipping.pop();
    if (/^(ifeq|ifneq|ifdef|ifndef|else|endif)\b/.test(t)) continue;
    const m = /^(?:(?:export|override)\s+)*([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|::=|:=|\+=|!=|=)\s*(.*)$/.exec(t);
    if (!m) continue;
    const [, name, op] = m;
    const value = m[3].replace(/\s+#.*$/, '').trim();
    // Which branch of a conditional make takes depends on the machine: a value set in one is not known.
    if (op === '!=' || skipping.length) vars.set(name, null);
    else if (op === '?=') { if (!vars.has(name)) vars.set(name, value); }
    else if (op === '+=') vars.set(name, vars.get(name) === null ? null : [vars.get(name), value].filter(Boolean).join(' '));
    else vars.set(name, value);
  }
  return vars;
}

/** Make's expansion of a recipe line: its own variables put in (`$(GO)`, `${BUILDDIR}`, `$(CURDIR)` is the
 *  folder make runs in), `$$` made `$`. A variable make takes from elsewhere (the environment, the command
 *  line, a function such as `$(shell ...)`) is left as the shell variable `${NAME}`. */
function expandMake(line, vars, depth = 0) {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '$') { out += line[i]; continue; }
    const next = line[i + 1];
    if (next === '$') { out += '$'; i++; continue; }
    if (next !== '(' && next !== '{') { out += '$'; continue; }
    const end = closing(line, i + 1);
    const name = end > 0 ? line.slice(i + 2, end) : '';
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
      // A computed name or a function inside a variable's value: the variable is not known.
      if (depth > 0) return undefined;
      out += line.slice(i, i + 2);
      i++;
      continue;
    }
    const value = valueOf(name, vars, depth);
    if (value === undefined && depth > 0 && vars.has(name)) return undefined;
    out += value ?? `\${${name}}`;
    i = end;
  }
  return out;
}

function closing(text, open) {
  const pair = { '(': ')', '{': '}' }[text[open]];
  let level = 0;
  for (let j = open; j < text.length; j++) {
    if (text[j] === text[open]) level++;
    else if (text[j] === pair && --level === 0) return j;
  }
  return -1;
}

function valueOf(name, vars, depth) {
  if (name === 'CURDIR') return '.';
  if (name === 'MAKE') return 'make';
  const raw = vars.get(name);
  if (raw === undefined || raw === null || depth > 8) return undefined;
  return expandMake(raw, vars, depth + 1);
}

/** Recipe lines of a Makefile, each as make would hand it to the shell: `{ text, unexpanded }`. */
function makefileRecipes(text, vars = makeVariables(text)) {
  const lines = text.replace(/\\\n\t?/g, '\\\n').split('\n');
  const recipes = [];
  let current = [];
  let inDefine = false;
  for (const line of lines) {
    // `define` bodies are make text (templates, file contents), not recipes.
    if (/^define\b/.test(line)) inDefine = true;
    if (inDefine) {
      if (/^endef\b/.test(line)) inDefine = false;
      continue;
    }
    if (line.startsWith('\t')) {
      current.push(line.slice(1));
      continue;
    }
    if (current.length) recipes.push(current.join('\n'));
    current = [];
  }
  if (current.length) recipes.push(current.join('\n'));
  return recipes
    .flatMap((r) => r.split(/(?<!\\)\n/))
    .map((l) => l.replace(/^[@+-]+/, '').trim())
    .filter((l) => l && !l.startsWith('#') && !MAKE_FUNCTIONS.test(l) && !/\$[@<^*?%]|\$\([@<^*]/.test(l))
    // Tab-indented make directives inside conditionals, and references make would expand otherwise.
    .filter((l) => !/^[A-Za-z_][A-Za-z0-9_.-]*\s*[?:+]?=/.test(l) && !/^(ifn?eq|ifn?def|else|endif|include|export)\b/.test(l))
    .filter((l) => !/\$\((?![A-Za-z_][A-Za-z0-9_]*\))/.test(l.replace(/\$\$\(/g, '')))
    .map((l) => ({
      text: expandMake(l, vars),
      // As collected before make's own variables were put in (kept to carry decisions over).
      unexpanded: l.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '${$1}').replace(/\$\$/g, '$'),
    }));
}

/** A Makefile's text with the files it includes by a literal path (one level) put in their place. */
function withIncludes(dir, path, text, files) {
  return text.replace(/^-?include\s+([^\s$]+)\s*$/gm, (all, inc) => {
    const full = posix.normalize(posix.join(posix.dirname(path), inc));
    return files.includes(full) ? gitIn(dir, 'show', `HEAD:${full}`) : all;
  });
}

/** The folder a step runs in, relative to the repository root: its `working-directory` (or the job's or
 *  workflow's default), with the folder `actions/checkout` put this repository in (`path:`) taken off. */
function stepFolder(doc, job, step, checkoutPath) {
  const raw = step['working-directory'] ?? job?.defaults?.run?.['working-directory'] ?? doc?.defaults?.run?.['working-directory'];
  if (typeof raw !== 'string') return '.';
  const env = { ...doc?.env, ...job?.env, ...step.env };
  const literal = raw.replace(/\$\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (all, name) => (typeof env[name] === 'string' && !env[name].includes('${{') ? env[name] : all));
  let dir = replaceExpressions(literal).replace(/^\$GITHUB_WORKSPACE\/?/, '');
  // A Go project copied into its GOPATH (`/home/runner/go/src/github.com/org/name`) is the repository.
  if (/\/src\/github\.com\/[^/]+\/[^/]+\/?$/.test(dir)) dir = '.';
  dir = posix.normalize(dir || '.').replace(/\/$/, '');
  if (checkoutPath) {
    const base = posix.normalize(checkoutPath).replace(/\/$/, '');
    if (dir === base) dir = '.';
    else if (dir.startsWith(`${base}/`)) dir = dir.slice(base.length + 1);
  }
  return dir;
}

function workflowRuns(text) {
  let doc;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  const runs = [];
  for (const job of Object.values(doc?.jobs ?? {})) {
    // Windows runners run steps in PowerShell unless a step says otherwise.
    const windows = /windows/i.test(JSON.stringify(job?.['runs-on'] ?? ''));
    const defaultShell = job?.defaults?.run?.shell ?? doc?.defaults?.run?.shell ?? (windows ? 'pwsh' : undefined);
    let checkoutPath;
    for (const step of job?.steps ?? []) {
      if (typeof step?.uses === 'string' && /^actions\/checkout@/.test(step.uses) && !step.with?.repository && typeof step.with?.path === 'string') {
        checkoutPath = replaceExpressions(step.with.path);
      }
      if (typeof step?.run !== 'string') continue;
      const shell = step.shell ?? defaultShell ?? 'bash';
      if (!/^(bash|sh)\b/.test(shell)) continue;
      runs.push({ text: replaceExpressions(step.run), cwd: stepFolder(doc, job, step, checkoutPath) });
    }
  }
  return runs;
}

function packageScripts(text) {
  try {
    return Object.values(JSON.parse(text).scripts ?? {}).filter((s) => typeof s === 'string');
  } catch {
    return [];
  }
}

/** Lines that are not shell: Dockerfile instructions and `Key: value` text in a heredoc or define. */
const NOT_SHELL = /^(FROM|COPY|RUN|ENV|ARG|WORKDIR|ADD|LABEL|CMD|ENTRYPOINT|EXPOSE|USER|VOLUME|REG|SET|IF)\s|^[A-Za-z][A-Za-z-]*:(\s|$)|^[a-z_]+\s+=\s/;
const POWERSHELL = /\$env:|\b(Expand-Archive|Write-Host|Write-Output|New-Item|Remove-Item|Get-[A-Z]\w+|Set-[A-Z]\w+|Invoke-\w+)\b/;
const USEFUL = (c) => c.length <= 600 && !POWERSHELL.test(c) && !NOT_SHELL.test(c) && !/^(echo|printf)\b[^|;&>]*$/.test(c) && !/^(fi|done|esac|then|else|\}|\))$/.test(c);

const corpora = { workflows: new Map(), makefiles: new Map(), scripts: new Map() };
const sources = { workflows: [], makefiles: [], scripts: [] };
const repositories = { workflows: {}, makefiles: {}, scripts: {} };

for (const dir of process.argv.slice(2)) {
  const repo = repositoryName(dir);
  const files = gitIn(dir, 'ls-tree', '-r', '--name-only', 'HEAD').split('\n').filter(Boolean);
  const licence = licenceOf(dir, files);
  const commit = gitIn(dir, 'rev-parse', 'HEAD').trim();
  /** `commands`: [{ text, cwd }] with cwd relative to the repository root. */
  const take = (kind, path, commands) => {
    let n = [...corpora[kind].values()].filter((c) => c.why.startsWith(`${repo} `)).length;
    let used = false;
    for (const { text: run, cwd, unexpanded } of commands) {
      if (n >= PER_REPOSITORY[kind]) break;
      if (!USEFUL(run) || corpora[kind].has(run)) continue;
      corpora[kind].set(run, { run, why: `${repo} ${path}`, ...(cwd && cwd !== '.' ? { cwd } : {}), ...(unexpanded ? { unexpanded } : {}) });
      n++;
      used = true;
    }
    if (used && !sources[kind].some((s) => s.startsWith(`${repo} `))) {
      sources[kind].push(`${repo} (${licence})`);
      repositories[kind][repo] = { commit, licence };
    }
  };
  for (const f of files.filter((f) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(f)).sort()) {
    take('workflows', f, workflowRuns(gitIn(dir, 'show', `HEAD:${f}`)).flatMap(({ text, cwd }) => splitCommands(text).map((c) => ({ text: c, cwd }))));
  }
  for (const f of files.filter((f) => /^(GNUmakefile|Makefile|[^/]+\/Makefile)$/.test(f)).sort().slice(0, 4)) {
    const recipes = makefileRecipes(withIncludes(dir, f, gitIn(dir, 'show', `HEAD:${f}`), files));
    const expanded = splitCommands(recipes.map((r) => r.text).join('\n'));
    const unexpanded = splitCommands(recipes.map((r) => r.unexpanded).join('\n'));
    take('makefiles', f, expanded.map((text, i) => ({ text, cwd: dirname(f), ...(expanded.length === unexpanded.length && unexpanded[i] !== text ? { unexpanded: unexpanded[i] } : {}) })));
  }
  for (const f of files.filter((f) => /^(package\.json|[^/]+\/package\.json|packages\/[^/]+\/package\.json)$/.test(f)).sort().slice(0, 6)) {
    take('scripts', f, packageScripts(gitIn(dir, 'show', `HEAD:${f}`)).map((text) => ({ text, cwd: dirname(f) })));
  }
}

/** What a person decided about a case, kept across re-collection. */
const DECIDED = ['expect', 'pending', 'note', 'files', 'uncommitted'];

for (const [kind, cases] of Object.entries(corpora)) {
  const file = join(OUT, `routine-${kind}.yaml`);
  const before = existsSync(file) ? new Map((parse(readFileSync(file, 'utf8')).cases ?? []).map((c) => [c.run, c])) : new Map();
  for (const c of cases.values()) {
    const old = before.get(c.run) ?? before.get(c.unexpanded);
    delete c.unexpanded;
    for (const key of DECIDED) if (old?.[key] !== undefined) c[key] = old[key];
  }
  const doc = {
    category: `routine-${kind}`,
    kind: 'routine',
    source: `Commands (only) from the ${kind === 'workflows' ? 'GitHub Actions run: steps' : kind === 'makefiles' ? 'Makefile recipes' : 'package.json scripts'} of: ${sources[kind].join(', ')}. Collected by scripts/collect-routine-corpus.mjs.`,
    repositories: repositories[kind],
    cases: [...cases.values()],
  };
  writeFileSync(file, stringify(doc, { lineWidth: 0 }));
  console.log(`routine-${kind}.yaml: ${cases.size} commands from ${sources[kind].length} repositories`);
}
