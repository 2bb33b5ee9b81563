// Code read when it is written (src/agents/hook/read-ahead.ts): a script an agent writes with a file
// tool or a heredoc is read by a detached process after the answer, so the call that runs it finds
// its IR in the sealed cache and loads no parser. Real hook processes, real files: the run answers
// as a cold read does, and a file whose text differs from what was written is read again.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, cleanEnv, tempRepo } from './helpers.js';

const built = existsSync(join(ROOT, 'dist', 'bundle', 'hook.js'));

interface Call { decision: string; reason: string; treeSitter: boolean }

/** One hook call; whether it loaded the tree-sitter runtime (the parser), from a module-load log. */
function hookCall(repo: string, home: string, tool: string, input: Record<string, unknown>, extra: Record<string, string> = {}, agent = 'claude-code'): Call {
  const log = join(mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-log-')), 'loaded.txt');
  const logger = join(log, '..', 'log.mjs');
  writeFileSync(log, '');
  writeFileSync(logger, `import { registerHooks } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregisterHooks({ load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); } });\n`);
  const payload = JSON.stringify({ session_id: 't', cwd: repo, hook_event_name: agent === 'gemini' ? 'BeforeTool' : 'PreToolUse', tool_name: tool, tool_input: input });
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(logger).href, BIN, 'hook', '--agent', agent], {
    cwd: repo, input: payload, encoding: 'utf8', env: cleanEnv({ FIREBREAK_HOME: home, FIREBREAK_CODE_CACHE: '1', ...extra }),
  });
  const out = r.stdout.trim() ? JSON.parse(r.stdout) : {};
  return {
    decision: out.hookSpecificOutput?.permissionDecision ?? (r.status === 0 ? 'allow' : `exit ${r.status}`),
    reason: out.hookSpecificOutput?.permissionDecisionReason ?? '',
    treeSitter: readFileSync(log, 'utf8').includes('tree-sitter-wasm'),
  };
}

const entries = (home: string) => (existsSync(join(home, 'code-cache')) ? readdirSync(join(home, 'code-cache')).filter((f) => f.endsWith('.json')).length : 0);

/** The detached reader runs after the writing call exits: wait for its cache entry. */
async function readAhead(home: string, before: number): Promise<void> {
  for (let t = 0; t < 300 && entries(home) === before; t++) await new Promise((r) => setTimeout(r, 50));
  expect(entries(home), 'the read-ahead wrote no cache entry').toBeGreaterThan(before);
}

const SCRIPT = ['import shutil, json', '', 'def clean(path):', '    shutil.rmtree(path)', '', "clean('build')", "print(json.dumps({'ok': True}))", ''].join('\n');
const HOSTILE = ['import shutil', '', "shutil.rmtree('/home')", ''].join('\n');

describe.skipIf(!built)('read-ahead of written code (needs npm run build)', () => {
  it('a script written with Write is read after the answer: the run loads no parser and answers as a cold read', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    const write = hookCall(repo, home, 'Write', { file_path: join(repo, 'clean.py'), content: SCRIPT });
    expect(write.decision).toBe('allow');
    await readAhead(home, 0);
    writeFileSync(join(repo, 'clean.py'), SCRIPT);
    const run = hookCall(repo, home, 'Bash', { command: 'python3 clean.py' });
    const cold = hookCall(repo, mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-cold-')), 'Bash', { command: 'python3 clean.py' }, { FIREBREAK_CODE_CACHE: '0' });
    expect(run.treeSitter).toBe(false);
    expect(cold.treeSitter).toBe(true);
    expect([run.decision, run.reason]).toEqual([cold.decision, cold.reason]);
    // Handed over through the per-user folder and removed by the reader.
    expect(readdirSync(join(home, 'read-ahead'))).toEqual([]);
  }, 60_000);

  it('a file whose text is not what was written is read again, and judged on what it holds', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    hookCall(repo, home, 'Write', { file_path: join(repo, 'clean.py'), content: SCRIPT });
    await readAhead(home, 0);
    writeFileSync(join(repo, 'clean.py'), HOSTILE);
    const run = hookCall(repo, home, 'Bash', { command: 'python3 clean.py' });
    expect(run.treeSitter).toBe(true);
    expect(run.decision).not.toBe('allow');
    expect(run.reason).toContain('/home');
  }, 60_000);

  it('an Edit is read as the file it leaves (the edit applied to the file on disk)', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    writeFileSync(join(repo, 'tool.mjs'), "import { rmSync } from 'node:fs';\nrmSync('dist', { recursive: true });\n");
    hookCall(repo, home, 'Edit', { file_path: join(repo, 'tool.mjs'), old_string: "'dist'", new_string: "'out'" });
    await readAhead(home, 0);
    writeFileSync(join(repo, 'tool.mjs'), "import { rmSync } from 'node:fs';\nrmSync('out', { recursive: true });\n");
    expect(hookCall(repo, home, 'Bash', { command: 'node tool.mjs' }).treeSitter).toBe(false);
  }, 60_000);

  it('a heredoc that writes a script is read ahead for the call that runs it', async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    const write = hookCall(repo, home, 'Bash', { command: `cat > clean.py <<'EOF'\n${SCRIPT}EOF` });
    expect(write.decision).toBe('allow');
    await readAhead(home, 0);
    writeFileSync(join(repo, 'clean.py'), SCRIPT);
    expect(hookCall(repo, home, 'Bash', { command: 'python3 clean.py' }).treeSitter).toBe(false);
  }, 60_000);

  it('a heredoc the same call runs is read once, in the call: no reader is started', () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    const call = hookCall(repo, home, 'Bash', { command: `cat > clean.py <<'EOF'\n${SCRIPT}EOF\npython3 clean.py` });
    expect(call.treeSitter).toBe(true);
    expect(entries(home)).toBe(1);
    expect(existsSync(join(home, 'read-ahead'))).toBe(false);
  }, 60_000);

  it("a file Codex's apply_patch adds is read ahead as the file it writes", async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    const lines = SCRIPT.trimEnd().split('\n');
    const patch = ['*** Begin Patch', '*** Add File: clean.py', ...lines.map((l) => `+${l}`), '*** End Patch'].join('\n');
    hookCall(repo, home, 'apply_patch', { command: patch }, {}, 'codex');
    await readAhead(home, 0);
    writeFileSync(join(repo, 'clean.py'), `${lines.join('\n')}\n`);
    expect(hookCall(repo, home, 'Bash', { command: 'python3 clean.py' }).treeSitter).toBe(false);
  }, 60_000);

  it("a file Gemini's write_file writes is read ahead", async () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    hookCall(repo, home, 'write_file', { file_path: join(repo, 'clean.py'), content: SCRIPT }, {}, 'gemini');
    await readAhead(home, 0);
    writeFileSync(join(repo, 'clean.py'), SCRIPT);
    expect(hookCall(repo, home, 'Bash', { command: 'python3 clean.py' }).treeSitter).toBe(false);
  }, 60_000);

  it('is off with the code cache, and the reader refuses what it cannot read', () => {
    const repo = tempRepo();
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    hookCall(repo, home, 'Write', { file_path: join(repo, 'clean.py'), content: SCRIPT }, { FIREBREAK_CODE_CACHE: '0' });
    hookCall(repo, home, 'Write', { file_path: join(repo, 'clean2.py'), content: SCRIPT }, { FIREBREAK_READ_AHEAD: '0' });
    expect(existsSync(join(home, 'read-ahead'))).toBe(false);
    const junk = join(home, 'junk.json');
    writeFileSync(junk, 'not json');
    const r = spawnSync(process.execPath, [BIN, 'hook', '--read-ahead', junk], { encoding: 'utf8', env: cleanEnv({ FIREBREAK_HOME: home }) });
    expect(r.status).toBe(1);
    // Only its own hand-over folder's files are removed.
    expect(existsSync(junk)).toBe(true);
    expect(entries(home)).toBe(0);
  }, 60_000);

  it('at most two readers run at once: with both slots held by live readers, more start none and read nothing', async () => {
    const home = mkdtempSync(join(tmpdir(), 'firebreak-read-ahead-home-'));
    const dir = join(home, 'read-ahead');
    mkdirSync(dir, { recursive: true });
    // Two live processes hold the slots, as two readers in the middle of a read would.
    const holders = [0, 1].map(() => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' }));
    try {
      holders.forEach((h, n) => writeFileSync(join(dir, `slot-${n}`), String(h.pid)));
      const env = cleanEnv({ FIREBREAK_HOME: home, FIREBREAK_CODE_CACHE: '1' });
      const hand = (n: number) => {
        const file = join(dir, `burst-${n}.json`);
        writeFileSync(file, JSON.stringify([{ language: 'python', file: `s${n}.py`, text: `${SCRIPT}# ${n}\n` }]));
        return file;
      };
      // A burst of readers while the slots are taken: every one exits at once, reads nothing, removes its hand-over.
      const burst = await Promise.all(Array.from({ length: 8 }, (_, n) => new Promise<number | null>((done) => {
        spawn(process.execPath, [BIN, 'hook', '--read-ahead', hand(n)], { stdio: 'ignore', env }).on('exit', (code) => done(code));
      })));
      expect(burst).toEqual(Array(8).fill(0));
      expect(entries(home)).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['slot-0', 'slot-1']);
      // A hook call that writes a script starts no reader either: the hand-over folder stays as it was.
      const repo = tempRepo();
      hookCall(repo, home, 'Write', { file_path: join(repo, 'clean.py'), content: SCRIPT });
      expect(readdirSync(dir).sort()).toEqual(['slot-0', 'slot-1']);
      // One holder exits: its slot is a dead reader's, taken over by the next reader, which reads and gives it back.
      holders[0].kill();
      await new Promise((r) => holders[0].once('exit', r));
      const r = spawnSync(process.execPath, [BIN, 'hook', '--read-ahead', hand(99)], { encoding: 'utf8', env });
      expect(r.status).toBe(0);
      expect(entries(home)).toBe(1);
      expect(readdirSync(dir).sort()).toEqual(['slot-1']);
    } finally {
      for (const h of holders) h.kill();
    }
  }, 60_000);
});

