// The hook's first step (bin/firebreak.js, before the hook's bundle loads): hand the call to the
// resident judge (server.ts), which has the modules, knowledge and parsers loaded, and write its
// answer. Anything short of a verified answer in time (no server, a refused or dead socket, a
// socket or info file that is not private, a process that is not our server, a wrong MAC, a
// malformed or late reply, a server that declines) returns to the caller, which judges the call in
// this process: the full guard, never a pass by default. docs/hook-speed.md (wave 10) has the
// measurements, docs/threat-model.md what the checks do and do not protect against.
//
// This file is bundled alone (dist/bundle/resident-client.js) and loads only node:net beyond what
// Node has loaded at start.
import type * as Net from 'node:net';
import { fs, isServer, macMessage, path, privateTo, residentPlace, type Place } from './place.js';
import { hmacSha256Hex, sameDigest } from '../../util/hmac.js';
import { judgeWaitMs } from '../protocol/deadline.js';

/** A reply larger than this is not read (an answer is a few KB). */
const MAX_REPLY = 8 * 1024 * 1024;

export type ClientResult =
  /** Written to stdout/stderr: the process exits with `exitCode`. */
  | { answered: true; exitCode: number }
  /** Judge in-process, with the payload already read (undefined: read stdin as usual), in what is
   *  left of the call's budget (hookMain). */
  | { answered: false; payload?: string; why: string };

interface Reply {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function residentEnabled(env: NodeJS.ProcessEnv): boolean {
  return env.FIREBREAK_RESIDENT !== '0' && typeof process.getBuiltinModule === 'function';
}

/**
 * `argv`: the hook's arguments (after `hook`). `bundleDir`: dist/bundle. With
 * FIREBREAK_RESIDENT_TRACE=FILE, one line per call says who judged it (tests and benches read it).
 */
export async function residentHook(argv: string[], bundleDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ClientResult> {
  const result = await tryResident(argv, bundleDir, env);
  if (env.FIREBREAK_RESIDENT_TRACE) {
    try {
      fs().appendFileSync(env.FIREBREAK_RESIDENT_TRACE, `${result.answered ? 'resident' : `in-process: ${result.why}`}\n`);
    } catch {
      // no trace
    }
  }
  return result;
}

/** Less than this to wait: the judge is not asked (it could not answer in time). */
const LEAST_WAIT_MS = 250;

async function tryResident(argv: string[], bundleDir: string, env: NodeJS.ProcessEnv): Promise<ClientResult> {
  let place: Place | undefined;
  try {
    place = residentPlace(env, bundleDir);
  } catch (error) {
    return { answered: false, why: `no place for a resident judge (${(error as Error).message})` };
  }
  if (!place) return { answered: false, why: 'no resident judge on this system' };
  let payload: string;
  try {
    payload = fs().readFileSync(0, 'utf8');
  } catch (error) {
    // Stdin that cannot be read in one go (or none): the in-process path reads it as it always has.
    return { answered: false, why: `stdin (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` };
  }
  try {
    return await withPayload(argv, place, payload, env);
  } catch (error) {
    // Whatever went wrong after stdin was read, the in-process judge gets the payload.
    return { answered: false, payload, why: `resident client: ${(error as Error)?.message ?? error}` };
  }
}

async function withPayload(argv: string[], place: Place, payload: string, env: NodeJS.ProcessEnv): Promise<ClientResult> {
  const found = peer(place);
  if (!found.ok) {
    if (found.start) startServer(place, env);
    return { answered: false, payload, why: found.why };
  }
  // Until RESIDENT_RESERVE_MS of the call's budget is left (FIREBREAK_RESIDENT_WAIT_MS: tests' own wait).
  const wait = Number(env.FIREBREAK_RESIDENT_WAIT_MS) > 0 ? Number(env.FIREBREAK_RESIDENT_WAIT_MS) : judgeWaitMs(env);
  if (wait < LEAST_WAIT_MS) return { answered: false, payload, why: `too little of the call's time left to ask the resident judge (${wait} ms)` };
  const nonce = randomHex(16);
  // The deadline is the judge's too: it answers before it (a judgment that would run past it is
  // denied for want of time, there), so a call is never judged twice.
  const request = JSON.stringify({ v: 1, nonce, deadline: Date.now() + wait, argv, cwd: process.cwd(), env, umask: currentUmask(), payload });
  const outcome = await ask(place.socket, request, wait);
  if (!outcome.ok) {
    // A judge that answers within the deadline it was given is not late; one that is late is hung
    // (stopped, or starved): it is replaced (it is ours: the peer check above said so), the next
    // call starts another, and this call is judged in-process in what is left of its time.
    if (outcome.late) stop(found.pid);
    if (outcome.start) startServer(place, env);
    return { answered: false, payload, why: outcome.why };
  }
  const reply = verified(outcome.text, nonce, found.secret);
  if (typeof reply === 'string') return { answered: false, payload, why: reply };
  write(reply);
  return { answered: true, exitCode: reply.exitCode };
}

type Peer = { ok: true; pid: number; secret: Uint8Array } | { ok: false; start: boolean; why: string };

/** The server's info file and process, checked before anything is sent to the socket. */
function peer(place: Place): Peer {
  const { lstatSync, readFileSync } = fs();
  const uid = process.getuid!();
  try {
    if (!privateTo(lstatSync(place.dir), uid)) return { ok: false, start: false, why: 'the resident folder is not private' };
  } catch {
    return { ok: false, start: true, why: 'no resident judge yet' };
  }
  let info: { pid?: unknown; secret?: unknown };
  try {
    const stats = lstatSync(place.info);
    if (!stats.isFile() || !privateTo(stats, uid)) return { ok: false, start: false, why: 'the resident info file is not private' };
    const socket = lstatSync(place.socket);
    if (!socket.isSocket() || !privateTo(socket, uid)) return { ok: false, start: false, why: 'the resident socket is not a private socket' };
    info = JSON.parse(readFileSync(place.info, 'utf8'));
  } catch {
    return { ok: false, start: true, why: 'no resident judge' };
  }
  if (typeof info.secret !== 'string' || !/^[0-9a-f]{64}$/.test(info.secret)) return { ok: false, start: true, why: 'the resident info file is malformed' };
  if (!isServer(Number(info.pid), place)) return { ok: false, start: true, why: 'the process named in the resident info file is not a resident judge of this build' };
  return { ok: true, pid: Number(info.pid), secret: new TextEncoder().encode(info.secret) };
}

type Asked = { ok: true; text: string } | { ok: false; start: boolean; late?: boolean; why: string };

function ask(socketPath: string, request: string, wait: number): Promise<Asked> {
  const net = process.getBuiltinModule('node:net') as typeof Net;
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: Asked) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      done(result);
    };
    const timer = setTimeout(() => finish({ ok: false, start: false, late: true, why: `no answer from the resident judge within ${wait} ms` }), wait);
    const socket = net.createConnection(socketPath);
    socket.on('connect', () => socket.end(`${request}\n`));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REPLY) return finish({ ok: false, start: false, why: 'the resident reply is too large' });
      chunks.push(chunk);
      if (chunk.includes(10)) finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, start: error.code === 'ECONNREFUSED' || error.code === 'ENOENT', why: `resident judge: ${error.code ?? error.message}` }));
    socket.on('close', () => finish({ ok: false, start: false, why: 'the resident judge closed the connection without an answer' }));
  });
}

/** The answer, if the reply is one line of the expected shape with the right MAC; else why not. */
function verified(text: string, nonce: string, secret: Uint8Array): Reply | string {
  const line = text.slice(0, text.indexOf('\n'));
  let reply: { v?: unknown; kind?: unknown; stdout?: unknown; stderr?: unknown; exitCode?: unknown; mac?: unknown; why?: unknown };
  try {
    reply = JSON.parse(line);
  } catch {
    return 'the resident reply is not JSON';
  }
  if (!reply || typeof reply !== 'object') return 'the resident reply is not an object';
  if (reply.kind === 'decline') return `the resident judge declined (${typeof reply.why === 'string' ? reply.why.slice(0, 200) : 'no reason'})`;
  const { stdout, stderr, exitCode, mac } = reply;
  if (reply.v !== 1 || reply.kind !== 'answer' || typeof stdout !== 'string' || typeof stderr !== 'string' || typeof mac !== 'string') return 'the resident reply is malformed';
  if (exitCode !== 0 && exitCode !== 2) return 'the resident reply has an exit code a hook never gives';
  if (!sameDigest(mac, hmacSha256Hex(secret, macMessage(nonce, stdout, stderr, exitCode)))) return 'the resident reply does not carry the judge\'s MAC';
  return { stdout, stderr, exitCode };
}


/** As the in-process hook writes its answer (entry.ts emit): stderr, then stdout in one write. */
function write(reply: Reply): void {
  if (reply.stderr) process.stderr.write(reply.stderr);
  if (!reply.stdout) return;
  const bytes = Buffer.from(reply.stdout, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += fs().writeSync(1, bytes, written);
  } catch {
    process.stdout.write(bytes.subarray(written));
  }
}

function stop(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

function randomHex(bytes: number): string {
  const { closeSync, openSync, readSync } = fs();
  const buffer = Buffer.alloc(bytes);
  const fd = openSync('/dev/urandom', 'r');
  try {
    readSync(fd, buffer, 0, bytes, null);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('hex');
}

function currentUmask(): number {
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}

/** A detached, low-priority server for the next call; this call is judged in-process meanwhile. Never throws. */
export function startServer(place: Place, env: NodeJS.ProcessEnv): void {
  try {
    const { spawn } = process.getBuiltinModule('node:child_process') as typeof import('node:child_process');
    const [node, ...args] = [place.node, place.bin, 'hook', '--serve', place.socket];
    const child = spawn(node, args, { detached: true, stdio: 'ignore', cwd: path().parse(place.dir).root, env, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no server: the next call is judged in-process too
  }
}
