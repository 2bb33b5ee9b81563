// Where a resident judge (server.ts) for this build and this user lives, and how a client checks
// that what answers there is one: shared by the client (client.ts, loaded before anything else of
// the hook) and the server. Built-in modules come from process.getBuiltinModule(): the client is
// bundled on its own, and an ESM import of node:fs costs a hook call ~3 ms.
import type * as Fs from 'node:fs';
import type * as Path from 'node:path';

export const fs = (): typeof Fs => process.getBuiltinModule('node:fs') as typeof Fs;
export const path = (): typeof Path => process.getBuiltinModule('node:path') as typeof Path;

/** The folder under the per-user folder that holds the sockets and their info files. */
export const RESIDENT_FOLDER = 'resident';
/** Unix socket paths are limited to 108 bytes on Linux (104 on macOS): longer ones are not used. */
const MAX_SOCKET_PATH = 100;
/** Startup-bound variables: read by Node or V8 when the process starts (ICU's default locale, the
 *  module loader, V8's flags), so a server started with other values could answer differently. */
export const STARTUP_VARIABLE = /^(LANG|LANGUAGE|LC_[A-Z_]+|TZ|NODE_[A-Z0-9_]+|UV_[A-Z0-9_]+|ICU_DATA|SSL_CERT_[A-Z_]+|OPENSSL_[A-Z_]+)$/;

/** Variables that make a process load code its command line does not name. */
const LOADER_VARIABLE = /^(NODE_OPTIONS|NODE_PATH|NODE_REPL_EXTERNAL_MODULE|NODE_ICU_DATA|NODE_EXTRA_CA_CERTS|LD_PRELOAD|LD_AUDIT|LD_LIBRARY_PATH)$/;

export interface Place {
  /** The per-user folder's `resident/` folder (0700). */
  dir: string;
  /** `<key>.sock`: the server listens here (0600). */
  socket: string;
  /** `<key>.json`: the server's pid and its secret (0600), written once it listens. */
  info: string;
  /** The build key: what a server must have been started from to answer this client. */
  key: string;
  /** The program a server runs: `node <bin> hook --serve <socket>`. */
  bin: string;
  node: string;
}

/** Same as config/file-names.ts userDir (this module may not import it: the client stays one small file). */
export function userDirOf(env: NodeJS.ProcessEnv): string {
  const { join, resolve } = path();
  if (env.FIREBREAK_HOME) return resolve(env.FIREBREAK_HOME);
  if (env.XDG_CONFIG_HOME) return join(resolve(env.XDG_CONFIG_HOME), 'firebreak');
  return join(env.HOME || '/', '.config', 'firebreak');
}

/**
 * The place for this user and build, or undefined where a resident judge is not used (no /proc to
 * check the peer with, a socket path too long). `bundleDir` is dist/bundle. The key names the
 * build: the bundle's entry (its inode, size and modification time change with every build, which
 * rewrites the folder, and it names every chunk by its content hash), the checkout, Node's binary
 * and version, and the user. An upgrade gets a new socket, so an old server is never asked.
 */
export function residentPlace(env: NodeJS.ProcessEnv, bundleDir: string): Place | undefined {
  if (process.platform !== 'linux' || typeof process.getuid !== 'function') return undefined;
  const { join } = path();
  const { realpathSync, statSync } = fs();
  // .native: one system call where the JavaScript realpath lstat-s every component.
  const real = realpathSync.native(bundleDir);
  const entry = statSync(join(real, 'hook.js'), { bigint: true });
  const node = realpathSync.native(process.execPath);
  const stamp = [real, entry.ino, entry.size, entry.mtimeNs, entry.ctimeNs, node, process.version, process.getuid()].join('\0');
  const key = fnv1a(stamp, 0x811c9dc5) + fnv1a(stamp, 0x01000193 ^ 0x5bd1e995);
  const dir = join(userDirOf(env), RESIDENT_FOLDER);
  const socket = join(dir, `${key}.sock`);
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) return undefined;
  return { dir, socket, info: join(dir, `${key}.json`), key, bin: join(real, '..', '..', 'bin', 'firebreak.js'), node };
}

/** 32-bit FNV-1a as 8 hex digits: the key names a build, it does not protect anything (the
 *  checks below do), and the hook's SHA-256 costs the client ~2 ms to set up. */
function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The command line a genuine server of `place` runs with (what /proc/<pid>/cmdline must say). */
export function serverArgv(place: Place): string[] {
  return [place.node, place.bin, 'hook', '--serve', place.socket];
}

/** Owned by this user and open to no one else (`mode & 077` zero), without following a link. */
export function privateTo(stats: Fs.Stats, uid: number): boolean {
  return stats.uid === uid && (stats.mode & 0o077) === 0;
}

/**
 * Whether `pid` is a live server of `place`: a process of this user running Node's binary with
 * exactly the server's command line. A pid that died and was reused, or any other program
 * (a fake server started by hand, with other flags, preloads or another entry), is not.
 */
export function isServer(pid: number, place: Place): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 1) return false;
  const { readFileSync, readlinkSync, statSync } = fs();
  try {
    if (statSync(`/proc/${pid}`).uid !== process.getuid!()) return false;
    if (readlinkSync(`/proc/${pid}/exe`) !== place.node) return false;
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (argv.at(-1) === '') argv.pop();
    const expected = serverArgv(place);
    if (argv.length !== expected.length || !argv.every((arg, i) => arg === expected[i])) return false;
    // Code a process loads that its command line does not show (NODE_OPTIONS=--require, LD_PRELOAD):
    // the judge's must be the client's own, as for a hook process the client would start.
    const environ = new Map<string, string>();
    for (const entry of readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0')) {
      const at = entry.indexOf('=');
      if (at > 0) environ.set(entry.slice(0, at), entry.slice(at + 1));
    }
    for (const name of new Set([...environ.keys(), ...Object.keys(process.env)])) {
      if (LOADER_VARIABLE.test(name) && environ.get(name) !== process.env[name]) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** The message a server's MAC covers: the client's nonce and the answer, unambiguously. */
export function macMessage(nonce: string, stdout: string, stderr: string, exitCode: number): string {
  return `firebreak resident answer\0${nonce}\0${JSON.stringify([stdout, stderr, exitCode])}`;
}
