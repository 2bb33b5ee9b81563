// Containment, proven from outside: `firebreak scenarios run --sandbox` runs under strace with
// real-looking production credentials, a production profile and a real AWS endpoint in its
// environment and ~/.aws. Every process it starts (LocalStack, the AWS CLI worker) is traced:
// every connect, every datagram sent and every listening socket must be on the loopback
// interface, and no DNS query may leave the machine.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const SCENARIOS = ['kiro-cost-explorer', 'amazon-q-wiper', 'secrets-force-delete'];

/** One address a traced process used: which call, which family, which host and port. */
interface Use {
  pid: string;
  call: string;
  fd: string;
  family: string;
  host: string;
  port: number;
  line: string;
}

/** connect / bind / sendto / sendmsg lines of `strace -f` that carry an AF_INET(6) address. */
function addressUses(trace: string): Use[] {
  const uses: Use[] = [];
  for (const line of trace.split('\n')) {
    const m = /^(\d+)\s+(connect|bind|sendto|sendmsg)\((\d+),/.exec(line);
    if (!m) continue;
    const v4 = /sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([^"]+)"\)/.exec(line);
    const v6 = /sa_family=AF_INET6, sin6_port=htons\((\d+)\),.*?inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
    const hit = v4 ?? v6;
    if (hit) uses.push({ pid: m[1], call: m[2], fd: m[3], family: v4 ? 'AF_INET' : 'AF_INET6', host: hit[2], port: Number(hit[1]), line });
  }
  return uses;
}

function isLoopback(host: string): boolean {
  return /^127\./.test(host) || host === '::1' || /^::ffff:127\./.test(host);
}

/** Each `listen(fd)` with the address that fd was last bound to in that process (any family). */
function listeners(trace: string): { pid: string; fd: string; bound?: string }[] {
  const last = new Map<string, string>();
  const out: { pid: string; fd: string; bound?: string }[] = [];
  for (const line of trace.split('\n')) {
    const b = /^(\d+)\s+bind\((\d+),/.exec(line);
    if (b) last.set(`${b[1]}:${b[2]}`, line);
    const l = /^(\d+)\s+listen\((\d+),/.exec(line);
    if (l) out.push({ pid: l[1], fd: l[2], bound: last.get(`${l[1]}:${l[2]}`) });
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), 'firebreak-containment-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the sandbox stays on the machine (strace over the whole process tree)', () => {
  it('with production credentials set, every connect, datagram and listening socket is loopback and no DNS query leaves', async () => {
    const strace = spawnSync('strace', ['-V']);
    if (strace.error) throw new Error('strace is not installed: `apt-get install -y strace` (scripts/bootstrap.sh installs it)');
    const venv = join(ROOT, '.firebreak', 'venv');
    if (!existsSync(join(venv, 'localstack', 'bin', 'python'))) throw new Error('the emulators are not installed: run `firebreak sandbox install`');

    // A Firebreak home of its own: no warm sandbox to reuse, so LocalStack starts inside the trace.
    const home = join(work, 'firebreak-home');
    mkdirSync(home);
    symlinkSync(venv, join(home, 'venv'));
    const userHome = join(work, 'home');
    mkdirSync(join(userHome, '.aws'), { recursive: true });
    writeFileSync(join(userHome, '.aws', 'credentials'), '[production]\naws_access_key_id = AKIAIOSFODNN7PRODKEY\naws_secret_access_key = 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\n');
    writeFileSync(join(userHome, '.aws', 'config'), '[profile production]\nregion = eu-west-1\nendpoint_url = https://ec2.eu-west-1.amazonaws.com\n[profile prod]\nregion = eu-west-1\n');
    const env = {
      ...process.env,
      HOME: userHome,
      FIREBREAK_HOME: home,
      AWS_PROFILE: 'production',
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7PRODKEY',
      AWS_SECRET_ACCESS_KEY: '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',
      AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEProdToken',
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'https://sts.eu-west-1.amazonaws.com',
    };
    const traceFile = join(work, 'trace.txt');
    const args = ['-f', '-qq', '--seccomp-bpf', '-e', 'trace=connect,bind,listen,sendto,sendmsg', '-o', traceFile, process.execPath, join(ROOT, 'bin', 'firebreak.js'), 'scenarios', 'run', '--sandbox', '--format', 'json', ...SCENARIOS];
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('strace', args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (err += d));
      child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
    });
    expect(code, stderr.slice(-2000)).toBe(0);

    // The run replayed for real (an unavailable sandbox would prove nothing).
    const outcomes = JSON.parse(stdout) as { name: string; sandbox?: { status: string; coverage: number | null } }[];
    expect(outcomes.map((o) => [o.name, o.sandbox?.status])).toEqual(SCENARIOS.map((n) => [n, expect.stringMatching(/^(ok|partial)$/)]));
    expect(outcomes.every((o) => (o.sandbox?.coverage ?? 0) > 0)).toBe(true);

    const trace = readFileSync(traceFile, 'utf8');
    const uses = addressUses(trace);
    // The trace saw the traffic it is meant to judge: LocalStack's server and the replayed calls.
    expect(uses.filter((u) => u.call === 'connect' && isLoopback(u.host)).length).toBeGreaterThan(10);
    expect(uses.filter((u) => u.call === 'bind' && isLoopback(u.host)).length).toBeGreaterThan(0);

    const offMachine = uses.filter((u) => !isLoopback(u.host) && !(u.call === 'bind' && u.port === 0 && (u.host === '0.0.0.0' || u.host === '::')));
    expect(offMachine.map((u) => u.line)).toEqual([]);
    expect(uses.filter((u) => u.port === 53 && u.call !== 'bind').map((u) => u.line)).toEqual([]);

    const listening = listeners(trace);
    expect(listening.some((l) => l.bound && /127\.0\.0\.1/.test(l.bound))).toBe(true);
    for (const l of listening) {
      // A socket that listens without a bind listens on every interface; a unix socket is local by nature.
      const local = !!l.bound && (/AF_UNIX/.test(l.bound) || addressUses(l.bound).every((u) => isLoopback(u.host)));
      expect(local, `listen(${l.fd}) in ${l.pid} is not bound to loopback: ${l.bound ?? 'no bind'}`).toBe(true);
    }
  }, 600_000);
});
