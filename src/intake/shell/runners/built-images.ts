// Images the line builds before it runs them (`docker build -t createrepo createrepo/ && docker run
// createrepo`): the tag names a Dockerfile of the project, so what the container runs is read from
// it, as a compose service's build is. Kept with the line's written files, under keys no path has;
// a pull, tag or load of the name afterwards puts another image under it, and the record goes.
import { posix } from 'node:path';
import type { RecognisedCommand } from '../command.js';
import { runDirectory } from './project.js';

const KEY = '\u0000image:';

/** `docker build` options that take the next word as their value. */
const BUILD_VALUED: ReadonlySet<string> = new Set(['-t', '--tag', '-f', '--file', '--build-arg', '--target', '--platform', '--label', '--network',
  '--secret', '--ssh', '--cache-from', '--cache-to', '-o', '--output', '--progress', '--iidfile', '--add-host', '--build-context', '--shm-size',
  '--ulimit', '-m', '--memory', '--memory-swap', '--cpu-shares', '--cpuset-cpus', '--cgroup-parent', '--isolation', '--metadata-file', '--builder',
  '--attest', '--annotation', '--sbom', '--provenance', '--allow', '--call']);

export interface BuiltImage {
  /** The build context, absolute. */
  context: string;
  /** The Dockerfile, absolute, when -f names one. */
  dockerfile?: string;
  target?: string;
}

function key(ref: string): string {
  return KEY + (ref.includes('@') || /:[^/]+$/.test(ref) ? ref : `${ref}:latest`);
}

/** Notes what `docker build ARGS` tags; a build Firebreak cannot place (a run-time context, a remote one) leaves no record. */
export function noteBuild(rc: RecognisedCommand, args: readonly string[]): void {
  const tags: string[] = [];
  const positional: string[] = [];
  let file: string | undefined;
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [option, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    if (a.startsWith('-') && a.length > 1) {
      const value = inline ?? (BUILD_VALUED.has(option) ? args[++i] : undefined);
      if (value === undefined) continue;
      if (option === '-t' || option === '--tag') tags.push(value);
      if (option === '-f' || option === '--file') file = value;
      if (option === '--target') target = value;
      continue;
    }
    positional.push(a);
  }
  for (const tag of tags) rc.files.delete(key(tag));
  const context = positional.length === 1 ? positional[0] : undefined;
  const dir = runDirectory(rc);
  if (!context || !dir.ok || [context, file ?? '', target ?? '', ...tags].some((v) => /[$`]/.test(v)) || /^[a-z][a-z0-9+.-]*:\/\/|^git@|^-$/i.test(context) || file === '-') return;
  const record: BuiltImage = { context: posix.resolve(dir.value, context), ...(file ? { dockerfile: posix.resolve(dir.value, file) } : {}), ...(target ? { target } : {}) };
  for (const tag of tags) rc.files.set(key(tag), JSON.stringify(record));
}

/** Another image now has the name (`docker pull x`, `docker tag y x`), or names loaded from an archive (`ref` undefined). */
export function forgetImage(rc: RecognisedCommand, ref: string | undefined): void {
  if (ref !== undefined && !/[$`]/.test(ref)) { rc.files.delete(key(ref)); return; }
  for (const k of [...rc.files.keys()]) if (k.startsWith(KEY)) rc.files.delete(k);
}

/** The build the line made of this image name, if it made one. */
export function builtImage(rc: RecognisedCommand, ref: string): BuiltImage | undefined {
  const text = rc.files.get(key(ref));
  return text === undefined ? undefined : JSON.parse(text) as BuiltImage;
}
