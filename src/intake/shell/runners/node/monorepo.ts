// Monorepo task runners that run package.json scripts across the workspace's packages: `turbo run
// build` (turbo.json decides which other tasks run first: `dependsOn`), `lerna run test`, `lerna exec
// -- CMD`. They are followed like `npm run` in each package that has the script; the packages a filter
// selects are not narrowed (every package is judged: a guard over-approximates), and turbo's `^task`
// dependencies are tasks of the packages depended on, which are in that set. `lerna publish` and
// `lerna version` publish; generators (`turbo gen`) and what these runners cannot read are unknown.
import { join } from 'node:path';
import type { PlannedAction } from '../../../types.js';
import { commandEvidence, toolName, type Recogniser, type RecognisedCommand } from '../../command.js';
import { quoteWord } from '../../unwrap.js';
import { cannotFollow } from '../follow.js';
import { asCwd, insideWorkspace, readProjectFile, runDirectory } from '../project.js';
import { nearestPackage, workspacePackages, type PackageJson } from './package-json.js';

const TURBO_LOCAL = new Set(['prune', 'ls', 'daemon', 'telemetry', 'info', 'query', 'link', 'unlink', 'login', 'logout', 'bin', 'completion', 'scan', 'boundaries', 'docs']);
const TURBO_VALUED = new Set(['--filter', '-F', '--scope', '--ignore', '--concurrency', '--cache-dir', '--cache', '--log-order', '--output-logs', '--log-prefix',
  '--env-mode', '--global-deps', '--profile', '--summarize', '--token', '--team', '--api', '--login', '--remote-cache-timeout', '--cwd', '--since', '--affected', '--ui']);
const LERNA_LOCAL = new Set(['list', 'ls', 'la', 'll', 'info', 'changed', 'diff', 'init', 'import', 'add-caching', 'repair', 'clean', 'create', 'link']);
const LERNA_VALUED = new Set(['--scope', '--ignore', '--concurrency', '--since', '--npm-client', '--loglevel', '--stream', '--profile-location']);
const MAX_PACKAGES = 200;

interface Parsed { positional: string[]; passthrough: string[]; cwd?: string }

function parse(argv: readonly string[], valued: ReadonlySet<string>): Parsed {
  const out: Parsed = { positional: [], passthrough: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.passthrough = argv.slice(i + 1); break; }
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      const value = eq > 0 ? a.slice(eq + 1) : valued.has(a) ? argv[++i] : undefined;
      if (name === '--cwd' && value !== undefined) out.cwd = value;
      continue;
    }
    out.positional.push(a);
  }
  return out;
}

/** The workspace's root package and its packages (the root last), or why they cannot be read. */
function packagesOf(rc: RecognisedCommand, sub?: string): { ok: true; root: PackageJson; packages: PackageJson[] } | { ok: false; why: string; missing?: boolean } {
  const dir = runDirectory(rc, sub);
  if (!dir.ok) return dir;
  if (rc.workspace && dir.value !== rc.workspace && !insideWorkspace(rc, dir.value)) return { ok: false, why: `it runs in ${dir.value}, outside the workspace` };
  const root = nearestPackage(rc, dir.value);
  if (!root.ok) return root;
  const lerna = readProjectFile(rc, join(root.value.dir, 'lerna.json'));
  if (lerna.ok) {
    try {
      const globs = (JSON.parse(lerna.value.text) as { packages?: unknown }).packages;
      if (Array.isArray(globs)) root.value.workspaces.push(...globs.filter((g): g is string => typeof g === 'string'));
    } catch {
      return { ok: false, why: `${lerna.value.shown} is not valid JSON` };
    }
  }
  const packages = workspacePackages(rc, root.value);
  if (packages.length > MAX_PACKAGES) return { ok: false, why: `the workspace has more than ${MAX_PACKAGES} packages` };
  return { ok: true, root: root.value, packages };
}

async function runIn(rc: RecognisedCommand, how: string, pkgs: readonly PackageJson[], script: string, args: readonly string[]): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (const pkg of pkgs) {
    if (pkg.scripts[script] === undefined) continue;
    const text = `npm run ${quoteWord(script)}${args.length ? ` -- ${args.map(quoteWord).join(' ')}` : ''}`;
    out.push(...(await rc.nested(text, { cwd: asCwd(rc, pkg.dir), evidence: [commandEvidence(`${how} runs the ${script} script of ${pkg.name ?? asCwd(rc, pkg.dir)}`, how)] })));
  }
  return out;
}

export const turbo: Recogniser = async (rc) => {
  const p = parse(rc.argv.slice(1), TURBO_VALUED);
  const [sub, ...rest] = p.positional;
  if (!sub) return [];
  if (TURBO_LOCAL.has(sub)) return [];
  if (sub === 'gen' || sub === 'generate') return [cannotFollow(rc, `turbo ${sub} runs the project's code generators, which Firebreak does not read`, sub)];
  // `turbo watch build` runs build (again on every change) as `turbo run build` does.
  const tasks = sub === 'run' || sub === 'watch' ? rest : p.positional;
  if (!tasks.length) return [];
  const ws = packagesOf(rc, p.cwd);
  if (!ws.ok) return ws.missing ? [] : [cannotFollow(rc, `turbo: cannot read the workspace: ${ws.why}`, tasks[0])];
  const config = readProjectFile(rc, join(ws.root.dir, 'turbo.json'));
  // No turbo.json: turbo stops with an error before it runs anything.
  if (!config.ok && config.missing) return [];
  if (!config.ok) return [cannotFollow(rc, `turbo: ${config.why}`, tasks[0])];
  let graph: Record<string, { dependsOn?: unknown }>;
  try {
    const json = JSON.parse(config.value.text.replace(/^\s*\/\/.*$/gm, '')) as { tasks?: unknown; pipeline?: unknown };
    graph = (json.tasks ?? json.pipeline ?? {}) as typeof graph;
  } catch {
    return [cannotFollow(rc, `turbo: ${config.value.shown} is not JSON Firebreak can read`, tasks[0])];
  }
  // Every task the named ones depend on (`build`, `^build`, `pkg#build`), all the way down.
  const names = new Set<string>();
  const rootTasks = new Set<string>();
  const add = (t: string) => {
    const name = t.replace(/^\^/, '');
    const hash = name.indexOf('#');
    const task = hash >= 0 ? name.slice(hash + 1) : name;
    if (name.startsWith('//#')) { if (rootTasks.has(task)) return; rootTasks.add(task); }
    else { if (names.has(task)) return; names.add(task); }
    for (const [key, def] of Object.entries(graph)) {
      const k = key.includes('#') ? key.slice(key.indexOf('#') + 1) : key;
      if (k !== task || !def || !Array.isArray(def.dependsOn)) continue;
      for (const d of def.dependsOn) if (typeof d === 'string' && !d.startsWith('$')) add(d);
    }
  };
  for (const t of tasks) { add(t); if (Object.hasOwn(graph, `//#${t}`)) add(`//#${t}`); }
  const out: PlannedAction[] = [];
  for (const t of names) out.push(...(await runIn(rc, 'turbo', ws.packages, t, p.passthrough)));
  for (const t of rootTasks) out.push(...(await runIn(rc, 'turbo', [ws.root], t, p.passthrough)));
  return out;
};

export const lerna: Recogniser = async (rc) => {
  const p = parse(rc.argv.slice(1), LERNA_VALUED);
  const [sub, ...rest] = p.positional;
  if (!sub || LERNA_LOCAL.has(sub)) return [];
  if (sub === 'publish' || sub === 'version') return [cannotFollow(rc, `lerna ${sub} ${sub === 'publish' ? 'publishes the packages to the registry' : 'tags a release and pushes it'}`, sub)];
  const ws = packagesOf(rc, p.cwd);
  if (!ws.ok) return ws.missing ? [] : [cannotFollow(rc, `lerna ${sub}: cannot read the workspace: ${ws.why}`, sub)];
  if (sub === 'run') {
    const [script, ...extra] = rest;
    if (!script) return [];
    return runIn(rc, 'lerna run', ws.packages, script, [...extra, ...p.passthrough]);
  }
  if (sub === 'exec' || sub === 'watch') {
    const command = p.passthrough.length ? p.passthrough : rest;
    if (!command.length) return [];
    const out: PlannedAction[] = [];
    for (const pkg of ws.packages.length ? ws.packages : [ws.root]) {
      out.push(...(await rc.nested(command.map(quoteWord).join(' '), { cwd: asCwd(rc, pkg.dir), evidence: [commandEvidence(`lerna ${sub} runs it in ${pkg.name ?? asCwd(rc, pkg.dir)}`, `lerna ${sub}`)] })));
    }
    return out;
  }
  if (sub === 'bootstrap') {
    const out: PlannedAction[] = [];
    for (const pkg of ws.packages) out.push(...(await rc.nested('npm install', { cwd: asCwd(rc, pkg.dir), evidence: [commandEvidence(`lerna bootstrap installs ${pkg.name ?? asCwd(rc, pkg.dir)}`, 'lerna bootstrap')] })));
    return out;
  }
  return [cannotFollow(rc, `\`${toolName(rc.argv[0])} ${sub}\` is not a subcommand Firebreak recognises, so it is not assumed safe`, sub)];
};
