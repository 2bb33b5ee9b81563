// Paths named by a command that runs inside a fresh container (`docker run`, `compose run`): a path
// under one of its mounts is the host path under that mount's host side; any other path is in the
// container's own filesystem, the image's copy, which no host file is part of (thrown away with
// `--rm`, left in a stopped container otherwise). The guard's file checks (guard-files.ts) judge the
// host paths only. Docker resolves `..` inside the container's root, so no path climbs out of a mount.
// Where the mounts are not known (`docker exec`, `--volumes-from`) there is no view: host paths, as before.
import { posix } from 'node:path';
import type { PathContext, ResolvedPath } from './path-resolve.js';

export interface ContainerMount {
  /** Absolute path inside the container. */
  container: string;
  /** Absolute host path it shows; undefined when not known here (a variable, a named volume). */
  host?: string;
  /** The host side as written (`$PWD/target`, `cache`). */
  written: string;
}

export interface ContainerView {
  mounts: ContainerMount[];
  /** The container's working directory, when the command line gives it (`-w /src`). */
  workdir?: string;
  /** The folder the nested walk starts in on the host: the mapped workdir, when it is under a mount. */
  startCwd?: string;
  /** Whether startCwd is the workdir's host path (relative paths are then host paths). */
  workdirMounted: boolean;
}

type Resolve = (written: string, ctx: PathContext, glob: boolean) => ResolvedPath;

const EXPANSION = /[$`*?[{]/;

/** What a path word inside the container names on the host; `resolve` is path-resolve's host resolver. */
export function resolveInContainer(written: string, ctx: PathContext, glob: boolean, view: ContainerView, resolve: Resolve): ResolvedPath {
  const host: PathContext = { ...ctx };
  delete host.container;
  const asToday = () => resolve(written, host, glob);
  const own: ResolvedPath = { written, paths: [] };
  if (written.startsWith('/')) return absolute(written, written, host, glob, view, resolve) ?? asToday();
  const noMount = () => (view.mounts.length === 0 ? own : asToday());
  // A run-time value or `~` at the start could be any folder of the container: with no mount, none of the host's.
  if (written.startsWith('~') || /^[$`]/.test(written)) return noMount();
  // Relative to the container's current folder: the workdir (on the host when it is mounted), or where a `cd` went.
  const cwd = ctx.cwd;
  if (cwd === view.startCwd) {
    if (view.workdirMounted) return asToday();
    return literalFolder(view.workdir) ? absolute(posix.join(view.workdir!, written), written, host, glob, view, resolve) ?? asToday() : noMount();
  }
  if (literalFolder(cwd)) {
    const start = view.workdirMounted && view.startCwd !== undefined ? posix.resolve(ctx.workspace, view.startCwd) : undefined;
    if (start !== undefined && (cwd === start || cwd!.startsWith(`${start}/`))) return asToday();
    return absolute(posix.join(cwd!, written), written, host, glob, view, resolve) ?? asToday();
  }
  return noMount();
}

function literalFolder(dir: string | undefined): boolean {
  return dir !== undefined && dir.startsWith('/') && !EXPANSION.test(dir);
}

/** An absolute container path (its literal start, when the rest is computed at run time); undefined: judge as today. */
function absolute(path: string, written: string, host: PathContext, glob: boolean, view: ContainerView, resolve: Resolve): ResolvedPath | undefined {
  const cut = path.search(EXPANSION);
  const literal = cut < 0 ? path : path.slice(0, cut);
  const under = (p: string, m: ContainerMount) => p === m.container || p.startsWith(`${m.container}/`) || m.container === '/';
  if (cut < 0) {
    const p = posix.normalize(path).replace(/(.)\/+$/, '$1');
    const m = longest(view.mounts.filter((x) => under(p, x)));
    if (m) return m.host === undefined ? undefined : resolve(onHost(m, p), host, glob);
    // A folder that holds mounts (`rm -rf /srv` with `/srv/data` mounted) reaches their host folders.
    const held = view.mounts.filter((x) => x.container.startsWith(p === '/' ? '/' : `${p}/`));
    if (held.some((x) => x.host === undefined)) return undefined;
    return { written, paths: held.map((x) => x.host!) };
  }
  // `/$BIN`, `/target/$X`: the literal folder it starts in, and the literal start of the next name.
  const folder = posix.normalize(literal.slice(0, literal.lastIndexOf('/') + 1) || '/').replace(/(.)\/+$/, '$1');
  const start = posix.join(folder, literal.slice(literal.lastIndexOf('/') + 1));
  const candidates = view.mounts.filter((m) => under(folder, m) || m.container.startsWith(start === '/' ? '/' : start));
  if (!candidates.length) return { written, paths: [] };
  if (candidates.length > 1 || candidates[0].host === undefined) return undefined;
  const m = candidates[0];
  if (under(folder, m)) return resolve(onHost(m, path), host, glob);
  // The run-time part names the mount or something in it: somewhere in its host folder.
  const today = resolve(path, host, glob);
  if (!today.unknown) return undefined;
  return { written, paths: [], unknown: { part: today.unknown.part, within: m.host!, suffix: '', ...(today.unknown.why ? { why: today.unknown.why } : {}) } };
}

/** The host path of a container path under the mount `m` (whose host side is known). */
function onHost(m: ContainerMount, path: string): string {
  const rest = m.container === '/' ? path : path.slice(m.container.length);
  return `${m.host!.replace(/\/+$/, '')}${rest}` || '/';
}

function longest(mounts: ContainerMount[]): ContainerMount | undefined {
  return mounts.sort((a, b) => b.container.length - a.container.length)[0];
}

/** The host file a literal absolute path in the container is (`/src/build.sh` with `$PWD:/src` mounted):
 *  `host` under a mount whose host folder is known, `image` under no mount (the image's own file, never
 *  the host's of that name), undefined under a mount whose host folder is not known here. */
export function hostFileOf(path: string, view: ContainerView): { host: string } | 'image' | undefined {
  const p = posix.normalize(path).replace(/(.)\/+$/, '$1');
  const m = longest(view.mounts.filter((x) => p === x.container || p.startsWith(`${x.container}/`) || x.container === '/'));
  if (!m) return 'image';
  return m.host === undefined ? undefined : { host: onHost(m, p) };
}
