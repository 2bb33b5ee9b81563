// The resident judge (src/agents/resident/) with real processes: the built CLI, real unix sockets,
// a HOME in a temp folder. Every answer it gives must be the in-process hook's, byte for byte
// (timestamps in safeguard names aside), and everything short of a verified answer from a genuine
// server of this build must end in the in-process verdict: fake servers, stale sockets, servers of
// an older build, servers killed or hung mid-call, malformed or unsealed replies.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { caseWorkspace, gitIn } from '../corpus/workspace.js';
import { PAYLOADS } from './payloads.js';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'firebreak.js');
const made: string[] = [];
const started = new Set<number>();
const PRODUCTION = 'version: 1\nenvironments:\n  production:\n    production: true\n    match:\n      profiles: [prod]\n';

interface Home { home: string; userDir: string; trace: string; env: NodeJS.ProcessEnv }
interface Run { stdout: string; stderr: string; status: number | null }

function newHome(extra: NodeJS.ProcessEnv = {}): Home {
  const home = mkdtempSync(join(tmpdir(), 'firebreak-resident-test-'));
  made.push(home);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), CI: '', FIREBREAK_RESIDENT_TRACE: join(home, 'trace'), FIREBREAK_RESIDENT_WARM: '0', ...extra };
  delete env.FIREBREAK_RESIDENT;
  delete env.FIREBREAK_HOME;
  delete env.VITEST;
  // An agent's PATH, not npm's (whose node_modules/.bin folders make some judgments walk the checkout).
  env.PATH = `${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;
  for (const name of Object.keys(env)) if (/^npm_/.test(name)) delete env[name];
  return { home, userDir: join(home, '.config', 'firebreak'), trace: join(home, 'trace'), env };
}

function repo(files: Record<string, string> = {}, uncommitted?: string[], modified?: Record<string, string>): string {
  const dir = caseWorkspace('resident', files, uncommitted, modified);
  made.push(dir);
  return dir;
}

const payload = (command: string, cwd: string, agent = 'claude-code') => JSON.stringify(PAYLOADS[agent](command, cwd));

function hook(input: string, cwd: string, env: NodeJS.ProcessEnv, agent = 'claude-code'): Run {
  const r = spawnSync(process.execPath, [BIN, 'hook', '--agent', agent], { input, cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`${input.slice(0, 200)}: ${r.error.message}`);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function hookAsync(input: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Run & { ms: number }> {
  const t0 = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'hook', '--agent', 'claude-code'], { cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ stdout, stderr, status, ms: Date.now() - t0 }));
    child.stdin.end(input);
  });
}

const inProcess = (input: string, cwd: string, h: Home, agent = 'claude-code') => hook(input, cwd, { ...h.env, FIREBREAK_RESIDENT: '0' }, agent);
/** Safeguard names carry the clock's second. */
const same = (r: Run) => ({ ...r, stdout: r.stdout.replace(/\d{8}T\d{6}/g, 'TIME'), stderr: r.stderr.replace(/\d{8}T\d{6}/g, 'TIME') });
const traced = (h: Home): string[] => (existsSync(h.trace) ? readFileSync(h.trace, 'utf8').trim().split('\n') : []);
const lastTrace = (h: Home) => traced(h).at(-1) ?? '';

const residentDir = (h: Home) => join(h.userDir, 'resident');
function info(h: Home): { pid: number; secret: string; file: string; socket: string } | undefined {
  const dir = residentDir(h);
  if (!existsSync(dir)) return undefined;
  const file = readdirSync(dir).find((f) => f.endsWith('.json'));
  if (!file) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    started.add(parsed.pid);
    return { ...parsed, file: join(dir, file), socket: join(dir, file.replace(/\.json$/, '.sock')) };
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
};

async function until<T>(what: () => T | undefined | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A home whose resident judge is up: the first call starts it. */
async function withServer(extra: NodeJS.ProcessEnv = {}): Promise<Home & { pid: number }> {
  const h = newHome(extra);
  const cwd = repo();
  hook(payload('ls', cwd), cwd, h.env);
  const i = await until(() => info(h));
  return { ...h, pid: i.pid };
}

afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist', 'bundle', 'resident-client.js'))) throw new Error('run npm run build first');
});

describe('answers are the in-process answers', () => {
  const commands = [
    'ls -la',
    'npm test',
    'rm -rf /',
    'rm -rf build',
    'aws --profile prod ec2 terminate-instances --instance-ids i-0abc',
    'aws --profile prod s3 ls',
    'terraform destroy -auto-approve',
    'kubectl delete ns web',
    `python3 -c "import shutil; shutil.rmtree('build')"`,
    `python3 -c "import boto3; boto3.client('s3').delete_bucket(Bucket='x')"`,
    'git reset --hard',
    'git push --force origin main',
    'psql "$DATABASE_URL" -c "DROP TABLE users"',
    'cat ~/.config/firebreak/resident/x.json',
    'echo hi > .claude/settings.json',
  ];

  it('every agent, every kind of command, byte for byte', async () => {
    const h = await withServer();
    const cwd = repo({ 'firebreak.yaml': PRODUCTION });
    const before = traced(h).length;
    let calls = 0;
    for (const agent of Object.keys(PAYLOADS)) {
      for (const command of commands) {
        const input = payload(command, cwd, agent);
        const resident = hook(input, cwd, h.env, agent);
        calls++;
        expect(lastTrace(h), `${agent}: ${command}`).toBe('resident');
        expect(same(resident), `${agent}: ${command}`).toEqual(same(inProcess(input, cwd, h, agent)));
      }
    }
    // Malformed payloads too: the same denial.
    for (const input of ['', 'not json', '[]', JSON.stringify({ tool_name: 'Bash', tool_input: { command: 42 } })]) {
      expect(same(hook(input, cwd, h.env)), input).toEqual(same(inProcess(input, cwd, h)));
    }
    expect(traced(h).slice(before).filter((t) => t === 'resident').length).toBeGreaterThanOrEqual(calls);
  }, 600_000);

  it('a sample of every corpus, in the case workspaces', async () => {
    const h = await withServer();
    const dir = join(ROOT, 'test', 'corpus', 'cases');
    const cases = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .flatMap((f) => (parse(readFileSync(join(dir, f), 'utf8')) as { cases: { run: string; files?: Record<string, string>; uncommitted?: string[]; modified?: Record<string, string>; cwd?: string }[] }).cases);
    const sample = cases.filter((_, i) => i % 60 === 0);
    expect(sample.length).toBeGreaterThan(100);
    const shared = repo();
    const differ: string[] = [];
    for (const c of sample) {
      const root = c.files || c.uncommitted || c.modified ? repo(c.files, c.uncommitted, c.modified) : shared;
      const cwd = c.cwd ? join(root, c.cwd) : root;
      if (!existsSync(cwd)) mkdirSync(cwd, { recursive: true });
      const input = payload(c.run, cwd);
      // A first call may make the workspace's state folder (an approval request), and a merge of an
      // unknown revision then counts it as one more guard file: both compared calls see it made.
      if (!existsSync(join(root, '.firebreak'))) inProcess(input, cwd, h);
      const resident = hook(input, cwd, h.env);
      const by = lastTrace(h);
      const local = inProcess(input, cwd, h);
      // Reading that ran out of time under load is not the judge's doing; nor is a judgment that
      // takes longer than the client waits (one that lists the test's HOME: 4-11 s here) when the
      // in-process hook runs out of time on it too.
      if (/took longer than|longer than one check may/.test(resident.stdout + local.stdout)) continue;
      // A judgment slower than the client's wait is denied for want of time by the judge, which then leaves.
      if (/no verdict within/.test(resident.stdout) || (/no answer from the resident judge within/.test(by) && /no verdict within/.test(local.stdout))) {
        // The client replaced the judge that kept it waiting: the next call starts another.
        const gone = info(h)?.pid;
        hook(payload('ls', shared), shared, h.env);
        await until(() => info(h)?.pid !== gone && info(h));
        continue;
      }
      expect(by, c.run).toBe('resident');
      if (JSON.stringify(same(resident)) === JSON.stringify(same(local))) continue;
      // What the temp folder holds (the workspaces and HOME of this test live there) moves between two calls.
      const decision = (r: Run) => /"permissionDecision":"(\w+)"/.exec(r.stdout)?.[1] ?? `exit ${r.status}`;
      // So does what `..` of a case workspace holds (code deleting `../*` counts the temp folder's files),
      // and the test's HOME, which is in the temp folder too (`rm -rf ~` lists it).
      if ((/\/tmp\b|\$TMPDIR|mktemp|~|\$HOME\b/.test(c.run) || /fs:path \.\.\//.test(resident.stdout)) && decision(resident) === decision(local)) continue;
      differ.push(c.run);
    }
    expect(differ).toEqual([]);
  }, 900_000);

  it('audit records are written as in-process ones are', async () => {
    const h = await withServer();
    const a = repo();
    const b = repo();
    for (const command of ['rm -rf /', 'ls', 'terraform destroy -auto-approve']) {
      hook(payload(command, a), a, h.env);
      inProcess(payload(command, b), b, h);
    }
    const records = (cwd: string) =>
      readFileSync(join(cwd, '.firebreak', 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const { time: _t, durationMs: _d, prev: _p, hash: _h, timings: _s, cwd: _c, ...rest } = JSON.parse(line);
          return JSON.stringify(rest).replaceAll(cwd, 'CWD').replace(/\d{8}T\d{6}/g, 'TIME');
        });
    expect(records(a)).toEqual(records(b));
  }, 120_000);
});

describe('read-ahead from the judge', () => {
  it('a script written through the judge is read ahead into the code cache of the call\'s per-user folder', async () => {
    const h = await withServer();
    const cwd = repo();
    const codeCache = join(h.userDir, 'code-cache');
    const entries = () => (existsSync(codeCache) ? readdirSync(codeCache).filter((f) => f.endsWith('.json')).length : 0);
    const before = entries();
    const script = ['import shutil', '', 'def clean(path):', '    shutil.rmtree(path)', '', "clean('build')", ''].join('\n');
    const input = JSON.stringify({ session_id: 't', cwd, hook_event_name: 'PreToolUse', tool_name: 'Write', tool_input: { file_path: join(cwd, 'clean.py'), content: script } });
    const r = hook(input, cwd, h.env);
    expect(lastTrace(h)).toBe('resident');
    expect(r.status).toBe(0);
    await until(() => entries() > before, 30_000);
  }, 120_000);
});

describe('the answer follows the files, folder and environment of each call', () => {
  it('firebreak.yaml written, a repository made, variables and folders changed between calls', async () => {
    const h = await withServer();
    const cwd = repo();
    const other = repo({ 'firebreak.yaml': PRODUCTION.replace('[prod]', '[other]') });
    const check = (command: string, where: string, env: NodeJS.ProcessEnv = {}) => {
      const input = payload(command, where);
      const resident = hook(input, where, { ...h.env, ...env });
      expect(lastTrace(h), command).toBe('resident');
      const local = hook(input, where, { ...h.env, ...env, FIREBREAK_RESIDENT: '0' });
      expect(same(resident), command).toEqual(same(local));
      return resident.stdout;
    };
    const aws = 'aws --profile prod ec2 terminate-instances --instance-ids i-0abc';
    const without = check(aws, cwd);
    writeFileSync(join(cwd, 'firebreak.yaml'), PRODUCTION);
    const withConfig = check(aws, cwd);
    expect(withConfig).not.toEqual(without);
    check(aws, other);
    check(aws, cwd);
    // The environment of the call, not the server's: HOME decides which startup files are guarded.
    const home2 = mkdtempSync(join(tmpdir(), 'firebreak-resident-home2-'));
    made.push(home2);
    const bashrc = `echo x >> ${join(home2, '.bashrc')}`;
    expect(check(bashrc, cwd, { HOME: home2 })).not.toEqual(check(bashrc, cwd));
    // A folder that becomes a repository (git's discovery is not remembered across calls).
    const bare = mkdtempSync(join(tmpdir(), 'firebreak-resident-bare-'));
    made.push(bare);
    mkdirSync(join(bare, 'src'));
    writeFileSync(join(bare, 'src', 'a.py'), 'print(1)\n');
    const before = check('rm -rf src', bare);
    gitIn(bare, 'init', '-q');
    gitIn(bare, 'add', '.');
    gitIn(bare, 'commit', '-q', '-m', 'x');
    expect(check('rm -rf src', bare)).not.toEqual(before);
  }, 300_000);

  it('a variable read only at start-up that differs is declined, and judged in-process', async () => {
    const h = await withServer({ LANG: 'C.UTF-8' });
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    const r = hook(input, cwd, { ...h.env, LANG: 'de_DE.UTF-8' });
    expect(lastTrace(h)).toMatch(/^in-process: the resident judge declined \(LANG differs/);
    expect(same(r)).toEqual(same(inProcess(input, cwd, { ...h, env: { ...h.env, LANG: 'de_DE.UTF-8' } })));
  }, 120_000);
});

/** A stand-in for the server on the socket path: answers each connection as `mode` says. */
const FAKE = `
const net = require('node:net'); const fs = require('node:fs');
const [socket, modeFile] = process.argv.slice(1);
try { fs.unlinkSync(socket); } catch {}
const server = net.createServer({ allowHalfOpen: true }, (c) => {
  const mode = fs.readFileSync(modeFile, 'utf8').trim();
  c.on('data', () => {
    const pass = { v: 1, kind: 'answer', stdout: '', stderr: '', exitCode: 0 };
    if (mode === 'pass') c.end(JSON.stringify({ ...pass, mac: '0'.repeat(64) }) + '\\n');
    else if (mode === 'nomac') c.end(JSON.stringify(pass) + '\\n');
    else if (mode === 'exit1') c.end(JSON.stringify({ ...pass, exitCode: 1, mac: '0'.repeat(64) }) + '\\n');
    else if (mode === 'garbage') c.end('{"v":1,"kind":"answer","stdout":\\n');
    else if (mode === 'close') c.destroy();
    else if (mode === 'decline') c.end(JSON.stringify({ v: 1, kind: 'decline', why: 'no' }) + '\\n');
    // 'hang': never answers
  });
});
server.listen(socket, () => { fs.chmodSync(socket, 0o600); process.stdout.write('ready\\n'); });
`;

async function fakeServer(socket: string, modeFile: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', FAKE, socket, modeFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.add(child.pid!);
  await new Promise<void>((done) => child.stdout!.once('data', () => done()));
  return child;
}

describe('anything short of a verified answer is judged in-process', () => {
  it('a fake server on the socket, with its own pid or the real server\'s in the info file', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    const expected = same(inProcess(input, cwd, h));
    expect(expected.stdout).toContain('deny');
    const real = info(h)!;
    // The real server stopped (it would notice its socket replaced and leave), the socket taken by a fake.
    process.kill(h.pid, 'SIGSTOP');
    const modeFile = join(h.home, 'mode');
    writeFileSync(modeFile, 'pass');
    const fake = await fakeServer(real.socket, modeFile);
    // With the real server's pid in the info file (the peer check passes): the reply must carry the MAC.
    for (const mode of ['pass', 'nomac', 'exit1', 'garbage', 'close', 'decline']) {
      writeFileSync(modeFile, mode);
      const r = hook(input, cwd, h.env);
      expect(lastTrace(h), mode).toMatch(/^in-process: /);
      expect(same(r), mode).toEqual(expected);
    }
    writeFileSync(modeFile, 'hang');
    const hung = await hookAsync(input, cwd, { ...h.env, FIREBREAK_RESIDENT_WAIT_MS: '700' });
    expect(lastTrace(h)).toMatch(/no answer from the resident judge within 700 ms/);
    expect(same(hung)).toMatchObject({ stdout: expected.stdout, status: expected.status });
    // The fake's own pid in the info file (even with the real secret): not a resident judge of this build.
    writeFileSync(real.file, JSON.stringify({ pid: fake.pid, secret: real.secret }), { mode: 0o600 });
    writeFileSync(modeFile, 'pass');
    const r = hook(input, cwd, h.env);
    expect(lastTrace(h)).toMatch(/is not a resident judge of this build/);
    expect(same(r)).toEqual(expected);
    fake.kill('SIGKILL');
    // The stopped real server was replaced (killed) by the client that waited on the hung fake.
    expect(alive(h.pid)).toBe(false);
  }, 120_000);

  it('a stale socket (the server killed): judged in-process, and a new server answers the next call', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    const expected = same(inProcess(input, cwd, h));
    process.kill(h.pid, 'SIGKILL');
    await until(() => !alive(h.pid));
    expect(existsSync(info(h)!.socket)).toBe(true);
    expect(same(hook(input, cwd, h.env))).toEqual(expected);
    expect(lastTrace(h)).toMatch(/^in-process: /);
    const next = await until(() => info(h)?.pid !== h.pid && info(h));
    expect(alive(next.pid)).toBe(true);
    expect(same(hook(input, cwd, h.env))).toEqual(expected);
    expect(lastTrace(h)).toBe('resident');
  }, 120_000);

  it('a server killed mid-call: the client judges in-process', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('terraform destroy -auto-approve', cwd);
    const expected = same(inProcess(input, cwd, h));
    process.kill(h.pid, 'SIGSTOP');
    const pending = hookAsync(input, cwd, { ...h.env, FIREBREAK_RESIDENT_WAIT_MS: '20000' });
    await new Promise((r) => setTimeout(r, 1000));
    process.kill(h.pid, 'SIGKILL');
    const killed = await pending;
    expect(lastTrace(h)).toMatch(/^in-process: /);
    expect(killed.ms).toBeLessThan(15_000);
    expect(same(killed)).toMatchObject({ stdout: expected.stdout, status: expected.status });
  }, 120_000);

  it('a server that hangs: the client judges in-process after its wait, and replaces the server', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('terraform destroy -auto-approve', cwd);
    const expected = same(inProcess(input, cwd, h));
    process.kill(h.pid, 'SIGSTOP');
    const hung = await hookAsync(input, cwd, { ...h.env, FIREBREAK_RESIDENT_WAIT_MS: '600' });
    expect(lastTrace(h)).toMatch(/no answer from the resident judge within 600 ms/);
    expect(hung.ms).toBeGreaterThanOrEqual(600);
    expect(same(hung)).toMatchObject({ stdout: expected.stdout, status: expected.status });
    await until(() => !alive(h.pid));
    hook(input, cwd, h.env);
    await until(() => info(h)?.pid !== h.pid && info(h));
    expect(same(hook(input, cwd, h.env))).toEqual(expected);
    expect(lastTrace(h)).toBe('resident');
  }, 120_000);

  it('a stopped judge: one answer inside the agent\'s timeout, judged once', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    const expected = same(inProcess(input, cwd, h));
    rmSync(join(cwd, '.firebreak', 'audit.jsonl'), { force: true });
    process.kill(h.pid, 'SIGSTOP');
    // The call's own budget: the client waits until 1.5 s of its 8 s are left, kills the judge and
    // judges in-process in the rest; the agent's timeout is 10 s.
    const r = await hookAsync(input, cwd, h.env);
    expect(lastTrace(h)).toMatch(/^in-process: no answer from the resident judge within \d+ ms/);
    expect(r.ms).toBeGreaterThan(6_000);
    expect(r.ms).toBeLessThan(9_500);
    expect(same(r)).toMatchObject({ stdout: expected.stdout, status: expected.status });
    await until(() => !alive(h.pid));
    expect(readFileSync(join(cwd, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('a judgment that cannot finish in time (the audit log locked): the judge denies it within the client\'s wait, once', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    mkdirSync(join(cwd, '.firebreak'), { recursive: true });
    writeFileSync(join(cwd, '.firebreak', 'audit.lock'), 'held by the test');
    // The judge's audit waits for the lock only as long as its deadline (the client's) allows; it
    // then denies, and the client takes that answer: no second judgment, nothing past the agent's timeout.
    const r = await hookAsync(input, cwd, h.env);
    rmSync(join(cwd, '.firebreak', 'audit.lock'));
    expect(lastTrace(h)).toBe('resident');
    expect(r.ms).toBeLessThan(9_500);
    expect(r.stdout).toMatch(/"permissionDecision":"deny"/);
    expect(r.stderr).toContain('audit log not written');
    expect(alive(h.pid)).toBe(true);
  }, 120_000);

  it('a request with too little of the call\'s time left is declined, not judged late', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    const expected = same(inProcess(input, cwd, h));
    rmSync(join(cwd, '.firebreak', 'audit.jsonl'), { force: true });
    const r = hook(input, cwd, { ...h.env, FIREBREAK_RESIDENT_WAIT_MS: '700' });
    expect(lastTrace(h)).toMatch(/declined \(too little time is left before the client stops waiting\)/);
    expect(same(r)).toEqual(expected);
    expect(readFileSync(join(cwd, '.firebreak', 'audit.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(alive(h.pid)).toBe(true);
  }, 120_000);

  it('a judge that loads code its command line does not show (NODE_OPTIONS) is not ours', async () => {
    const h = await withServer({ NODE_OPTIONS: '--no-warnings' });
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    const env = { ...h.env };
    delete env.NODE_OPTIONS;
    const r = hook(input, cwd, env);
    expect(lastTrace(h)).toMatch(/is not a resident judge of this build/);
    expect(same(r)).toEqual(same(inProcess(input, cwd, { ...h, env })));
  }, 120_000);

  it('a socket folder or info file open to others is not trusted', async () => {
    const h = await withServer();
    const cwd = repo();
    const input = payload('rm -rf /', cwd);
    const expected = same(inProcess(input, cwd, h));
    const i = info(h)!;
    chmodSync(i.file, 0o644);
    expect(same(hook(input, cwd, h.env))).toEqual(expected);
    expect(lastTrace(h)).toMatch(/info file is not private/);
    chmodSync(i.file, 0o600);
    chmodSync(residentDir(h), 0o755);
    expect(same(hook(input, cwd, h.env))).toEqual(expected);
    expect(lastTrace(h)).toMatch(/folder is not private/);
    chmodSync(residentDir(h), 0o700);
    expect(same(hook(input, cwd, h.env))).toEqual(expected);
    expect(lastTrace(h)).toBe('resident');
  }, 120_000);

  it('a server of an older build is never asked, and leaves', async () => {
    // A copy of the installation whose build can change without touching this checkout's.
    const install = mkdtempSync(join(tmpdir(), 'firebreak-resident-install-'));
    made.push(install);
    cpSync(join(ROOT, 'bin'), join(install, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(install, 'dist'), { recursive: true });
    for (const part of ['policies', 'schema', 'knowledge']) if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(install, part), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(install, 'package.json'));
    symlinkSync(join(ROOT, 'node_modules'), join(install, 'node_modules'));
    const h = newHome();
    const cwd = repo();
    const bin = join(install, 'bin', 'firebreak.js');
    const run = (input: string) => spawnSync(process.execPath, [bin, 'hook', '--agent', 'claude-code'], { input, cwd, env: h.env, encoding: 'utf8' });
    const input = payload('rm -rf /', cwd);
    run(input);
    const old = await until(() => info(h));
    run(input);
    expect(lastTrace(h)).toBe('resident');
    // A new build: the entry rewritten.
    appendFileSync(join(install, 'dist', 'bundle', 'hook.js'), '\n// rebuilt\n');
    const r = run(input);
    expect(lastTrace(h)).toMatch(/^in-process: no resident judge/);
    expect(r.stdout).toContain('"permissionDecision":"deny"');
    await until(() => !alive(old.pid), 20_000);
    await until(() => readdirSync(residentDir(h)).some((f) => f.endsWith('.json') && join(residentDir(h), f) !== old.file) && !existsSync(old.file), 20_000);
    run(input);
    expect(lastTrace(h)).toBe('resident');
  }, 120_000);

  it('the server leaves when its socket is removed, and when idle', async () => {
    const h = await withServer({ FIREBREAK_RESIDENT_IDLE_MS: '1500' });
    await until(() => !alive(h.pid), 15_000);
    expect(readdirSync(residentDir(h))).toEqual([]);
    const g = await withServer();
    unlinkSync(info(g)!.socket);
    await until(() => !alive(g.pid), 15_000);
  }, 60_000);
});
