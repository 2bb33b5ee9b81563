// `go clean -modcache` / `-cache` / `-fuzzcache` delete the folder Go keeps its module or build cache in.
// Where Go's own defaults put it (`$GOPATH/pkg/mod`, `~/.cache/go-build`), that is a cache only Go writes
// and re-downloads or rebuilds: the command is routine, as it always was. But the folder is whatever
// GOMODCACHE, GOPATH or GOCACHE say, and a command can point them anywhere (`GOMODCACHE=$HOME go clean
// -modcache` deletes the home folder): a location set in the command, the line, the environment or Go's
// own settings file (`go env -w`) is judged as `rm -rf` of that folder, with the same rules as any delete.
// The go runner (go.ts) asks this for `go clean`; every other go command is the runner's.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, type RecognisedCommand } from '../command.js';

/** `go env -w NAME=value` earlier in the line: recorded by the walk under this prefix (not a shell variable). */
export const GO_ENV_WRITTEN = 'FIREBREAK_GO_ENV_';

const CACHE_FLAGS: Readonly<Record<string, 'modcache' | 'cache' | 'fuzzcache'>> = { '-modcache': 'modcache', '--modcache': 'modcache', '-cache': 'cache', '--cache': 'cache', '-fuzzcache': 'fuzzcache', '--fuzzcache': 'fuzzcache' };

/** The cache folders `go clean -modcache|-cache|-fuzzcache` deletes, judged as `rm -rf` of each unless it is Go's
 *  default. */
export async function goCleanCaches(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const sub = rc.argv.slice(1).find((a) => !a.startsWith('-'));
  const caches = sub === 'clean' ? [...new Set(rc.argv.slice(2).map((a) => CACHE_FLAGS[a]).filter((c) => c !== undefined))] : [];
  const out: PlannedAction[] = [];
  for (const cache of caches) {
    const where = cacheFolder(cache, rc);
    if (!where) continue; // Go's default location: a cache it rebuilds
    out.push(...(await rc.nested(`rm -rf -- ${shellQuoted(where.folder)}`, {
      evidence: [commandEvidence(`go clean -${cache} deletes ${cache === 'cache' ? 'the build cache' : cache === 'fuzzcache' ? 'the fuzzing cache' : 'the module cache'} at ${where.folder} (${where.from}): judged as a delete of that folder`, `-${cache}`)],
    })));
  }
  return out;
}

/** The folder a cache flag deletes when something other than Go's default sets it; undefined for the default. */
function cacheFolder(cache: 'modcache' | 'cache' | 'fuzzcache', rc: RecognisedCommand): { folder: string; from: string } | undefined {
  const read = (name: string) => setting(name, rc);
  if (cache === 'modcache') {
    const mod = read('GOMODCACHE');
    if (mod) return conventional(mod.value, /\/pkg\/mod\/?$/) && mod.from !== 'the command line' ? undefined : { folder: mod.value, from: `GOMODCACHE, set by ${mod.from}` };
    const path = read('GOPATH');
    if (!path) return undefined;
    const first = path.value.split(':')[0] || path.value;
    const folder = `${first.replace(/\/+$/, '')}/pkg/mod`;
    return path.from !== 'the command line' ? undefined : { folder, from: `GOPATH, set by ${path.from}` };
  }
  const build = read('GOCACHE');
  if (!build || build.value === 'off') return undefined;
  if (conventional(build.value, /\/go-build\/?$/) && build.from !== 'the command line') return undefined;
  return { folder: cache === 'fuzzcache' ? `${build.value.replace(/\/+$/, '')}/fuzz` : build.value, from: `GOCACHE, set by ${build.from}` };
}

function conventional(value: string, shape: RegExp): boolean {
  return !/[$`]/.test(value) && shape.test(value) && !value.split('/').includes('..');
}

/** A Go setting: from the line (an assignment, an export, `go env -w` earlier), the environment the hook
 *  runs in, or Go's settings file (`go env -w` in an earlier command). */
function setting(name: string, rc: RecognisedCommand): { value: string; from: string } | undefined {
  if (Object.hasOwn(rc.env, name)) {
    const v = rc.env[name];
    return v ? { value: v, from: 'the command line' } : undefined;
  }
  const written = rc.env[`${GO_ENV_WRITTEN}${name}`];
  if (written) return { value: written, from: 'the command line' };
  const fromProcess = process.env[name];
  if (fromProcess) return { value: fromProcess, from: 'the environment' };
  const file = goEnvFile();
  const m = file ? new RegExp(`^${name}=(.*)$`, 'm').exec(file) : null;
  return m?.[1] ? { value: m[1].trim(), from: "Go's settings file (go env -w)" } : undefined;
}

/** Go's settings file: $GOENV, else $XDG_CONFIG_HOME/go/env, else ~/.config/go/env. */
function goEnvFile(): string | undefined {
  const home = process.env.HOME ?? '';
  const path = process.env.GOENV || join(process.env.XDG_CONFIG_HOME || join(home, '.config'), 'go', 'env');
  if (path === 'off' || !existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8').slice(0, 65536);
  } catch {
    return undefined;
  }
}

function shellQuoted(value: string): string {
  // Expansions the value holds stay expansions (`GOMODCACHE=$X`): resolved, or judged unknown, by the walk.
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
