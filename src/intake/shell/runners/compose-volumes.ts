// Whether `docker compose down --volumes` / `rm -v` deletes only scratch: facts and reasoning in
// src/knowledge/compose-volumes.ts. The volumes are scratch when every compose file is read and is
// the workspace's, the project is the one those files make (no -p, COMPOSE_PROJECT_NAME or `name:`
// pointing at another stack's containers), no non-external named volume is declared, and every
// database service either has its data folder bind-mounted or is seeded from the workspace.
import { isAbsolute, posix, resolve } from 'node:path';
import { DATABASE_IMAGES, PROJECT_NAME_VARIABLE } from '../../../knowledge/compose-volumes.js';
import type { RecognisedCommand } from '../command.js';
import { composeBuildCommand, envFileValues, interpolate } from '../recognisers/dockerfile.js';
import { insideWorkspace, readProjectFile } from './project.js';

export interface ComposeProjectFiles {
  /** The compose files read, in order. */
  paths: readonly string[];
  /** The project folder (relative paths in the files are from here). */
  dir: string;
  services: Readonly<Record<string, { image?: string; build?: unknown; volumes?: unknown[] }>>;
  /** Top-level `volumes:` of every file, merged. */
  volumes: Readonly<Record<string, unknown>>;
  /** A top-level `volumes:` that is not a mapping. */
  volumesMalformed?: boolean;
  /** A top-level `name:` in any file. */
  name?: unknown;
}

type Result = { ok: true } | { ok: false; why: string };

/** The variables compose interpolates with: the env files (or the project's .env), the agent's environment, the line's. */
function composeEnv(rc: RecognisedCommand, dir: string, envFiles: readonly string[]): { env: Record<string, string | undefined>; fromFiles: Record<string, string> } | { why: string } {
  const fromFiles: Record<string, string> = {};
  for (const file of envFiles.length ? envFiles : ['.env']) {
    const read = readProjectFile(rc, isAbsolute(file) ? file : resolve(dir, file));
    if (read.ok) Object.assign(fromFiles, envFileValues(read.value.text));
    else if (envFiles.length) return { why: `its environment file ${file} cannot be read (${read.why})` };
  }
  const env: Record<string, string | undefined> = { ...fromFiles };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  for (const [k, v] of Object.entries(rc.env)) env[k] = v;
  return { env, fromFiles };
}

/** A volume entry as [source, target]: `./seed:/docker-entrypoint-initdb.d:ro`, `{type: bind, source, target}`; an anonymous one has no source. */
function mountOf(v: unknown): { source?: string; target: string; type?: string } | undefined {
  if (typeof v === 'string') {
    const parts = v.split(':');
    if (parts.length === 1) return { target: parts[0] };
    return { source: parts[0], target: parts[1] ?? '' };
  }
  if (v && typeof v === 'object') {
    const o = v as { source?: unknown; target?: unknown; type?: unknown };
    if (typeof o.target !== 'string') return undefined;
    return { target: o.target, ...(typeof o.source === 'string' ? { source: o.source } : {}), ...(typeof o.type === 'string' ? { type: o.type } : {}) };
  }
  return undefined;
}

const under = (path: string, folder: string) => {
  const p = posix.normalize(path).replace(/\/+$/, '');
  return p === folder || p.startsWith(`${folder}/`);
};

export function composeVolumesAreScratch(rc: RecognisedCommand, project: ComposeProjectFiles, given: { projectName?: string; envFiles: readonly string[] }, nameOf: (ref: string) => string): Result {
  const no = (why: string): Result => ({ ok: false, why });
  if (given.projectName !== undefined) return no(`the project is named ${given.projectName} on the command line: its containers and their volumes are another stack's, not the ones these files make`);
  for (const path of project.paths) {
    if (!insideWorkspace(rc, path)) return no(`the compose file ${path} is not in the workspace, so the stack is not the repository's own`);
  }
  if (project.name !== undefined) return no(`the compose files name the project (name: ${String(project.name)}), so whose containers and volumes these are is not the folder's`);
  const envs = composeEnv(rc, project.dir, given.envFiles);
  if ('why' in envs) return no(envs.why);
  if (envs.env[PROJECT_NAME_VARIABLE] !== undefined) return no(`${PROJECT_NAME_VARIABLE}=${envs.env[PROJECT_NAME_VARIABLE]} names the project, so whose containers and volumes these are is not the folder's`);
  if (project.volumesMalformed) return no('the top-level volumes: is not a mapping, so which volumes are declared is not known');
  for (const [name, spec] of Object.entries(project.volumes)) {
    const external = spec && typeof spec === 'object' ? (spec as { external?: unknown }).external : undefined;
    if (external === true || (external && typeof external === 'object')) continue;
    return no(`the named volume ${name} is declared by the project, and -v deletes it with the data it keeps across \`down\``);
  }
  for (const [name, service] of Object.entries(project.services)) {
    const why = databaseConcern(rc, name, service, project.dir, envs.env, nameOf);
    if (why) return no(why);
  }
  return { ok: true };
}

/** A database image by name, or by its last part under another registry or owner (a mirror's
 *  `mirror.gcr.io/library/postgres`, a team's `ghcr.io/acme/postgres`): stopping on a look-alike costs a question. */
function databaseFacts(name: string): (typeof DATABASE_IMAGES)[string] | undefined {
  if (Object.hasOwn(DATABASE_IMAGES, name)) return DATABASE_IMAGES[name];
  const last = name.split('/').at(-1);
  // `mssql/server` by its last two parts: `server` alone names nothing.
  const key = Object.keys(DATABASE_IMAGES).find((k) => (k.endsWith('/server') ? name.endsWith(k.split('/').slice(-2).join('/')) : k.split('/').at(-1) === last));
  return key === undefined ? undefined : DATABASE_IMAGES[key];
}

/** Why a service's anonymous volumes may hold a database someone filled by hand; undefined when they do not. */
function databaseConcern(rc: RecognisedCommand, name: string, service: ComposeProjectFiles['services'][string], dir: string, env: Record<string, string | undefined>, nameOf: (ref: string) => string): string | undefined {
  const images: string[] = [];
  if (typeof service.image === 'string') {
    const image = interpolate(service.image, env);
    if (!image.ok) return `the service ${name}'s image ${image.why}, so whether it keeps a database in an anonymous volume is not known`;
    images.push(image.value);
  } else if (service.image !== undefined) return `the service ${name}'s image is not a name`;
  if (service.build !== undefined) {
    const built = composeBuildCommand(service.build, dir, env, (path) => readProjectFile(rc, path));
    if (!built.ok) return `the service ${name} is built and ${built.why}, so whether its image keeps a database in an anonymous volume is not known`;
    images.push(built.value.base);
  }
  if (!images.length) return `the service ${name} names no image`;
  for (const image of images) {
    const facts = databaseFacts(nameOf(image));
    if (!facts) continue;
    const mounts = (Array.isArray(service.volumes) ? service.volumes : []).map(mountOf);
    if (mounts.some((m) => m === undefined)) return `the service ${name}'s volumes are not all readable`;
    const bound = (folder: string) => mounts.some((m) => m!.source !== undefined && m!.type !== 'volume' && /^[./~]/.test(m!.source) && !m!.source.includes('$') && under(folder, m!.target));
    if (facts.data.every(bound)) continue;
    const seeded = facts.seed !== undefined && mounts.some((m) => {
      if (m!.source === undefined || m!.type === 'volume' || !/^\.\.?(\/|$)/.test(m!.source) || !under(m!.target, facts.seed!)) return false;
      const source = interpolate(m!.source, env);
      return source.ok && insideWorkspace(rc, resolve(dir, source.value));
    });
    if (!seeded) return `the service ${name} runs the database ${nameOf(image)}, which keeps its data in an anonymous volume, and the repository does not seed it (nothing of the workspace is mounted at ${facts.seed ?? 'a seed folder'}): the data may be someone's, and -v deletes it for good`;
  }
  return undefined;
}
