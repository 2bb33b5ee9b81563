// The resident judge: `firebreak hook --serve SOCKET`, started detached by the first hook call that
// found none (client.ts), one per user and build. It keeps the hook's modules, knowledge
// and parsers loaded and answers each call with the same bytes and exit code the in-process hook
// would give, because it runs the same runHook with the client's payload, arguments, working
// folder, environment and umask, one call at a time, after forgetting every per-process memo
// (util/per-call.ts). It declines (the client then judges in-process) what it cannot answer as
// the client's own process would: another build, variables read only at start-up that differ, a
// working folder it cannot enter, a request the client has stopped waiting for. It exits when idle
// (FIREBREAK_RESIDENT_IDLE_MS, default 15 min), when its socket or info file is removed or replaced,
// when the build it was started from changes, and after a call that outran its deadline. It runs at
// the default priority: it does the work the agent waits for, and a niced judge on a loaded machine
// made calls wait past the client's deadline (each then judged twice).
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { takeReadAhead } from '../../intake/code/read-ahead.js';
import { forgetCallState } from '../../util/per-call.js';
import { agentFromArgv } from '../hook/entry.js';
import { startReadAhead } from '../hook/read-ahead.js';
import { runHook } from '../hook/run.js';
import { hmacSha256Hex } from '../../util/hmac.js';
import { isServer, macMessage, privateTo, residentPlace, STARTUP_VARIABLE, type Place } from './place.js';
import { JUDGE_ANSWER_MARGIN_MS } from '../protocol/deadline.js';

const IDLE_MS = 15 * 60_000;
/** How often the server checks that its socket, info file and build are still what it started with. */
const WATCH_MS = 5_000;
/** A request larger than this is declined (a file tool's content is the largest part). */
const MAX_REQUEST = 64 * 1024 * 1024;
/** A request with less than this left before the client's deadline is declined (judged in-process
 *  there): too little time to judge it here and still answer in time. */
const LEAST_JUDGING_MS = 200;

interface Request {
  nonce: string;
  deadline: number;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  umask: number;
  payload: string;
}

type Answer = { kind: 'answer'; stdout: string; stderr: string; exitCode: number } | { kind: 'decline'; why: string };

export async function serveMain(socketPath: string | undefined): Promise<void> {
  const startEnv = { ...process.env };
  const bundleDir = dirname(fileURLToPath(import.meta.url));
  const place = residentPlace(startEnv, bundleDir);
  // Only the socket this build and user would use: a server is never started for another place.
  if (!place || place.socket !== socketPath) process.exit(0);
  const uid = process.getuid!();
  mkdirSync(place.dir, { recursive: true, mode: 0o700 });
  if (!privateTo(lstatSync(place.dir), uid) || !lstatSync(place.dir).isDirectory()) process.exit(0);
  const other = infoPid(place);
  if (other !== undefined && other !== process.pid && isServer(other, place)) process.exit(0);
  // A socket or info file left by a server that is gone (or put there by anything else).
  rmSync(place.socket, { force: true });
  rmSync(place.info, { force: true });

  const secret = randomBytes(32).toString('hex');
  const key = new TextEncoder().encode(secret);
  let socketIno: bigint | undefined;
  let queue: Promise<void> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  let closing = false;
  const idleMs = Number(startEnv.FIREBREAK_RESIDENT_IDLE_MS) > 0 ? Number(startEnv.FIREBREAK_RESIDENT_IDLE_MS) : IDLE_MS;

  const shutdown = () => {
    if (closing) return;
    closing = true;
    // Only what is still ours: a newer server may have taken the place.
    try {
      if (lstatSync(place.socket, { bigint: true }).ino === socketIno) unlinkSync(place.socket);
    } catch {
      /* gone already */
    }
    if (infoPid(place) === process.pid) rmSync(place.info, { force: true });
    process.exit(0);
  };
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => queue.then(shutdown), idleMs);
  };
  process.on('uncaughtException', shutdown);
  process.on('unhandledRejection', shutdown);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, shutdown);

  // allowHalfOpen: the client ends its side once the request is sent; the answer goes back after.
  const server = createServer({ allowHalfOpen: true }, (socket) => receive(socket, (request) => {
    touch();
    const answered = queue.then(() => answer(request, place, startEnv, shutdown));
    queue = answered.then(() => undefined, () => undefined);
    return answered;
  }, key));
  const mask = process.umask(0o177);
  await new Promise<void>((done) => {
    server.once('error', () => process.exit(0));
    server.listen(place.socket, () => done());
  });
  process.umask(mask);
  chmodSync(place.socket, 0o600);
  socketIno = lstatSync(place.socket, { bigint: true }).ino;
  const temp = `${place.info}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ pid: process.pid, secret }), { mode: 0o600 });
  renameSync(temp, place.info);
  touch();
  setInterval(() => {
    if (!stillOurs(place, socketIno, startEnv, bundleDir)) void queue.then(shutdown);
  }, WATCH_MS).unref();
  if (startEnv.FIREBREAK_RESIDENT_WARM !== '0') queue = queue.then(() => warmUp(startEnv)).catch(() => undefined);
}

function infoPid(place: Place): number | undefined {
  try {
    const pid = Number((JSON.parse(readFileSync(place.info, 'utf8')) as { pid?: unknown }).pid);
    return Number.isSafeInteger(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function stillOurs(place: Place, socketIno: bigint | undefined, env: NodeJS.ProcessEnv, bundleDir: string): boolean {
  try {
    if (lstatSync(place.socket, { bigint: true }).ino !== socketIno) return false;
    if (infoPid(place) !== process.pid) return false;
    return residentPlace(env, bundleDir)?.key === place.key;
  } catch {
    return false;
  }
}

/** One request line from the connection, handled, and the answer written back with its MAC. */
function receive(socket: Socket, handle: (request: Request) => Promise<Answer>, key: Uint8Array): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const reply = (answer: Answer, nonce = '') => {
    const body = answer.kind === 'answer' ? { v: 1, ...answer, mac: hmacSha256Hex(key, macMessage(nonce, answer.stdout, answer.stderr, answer.exitCode)) } : { v: 1, ...answer };
    socket.end(`${JSON.stringify(body)}\n`);
  };
  const complete = () => {
    if (done) return;
    done = true;
    const text = Buffer.concat(chunks).toString('utf8');
    const request = parseRequest(text.slice(0, text.includes('\n') ? text.indexOf('\n') : text.length));
    if (!request) return reply({ kind: 'decline', why: 'malformed request' });
    handle(request).then((answer) => reply(answer, request.nonce), (error: unknown) => reply({ kind: 'decline', why: `internal error: ${(error as Error)?.message ?? error}` }));
  };
  socket.on('data', (chunk: Buffer) => {
    if (done) return;
    size += chunk.length;
    if (size > MAX_REQUEST) {
      done = true;
      return reply({ kind: 'decline', why: 'request too large' });
    }
    chunks.push(chunk);
    if (chunk.includes(10)) complete();
  });
  socket.on('end', complete);
  socket.on('error', () => socket.destroy());
}

function parseRequest(line: string): Request | undefined {
  let r: Partial<Request>;
  try {
    r = JSON.parse(line) as Partial<Request>;
  } catch {
    return undefined;
  }
  if (!r || typeof r !== 'object' || typeof r.nonce !== 'string' || typeof r.deadline !== 'number' || typeof r.cwd !== 'string' || typeof r.payload !== 'string' || typeof r.umask !== 'number') return undefined;
  if (!Array.isArray(r.argv) || !r.argv.every((a) => typeof a === 'string')) return undefined;
  if (!r.env || typeof r.env !== 'object' || !Object.values(r.env).every((v) => typeof v === 'string')) return undefined;
  return r as Request;
}

/** What the in-process hook would answer in the client's process, or a decline. */
async function answer(request: Request, place: Place, startEnv: NodeJS.ProcessEnv, shutdown: () => void): Promise<Answer> {
  if (request.deadline - JUDGE_ANSWER_MARGIN_MS - Date.now() < LEAST_JUDGING_MS) return { kind: 'decline', why: 'too little time is left before the client stops waiting' };
  if (['--serve', '--read-ahead'].includes(request.argv[0] ?? '')) return { kind: 'decline', why: 'not a hook call' };
  const bundleDir = dirname(fileURLToPath(import.meta.url));
  if (residentPlace(startEnv, bundleDir)?.key !== place.key) {
    setImmediate(shutdown);
    return { kind: 'decline', why: 'the build changed since this judge started' };
  }
  for (const name of new Set([...Object.keys(startEnv), ...Object.keys(request.env)])) {
    if (STARTUP_VARIABLE.test(name) && startEnv[name] !== request.env[name]) return { kind: 'decline', why: `${name} differs from this judge's (read at start-up)` };
  }
  try {
    process.chdir(request.cwd);
  } catch {
    return { kind: 'decline', why: 'cannot enter the working folder' };
  }
  // Judged within the client's wait, less the time the audit record and the reply take: a
  // judgment too slow for it is denied for want of time here, as in-process, and the client gets
  // that answer instead of judging the call a second time (two audit records, a once-only
  // approval spent twice).
  const deadlineMs = request.deadline - JUDGE_ANSWER_MARGIN_MS - Date.now();
  const judged = await judgeAs(request.env, request.umask, request.argv, request.payload, shutdown, deadlineMs);
  return { kind: 'answer', ...judged };
}

/** The client's environment and umask in place, every per-call memo forgotten, then runHook as hookMain runs it. */
async function judgeAs(env: Record<string, string>, umask: number, argv: string[], payload: string, onAbandoned: () => void, deadlineMs?: number): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  for (const name of Object.keys(process.env)) if (!Object.hasOwn(env, name)) delete process.env[name];
  for (const [name, value] of Object.entries(env)) if (process.env[name] !== value) process.env[name] = value;
  process.umask(umask);
  forgetCallState();
  takeReadAhead();
  const rendered = await runHook(agentFromArgv(argv) ?? '', () => Promise.resolve(payload), { onAbandoned: () => setImmediate(onAbandoned), ...(deadlineMs === undefined ? {} : { deadlineMs }) });
  // Code the call writes, read by a detached process, as hookMain does (there after the answer;
  // here before it, while the environment and folder are still this call's).
  const texts = takeReadAhead();
  if (texts.length) startReadAhead(texts);
  return rendered;
}

/**
 * A few calls of each kind in a scratch HOME and folder, so that the first real call finds the
 * chunks loaded and the functions compiled. Its audit records, keys and caches stay in the scratch
 * folder, which is removed; every memo is forgotten before the next call anyway.
 */
async function warmUp(startEnv: NodeJS.ProcessEnv): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'firebreak-resident-'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(startEnv)) if (value !== undefined && !/^(FIREBREAK_|XDG_CONFIG_HOME$|GIT_)/.test(name)) env[name] = value;
  Object.assign(env, { HOME: scratch, FIREBREAK_HOME: join(scratch, 'firebreak') });
  const commands = ['ls -la', 'rm -rf build', 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc', 'terraform destroy -auto-approve', 'kubectl delete ns web', `python3 -c "import shutil; shutil.rmtree('build')"`, 'git reset --hard'];
  try {
    process.chdir(scratch);
    for (const command of commands) {
      const payload = JSON.stringify({ session_id: 'warm-up', cwd: scratch, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
      await judgeAs(env, 0o022, ['--agent', 'claude-code'], payload, () => {});
    }
  } finally {
    process.chdir('/');
    rmSync(scratch, { recursive: true, force: true });
    forgetCallState();
  }
}
