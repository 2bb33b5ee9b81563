// npm, yarn, pnpm and bun, followed to the package.json scripts they run: `npm test` is judged by
// its test script (and pretest/posttest), `npm install` by the project's install lifecycle
// scripts (preinstall, postinstall, prepare...), `yarn deploy` by scripts.deploy, in every
// workspace package a filter selects. A script that is missing is unknown (unless --if-present);
// `npm exec`, `pnpm dlx`, `yarn dlx`, `bun x` and `create` go to fetch.ts.
import { isAbsolute, join, relative } from 'node:path';
import type { PlannedAction } from '../../../types.js';
import { commandEvidence, toolName, type Recogniser, type RecognisedCommand } from '../../command.js';
import { quoteWord } from '../../unwrap.js';
import { cannotFollow, notARunner, runSteps, scriptFor, type Step } from '../follow.js';
import { asCwd, exists, readProjectFile, runDirectory } from '../project.js';
import { binaryOf, fetchAndRun } from './fetch.js';
import { registryActions } from './registry.js';
import { READ_WORDS } from '../../../../knowledge/package-registries.js';
import { PNPM_NPM_PASSTHROUGH } from '../../../../knowledge/shell-commands.js';
import { loadPackage, nearestPackage, pnpmWorkspaceRoot, scriptLine, selectPackages, workspacePackages, type PackageJson } from './package-json.js';

type Manager = 'npm' | 'yarn' | 'pnpm' | 'bun';

/** Scripts npm runs for its own commands, in order (`npm install` with no package named). */
const LIFECYCLE: Readonly<Record<string, readonly string[]>> = {
  install: ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'],
  pack: ['prepack', 'prepare', 'postpack'],
  publish: ['prepublishOnly', 'prepack', 'prepare', 'postpack', 'publish', 'postpublish'],
  version: ['preversion', 'version', 'postversion'],
  rebuild: ['preinstall', 'install', 'postinstall', 'prepare'],
  restart: ['prerestart', 'restart', 'postrestart'],
};

const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean']);
const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn']);
const NPM_TEST = new Set(['test', 't', 'tst']);
const NPM_VALUED = new Set(['-w', '--workspace', '--prefix', '--script-shell', '--registry', '--cache', '--userconfig', '--globalconfig', '--loglevel', '--tag', '--otp', '-C', '-c', '--call', '-p', '--package']);
const YARN_VALUED = new Set(['--cwd', '--modules-folder', '--cache-folder', '--registry', '--network-timeout', '--mutex', '--global-folder', '--link-folder', '--use-yarnrc']);
const PNPM_VALUED = new Set(['-C', '--dir', '--script-shell', '--userconfig', '--globalconfig', '-F', '--filter', '--filter-prod', '--workspace-concurrency', '--reporter', '--resume-from', '--loglevel', '--registry', '--test-pattern', '--changed-files-ignore-pattern']);
const BUN_VALUED = new Set(['--cwd', '--filter', '-F', '--elide-lines', '--shell', '-c', '--config', '--env-file', '--preload', '-r', '--tsconfig-override']);

/** Commands of each manager that are not script names (`yarn add`, `pnpm why`, `bun build`). */
const YARN_COMMANDS = new Set(['add', 'remove', 'upgrade', 'up', 'list', 'outdated', 'audit', 'why', 'info', 'cache', 'config', 'licenses', 'link', 'unlink',
  'owner', 'tag', 'team', 'version', 'help', 'npm', 'constraints', 'explain', 'set', 'plugin', 'bin', 'dedupe', 'publish', 'pack', 'login', 'logout',
  'import', 'init', 'global', 'check', 'autoclean', 'generate-lock-entry', 'policies', 'unplug', 'rebuild', 'patch', 'patch-commit', 'search', 'stage', 'sdks']);
const PNPM_COMMANDS = new Set(['add', 'remove', 'rm', 'uninstall', 'un', 'update', 'up', 'upgrade', 'ls', 'list', 'll', 'la', 'outdated', 'audit', 'why', 'store',
  'prune', 'fetch', 'link', 'unlink', 'config', 'root', 'bin', 'licenses', 'patch', 'patch-commit', 'env', 'setup', 'doctor', 'publish', 'pack', 'import',
  'rebuild', 'rb', 'deploy', 'init', 'server', 'help', 'cat-file', 'cat-index', 'find-hash', 'self-update', 'approve-builds', 'ignored-builds', ...PNPM_NPM_PASSTHROUGH]);
const BUN_COMMANDS = new Set(['test', 'add', 'a', 'remove', 'rm', 'update', 'build', 'pm', 'outdated', 'upgrade', 'link', 'unlink', 'init', 'repl', 'audit',
  'info', 'publish', 'patch', 'why', 'exec']);

interface Parsed {
  options: Map<string, string[]>;
  command?: string;
  rest: string[];
  /** After `--`. */
  passthrough: string[];
}

/** Options before and around the command; for npm, options anywhere before `--` are npm's. */
function parse(argv: readonly string[], valued: ReadonlySet<string>, optionsAnywhere: boolean): Parsed {
  const out: Parsed = { options: new Map(), rest: [], passthrough: [] };
  const add = (k: string, v: string) => out.options.set(k, [...(out.options.get(k) ?? []), v]);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { out.passthrough = argv.slice(i + 1); break; }
    // `pnpm run --filter x build`: options between `run` and the script's name are the manager's; after the
    // name they are the script's (pnpm, yarn, bun).
    const isOption = a.startsWith('-') && a.length > 1 && (optionsAnywhere || out.command === undefined || (out.command === 'run' && !out.rest.length));
    if (isOption) {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) add(a.slice(0, eq), a.slice(eq + 1));
      else if (valued.has(a)) add(a, argv[++i] ?? '');
      else add(a, '');
      continue;
    }
    if (out.command === undefined) out.command = a;
    else out.rest.push(a);
  }
  return out;
}

const has = (p: Parsed, ...names: string[]) => names.some((n) => p.options.has(n));
const values = (p: Parsed, ...names: string[]) => names.flatMap((n) => p.options.get(n) ?? []);

/** Which packages a run covers. */
interface Target {
  /** The directory the manager starts from. */
  dir: string;
  filters: string[];
  all: boolean;
  includeRoot: boolean;
}

export const npm: Recogniser = (rc) => packageManager(rc, 'npm');
export const yarn: Recogniser = (rc) => packageManager(rc, 'yarn');
export const pnpm: Recogniser = (rc) => packageManager(rc, 'pnpm');
export const bun: Recogniser = (rc) => packageManager(rc, 'bun');

async function packageManager(rc: RecognisedCommand, manager: Manager): Promise<PlannedAction[]> {
  const valued = { npm: NPM_VALUED, yarn: YARN_VALUED, pnpm: PNPM_VALUED, bun: BUN_VALUED }[manager];
  const p = parse(rc.argv.slice(1), valued, manager === 'npm');
  const sub = values(p, '--prefix', '--cwd', '-C', '--dir').at(-1);
  let dir = runDirectory(rc, sub);
  // `pnpm -w X`: X runs in the workspace root (the folder of pnpm-workspace.yaml), not the nearest package.
  if (manager === 'pnpm' && has(p, '-w', '--workspace-root') && dir.ok) {
    const root = pnpmWorkspaceRoot(rc, dir.value);
    // Not in a pnpm workspace: pnpm stops with NOT_IN_WORKSPACE before it runs anything.
    if (!root) return [];
    const rel = rc.workspace ? relative(rc.workspace, root) : '..';
    if (rel.startsWith('..') || isAbsolute(rel)) return [cannotFollow(rc, `pnpm --workspace-root: the workspace root is ${root}, outside the workspace: its scripts are not read`, p.command)];
    dir = { ok: true, value: root };
  }
  const command = p.command ?? (manager === 'yarn' || manager === 'pnpm' ? 'install' : undefined);
  if (!command) return has(p, '-v', '--version', '-h', '--help') || manager === 'bun' ? [] : notARunner(rc);
  const target = (): Target | undefined => dir.ok ? {
    dir: dir.value,
    filters: values(p, '-w', '--workspace', '-F', '--filter', '--filter-prod').filter((f) => !(manager === 'pnpm' && f === '')),
    // `pnpm -r --filter ./packages/*`: with pnpm, a filter chooses among the packages -r would run.
    all: has(p, '-ws', '--workspaces', '-r', '--recursive') && !(manager === 'pnpm' && values(p, '-F', '--filter', '--filter-prod').some((f) => f !== '')),
    includeRoot: has(p, '--include-workspace-root', '-iwr') || (manager === 'pnpm' && has(p, '-w', '--workspace-root')),
  } : undefined;
  const shell = values(p, '--script-shell', '--shell', '--config.script-shell').at(-1) ?? rc.env.npm_config_script_shell ?? rc.env.NPM_CONFIG_SCRIPT_SHELL ?? configuredScriptShell(rc, p, manager, dir.ok ? dir.value : undefined);
  const options = { ifPresent: has(p, '--if-present'), ignoreScripts: has(p, '--ignore-scripts'), shell, manager };
  const cannot = (why: string) => [cannotFollow(rc, `${manager} ${command}: ${why}`, command)];

  // Commands that fetch and run a package's code, or run a local binary.
  if ((manager === 'npm' && (command === 'exec' || command === 'x')) || (manager === 'pnpm' && command === 'dlx') || (manager === 'yarn' && command === 'dlx') || (manager === 'bun' && command === 'x')) {
    return fetchAndRun(rc, manager === 'npm' ? 'npx' : `${manager} ${command}`, [...p.rest, ...(p.passthrough.length ? ['--', ...p.passthrough] : [])], p.options);
  }
  if (command === 'create' || (manager === 'npm' && (command === 'init' || command === 'innit')) || (manager === 'yarn' && command === 'init')) {
    const initializer = p.rest[0];
    if (!initializer) return [];
    const pkg = initializer.startsWith('@') ? initializer.replace(/^(@[^/]+)(\/([^@]+))?(@.*)?$/, (_m, scope: string, _s, name?: string) => `${scope}/create${name ? `-${name}` : ''}`) : `create-${initializer.replace(/@.*$/, '')}`;
    return fetchAndRun(rc, `${manager} ${command}`, [pkg, ...p.rest.slice(1)], new Map([['--yes', ['']]]));
  }
  if (manager === 'npm' && command === 'explore') {
    const inner = p.passthrough.length ? p.passthrough : p.rest.slice(1);
    if (!inner.length) return cannot('opens a shell in the package: what runs there is not visible');
    return rc.nested(inner.map(quoteWord).join(' '), { evidence: [commandEvidence(`runs inside node_modules/${p.rest[0] ?? ''} (npm explore)`)], stdin: rc.stdin });
  }
  if (manager === 'yarn' && command === 'node') return rc.nested(['node', ...p.rest, ...p.passthrough].map(quoteWord).join(' '), { stdin: rc.stdin });
  if (manager === 'yarn' && command === 'workspace') {
    const [name, ...inner] = p.rest;
    if (!name || !inner.length) return [];
    return inWorkspaces(rc, dir, [name], false, (pkg) => rc.nested(['yarn', ...inner, ...(p.passthrough.length ? ['--', ...p.passthrough] : [])].map(quoteWord).join(' '), {
      cwd: asCwd(rc, pkg.dir), evidence: [commandEvidence(`runs in workspace package ${pkg.name ?? pkg.dir}`)],
    }));
  }
  if (manager === 'yarn' && command === 'workspaces') {
    // `yarn workspaces run X` (v1), `yarn workspaces foreach [-A] run X` (berry)
    const args = p.rest.filter((a) => !a.startsWith('-'));
    const runAt = args.indexOf('run');
    if (runAt < 0 || !args[runAt + 1]) return args[0] === 'info' || args[0] === 'list' ? [] : cannot('is not a workspaces command Firebreak follows');
    return inWorkspaces(rc, dir, [], true, (pkg) => runScripts(rc, pkg, args[runAt + 1], args.slice(runAt + 2), { ...options, ifPresent: true }));
  }

  // The project's install lifecycle (no package named: `npm install`, `npm ci`, `yarn`, `pnpm i`).
  const installs = manager === 'npm' ? NPM_INSTALL.has(command) || command === 'install-test' || command === 'it' || command === 'install-ci-test' || command === 'cit'
    : manager === 'bun' ? command === 'install' || command === 'i'
      // `pnpm dedupe` is an install that prefers newer versions already in the lockfile (`yarn dedupe` only rewrites the lockfile).
      : command === 'install' || command === 'i' || (manager === 'pnpm' && command === 'dedupe');
  if (manager === 'pnpm' && command === 'dedupe' && has(p, '--check')) return [];
  // `npm install ./tool`, `npm link ../lib`, `pnpm add file:vendor/x`: a folder on this machine is installed
  // with its own install scripts, which the agent may have written: they are read as the project's are.
  const links = command === 'link' || command === 'ln';
  if ((installs || links || (manager !== 'npm' && command === 'add')) && dir.ok && !options.ignoreScripts) {
    const folders = p.rest.map(localFolderSpec).filter((f): f is string => f !== undefined);
    const actions: PlannedAction[] = [];
    for (const folder of folders) {
      const at = isAbsolute(folder) ? folder : join(dir.value, folder);
      const pkg = loadPackage(rc, at);
      if (!pkg.ok) { if (!('missing' in pkg && pkg.missing)) actions.push(...cannot(`cannot read the install scripts of ${folder}: ${pkg.why}`)); continue; }
      actions.push(...(await runSteps(rc, lifecycle(rc, pkg.value, LIFECYCLE.install))));
    }
    if (folders.length) return actions;
  }
  if (installs) {
    const packagesNamed = p.rest.length > 0 || (manager === 'pnpm' && command === 'add');
    if (packagesNamed || has(p, '-g', '--global')) return []; // adding dependencies: their own install scripts are not followed (docs/runners.md)
    const found = locate(rc, dir);
    if (!found.ok) return found.missing ? [] : cannot(`cannot read the install scripts: ${found.why}`);
    const steps = options.ignoreScripts ? [] : lifecycle(rc, found.value, LIFECYCLE.install);
    const actions: PlannedAction[] = [];
    for (const step of steps) {
      const script = options.shell ? scriptFor(options.shell, step.text) : { ok: true as const, text: step.text };
      if (script.ok) actions.push(...(await runSteps(rc, [{ ...step, text: script.text }])));
      else actions.push(cannotFollow(rc, `${manager}: ${step.where} runs through the script shell ${options.shell}: ${script.why}`));
    }
    if (manager === 'npm' && (command === 'install-test' || command === 'it' || command === 'install-ci-test' || command === 'cit')) actions.push(...(await runScripts(rc, found.value, 'test', [], options)));
    return actions;
  }
  // `pnpm -r pack`, `yarn pack`: an archive of each package in the workspace, after its pack lifecycle scripts.
  if (command === 'pack' && manager !== 'bun') return pack(rc, manager, dir, target(), options);
  // `bun pm pack` runs prepack, prepare and postpack as npm pack does (--ignore-scripts skips them).
  if (manager === 'bun' && command === 'pm' && p.rest[0] === 'pack') return pack(rc, manager, dir, target(), { ...options, ignoreScripts: options.ignoreScripts || p.rest.includes('--ignore-scripts') });
  if (manager === 'npm' && Object.hasOwn(LIFECYCLE, command) && command !== 'install' && command !== 'publish') {
    if (command === 'restart') {
      const found = locate(rc, dir);
      if (!found.ok) return found.missing ? [] : cannot(found.why);
      if (found.value.scripts.restart !== undefined) return runScripts(rc, found.value, 'restart', p.rest, options);
      return [...(await runScripts(rc, found.value, 'stop', [], options)), ...(await runScripts(rc, found.value, 'start', [], options))];
    }
    return lifecycleRun(rc, dir, LIFECYCLE[command], options);
  }

  const registry = await registryCommand(rc, manager, command, p.rest, dir, options);
  if (registry) return registry;

  // A script: `npm run X`, `npm test`, `yarn X`, `pnpm X`, `bun run X`.
  let script: string | undefined;
  let args: string[];
  const passthrough = p.passthrough;
  if (command === 'run' || (manager === 'npm' && NPM_RUN.has(command))) {
    script = p.rest[0];
    args = [...p.rest.slice(1), ...passthrough];
    if (!script) return []; // lists the scripts
  } else if ((manager === 'npm' && NPM_TEST.has(command)) || command === 'test' && manager !== 'bun' || command === 't' && manager === 'pnpm' || command === 'tst' && manager === 'pnpm') {
    script = 'test';
    args = [...p.rest, ...passthrough];
  } else if (command === 'start' || command === 'stop') {
    script = command;
    args = [...p.rest, ...passthrough];
  } else if (manager !== 'npm' && !(manager === 'yarn' ? YARN_COMMANDS : manager === 'pnpm' ? PNPM_COMMANDS : BUN_COMMANDS).has(command)) {
    script = command;
    args = [...p.rest, ...passthrough];
  } else {
    return notARunner(rc);
  }
  const t = target();
  if (!t) return cannot(`cannot read package.json: ${dir.ok ? '' : dir.why}`);
  if (t.filters.length || t.all) {
    const actions = await inWorkspaces(rc, dir, t.filters, t.all, (pkg) => runScripts(rc, pkg, script!, args, { ...options, ifPresent: options.ifPresent || t.all || manager === 'pnpm' }), t.includeRoot);
    return actions;
  }
  const found = locate(rc, dir);
  // No package.json: the package manager stops with an error before it runs anything.
  if (!found.ok) return found.missing ? [] : cannot(`cannot read the script ${script}: ${found.why}`);
  if (found.value.scripts[script] === undefined && manager !== 'npm') {
    // `yarn tsc`, `pnpm eslint .`, `bun index.ts`: a binary of the project, or (bun) a file.
    return runBinary(rc, manager, found.value, script, args);
  }
  if (found.value.scripts[script] === undefined && script === 'start' && exists(rc, join(found.value.dir, 'server.js'))) {
    return runSteps(rc, [{ text: `node server.js ${args.map(quoteWord).join(' ')}`.trim(), where: `${found.value.file.shown} (npm start without a start script runs node server.js)`, cwd: asCwd(rc, found.value.dir) }]);
  }
  return runScripts(rc, found.value, script, args, options, true);
}

/** `npm publish`, `yarn npm tag remove`, `npm owner rm`: registry changes, a publish after its lifecycle
 *  scripts; undefined when the command is not one. */
async function registryCommand(rc: RecognisedCommand, manager: Manager, command: string, rest: readonly string[], dir: ReturnType<typeof runDirectory>, options: ScriptOptions): Promise<PlannedAction[] | undefined> {
  if (manager === 'bun') return undefined;
  const yarnNpm = manager === 'yarn' && command === 'npm';
  const [cli, sub, words] = yarnNpm ? ['yarn npm' as const, rest[0] ?? '', rest.slice(1)] : [manager, command, rest];
  const found = locate(rc, dir);
  const actions = registryActions(rc, cli, sub, words, found.ok ? found.value.name : undefined);
  if (!actions) return yarnNpm && (sub === '' || READ_WORDS.has(sub)) ? [] : undefined;
  // Packing for the publish runs the lifecycle scripts, a dry run included.
  if (sub !== 'publish') return actions;
  return [...(await lifecycleRun(rc, dir, LIFECYCLE.publish, options)), ...actions];
}

interface ScriptOptions {
  ifPresent: boolean;
  ignoreScripts: boolean;
  shell?: string;
  manager: Manager;
}

/** A script with its pre and post scripts, the arguments appended to the script itself. */
async function runScripts(rc: RecognisedCommand, pkg: PackageJson, name: string, args: readonly string[], options: ScriptOptions, alone = false): Promise<PlannedAction[]> {
  const body = pkg.scripts[name];
  if (body === undefined) {
    if (options.ifPresent) return [];
    return [cannotFollow(rc, `${options.manager}: ${pkg.file.shown} has no script "${name}", so what runs is not known`, name)];
  }
  const steps: Step[] = [];
  const refused: PlannedAction[] = [];
  const add = (n: string, extra: readonly string[] = []) => {
    const text = pkg.scripts[n];
    if (text === undefined) return;
    const full = extra.length ? `${text} ${extra.map(quoteWord).join(' ')}` : text;
    const where = `${pkg.file.shown}:${scriptLine(pkg, n)} (script ${n})`;
    const script = options.shell ? scriptFor(options.shell, full) : { ok: true as const, text: full };
    if (!script.ok) { refused.push(cannotFollow(rc, `${options.manager}: ${where} runs through the script shell ${options.shell}: ${script.why}`, n)); return; }
    steps.push({ text: script.text, where, cwd: asCwd(rc, pkg.dir) });
  };
  if (!options.ignoreScripts) add(`pre${name}`);
  add(name, args);
  if (!options.ignoreScripts) add(`post${name}`);
  // Only the package manager's own run of one package: nothing else of the command ran before its first step.
  return [...refused, ...(await runSteps(rc, steps, {}, { firstFindsFiles: alone && !refused.length }))];
}

function lifecycle(rc: RecognisedCommand, pkg: PackageJson, names: readonly string[]): Step[] {
  return names.filter((n) => pkg.scripts[n] !== undefined).map((n) => ({
    text: pkg.scripts[n], where: `${pkg.file.shown}:${scriptLine(pkg, n)} (script ${n}, run by the package manager)`, cwd: asCwd(rc, pkg.dir),
  }));
}

/** Options naming where `pack` writes the archive (npm, pnpm: a folder; yarn: the file). */
const PACK_DESTINATION = /^(--pack-destination|--out|-o|--filename|-f)$/;

/** `npm pack`, `pnpm -r pack --pack-destination dist`, `yarn pack --out x.tgz`: the pack lifecycle scripts
 *  of each package packed, and an archive written where the command says (outside the workspace is not
 *  assumed safe: it is a write on this machine beyond the project). */
async function pack(rc: RecognisedCommand, manager: Manager, dir: ReturnType<typeof runDirectory>, t: Target | undefined, options: ScriptOptions): Promise<PlannedAction[]> {
  const args = rc.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const eq = args[i].indexOf('=');
    const [option, value] = args[i].startsWith('--') && eq > 0 ? [args[i].slice(0, eq), args[i].slice(eq + 1)] : [args[i], args[i + 1]];
    if (!PACK_DESTINATION.test(option) || value === undefined) continue;
    if (writesOutsideWorkspace(value)) return [cannotFollow(rc, `${manager} pack writes its archive to ${value}, outside the workspace`, option)];
  }
  if (t && (t.filters.length || t.all)) {
    if (options.ignoreScripts) return [];
    return inWorkspaces(rc, dir, t.filters, t.all, (pkg) => runSteps(rc, lifecycle(rc, pkg, LIFECYCLE.pack)), t.includeRoot);
  }
  return lifecycleRun(rc, dir, LIFECYCLE.pack, options);
}

/** A path that leaves the workspace: absolute or home-relative (scratch aside), or climbing out with `..`. */
function writesOutsideWorkspace(path: string): boolean {
  if (/^(\/tmp|\/var\/tmp|\$\{?(TMPDIR|RUNNER_TEMP)\}?)(\/|$)/.test(path)) return false;
  if (/^(\/|~|\$)/.test(path)) return true;
  let depth = 0;
  for (const part of path.split('/')) {
    if (part === '..') depth--;
    else if (part && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

async function lifecycleRun(rc: RecognisedCommand, dir: ReturnType<typeof runDirectory>, names: readonly string[], options: ScriptOptions): Promise<PlannedAction[]> {
  const found = locate(rc, dir);
  if (!found.ok) return found.missing ? [] : [cannotFollow(rc, `${options.manager}: cannot read the lifecycle scripts: ${found.why}`)];
  return options.ignoreScripts ? [] : runSteps(rc, lifecycle(rc, found.value, names));
}

/** `yarn tsc --noEmit`: no script of that name, so the manager runs the project's binary. */
async function runBinary(rc: RecognisedCommand, manager: Manager, pkg: PackageJson, name: string, args: readonly string[]): Promise<PlannedAction[]> {
  if (manager === 'bun' && (/\.[cm]?[jt]sx?$/.test(name) || name.includes('/')) && exists(rc, join(pkg.dir, name))) {
    return rc.nested(['node', name, ...args].map(quoteWord).join(' '), { evidence: [commandEvidence(`bun runs the file ${name}`)], stdin: rc.stdin });
  }
  if (exists(rc, join(pkg.dir, 'node_modules', '.bin', name)) || [...pkg.dependencies].some((d) => d === name || binaryOf(d) === name)) {
    return rc.nested([name, ...args].map(quoteWord).join(' '), { evidence: [commandEvidence(`${manager} runs the project's ${name} binary`)], stdin: rc.stdin });
  }
  return [cannotFollow(rc, `${manager} ${name}: ${pkg.file.shown} has no script "${name}" and the project has no ${name} binary, so what runs is not known`, name)];
}

/** A package spec naming a folder on this machine (`./x`, `../x`, `/abs/x`, `file:x`, `link:x`, `name@file:x`). */
function localFolderSpec(spec: string): string | undefined {
  const body = spec.replace(/^(@[^/@]+\/)?[^@/:]+@(?=(file|link):)/, '');
  const m = /^(?:file:|link:)?(\.{1,2}(?:\/.*)?|\/.*)$/.exec(body) ?? /^(?:file:|link:)(.+)$/.exec(body);
  if (!m || /\.(tgz|tar\.gz|tar)$/.test(m[1]) || /[$`]/.test(m[1])) return undefined;
  return m[1];
}

function locate(rc: RecognisedCommand, dir: ReturnType<typeof runDirectory>): ReturnType<typeof nearestPackage> {
  if (!dir.ok) return dir;
  return nearestPackage(rc, dir.value);
}

/** Runs `each` in the workspace packages the filters select (all of them when asked or unresolved). */
async function inWorkspaces(rc: RecognisedCommand, dir: ReturnType<typeof runDirectory>, filters: readonly string[], all: boolean,
  each: (pkg: PackageJson) => Promise<PlannedAction[]>, includeRoot = false): Promise<PlannedAction[]> {
  const root = locate(rc, dir);
  if (!root.ok) return root.missing ? [] : [cannotFollow(rc, `cannot read the workspace: ${root.why}`)];
  const packages = workspacePackages(rc, root.value);
  let chosen = all ? packages : filters.flatMap((f) => selectPackages(packages, root.value, f));
  const evidence: string[] = [];
  if (!chosen.length && filters.length) {
    // A filter Firebreak cannot resolve: every package could be meant.
    chosen = packages;
    evidence.push(`the workspace filter ${filters.join(', ')} matches no package Firebreak can see: every package is judged`);
  }
  if (!chosen.length) {
    const alone = loadPackage(rc, root.value.dir);
    if (alone.ok && (includeRoot || !packages.length)) chosen = [alone.value];
  }
  if (includeRoot && !chosen.includes(root.value)) chosen = [root.value, ...chosen];
  const out: PlannedAction[] = [];
  for (const pkg of [...new Set(chosen)]) out.push(...(await each(pkg)));
  if (evidence.length) for (const a of out) a.evidence.push(commandEvidence(evidence[0]));
  return out;
}

/**
 * `script-shell` as npm reads it after the command line and the environment: the project's .npmrc,
 * then the user's (`--userconfig`, `npm_config_userconfig`, `~/.npmrc`, with the line's own HOME),
 * then the global one (`--globalconfig`, `npm_config_globalconfig`); yarn 1 also reads `.yarnrc`.
 * A shell set anywhere an agent can write runs every script, so every place npm reads counts.
 */
function configuredScriptShell(rc: RecognisedCommand, p: Parsed, manager: Manager, dir: string | undefined): string | undefined {
  const env = (name: string) => rc.env[name] ?? rc.env[name.toUpperCase()] ?? process.env[name] ?? process.env[name.toUpperCase()];
  const home = rc.env.HOME ?? process.env.HOME;
  const found = dir ? nearestPackage(rc, dir) : undefined;
  const project = found?.ok ? found.value.dir : dir;
  const npmrcs = [
    project && join(project, '.npmrc'),
    values(p, '--userconfig').at(-1) ?? env('npm_config_userconfig') ?? (home ? join(home, '.npmrc') : undefined),
    values(p, '--globalconfig').at(-1) ?? env('npm_config_globalconfig'),
  ];
  for (const file of npmrcs) {
    if (!file) continue;
    const read = readProjectFile(rc, isAbsolute(file) ? file : join(rc.cwd ?? rc.workspace ?? '.', file));
    const shell = read.ok ? /^\s*script-shell\s*=\s*(.+?)\s*$/m.exec(read.value.text)?.[1] : undefined;
    if (shell) return shell;
  }
  if (manager !== 'yarn') return undefined;
  for (const file of [project && join(project, '.yarnrc'), home && join(home, '.yarnrc')]) {
    const read = file ? readProjectFile(rc, file) : undefined;
    const shell = read?.ok ? /^\s*script-shell\s+"?([^"\n]+?)"?\s*$/m.exec(read.value.text)?.[1] : undefined;
    if (shell) return shell;
  }
  return undefined;
}
