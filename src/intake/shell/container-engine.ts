// The engine a container command runs on (facts in knowledge/container-engines.ts). docker takes the
// first of: `-H`/`--host`, `--context`, DOCKER_HOST, DOCKER_CONTEXT, the context `docker context use`
// chose earlier in the line, its configuration's `currentContext`; a context's address is in
// <config>/contexts/meta/<sha256(name)>/meta.json. Only an address on this machine (a unix socket)
// is this machine's engine; a context or connection whose address cannot be read is not.
// Variables come from the line, else from the agent's own environment (the judge's process).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { COMPOSE_GLOBAL_VALUED, COMPOSE_RUN_VALUED, CONTAINER_ENGINES, EXEC_VALUED, LOCAL_ENGINE_ADDRESS, RUN_VALUED, type EngineFacts } from '../../knowledge/container-engines.js';
import { toolName } from './command.js';

/** What the line chose for later commands: `docker context use NAME`, contexts it created or changed
 *  (`docker context create|update|import`), `podman system connection default NAME`. These write the CLI's
 *  configuration, so they hold for the rest of the line, subshells and `sh -c` text included: kept by the
 *  map of files the line writes, which every command of the line shares (as moves.ts does). */
interface LineChoices { usedContext?: string; edited: Set<string>; usedConnection?: string; assigned?: Record<string, string | undefined> }
const CHOICES = new WeakMap<Map<string, string>, LineChoices>();

type Env = Readonly<Record<string, string | undefined>>;

export interface Engine {
  /** The command without the engine's global options: `[docker, rm, -f, db]`. */
  argv: string[];
  /** Its subcommand (`rm`), when there is one. */
  subcommand?: string;
  /** Why the engine is not (or not known to be) this machine's; undefined when it is. */
  elsewhere?: { why: string; key: string; value: string };
  /** What chose this machine's engine, when something other than the default did (`--context colima`). */
  chosenBy?: { why: string; key: string; value: string };
}

export function isContainerEngine(program: string): boolean {
  return Object.hasOwn(CONTAINER_ENGINES, program);
}

/** A variable as the command sees it: the line's value (or its `unset`); else one set where the walk keeps no
 *  value for later commands (a sourced file, a subshell, a function), taken as set; else the agent's environment. */
function variable(env: Env, name: string, chosen: LineChoices | undefined): string | undefined {
  if (Object.hasOwn(env, name)) return env[name];
  if (chosen?.assigned && Object.hasOwn(chosen.assigned, name)) return chosen.assigned[name];
  return process.env[name];
}

const ENGINE_VARIABLES = new Set(Object.values(CONTAINER_ENGINES).flatMap((f) => [...f.hostVariables, ...f.contextVariables, ...(f.configVariable ? [f.configVariable] : [])]));

/** Engine variables assigned anywhere in the line (`. ./prod.env` holding `DOCKER_HOST=ssh://prod`), with the
 *  value the shell now holds (`env`): the names come from `assigned`. */
export function noteEngineVariables(env: Env, assigned: Readonly<Record<string, unknown>>, files: Map<string, string>): void {
  for (const name of Object.keys(assigned)) {
    if (!ENGINE_VARIABLES.has(name)) continue;
    const value = env[name];
    let c = CHOICES.get(files);
    if (!c) CHOICES.set(files, (c = { edited: new Set() }));
    (c.assigned ??= {})[name] = value;
  }
}

/** `export $(cat prod.env)`, `export $VARS`: names the line does not show are exported, an engine's
 *  variables among them as far as anyone can tell here. */
export function noteComputedExports(words: readonly string[], files: Map<string, string>): void {
  const computed = words.find((w) => !w.startsWith('-') && !/^[A-Za-z_][A-Za-z0-9_]*(=|$)/.test(w));
  if (computed === undefined) return;
  let c = CHOICES.get(files);
  if (!c) CHOICES.set(files, (c = { edited: new Set() }));
  for (const name of ENGINE_VARIABLES) (c.assigned ??= {})[name] = computed;
}

/** Splits the global options off; undefined when one is not known (where the subcommand starts is then not known). */
function globalOptions(facts: EngineFacts, args: readonly string[]): { options: [string, string | undefined][]; rest: string[] } | undefined {
  const options: [string, string | undefined][] = [];
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    const eq = a.indexOf('=');
    if (a.startsWith('--')) {
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (facts.valued.includes(name)) options.push([name, eq > 0 ? a.slice(eq + 1) : args[++i]]);
      else if (facts.flags.includes(name)) options.push([name, eq > 0 ? a.slice(eq + 1) : undefined]);
      else return undefined;
      continue;
    }
    // Short options, clustered as pflag reads them: `-Dc prod`, `-Htcp://x`, `-c=prod`.
    for (let j = 1; j < a.length; j++) {
      const name = `-${a[j]}`;
      if (facts.valued.includes(name)) {
        const inline = a.slice(j + 1).replace(/^=/, '');
        options.push([name, inline || args[++i]]);
        break;
      }
      if (!facts.flags.includes(name)) return undefined;
      options.push([name, undefined]);
    }
  }
  return { options, rest: args.slice(i) };
}

function isLocalAddress(facts: EngineFacts, address: string): boolean {
  if (LOCAL_ENGINE_ADDRESS.test(address)) return true;
  return facts.bareAddressIsSocket === true && /^\/[^\s$`]*$/.test(address);
}

const at = (why: string, key: string, value: string) => ({ why, key, value });

/** The engine a container CLI's command runs on, and the command without the options that chose it. */
export function containerEngine(argv: readonly string[], env: Env, where: { workspace?: string; cwd?: string }, files: Map<string, string>): Engine {
  // Relative configuration folders are found from where the command runs (`cd /tmp && DOCKER_CONFIG=. docker ...`).
  const workspace = where.cwd === undefined ? where.workspace : /[$`~]/.test(where.cwd) ? '$UNKNOWN' : resolve(where.workspace ?? process.cwd(), where.cwd);
  const writtenFiles = [...files.keys()];
  const chosen = CHOICES.get(files);
  const program = toolName(argv[0] ?? '');
  const facts = CONTAINER_ENGINES[program];
  if (!facts) return { argv: [...argv] };
  const parsed = globalOptions(facts, argv.slice(1));
  if (!parsed) return { argv: [...argv], elsewhere: at(`${program} is given a global option Firebreak does not know, so which engine it runs on is not known`, 'option', argv.slice(1).find((a) => a.startsWith('-')) ?? '') };
  // The standalone compose programs read their own options (runners/containers.ts): only the engine's are told here.
  // With no subcommand left (`docker --help`, `docker -v`), the command is kept as written.
  const rest = program.endsWith('-compose') || !parsed.rest.length ? argv.slice(1) : parsed.rest;
  const subcommand = (program.endsWith('-compose') ? parsed.rest : rest).find((a) => !a.startsWith('-'));
  const out = (e: Omit<Engine, 'argv'>): Engine => ({ argv: [argv[0], ...rest], ...(subcommand ? { subcommand } : {}), ...e });
  const last = (names: readonly string[]) => parsed.options.filter(([n]) => names.includes(n)).at(-1);

  const host = last(facts.hostOptions);
  const context = last(facts.contextOptions);
  if (host && context) return out({ elsewhere: at(`${program} is given both ${host[0]} and ${context[0]}`, host[0], host[1] ?? '') });
  if (host) return byAddress(facts, program, host[1] ?? '', `${host[0]} ${host[1] ?? ''}`, host[0], out);
  if (context) return byContext(facts, program, context[1] ?? '', `${context[0]} ${context[1] ?? ''}`, context[0], chosen, env, parsed.options, workspace, writtenFiles, out);
  const remote = last(facts.remoteFlags);
  if (remote) return out({ elsewhere: at(`${program} ${remote[0]} runs the command on the engine of a configured connection, not this machine's`, remote[0], 'true') });
  for (const name of facts.hostVariables) {
    const value = variable(env, name, chosen);
    if (value) return byAddress(facts, program, value, `${name}=${value}`, name, out);
  }
  for (const name of facts.contextVariables) {
    const value = variable(env, name, chosen);
    if (value) return byContext(facts, program, value, `${name}=${value}`, name, chosen, env, parsed.options, workspace, writtenFiles, out);
  }
  if (program === 'docker' || program === 'docker-compose') {
    const used = chosen?.usedContext;
    if (used !== undefined) return byContext(facts, program, used, `\`docker context use ${used}\` earlier in the line`, 'context use', chosen, env, parsed.options, workspace, writtenFiles, out);
    const current = currentContext(facts, env, chosen, parsed.options, workspace, writtenFiles);
    if (current.unknown) return out({ elsewhere: at(current.unknown, 'currentContext', '') });
    if (current.name) return byContext(facts, program, current.name, `the current context ${current.name} (${current.file})`, 'currentContext', chosen, env, parsed.options, workspace, writtenFiles, out);
  }
  if (program === 'podman' && chosen?.usedConnection !== undefined) {
    return out({ elsewhere: at(`\`podman system connection default ${chosen.usedConnection}\` earlier in the line sends podman to that connection's engine`, 'connection', chosen.usedConnection) });
  }
  return out({});
}

function byAddress(facts: EngineFacts, program: string, address: string, how: string, key: string, out: (e: Omit<Engine, 'argv'>) => Engine): Engine {
  if (isLocalAddress(facts, address)) return out({ chosenBy: at(`${how}: a socket on this machine`, key, address) });
  return out({ elsewhere: at(`${how}: ${program} runs the command on the engine at ${address || 'an address not known here'}, not this machine's`, key, address) });
}

function byContext(facts: EngineFacts, program: string, name: string, how: string, key: string, chosen: LineChoices | undefined, env: Env, options: [string, string | undefined][], workspace: string | undefined, written: Iterable<string>, out: (e: Omit<Engine, 'argv'>) => Engine): Engine {
  if (facts.builtinContexts.includes(name)) {
    // docker's `default` context is DOCKER_HOST when that is set, else the local socket.
    const host = facts.hostVariables.map((v) => variable(env, v, chosen)).find(Boolean);
    return host ? byAddress(facts, program, host, `${how} (DOCKER_HOST=${host})`, key, out) : out({});
  }
  if (!facts.configVariable || /[$`]/.test(name) || !name) {
    return out({ elsewhere: at(`${how}: ${program} runs the command on the engine of ${name ? `the connection ${name}` : 'a connection not known here'}, not known to be this machine's`, key, name) });
  }
  if (chosen?.edited.has(name)) return out({ elsewhere: at(`${how}: the line creates or changes the context ${name}, so where it points is not known`, key, name) });
  const dir = configDir(facts, env, chosen, options, workspace);
  if (dir.unknown || touched(dir.path, written, workspace)) return out({ elsewhere: at(`${how}: docker's configuration ${dir.unknown ? 'is in a folder not known here' : `in ${dir.path} is written by the line`}, so where the context points is not known`, key, name) });
  const meta = join(dir.path, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
  let address: unknown;
  try {
    address = (JSON.parse(readFileSync(meta, 'utf8')) as { Endpoints?: { docker?: { Host?: unknown } } }).Endpoints?.docker?.Host;
  } catch {
    return out({ elsewhere: at(`${how}: the context ${name} is not in docker's configuration on this machine (${meta}), so where it points is not known`, key, name) });
  }
  if (typeof address !== 'string') return out({ elsewhere: at(`${how}: the context ${name} names no docker endpoint`, key, name) });
  return byAddress(facts, program, address, `${how}, whose endpoint is ${address}`, key, out);
}

/** docker's configuration folder: `--config`, DOCKER_CONFIG, else ~/.docker (the line's HOME, else the agent's). */
function configDir(facts: EngineFacts, env: Env, chosen: LineChoices | undefined, options: [string, string | undefined][], workspace: string | undefined): { path: string; unknown?: boolean } {
  const given = options.filter(([n]) => n === facts.configOption).at(-1)?.[1] ?? (facts.configVariable ? variable(env, facts.configVariable, chosen) : undefined);
  const home = variable(env, 'HOME', undefined) || homedir();
  const raw = given ?? join(home, '.docker');
  const path = raw.replace(/^~(?=\/|$)/, home);
  if (/[$`*?]/.test(path) || (!isAbsolute(path) && workspace?.includes('$'))) return { path, unknown: true };
  return { path: isAbsolute(path) ? path : resolve(workspace ?? process.cwd(), path) };
}

/** A file the line wrote earlier inside docker's configuration (a config.json naming a context, a context's meta.json). */
function touched(dir: string, written: Iterable<string>, workspace: string | undefined): boolean {
  const home = process.env.HOME ?? homedir();
  for (const file of written) {
    if (/(^|\/)\.docker(\/|$)|contexts\/meta|(^|\/)config\.json$/.test(file)) return true;
    const path = file.replace(/^~(?=\/)/, home);
    if (!/[$`]/.test(path) && resolve(workspace ?? process.cwd(), path).startsWith(`${dir}/`)) return true;
  }
  return false;
}

function currentContext(facts: EngineFacts, env: Env, chosen: LineChoices | undefined, options: [string, string | undefined][], workspace: string | undefined, written: Iterable<string>): { name?: string; file?: string; unknown?: string } {
  const dir = configDir(facts, env, chosen, options, workspace);
  if (dir.unknown) return { unknown: `docker's configuration is in a folder not known here (${dir.path}), so which context is current is not known` };
  if (touched(dir.path, written, workspace)) return { unknown: `the line writes docker's configuration in ${dir.path}, so which context is current is not known` };
  const file = join(dir.path, 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return {}; // no configuration: the default context
  }
  try {
    const current = (JSON.parse(text) as { currentContext?: unknown }).currentContext;
    return typeof current === 'string' && current ? { name: current, file } : {};
  } catch {
    return { unknown: `docker's configuration ${file} cannot be read as JSON, so which context is current is not known` };
  }
}

/** Whether the command only reads, whichever engine it asks (`docker ps`, `docker container ls`, `docker compose logs`). */
export function isEngineRead(argv: readonly string[]): boolean {
  const program = toolName(argv[0] ?? '');
  const facts = CONTAINER_ENGINES[program];
  if (!facts) return false;
  const words = argv.slice(1);
  if (words.length === 0 || words.every((w) => ['-h', '--help', '-v', '--version'].includes(w))) return true;
  const sub = words[0];
  if (program.endsWith('-compose')) {
    const parsed = globalOptions(facts, words);
    return parsed !== undefined && (parsed.rest.length === 0 || facts.reads.includes(parsed.rest[0]));
  }
  if (sub === 'compose') return isEngineRead(['docker-compose', ...words.slice(1)]);
  if (facts.groups.includes(sub)) {
    const action = words.slice(1).find((w) => !w.startsWith('-'));
    return action === undefined || facts.groupReads.includes(action) || words.includes('--help');
  }
  return facts.reads.includes(sub) || words.includes('--help');
}

/** What a container command tells about later commands in the line (walk.ts trackState): `docker context use
 *  NAME`, `docker context create|update|import NAME`, `podman system connection default NAME`. */
export function trackEngineChoice(argv: readonly string[], files: Map<string, string>): void {
  const program = toolName(argv[0] ?? '');
  const facts = CONTAINER_ENGINES[program];
  if (!facts) return;
  const rest = globalOptions(facts, argv.slice(1))?.rest ?? argv.slice(1);
  const words = rest.filter((w) => !w.startsWith('-'));
  const choices = () => {
    let c = CHOICES.get(files);
    if (!c) CHOICES.set(files, (c = { edited: new Set() }));
    return c;
  };
  if (program === 'docker' && words[0] === 'context') {
    if (words[1] === 'use' && words[2]) choices().usedContext = words[2];
    // The name is the first operand; an option's value may come first (`create --docker host=x prod`): all are counted.
    if (['create', 'update', 'import'].includes(words[1] ?? '')) for (const w of words.slice(2)) choices().edited.add(w);
  }
  if (program === 'podman' && words[0] === 'system' && words[1] === 'connection' && words[2] === 'default' && words[3]) choices().usedConnection = words[3];
}

/** Where the command run inside the container starts in `docker run IMAGE CMD...`, `exec C CMD...`, `compose run|exec SVC CMD...`:
 *  those words are walked as the container's own command (runners/containers.ts), not as the engine's arguments. */
export function innerCommandAt(argv: readonly string[]): number | undefined {
  const program = toolName(argv[0] ?? '');
  const facts = CONTAINER_ENGINES[program];
  if (!facts) return undefined;
  const global = globalOptions(facts, argv.slice(1));
  if (!global) return undefined;
  let i = argv.length - global.rest.length;
  const skip = (valued: ReadonlySet<string>) => {
    for (; i < argv.length; i++) {
      const a = argv[i];
      if (a === '--') return i + 1;
      if (!a.startsWith('-') || a === '-') return i;
      if (valued.has(a)) i++;
      // A cluster (`-itv x`) ends with the letter that takes the next word.
      else if (!a.startsWith('--') && a.length > 2 && [...a.slice(1)].findIndex((c) => valued.has(`-${c}`)) === a.length - 2) i++;
    }
    return i;
  };
  if (program.endsWith('-compose') || argv[i] === 'compose') {
    if (argv[i] === 'compose') i++;
    i = skip(COMPOSE_GLOBAL_VALUED);
  }
  if (argv[i] === 'container') i++;
  const sub = argv[i++];
  const valued = sub === 'run' || sub === 'create' ? (program.endsWith('-compose') || argv.includes('compose') ? COMPOSE_RUN_VALUED : RUN_VALUED) : sub === 'exec' ? EXEC_VALUED : undefined;
  if (!valued) return undefined;
  const at = skip(valued) + 1; // the image, container or service, then the command
  return at <= argv.length ? at : undefined;
}
