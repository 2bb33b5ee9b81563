// `npx`, `npm exec`, `pnpm dlx`, `yarn dlx`, `bunx`, `uvx`, `pipx run`: unwrapped to
// the tool they run. A package the project depends on (or has in node_modules/.bin) is the
// project's own tool: judged as that tool. A package fetched from the registry at run time is
// code nobody has read: unknown, unless it is the package of a tool Firebreak models.
import { join } from 'node:path';
import { LOCAL_COMMANDS } from '../../../../knowledge/shell-commands.js';
import { NPM_PACKAGE_BINARIES, PYTHON_PACKAGE_BINARIES } from '../../../../knowledge/fetched-tools.js';
import type { PlannedAction } from '../../../types.js';
import { commandEvidence, type Recogniser, type RecognisedCommand } from '../../command.js';
import { recogniserFor } from '../../recognisers/index.js';
import { quoteWord } from '../../unwrap.js';
import { cannotFollow } from '../follow.js';
import { exists, runDirectory } from '../project.js';
import { nearestPackage } from './package-json.js';

type Options = ReadonlyMap<string, string[]>;

const NPX_VALUED = new Set(['-p', '--package', '-c', '--call', '--node-options', '--shell', '--registry', '--cache', '-w', '--workspace']);
const PNPM_DLX_VALUED = new Set(['--package', '-p', '--allow-build', '-C', '--dir', '--reporter']);
const BUNX_VALUED = new Set(['-p', '--package']);
const UVX_VALUED = new Set(['--from', '--with', '--with-editable', '--with-requirements', '-p', '--python', '--index', '--default-index', '-i', '--index-url',
  '--extra-index-url', '-f', '--find-links', '--constraints', '-c', '--overrides', '--build-constraints', '--env-file', '--cache-dir', '--directory', '--project', '--config-file']);
const PIPX_VALUED = new Set(['--spec', '--python', '--pip-args', '--index-url', '-i']);

/** Leading options of the runner, then the command and its arguments. */
function split(argv: readonly string[], valued: ReadonlySet<string>): { options: Map<string, string[]>; command: string[] } {
  const options = new Map<string, string[]>();
  const add = (k: string, v: string) => options.set(k, [...(options.get(k) ?? []), v]);
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a.length < 2) break;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) add(a.slice(0, eq), a.slice(eq + 1));
    else if (valued.has(a)) add(a, argv[++i] ?? '');
    else add(a, '');
  }
  return { options, command: argv.slice(i) };
}

export const npx: Recogniser = (rc) => {
  const { options, command } = split(rc.argv.slice(1), NPX_VALUED);
  if (!command.length && ['--help', '-h', '--version', '-v'].some((o) => options.has(o))) return [];
  return fetchAndRun(rc, 'npx', command, options);
};

export const bunx: Recogniser = (rc) => {
  const { options, command } = split(rc.argv.slice(1), BUNX_VALUED);
  return fetchAndRun(rc, 'bunx', command, options);
};

/** `uvx`, `pipx run` (`uv tool run` is left to the unknown-program rule). */
export const uvx: Recogniser = (rc) => {
  const name = rc.argv[0].split('/').pop();
  const rest = rc.argv.slice(1);
  if (name === 'pipx') {
    if (rest[0] !== 'run') return pipxOther(rc);
    const { options, command } = split(rest.slice(1), PIPX_VALUED);
    return pythonTool(rc, 'pipx run', command, options.get('--spec')?.at(-1));
  }
  const { options, command } = split(rest, UVX_VALUED);
  if (!command.length && ['--help', '-h', '--version', '-V'].some((o) => options.has(o))) return [];
  return pythonTool(rc, 'uvx', command, options.get('--from')?.at(-1));
};

/** npm-style: `-c 'cmd'` runs shell text; otherwise the first word names the package or binary. */
export async function fetchAndRun(rc: RecognisedCommand, how: string, argv: readonly string[], parsed: Options): Promise<PlannedAction[]> {
  let options = parsed;
  let command = [...argv];
  if (command[0] === '--') command = command.slice(1);
  // `npm exec` options may come after the first word: take them out when they precede the command.
  if (command.length && command[0].startsWith('-')) {
    const more = split(command, NPX_VALUED);
    options = new Map([...options, ...more.options]);
    command = more.command;
  }
  const packages = [...(options.get('-p') ?? []), ...(options.get('--package') ?? [])];
  // A tool's name only means that tool on the public registry: another one serves other code under it.
  const registry = options.get('--registry')?.at(-1) ?? rc.env.npm_config_registry ?? rc.env.NPM_CONFIG_REGISTRY;
  if (registry !== undefined && !/^https:\/\/registry\.(npmjs\.org|yarnpkg\.com)\/?$/.test(registry)) {
    return [cannotFollow(rc, `${how} fetches from the registry ${registry}, not the public one: the code it runs under that name has not been read`, 'registry')];
  }
  const call = options.get('-c')?.at(-1) ?? options.get('--call')?.at(-1);
  const dlx = / dlx$/.test(how);
  const out: PlannedAction[] = [];
  for (const pkg of packages) {
    const unread = fetchedUnread(rc, how, packageName(pkg), undefined, dlx);
    if (unread) out.push(unread);
  }
  if (call !== undefined) {
    out.push(...(await rc.nested(call, { evidence: [commandEvidence(`runs through ${how} -c`)], stdin: rc.stdin })));
    return out;
  }
  if (!command.length) return [...out, cannotFollow(rc, `${how} without a command`)];
  const spec = command[0];
  if (/^(\.{0,2}\/|file:|git[+:]|https?:|github:)/.test(spec) || spec.endsWith('.tgz')) {
    return [...out, cannotFollow(rc, `${how} runs ${spec}, a package from a path, a repository or a URL: its code has not been read`, spec)];
  }
  const name = packageName(spec);
  const bin = packages.length ? spec : binaryOf(name);
  if (!packages.length) {
    const unread = fetchedUnread(rc, how, name, bin, dlx);
    if (unread) return [...out, unread];
  }
  out.push(...(await rc.nested([bin, ...command.slice(1)].map(quoteWord).join(' '), { evidence: [commandEvidence(`${how} runs ${bin}`)], stdin: rc.stdin })));
  return out;
}

/** An unknown action when the package is fetched from the registry and not a modelled tool. */
function fetchedUnread(rc: RecognisedCommand, how: string, name: string, bin: string | undefined, dlx: boolean): PlannedAction | undefined {
  if (!dlx && isProjectDependency(rc, name, bin)) return undefined;
  const tool = bin ?? binaryOf(name);
  if (isModelled(tool) && (name === tool || NPM_PACKAGE_BINARIES[name] === tool)) return undefined;
  return cannotFollow(rc, `${how} fetches the package ${name} from the registry and runs its code, which Firebreak has not read`, name);
}

function isProjectDependency(rc: RecognisedCommand, name: string, bin: string | undefined): boolean {
  const dir = runDirectory(rc);
  if (!dir.ok) return false;
  const pkg = nearestPackage(rc, dir.value);
  if (!pkg.ok) return false;
  if (pkg.value.dependencies.has(name)) return true;
  if (bin && [...pkg.value.dependencies].some((d) => binaryOf(d) === bin)) return true;
  return exists(rc, join(pkg.value.dir, 'node_modules', '.bin', bin ?? binaryOf(name)));
}

function isModelled(tool: string): boolean {
  return LOCAL_COMMANDS.has(tool) || recogniserFor(tool) !== undefined;
}

/** `aws-cdk@2.1.0` -> `aws-cdk`, `@scope/pkg@1` -> `@scope/pkg`. */
function packageName(spec: string): string {
  const at = spec.indexOf('@', 1);
  return at > 0 ? spec.slice(0, at) : spec;
}

export function binaryOf(name: string): string {
  if (Object.hasOwn(NPM_PACKAGE_BINARIES, name)) return NPM_PACKAGE_BINARIES[name];
  return name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
}

async function pythonTool(rc: RecognisedCommand, how: string, command: readonly string[], from: string | undefined): Promise<PlannedAction[]> {
  if (!command.length) return [cannotFollow(rc, `${how} without a command`)];
  const spec = from ?? command[0];
  const name = spec.replace(/[\[<>=!~@ ].*$/, '').toLowerCase();
  const bin = from ? command[0] : Object.hasOwn(PYTHON_PACKAGE_BINARIES, name) ? PYTHON_PACKAGE_BINARIES[name] : name;
  const canonical = name === bin || PYTHON_PACKAGE_BINARIES[name] === bin;
  if (/^(\.{0,2}\/|git\+|https?:)/.test(spec) || !canonical || !isModelled(bin)) {
    return [cannotFollow(rc, `${how} fetches the package ${spec} and runs its code, which Firebreak has not read`, name)];
  }
  return rc.nested([bin, ...command.slice(1)].map(quoteWord).join(' '), { evidence: [commandEvidence(`${how} runs ${bin}`)], stdin: rc.stdin });
}

function pipxOther(rc: RecognisedCommand): PlannedAction[] {
  const sub = rc.argv[1] ?? '';
  if (['install', 'uninstall', 'list', 'upgrade', 'upgrade-all', 'inject', 'ensurepath', 'environment', 'reinstall', 'reinstall-all', 'uninject', '--version', 'completions', 'pin', 'unpin'].includes(sub)) return [];
  return [cannotFollow(rc, `pipx ${sub} is not a subcommand Firebreak recognises`, sub)];
}
