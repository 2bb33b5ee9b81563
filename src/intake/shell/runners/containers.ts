// `docker run IMAGE CMD`, `docker exec C CMD`, `docker compose run|exec|up`, and the same for
// podman and nerdctl: the command inside the container is judged as shell, with the image's
// entrypoint when the image is a well-known tool (`amazon/aws-cli s3 rb` is `aws s3 rb`), the
// container's environment (`-e AWS_PROFILE=prod`, `--env-file`) and what is mounted as evidence.
// An image Firebreak does not know, run without a command, runs code nobody has read: unknown.
// An unknown image given a command is judged by that command (the ENTRYPOINT convention).
import { dirname, join, posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONTAINER_IMAGE_FAMILIES, CONTAINER_IMAGES, SENSITIVE_MOUNTS, type ImageFacts } from '../../../knowledge/container-images.js';
import { knownProgram } from '../program-words.js';
import type { Evidence } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, type Recogniser, type RecognisedCommand } from '../command.js';
import { quoteWord } from '../unwrap.js';
import { cannotFollow, notARunner } from './follow.js';
import { composeBuildCommand, containerEnvConcern, envFileValues, unmappedCommandConcern } from '../recognisers/dockerfile.js';
import { containerEngine, isEngineRead } from '../container-engine.js';
import { COMPOSE_GLOBAL_VALUED, COMPOSE_RUN_VALUED, EXEC_VALUED, RUN_VALUED } from '../../../knowledge/container-engines.js';
import { asCwd, firstExisting, readProjectFile, runDirectory } from './project.js';
import type { ContainerView } from '../container-paths.js';
import { builtImage, forgetImage, noteBuild } from './built-images.js';
import { composeVolumesAreScratch, type ComposeProjectFiles } from './compose-volumes.js';
import { PROJECT_NAME_OPTIONS } from '../../../knowledge/compose-volumes.js';

const COMPOSE_UP_VALUED = new Set(['--exit-code-from', '--scale', '-t', '--timeout', '--wait-timeout', '--pull', '--attach', '--no-attach']);
const COMPOSE_LOCAL = new Set(['build', 'ps', 'logs', 'pull', 'config', 'stop', 'top', 'images', 'version', 'ls', 'port', 'events', 'kill', 'pause', 'unpause', 'wait', 'cp', 'stats', 'attach', 'convert', 'watch']);
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

interface ContainerOptions {
  env: Record<string, string | undefined>;
  envFiles: string[];
  mounts: { host: string; container: string }[];
  workdir?: string;
  entrypoint?: string;
  interactive: boolean;
  tty: boolean;
  privileged: boolean;
  pidHost: boolean;
  capabilities: string[];
  name?: string;
  /** `--device HOST[:CONTAINER]`: host devices shown in the container. */
  devices: { host: string; container: string }[];
  /** `--volumes-from`: mounts of another container, not known here. */
  volumesFrom?: boolean;
  /** A container made for this command (`run`, compose `run`/`up`), whose mounts are all given here. */
  fresh?: boolean;
  /** The folder relative host sides of mounts are in (a compose project's). */
  mountBase?: string;
}

function parseContainerOptions(args: readonly string[], valued: ReadonlySet<string>): { options: ContainerOptions; rest: string[] } {
  const o: ContainerOptions = { env: {}, envFiles: [], mounts: [], devices: [], interactive: false, tty: false, privileged: false, pidHost: false, capabilities: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    let name = a;
    let value: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { name = a.slice(0, eq); value = a.slice(eq + 1); }
    else if (valued.has(a)) value = args[++i];
    else if (!a.startsWith('--') && a.length > 2) {
      // -it, -dit, -itv x, -eFOO=1
      for (let j = 1; j < a.length; j++) {
        const c = `-${a[j]}`;
        if (valued.has(c)) {
          name = c;
          value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          break;
        }
        flag(o, c);
      }
      if (value === undefined) continue;
    }
    if (value === undefined) { flag(o, name); continue; }
    option(o, name, value);
  }
  return { options: o, rest: args.slice(i) };
}

function flag(o: ContainerOptions, name: string): void {
  if (name === '-i' || name === '--interactive') o.interactive = true;
  if (name === '-t' || name === '--tty') o.tty = true;
  if (name === '--privileged') o.privileged = true;
}

function option(o: ContainerOptions, name: string, value: string): void {
  switch (name) {
    case '-e': case '--env': {
      const eq = value.indexOf('=');
      if (eq > 0) o.env[value.slice(0, eq)] = value.slice(eq + 1);
      else o.env[value] = undefined; // passed through from the host: filled in later
      break;
    }
    case '--env-file': o.envFiles.push(value); break;
    case '-v': case '--volume': {
      const [host = '', container = ''] = value.split(':');
      if (container) o.mounts.push({ host, container });
      break;
    }
    case '--mount': {
      const fields = Object.fromEntries(value.split(',').map((kv) => { const e = kv.indexOf('='); return e > 0 ? [kv.slice(0, e), kv.slice(e + 1)] : [kv, '']; }));
      const host = fields.source ?? fields.src;
      const container = fields.target ?? fields.destination ?? fields.dst;
      if (host && container) o.mounts.push({ host, container });
      break;
    }
    // A host device in the container (`--device /dev/sda:/dev/xvda`): writing it writes the host's device.
    case '--device': {
      const [host = '', container = host] = value.split(':');
      if (host) o.devices.push({ host, container });
      break;
    }
    case '-w': case '--workdir': o.workdir = value; break;
    case '--entrypoint': o.entrypoint = value; break;
    case '--pid': if (value === 'host') o.pidHost = true; break;
    case '--cap-add': o.capabilities.push(value.toUpperCase()); break;
    case '--name': o.name = value; break;
    case '--volumes-from': o.volumesFrom = true; break;
    case '--privileged': if (value !== 'false') o.privileged = true; break;
    case '--interactive': case '-i': if (value !== 'false') o.interactive = true; break;
  }
}

/** `registry.example:5000/org/img:tag@sha256:...` -> `registry.example:5000/org/img`; Docker Hub names lose `docker.io/` and `library/`. */
export function imageName(ref: string): string {
  let name = ref.replace(/@sha256:[0-9a-f]+$/i, '').replace(/@[a-z0-9]+:[0-9a-f]+$/i, '');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) name = name.slice(0, colon);
  name = name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
  return name.toLowerCase();
}

export function imageFacts(ref: string): ImageFacts | undefined {
  const name = imageName(ref);
  if (Object.hasOwn(CONTAINER_IMAGES, name)) return CONTAINER_IMAGES[name];
  return CONTAINER_IMAGE_FAMILIES.find((f) => name.startsWith(f.prefix) && !name.slice(f.prefix.length).includes('..'))?.facts;
}

type Runtime = 'docker' | 'podman' | 'nerdctl';

export const docker: Recogniser = (rc) => onEngine(rc, (local) => containerRuntime(local, toolName(rc.argv[0]) as Runtime));

/** A command on another machine's engine is unknown unless it only reads; on this machine's it goes on
 *  without the global options that chose the engine (`docker --context colima ps` is `docker ps`). */
async function onEngine(rc: RecognisedCommand, then: (rc: RecognisedCommand) => Promise<PlannedAction[]>): Promise<PlannedAction[]> {
  const engine = containerEngine(rc.argv, rc.env, { workspace: rc.workspace, cwd: rc.cwd }, rc.files);
  if (engine.elsewhere) {
    if (isEngineRead(engine.argv)) return [];
    const { why, key, value } = engine.elsewhere;
    const on = { ...rc, evidence: [...rc.evidence, commandEvidence(why, key, value)] };
    return [cannotFollow(on, `${why}: there the containers, images and volumes are another machine's, and what is routine here is not known to be`, engine.subcommand)];
  }
  const evidence = engine.chosenBy ? [...rc.evidence, commandEvidence(engine.chosenBy.why, engine.chosenBy.key, engine.chosenBy.value)] : rc.evidence;
  return then({ ...rc, argv: engine.argv, evidence });
}

async function containerRuntime(rc: RecognisedCommand, runtime: Runtime): Promise<PlannedAction[]> {
  const evidence: Evidence[] = [];
  let sub = rc.argv[1];
  let rest = rc.argv.slice(2);
  if (sub === 'container' && (rest[0] === 'run' || rest[0] === 'exec' || rest[0] === 'create')) { sub = rest[0]; rest = rest.slice(1); }
  // A container created now runs its command, with its mounts, when it is started: judged as run.
  if (sub === 'run' || sub === 'create') return run(rc, runtime, rest, evidence, sub);
  if (sub === 'exec') return exec(rc, runtime, rest, evidence);
  if (sub === 'compose') return compose(rc, `${runtime} compose`, rest);
  if (sub === 'cp' || (sub === 'container' && rest[0] === 'cp')) return copyIntoContainer(rc, runtime, sub === 'cp' ? rest : rest.slice(1), evidence);
  noteImageNames(rc, sub, rest);
  return notARunner(rc);
}

/** What a build, pull, tag or load puts under an image name, for a `docker run` of it later in the line. */
function noteImageNames(rc: RecognisedCommand, sub: string | undefined, rest: readonly string[]): void {
  const [verb, args] = sub === 'image' || sub === 'buildx' || sub === 'builder' ? [rest[0], rest.slice(1)] : [sub, rest];
  const operands = args.filter((a) => !a.startsWith('-'));
  if (verb === 'build' || verb === 'b') noteBuild(rc, args);
  else if (verb === 'pull') forgetImage(rc, operands[0] ?? '$');
  else if (verb === 'tag') forgetImage(rc, operands[1] ?? '$');
  else if (verb === 'load' || verb === 'import') forgetImage(rc, undefined);
}

/** `docker cp SRC CONTAINER:PATH` overwrites files inside a running container (a database's data
 *  folder as easily as a config file), which no one on this machine can see or undo; copying out
 *  (`docker cp CONTAINER:PATH ./here`) only writes here and is routine. */
function copyIntoContainer(rc: RecognisedCommand, runtime: string, argv: readonly string[], evidence: Evidence[]): PlannedAction[] {
  const operands = argv.filter((a) => !a.startsWith('-'));
  const dest = operands.at(-1);
  const inside = dest !== undefined && operands.length >= 2 ? /^([^/:.~][^/:]*):(.*)$/.exec(dest) : null;
  if (!inside) return notARunner(rc);
  const [, container, path] = inside;
  // The container's scratch folder: nothing of the service lives there.
  if (/^\/tmp(\/|$)/.test(path!) && !path!.includes('..')) return notARunner(rc);
  return [makeAction(rc, {
    operation: 'update', verb: 'cp', tool: runtime,
    target: { type: 'container:path', id: `${container}:${path || '/'}` },
    scope: 'resource',
    hints: rc.hints.endpoint ? {} : { endpoint: container! },
    evidence: [...evidence, commandEvidence(`${runtime} cp writes ${operands.slice(0, -1).join(' ')} over ${path || '/'} inside the running container ${container}: what was there is not kept`, 'cp', dest)],
  })];
}

export const dockerCompose: Recogniser = (rc) => onEngine(rc, (local) => compose(local, toolName(local.argv[0]), local.argv.slice(1)));

async function run(rc: RecognisedCommand, runtime: string, argv: readonly string[], evidence: Evidence[], sub: 'run' | 'create'): Promise<PlannedAction[]> {
  const { options, rest } = parseContainerOptions(argv, RUN_VALUED);
  const image = rest[0];
  if (!image) return [cannotFollow(rc, `${runtime} ${sub} without an image`)];
  // `id=$(docker create img) && docker cp $id:/app/dist .`: a container given no command, nothing of the
  // host and no settings only holds the image's files until something starts it.
  if (sub === 'create' && rest.length === 1 && options.entrypoint === undefined && isolated(options)) return [];
  // An image this line built: its Dockerfile says what runs, as for a compose service's build.
  const built = options.entrypoint === undefined && !imageFacts(image) ? builtImage(rc, image) : undefined;
  if (built) {
    const spec = { context: built.context, ...(built.dockerfile ? { dockerfile: built.dockerfile } : {}), ...(built.target ? { target: built.target } : {}) };
    // A command given to an image with no ENTRYPOINT replaces its CMD: what runs is that command, judged as
    // for any image (the Dockerfile adds nothing then).
    const asAnyImage = () => inContainer(rc, `${runtime} ${sub} ${image}`, { ...options, fresh: true }, undefined, image, rest.slice(1), evidence);
    return builtService(rc, `${runtime} ${sub} ${image}`, image, spec, { ...options, fresh: true }, rest.slice(1), evidence, { dir: built.context, envFiles: [] }, asAnyImage);
  }
  return inContainer(rc, `${runtime} ${sub} ${image}`, { ...options, fresh: true }, imageFacts(image), image, rest.slice(1), evidence);
}

async function exec(rc: RecognisedCommand, runtime: string, argv: readonly string[], evidence: Evidence[]): Promise<PlannedAction[]> {
  const { options, rest } = parseContainerOptions(argv, EXEC_VALUED);
  const container = rest[0];
  const inner = rest.slice(1);
  if (!container || !inner.length) return [cannotFollow(rc, `${runtime} exec without a container and command`)];
  const hints = rc.hints.endpoint ? {} : { endpoint: container };
  return judgeInner(rc, inner, options, [...evidence, commandEvidence(`runs inside the running container ${container} (${runtime} exec)`, 'exec', container)], hints, undefined, container);
}

/** The command a container runs, given its image facts and the arguments after the image. */
async function inContainer(rc: RecognisedCommand, how: string, options: ContainerOptions, facts: ImageFacts | undefined, image: string, args: readonly string[], evidence: Evidence[]): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  const ev = [...evidence, commandEvidence(`runs in a container of ${image} (${how.split(' ')[0]})`, 'image', image)];
  out.push(...hostAccess(rc, how, options, facts));
  let command: string[];
  if (options.entrypoint !== undefined) {
    command = [...options.entrypoint.split(/\s+/).filter(Boolean), ...args];
    ev.push(commandEvidence(`--entrypoint ${options.entrypoint} replaces the image's entrypoint`, '--entrypoint', options.entrypoint));
  } else if (facts?.entrypoint) {
    if (facts.argumentsAreServerOptions) return out; // `minio server /data`: the image's server starts
    command = [...facts.entrypoint, ...args];
    ev.push(commandEvidence(`${imageName(image)} runs ${facts.entrypoint.join(' ')} with the arguments given`));
  } else if (args.length) {
    if (facts?.argumentsAreServerOptions || startsServer(facts, args)) return [...out, ...(await serverCommands(rc, facts, args, options, ev))];
    // An image nobody modelled may have an entrypoint of its own that takes these as arguments
    // (`evil.example/amazon/aws-cli s3 rb ...`): only a program Firebreak knows is the command.
    if (!facts && !args[0].includes('/') && !knownProgram(args[0])) {
      return [...out, cannotFollow(rc, `${how}: the image ${image} is not one Firebreak knows, so \`${args[0]}\` may be arguments to an entrypoint nobody has read`, imageName(image))];
    }
    command = facts?.subcommandsOf && !args[0].includes('/') && !SHELLS.has(args[0]) && args[0] !== facts.subcommandsOf ? [facts.subcommandsOf, ...args] : [...args];
  } else {
    if (!facts) {
      return [...out, cannotFollow(rc, `${how}: the image ${image} runs its own default command, which Firebreak has not read`, imageName(image))];
    }
    if (facts.noCommand === 'shell') {
      if (options.interactive && rc.stdin.kind === 'text') return [...out, ...(await rc.nested(rc.stdin.text, { evidence: [...ev, commandEvidence(`script fed to the container's shell on stdin (${rc.stdin.from})`)] }))];
      if (options.interactive && (options.tty || rc.stdin.kind === 'opaque')) {
        return [...out, cannotFollow(rc, `${how}: an interactive shell in the container: what runs there is not visible`, imageName(image))];
      }
    }
    return out; // a local service starts, or the tool prints its help
  }
  return [...out, ...(await judgeInner(rc, command, options, ev, {}))];
}

/** `postgres -c x=1` or `-c x=1` given to the postgres image: its entrypoint script starts the server
 *  with those options (options alone, or the server's own name first, as the official images' scripts do). */
function startsServer(facts: ImageFacts | undefined, args: readonly string[]): boolean {
  return facts?.flagsGoTo !== undefined && args.length > 0 && (args[0].startsWith('-') || (args[0] === facts.flagsGoTo && args.slice(1).every((a, i, rest) => a.startsWith('-') || (rest[i - 1]?.startsWith('-') ?? false))));
}

/** What a server started with `-c name=value` runs as shell for settings that hold a command
 *  (`postgres -c archive_command='rm -rf /host/x'`), judged inside the container. */
async function serverCommands(rc: RecognisedCommand, facts: ImageFacts | undefined, args: readonly string[], options: ContainerOptions, evidence: Evidence[]): Promise<PlannedAction[]> {
  const settings = facts?.commandSettings;
  if (!settings?.length) return [];
  const out: PlannedAction[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const setting = a === '-c' ? args[++i] : a.startsWith('-c') ? a.slice(2) : a.startsWith('--') ? a.slice(2) : undefined;
    const eq = setting?.indexOf('=') ?? -1;
    if (!setting || eq < 0) continue;
    const name = setting.slice(0, eq).replace(/-/g, '_').toLowerCase();
    if (!settings.includes(name)) continue;
    out.push(...(await judgeInner(rc, ['sh', '-c', setting.slice(eq + 1)], options, [...evidence, commandEvidence(`the server runs ${name} as a shell command`, name)], {})));
  }
  return out;
}

/** Judges the command inside the container as shell, with the container's environment. */
async function judgeInner(rc: RecognisedCommand, command: readonly string[], options: ContainerOptions, evidence: Evidence[], hints: { endpoint?: string }, cwd?: string, running?: string): Promise<PlannedAction[]> {
  const env: Record<string, string | undefined> = {};
  for (const file of options.envFiles) Object.assign(env, readEnvFile(rc, file, evidence));
  for (const [k, v] of Object.entries(options.env)) env[k] = v ?? rc.env[k];
  for (const m of options.mounts) for (const s of SENSITIVE_MOUNTS) if (!s.takesHost && s.pattern.test(m.host)) evidence.push(commandEvidence(s.says, '-v', `${m.host}:${m.container}`));
  const text = command.map(quoteWord).join(' ');
  const start = cwd !== undefined ? { cwd } : containerCwd(rc, options);
  const container = containerView(rc, options, start.cwd);
  // A running container whose folder is not a mounted one of this machine: its files are its own.
  const remote = running && !options.fresh && start.cwd === undefined ? { remote: `the running container ${running}` } : {};
  // What runs in the container sees the variables it is given, not the ones this shell set.
  return rc.nested(text, {
    evidence, env, hints, ownEnvironment: true, ...remote,
    ...(options.interactive ? { stdin: rc.stdin } : {}),
    ...start,
    ...(container ? { container } : {}),
  });
}

/** What the command's paths are in a container made for it: its mounts with their host folders
 *  (container-paths.ts). None when the mounts are not all known (`exec` into a running one, `--volumes-from`). */
function containerView(rc: RecognisedCommand, options: ContainerOptions, mappedCwd: string | undefined): ContainerView | undefined {
  if (!options.fresh || options.volumesFrom) return undefined;
  // A container given the host (--privileged, --pid=host, SYS_ADMIN) can mount or enter any of its files.
  if (options.privileged || options.pidHost || options.capabilities.some((c) => c === 'ALL' || c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN')) return undefined;
  const dir = runDirectory(rc);
  const home = rc.env.HOME ?? process.env.HOME;
  const hostOf = (written: string): string | undefined => {
    let w = written;
    const pwd = /^(\$\(pwd\)|\$\{?PWD\}?)(?=\/|$)/.exec(w);
    if (pwd) { if (!dir.ok) return undefined; w = dir.value + w.slice(pwd[0].length); }
    const tilde = /^(~|\$\{?HOME\}?)(?=\/|$)/.exec(w);
    if (tilde) { if (!home) return undefined; w = home + w.slice(tilde[0].length); }
    if (/[$`*?]/.test(w)) return undefined;
    if (w.startsWith('/')) return posix.normalize(w);
    // A bare name is a named volume: its files are the engine's, not a host folder known here.
    if (w !== '.' && !w.includes('/')) return undefined;
    const base = options.mountBase ?? (dir.ok ? dir.value : undefined);
    return base === undefined ? undefined : posix.resolve(base, w);
  };
  const mounts = [...options.mounts, ...options.devices].flatMap((m) => {
    if (!m.container.startsWith('/')) return [];
    const host = hostOf(m.host);
    return [{ container: posix.normalize(m.container).replace(/(.)\/+$/, '$1'), written: m.host, ...(host !== undefined ? { host } : {}) }];
  });
  // A mount whose container side is not a plain path (`-v x:$DIR`) could be anywhere: the mounts are not known.
  if ([...options.mounts, ...options.devices].some((m) => !m.container.startsWith('/') || /[$`]/.test(m.container))) return undefined;
  return { mounts, ...(options.workdir !== undefined ? { workdir: options.workdir } : {}), ...(mappedCwd !== undefined ? { startCwd: mappedCwd } : rc.cwd !== undefined ? { startCwd: rc.cwd } : {}), workdirMounted: mappedCwd !== undefined };
}

/** The workspace directory the container's working directory maps to, when it is mounted. */
function containerCwd(rc: RecognisedCommand, options: ContainerOptions): { cwd?: string } {
  const dir = runDirectory(rc);
  if (!dir.ok) return {};
  const workdir = options.workdir;
  for (const m of options.mounts) {
    const host = /^(\$\(pwd\)|\$\{?PWD\}?|\.|\.\/)$/.test(m.host) ? dir.value : m.host.startsWith('/') ? m.host : undefined;
    if (!host || !workdir) continue;
    if (workdir === m.container || workdir.startsWith(`${m.container.replace(/\/$/, '')}/`)) {
      return { cwd: asCwd(rc, join(host, workdir.slice(m.container.length))) };
    }
  }
  return {};
}

/** Options that give the container the host: unknown whatever runs inside. */
function isolated(o: ContainerOptions): boolean {
  return !o.mounts.length && !o.devices.length && !o.volumesFrom && !o.privileged && !o.pidHost && !o.capabilities.length && !Object.keys(o.env).length && !o.envFiles.length;
}

function hostAccess(rc: RecognisedCommand, how: string, options: ContainerOptions, facts?: ImageFacts): PlannedAction[] {
  const why: string[] = [];
  // An image made to do one known thing with --privileged (register emulators) does that, unless its entrypoint is replaced.
  if (options.privileged && !(facts?.privilegedFor && options.entrypoint === undefined)) why.push('--privileged gives the container full access to the host');
  if (options.pidHost) why.push('--pid=host shares the host process table');
  if (options.capabilities.some((c) => c === 'ALL' || c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN')) why.push(`--cap-add ${options.capabilities.join(',')} gives the container host-level privileges`);
  for (const m of options.mounts) for (const s of SENSITIVE_MOUNTS) if (s.takesHost && s.pattern.test(m.host)) why.push(`${s.says} (-v ${m.host}:${m.container})`);
  return why.map((w) => cannotFollow(rc, `${how}: ${w}`, 'host-access'));
}

function readEnvFile(rc: RecognisedCommand, file: string, evidence: Evidence[]): Record<string, string> {
  const dir = runDirectory(rc);
  const read = dir.ok ? readProjectFile(rc, join(dir.value, file)) : undefined;
  evidence.push(commandEvidence(`environment from ${file}`, '--env-file', file));
  if (!read?.ok) return {};
  const env: Record<string, string> = {};
  for (const line of read.value.text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (m) env[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | null> | string[];
  env_file?: string | string[];
  volumes?: unknown[];
  volumes_from?: unknown[];
  devices?: unknown[];
  privileged?: boolean;
  pid?: string;
  working_dir?: string;
  extends?: unknown;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  post_start?: { command?: string | string[] }[];
  pre_stop?: { command?: string | string[] }[];
}

/** What else the service's container runs besides its command, with the same mounts: its health check
 *  (`CMD`, `CMD-SHELL` or a string) and its lifecycle hooks (`post_start`, `pre_stop`). */
function serviceHooks(service: ComposeService | undefined): { argv: string[]; what: string }[] {
  if (!service) return [];
  const out: { argv: string[]; what: string }[] = [];
  const test = service.healthcheck?.disable === true ? undefined : service.healthcheck?.test;
  if (typeof test === 'string' && test.trim()) out.push({ argv: ['sh', '-c', test], what: 'healthcheck' });
  if (Array.isArray(test) && test.length > 1 && (test[0] === 'CMD' || test[0] === 'CMD-SHELL')) {
    out.push({ argv: test[0] === 'CMD' ? test.slice(1).map(String) : ['sh', '-c', test.slice(1).map(String).join(' ')], what: 'healthcheck' });
  }
  for (const key of ['post_start', 'pre_stop'] as const) {
    const hooks = service[key];
    if (!Array.isArray(hooks)) continue;
    for (const h of hooks) if (h && typeof h === 'object' && h.command !== undefined) out.push({ argv: commandWords(h.command), what: key });
  }
  return out;
}

async function compose(rc: RecognisedCommand, how: string, argv: readonly string[]): Promise<PlannedAction[]> {
  let i = 0;
  const files: string[] = [];
  const envFiles: string[] = [];
  let projectDir: string | undefined;
  let projectName: string | undefined;
  while (i < argv.length && argv[i].startsWith('-')) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : COMPOSE_GLOBAL_VALUED.has(a) ? argv[++i] : undefined;
    if ((name === '-f' || name === '--file') && value) files.push(value);
    if (name === '--project-directory' && value) projectDir = value;
    if (name === '--env-file' && value) envFiles.push(value);
    if (PROJECT_NAME_OPTIONS.includes(name)) projectName = value ?? '';
    // `-pprod`: the short option with its value attached.
    else if (/^-p./.test(a)) projectName = a.slice(2).replace(/^=/, '');
    if (name === '--dry-run') return [];
    i++;
  }
  const sub = argv[i];
  const rest = argv.slice(i + 1);
  if (!sub || COMPOSE_LOCAL.has(sub)) return [];
  if (sub === 'down' || sub === 'rm') {
    const removesVolumes = rest.some((a) => a === '-v' || a.startsWith('--volumes') || /^-[a-z]*v/.test(a));
    if (!removesVolumes) return [];
    // Scratch when the stack is the workspace's own and keeps nothing -v deletes that `down` keeps
    // (knowledge/compose-volumes.ts).
    const project = readCompose(rc, files, projectDir, envFiles);
    const scratch = project.ok ? composeVolumesAreScratch(rc, project, { ...(projectName !== undefined ? { projectName } : {}), envFiles }, imageName) : { ok: false as const, why: project.why };
    return scratch.ok ? [] : [cannotFollow(rc, `${how} ${sub} ${rest.join(' ')}: removes the project's volumes, and the data in them (${scratch.why})`, sub)];
  }
  if (sub !== 'run' && sub !== 'exec' && sub !== 'up' && sub !== 'start' && sub !== 'restart' && sub !== 'create') {
    return [cannotFollow(rc, `${how} ${sub} is not a subcommand Firebreak recognises`, sub)];
  }
  const project = readCompose(rc, files, projectDir, envFiles);
  if (sub === 'exec' || sub === 'run') {
    const { options, rest: after } = parseContainerOptions(rest, sub === 'exec' ? EXEC_VALUED : COMPOSE_RUN_VALUED);
    const name = after[0];
    const inner = after.slice(1);
    if (!name) return [cannotFollow(rc, `${how} ${sub} without a service`)];
    const service = project.ok ? project.services[name] : undefined;
    const evidence = [commandEvidence(`runs in the ${name} service (${how} ${sub})`, 'service', name)];
    if (sub === 'exec') {
      if (!inner.length) return [cannotFollow(rc, `${how} exec ${name} without a command`)];
      return judgeInner(rc, inner, { ...withService(options, service) }, evidence, rc.hints.endpoint ? {} : { endpoint: name }, undefined, `of service ${name}`);
    }
    if (!project.ok && !inner.length) return project.missing ? [] : [cannotFollow(rc, `${how} run ${name}: ${project.why}`, name)];
    // A one-off container made from the service's definition: its volumes are all there is of the host.
    // (`up` may start the container an earlier `up` made, whose own files are not fresh.) Without the
    // service's definition in hand (a compose file Firebreak cannot read, outside the workspace, in a
    // parent folder compose also searches), its volumes are not known: its paths are the host's.
    const known = project.ok && service !== undefined;
    return runService(rc, `${how} run ${name}`, name, service, { ...withService(options, service), ...(known ? { fresh: true } : {}) }, inner, evidence, project.ok ? { dir: project.dir, envFiles } : undefined);
  }
  // No compose file: compose stops with an error before it starts anything.
  if (!project.ok) return project.missing ? [] : [cannotFollow(rc, `${how} ${sub}: ${project.why}`, sub)];
  // up / start / restart / create: every named service (or all) starts its command.
  if (sub === 'create') return [];
  const named = rest.filter((a, k) => !a.startsWith('-') && !COMPOSE_UP_VALUED.has(rest[k - 1] ?? ''));
  const out: PlannedAction[] = [];
  // A service named at run time (`start ${service}`) is one of the project's: every one is judged.
  const unresolved = named.filter((n) => /[$`]/.test(n));
  const names = [...new Set([...named.filter((n) => !unresolved.includes(n)), ...(unresolved.length ? Object.keys(project.services) : [])])];
  for (const name of named.length ? names : Object.keys(project.services)) {
    const service = project.services[name];
    if (!service) { out.push(cannotFollow(rc, `${how} ${sub}: no service ${name} in ${project.file}`, name)); continue; }
    const because = unresolved.length ? [commandEvidence(`the service ${unresolved.join(' ')} is named at run time: every service of ${project.file} is judged`)] : [];
    out.push(...(await runService(rc, `${how} ${sub} ${name}`, name, service, withService(emptyOptions(), service), [], [commandEvidence(`service ${name} of ${project.file}`, 'service', name), ...because], { dir: project.dir, envFiles })));
  }
  return out;
}

function emptyOptions(): ContainerOptions {
  return { env: {}, envFiles: [], mounts: [], devices: [], interactive: false, tty: false, privileged: false, pidHost: false, capabilities: [] };
}

/** A compose service's settings under the command line's. */
function withService(options: ContainerOptions, service: ComposeService | undefined): ContainerOptions {
  if (!service) return options;
  const env: Record<string, string | undefined> = {};
  if (Array.isArray(service.environment)) {
    for (const kv of service.environment) { const eq = String(kv).indexOf('='); if (eq > 0) env[String(kv).slice(0, eq)] = String(kv).slice(eq + 1); else env[String(kv)] = undefined; }
  } else if (service.environment && typeof service.environment === 'object') {
    for (const [k, v] of Object.entries(service.environment)) env[k] = v === null ? undefined : String(v);
  }
  const mounts = (service.volumes ?? []).flatMap((v) => {
    if (typeof v === 'string') { const [host = '', container = ''] = v.split(':'); return container ? [{ host, container }] : []; }
    if (v && typeof v === 'object') { const o = v as { source?: string; target?: string }; return o.source && o.target ? [{ host: o.source, container: o.target }] : []; }
    return [];
  });
  const devices = (service.devices ?? []).flatMap((d) => {
    if (typeof d === 'string') { const [host = '', container = host] = d.split(':'); return host ? [{ host, container }] : []; }
    if (d && typeof d === 'object') { const o = d as { source?: string; target?: string }; return o.source ? [{ host: o.source, container: o.target ?? o.source }] : []; }
    return [];
  });
  const envFiles = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file.map(String) : [String(service.env_file)];
  return {
    ...options,
    env: { ...env, ...options.env },
    envFiles: [...envFiles, ...options.envFiles],
    mounts: [...mounts, ...options.mounts],
    devices: [...devices, ...options.devices],
    ...(options.volumesFrom || service.volumes_from?.length ? { volumesFrom: true } : {}),
    privileged: options.privileged || service.privileged === true,
    pidHost: options.pidHost || service.pid === 'host',
    ...(options.workdir ?? service.working_dir ? { workdir: options.workdir ?? service.working_dir } : {}),
    ...(options.entrypoint !== undefined ? { entrypoint: options.entrypoint } : {}),
  };
}

async function runService(rc: RecognisedCommand, how: string, name: string, service: ComposeService | undefined, given: ContainerOptions, args: readonly string[], evidence: Evidence[], project?: { dir: string; envFiles: string[] }): Promise<PlannedAction[]> {
  const options: ContainerOptions = { ...given, ...(project ? { mountBase: project.dir } : {}) };
  const hooks: PlannedAction[] = [];
  for (const hook of serviceHooks(service)) hooks.push(...(await judgeInner(rc, hook.argv, options, [...evidence, commandEvidence(`the service's ${hook.what} runs in its container`, hook.what)], {})));
  return [...hooks, ...(await serviceCommand(rc, how, name, service, options, args, evidence, project))];
}

async function serviceCommand(rc: RecognisedCommand, how: string, name: string, service: ComposeService | undefined, options: ContainerOptions, args: readonly string[], evidence: Evidence[], project?: { dir: string; envFiles: string[] }): Promise<PlannedAction[]> {
  const entrypoint = options.entrypoint !== undefined ? undefined : service?.entrypoint;
  const command = args.length ? [...args] : service?.command === undefined ? [] : commandWords(service.command);
  if (entrypoint !== undefined) {
    return [...hostAccess(rc, how, options), ...(await judgeInner(rc, [...commandWords(entrypoint), ...command], options, evidence, {}))];
  }
  const image = service?.image ?? (service?.build !== undefined ? `(built from the project for ${name})` : name);
  const facts = service?.image ? imageFacts(service.image) : undefined;
  if (service?.build !== undefined && !facts) return builtService(rc, how, name, service.build, options, command, evidence, project);
  return inContainer(rc, how, options, facts, image, command, evidence);
}

/** `command: [npm, test]` is argv; `command: postgres -c x=1` is split into words as a shell would, but
 *  no shell runs it (the Compose specification's string form). A string with anything a shell would
 *  do more with (operators, expansions, escapes) is judged as shell text: what is judged then covers
 *  more than what runs, never less. */
function commandWords(c: string | string[]): string[] {
  if (Array.isArray(c)) return c.map(String);
  if (!/^[^|&;<>()$`\\*?[\]{}~#!\n]*$/.test(c)) return ['sh', '-c', c];
  const words: string[] = [];
  for (const m of c.matchAll(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g)) words.push(m[0].replace(/'([^']*)'|"([^"]*)"/g, (_all, a?: string, b?: string) => a ?? b ?? ''));
  // An unclosed quote: not a list of words.
  return /^(?:[^'"]|'[^']*'|"[^"]*")*$/.test(c) ? words : ['sh', '-c', c];
}

function readCompose(rc: RecognisedCommand, given: readonly string[], projectDir: string | undefined, envFiles: readonly string[]): ({ ok: true; services: Record<string, ComposeService>; file: string } & ComposeProjectFiles) | { ok: false; why: string; missing?: boolean } {
  const dir = runDirectory(rc, projectDir);
  if (!dir.ok) return dir;
  const chosen = given.length ? { files: given } : composeFileVariable(rc, dir.value, envFiles);
  if ('why' in chosen) return { ok: false, why: chosen.why };
  const files = chosen.files;
  const paths = files.length ? files.map((f) => join(dir.value, f)) : [firstExisting(rc, dir.value, ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'])].filter((p): p is string => !!p);
  if (!paths.length) return { ok: false, why: `there is no compose file in ${asCwd(rc, dir.value)}`, missing: true };
  if (!files.length) {
    const override = firstExisting(rc, dir.value, ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml']);
    if (override) paths.push(override);
  }
  const services: Record<string, ComposeService> = {};
  const volumes: Record<string, unknown> = {};
  let volumesMalformed = false;
  let name: unknown;
  let shown = '';
  for (const path of paths) {
    const read = readProjectFile(rc, path);
    if (!read.ok) return read;
    shown ||= read.value.shown;
    let doc: unknown;
    try {
      doc = parseYaml(read.value.text);
    } catch (e) {
      return { ok: false, why: `${read.value.shown} is not valid YAML (${(e as Error).message.split('\n')[0]})` };
    }
    // Services (and their volumes) from files Firebreak does not read here.
    if (doc && typeof doc === 'object' && (doc as { include?: unknown }).include !== undefined) return { ok: false, why: `${read.value.shown} includes other compose files, whose services are not read` };
    const top = doc && typeof doc === 'object' ? doc as { volumes?: unknown; name?: unknown } : {};
    if (top.name !== undefined) name = top.name;
    if (top.volumes !== undefined && top.volumes !== null) {
      if (typeof top.volumes === 'object' && !Array.isArray(top.volumes)) Object.assign(volumes, top.volumes);
      else volumesMalformed = true;
    }
    const s = doc && typeof doc === 'object' ? (doc as { services?: unknown }).services : undefined;
    if (s && typeof s === 'object') {
      for (const [name, value] of Object.entries(s as Record<string, unknown>)) {
        if (value && typeof value === 'object') services[name] = { ...(services[name] ?? {}), ...(value as ComposeService) };
      }
    }
  }
  return { ok: true, services: withExtends(services), file: shown, dir: projectDir !== undefined ? dir.value : dirname(paths[0]), paths, volumes,
    ...(volumesMalformed ? { volumesMalformed } : {}), ...(name !== undefined ? { name } : {}) };
}

/** COMPOSE_FILE (the line's, the project's .env or an --env-file, or the environment's) names the files
 *  compose reads when no -f does; one computed at run time is not known. */
function composeFileVariable(rc: RecognisedCommand, dir: string, envFiles: readonly string[]): { files: string[] } | { why: string } {
  let value = Object.hasOwn(rc.env, 'COMPOSE_FILE') ? rc.env.COMPOSE_FILE : undefined;
  const here = runDirectory(rc);
  for (const file of [...envFiles.map((f) => join(here.ok ? here.value : dir, f)), join(dir, '.env')]) {
    if (value !== undefined) break;
    const read = readProjectFile(rc, file);
    if (read.ok) value = envFileValues(read.value.text).COMPOSE_FILE;
  }
  value ??= process.env.COMPOSE_FILE;
  if (value === undefined || value === '') return { files: [] };
  if (/[$`]/.test(value)) return { why: `COMPOSE_FILE=${value} names compose files known only when it runs` };
  const separator = (Object.hasOwn(rc.env, 'COMPOSE_PATH_SEPARATOR') ? rc.env.COMPOSE_PATH_SEPARATOR : process.env.COMPOSE_PATH_SEPARATOR) || ':';
  return { files: value.split(separator).filter(Boolean) };
}

/** A service that `extends` another of the same file takes its settings under its own; one extending a
 *  service in another file (or one not there) is left out: its volumes and command are not known. */
function withExtends(services: Record<string, ComposeService>): Record<string, ComposeService> {
  const resolved: Record<string, ComposeService> = {};
  const resolve = (name: string, depth: number): ComposeService | undefined => {
    const service = services[name];
    if (!service || depth > 8) return undefined;
    if (service.extends === undefined) return service;
    const base = typeof service.extends === 'string' ? service.extends
      : service.extends && typeof service.extends === 'object' && !('file' in service.extends) ? (service.extends as { service?: unknown }).service : undefined;
    const from = typeof base === 'string' ? resolve(base, depth + 1) : undefined;
    if (!from) return undefined;
    const { extends: _, ...own } = service;
    const merged: ComposeService = { ...from, ...own };
    for (const key of ['volumes', 'devices', 'volumes_from', 'env_file'] as const) {
      const list = [from[key], own[key]].flatMap((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
      if (list.length) (merged as Record<string, unknown>)[key] = list;
    }
    return merged;
  };
  for (const name of Object.keys(services)) {
    const service = resolve(name, 0);
    if (service) resolved[name] = service;
  }
  return resolved;
}

/**
 * A compose service built from the project's Dockerfile: its command is the Dockerfile's
 * ENTRYPOINT and CMD (recognisers/dockerfile.ts), judged inside the container like a given one.
 * Where WORKDIR holds a plain copy of a workspace folder, paths resolve there; otherwise only a
 * command that names no file of the image is judged, and the rest stays unknown.
 */
async function builtService(rc: RecognisedCommand, how: string, name: string, build: unknown, options: ContainerOptions, args: readonly string[], evidence: Evidence[], project: { dir: string; envFiles: string[] } | undefined,
  givenCommand?: () => Promise<PlannedAction[]>): Promise<PlannedAction[]> {
  const host = hostAccess(rc, how, options);
  const unread = (why: string) => [...host, cannotFollow(rc, `${how}: the service runs an image built from the project's Dockerfile, and ${why}`, name)];
  if (!project) return unread('the compose project is not known');
  const env: Record<string, string | undefined> = {};
  for (const file of project.envFiles.length ? project.envFiles : ['.env']) {
    const read = readProjectFile(rc, join(project.dir, file));
    if (read.ok) Object.assign(env, envFileValues(read.value.text));
    else if (project.envFiles.length) return unread(`its environment file ${file} cannot be read (${read.why})`);
  }
  for (const [k, v] of Object.entries(rc.env)) if (v !== undefined) env[k] = v;
  const built = composeBuildCommand(build, project.dir, env, (path) => readProjectFile(rc, path));
  if (!built.ok) return unread(built.why);
  const image = built.value;
  if (givenCommand && args.length && image.entrypoint === undefined) return givenCommand();
  const ev = [...evidence, commandEvidence(`the image is built from the project's Dockerfile${image.where ? ` (${image.where})` : ''}, FROM ${image.base}`, 'build', image.where ?? image.base)];
  const withWorkdir = { ...options, ...(options.workdir ?? image.workdir ? { workdir: options.workdir ?? image.workdir } : {}) };
  const given = args.length ? args : image.cmd ?? [];
  let command: string[];
  if (image.entrypoint !== undefined) command = [...image.entrypoint, ...given];
  else {
    // The entrypoint is the base image's: only one Firebreak knows says what the command is given to.
    const base = imageFacts(image.base);
    if (!base) return unread(`it is built FROM ${image.base}, an image Firebreak does not know, whose entrypoint may take the command as arguments`);
    // No command (the base image's service, shell or help), or server options: as the base image runs them.
    if (!given.length || base.argumentsAreServerOptions || startsServer(base, given)) return inContainer(rc, how, withWorkdir, base, image.base, given, ev);
    command = [...(base.entrypoint ?? (base.subcommandsOf && !given[0].includes('/') && !SHELLS.has(given[0]) && given[0] !== base.subcommandsOf ? [base.subcommandsOf] : [])), ...given];
  }
  if (!command.length) return host;
  const envConcern = serviceEnvConcern(options);
  if (envConcern) return unread(envConcern);
  const mounted = containerCwd(rc, withWorkdir).cwd;
  // A mount below WORKDIR puts other files among the copied ones: the copy no longer says what is there.
  const overlaid = withWorkdir.workdir !== undefined && withWorkdir.mounts.some((m) => m.container.replace(/\/+$/, '').startsWith(`${withWorkdir.workdir!.replace(/\/+$/, '')}/`));
  const copied = image.workdirFrom !== undefined && built.context !== undefined && !overlaid ? asCwd(rc, join(built.context, image.workdirFrom)) : undefined;
  const cwd = mounted ?? copied;
  if (cwd === undefined) {
    const concern = unmappedCommandConcern(command, !image.copiesFiles);
    if (concern) return unread(`${concern} (its WORKDIR ${image.workdir ?? '/'} is not a plain copy of a workspace folder, so the files there are not known)`);
  }
  ev.push(commandEvidence(`the image's command is ${command.join(' ')}`, 'command', command.join(' ')));
  return [...host, ...(await judgeInner(rc, command, withWorkdir, ev, {}, cwd))];
}

/** The service's own environment points what runs at an account, a cluster or a credential. */
function serviceEnvConcern(options: ContainerOptions): string | undefined {
  return containerEnvConcern(Object.keys(options.env));
}
