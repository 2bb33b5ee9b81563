// The fast path: `ls` and `npm test` never load the code readers or the WASM runtime.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WASM_FLAGS } from '../../src/intake/code/tree-sitter.js';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const shellIndex = join(ROOT, 'dist', 'intake', 'shell', 'index.js');

function loadedAfter(commands: string[]): { treeSitter: boolean; readers: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const { parseShellCommand } = await import(${JSON.stringify(shellIndex)});
    for (const c of ${JSON.stringify(commands)}) await parseShellCommand(c, { kind: 'shell', command: c });
    const require = createRequire(import.meta.url);
    const cjs = Object.keys(require.cache);
    process.stdout.write(JSON.stringify({ treeSitter: cjs.some((k) => k.includes('tree-sitter-wasm')) }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return { ...JSON.parse(out), readers: false };
}

describe.skipIf(!existsSync(shellIndex))('lazy loading (needs npm run build)', () => {
  it('ls, npm test and git status load no WASM', () => {
    expect(loadedAfter(['ls -la', 'npm test', 'git status', 'cat README.md | grep x']).treeSitter).toBe(false);
  });
  it('an interpreter command loads it', () => {
    expect(loadedAfter([`python3 -c 'print(1)'`]).treeSitter).toBe(true);
  });
});

const hookBin = join(ROOT, 'bin', 'firebreak.js');

/** The source modules of the hook bundle's files one hook call for `command` loads. */
function hookSources(command: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-lazy-'));
  try {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const logger = join(dir, 'log-loads.mjs');
    writeFileSync(logger, `import { registerHooks } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nregisterHooks({ load(url, context, next) { if (url.startsWith('file:')) appendFileSync(${JSON.stringify(join(dir, 'loaded.txt'))}, url + '\\n'); return next(url, context); } });\n`);
    const payload = JSON.stringify({ session_id: 't', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
    try {
      execFileSync(process.execPath, ['--import', pathToFileURL(logger).href, hookBin, 'hook', '--agent', 'claude-code'], { cwd: dir, input: payload, env: { ...process.env, FIREBREAK_HOME: join(dir, 'home'), FIREBREAK_CODE_CACHE: '0', CI: '' }, stdio: ['pipe', 'ignore', 'ignore'] });
    } catch {
      // a deny exits 2: what was loaded is what matters here
    }
    const urls = readFileSync(join(dir, 'loaded.txt'), 'utf8').trim().split('\n');
    return urls.flatMap((u) => (u.includes('/dist/bundle/') ? [...readFileSync(fileURLToPath(u), 'utf8').matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((m) => m[1]) : []));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!existsSync(join(ROOT, 'dist', 'bundle', 'hook.js')))('hook bundle: what code reading loads (needs npm run build)', () => {
  it('reading code that calls no AWS SDK loads neither the AWS CLI model nor its tables', () => {
    const sources = hookSources(`python3 -c "import shutil; shutil.rmtree('build')"`);
    expect(sources).toContain('src/intake/code/readers/python.ts');
    expect(sources.filter((s) => s.startsWith('src/intake/aws/') || s.startsWith('src/knowledge/aws-'))).toEqual([]);
  });

  it('a judged shell command that runs no code loads neither the code reader nor its knowledge', () => {
    // A static import of intake/code/index from a module the shell chunk holds puts the reader
    // (~110 KB with its tables) into every judged call (docs/hook-speed.md, wave 9).
    for (const command of ['rm -rf build', 'kubectl delete ns web']) {
      const sources = hookSources(command);
      expect(sources).toContain('src/intake/shell/walk.ts');
      expect(sources.filter((s) => /^src\/(intake\/code\/(index|effects|values|models\/)|knowledge\/code\/(sink-names|python|javascript|ruby-php|cloud-sdks|remote-libraries|methods)\.ts)/.test(s))).toEqual([]);
    }
  });

  it('code that calls AWS loads them, and is judged through them', () => {
    const sources = hookSources(`python3 -c "import boto3; boto3.client('s3').delete_bucket(Bucket='prod-assets')"`);
    expect(sources).toContain('src/intake/aws/parameters.ts');
    expect(sources).toContain('src/intake/aws/call.ts');
  });
});

describe.skipIf(!existsSync(join(ROOT, 'dist', 'bundle', 'hook.js')))('hook: V8 flags and the compile cache (needs npm run build)', () => {
  it('bin/firebreak.js sets at start-up every flag code reading sets', () => {
    const bin = readFileSync(hookBin, 'utf8');
    for (const flag of WASM_FLAGS) expect(bin).toContain(flag);
  });

  it("the hook's chunks take Node's built-ins from process.getBuiltinModule, never a dynamic import", () => {
    // bin/firebreak.js loads a built-in taken that way under V8's default flags, where Node's
    // compiled code for it is accepted; import("node:x") would compile it from source.
    const bundle = join(ROOT, 'dist', 'bundle');
    const dynamic = readdirSync(bundle)
      .filter((f) => /^hook.*\.js$/.test(f))
      .flatMap((f) => (readFileSync(join(bundle, f), 'utf8').match(/(?<![\w$.])import\("node:[^"]*"\)/g) ?? []).map((m) => `${f}: ${m}`));
    expect(dynamic).toEqual([]);
  });

  it('calls that read code and calls that do not share the compiled chunks: none is rejected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'firebreak-flags-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: dir });
      const rejected: string[] = [];
      // The boto3 call escalates: its judgment loads node:crypto and node:fs/promises part-way through
      // (under V8's default flags, bin/firebreak.js), and the chunks loaded after them must still meet
      // the flags their cache was made under.
      const boto3 = `python3 -c "import boto3; boto3.client('s3').delete_bucket(Bucket='prod-assets')"`;
      for (const command of [`python3 -c "import shutil; shutil.rmtree('build')"`, 'rm -rf build', boto3, `python3 -c "import shutil; shutil.rmtree('build')"`, 'rm -rf build', boto3]) {
        const payload = JSON.stringify({ session_id: 't', cwd: dir, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } });
        const run = spawnSync(process.execPath, [hookBin, 'hook', '--agent', 'claude-code'], {
          cwd: dir, input: payload, encoding: 'utf8',
          env: { ...process.env, FIREBREAK_HOME: join(dir, 'home'), FIREBREAK_CODE_CACHE: '0', FIREBREAK_HOOK_JIT: '', CI: '', NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
        });
        expect(run.stderr).toMatch(/compile cache|COMPILE_CACHE/i); // the debug output is there to read
        rejected.push(...run.stderr.split('\n').filter((line) => /rejected/.test(line)).map((line) => `${command}: ${line}`));
      }
      expect(rejected).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
