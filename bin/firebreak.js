#!/usr/bin/env node
// `firebreak hook --agent X` runs on every agent tool call: dispatch it before loading the CLI.
// Built-in modules come from process.getBuiltinModule(), as in the hook's bundle
// (scripts/hook-builtins.mjs): an ESM import of node:fs alone loads fs/promises, the streams and
// readline (~3 ms of a hook call). A Node before 22.3 gets it from createRequire.
if (typeof process.getBuiltinModule !== 'function') {
  const { createRequire } = await import('node:module');
  process.getBuiltinModule = createRequire(import.meta.url);
}
const builtin = (id) => process.getBuiltinModule(id);
// V8's optimising compilers off (interpreterOnly), and the flags code reading sets before it parses
// (WASM_FLAGS, src/intake/code/tree-sitter.ts), set at start-up so that no call changes V8's flags
// later: compiled code is stamped with a hash of the flags, and the compile cache rejects code
// stamped by a call that read code in one that did not.
const HOOK_FLAGS = ['--no-sparkplug --no-maglev --no-opt', '--liftoff-only --no-wasm-tier-up --no-wasm-dynamic-tiering'];
// The same flags at V8's defaults: the stamp Node's own modules' compiled code carries.
const DEFAULT_FLAGS = '--sparkplug --maglev --opt --no-liftoff-only --wasm-tier-up --wasm-dynamic-tiering';
const [command, next] = process.argv.slice(2);
if (command === 'hook' && next === '--serve') {
  // The resident judge (src/agents/resident/server.ts) lives for minutes: V8's defaults (the JIT
  // pays off), and no compile cache, whose entries are stamped with the hook's flags.
  try {
    const { hookMain } = await import('../dist/bundle/hook.js');
    await hookMain(process.argv.slice(3));
  } catch {
    process.exit(0);
  }
} else if (command === 'hook' && next !== 'install' && !process.argv.includes('--help') && !process.argv.includes('-h')) {
  // First the resident judge, if one answers (src/agents/resident/client.ts: a verified answer or
  // nothing); otherwise this process judges the call, with the payload the client already read.
  let payload;
  if (next !== '--read-ahead' && process.env.FIREBREAK_RESIDENT !== '0' && typeof process.getBuiltinModule === 'function') {
    try {
      const { residentHook } = await import('../dist/bundle/resident-client.js');
      const result = await residentHook(process.argv.slice(3), builtin('node:path').join(import.meta.dirname, '..', 'dist', 'bundle'));
      if (result.answered) process.exit(result.exitCode);
      payload = result.payload;
    } catch {
      /* judged in-process */
    }
  }
  try {
    interpreterOnly();
    enableHookCompileCache();
    const { hookMain } = await import('../dist/bundle/hook.js');
    await hookMain(process.argv.slice(3), payload);
  } catch (error) {
    // Exit 2 blocks in every agent that reads exit codes; 1 would let the command run.
    process.stderr.write(`firebreak hook: cannot start (${error?.message ?? error}); denying.\n`);
    process.exit(2);
  }
} else if (command === 'ci' && !process.execArgv.includes('--liftoff-only') && process.env.FIREBREAK_CI_REEXEC !== '0') {
  // `firebreak ci` parses HCL with a large Go-compiled WebAssembly module of which a run executes
  // little; V8's optimising tier recompiles its hot functions for more CPU than it saves (the
  // 500-file bench repository: ~1.1 s CPU as is, ~0.75 s with the baseline compiler only). V8
  // reads that flag only at start-up, so the gate runs in a child started with it.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--liftoff-only', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`firebreak: cannot start the CI gate (${error?.message ?? error}). Nothing was judged.\n`);
    process.exit(3);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 3 : 0)));
} else if (command === 'check' && largePlan(process.argv.slice(3)) && !process.execArgv.includes('--no-opt') && process.env.FIREBREAK_CHECK_REEXEC !== '0') {
  // A large plan (>= 4 MB, see largePlan; docs/plan-speed.md, waves 14 and 15): V8's optimising compiler
  // (TurboFan) recompiles the hot functions of a seconds-long check on background threads for more
  // CPU than its code saves. A 10,000-change plan: 7.14 G instructions as is, 6.02-6.07 G without
  // TurboFan plus 0.11 G for this process (callgrind, all threads). The young generation is capped
  // at 16 MB a semi-space (Node's default grows it with the machine's memory): the same or less
  // CPU and less peak memory in alternating runs (10k: 1.12-1.13 s and ~240 MB, against
  // 1.16-1.21 s and 267-282 MB at 32 MB and 1.22 s and 326 MB at Node's default).
  // `--single-threaded`: the collector and Maglev work on this thread instead of on helper threads
  // that the CPU bill counts all the same and that have to be kept in step (wave 15, alternating
  // rounds: ~10% less CPU for the whole process at 10k; docs/plan-speed.md). An old generation
  // of 256 MB from the start: what a check keeps lives to its end, so a full collection while the
  // heap grows to ~130 MB (10k) frees nothing (5.39 -> 5.12 G instructions, callgrind).
  // V8 reads these flags only at start-up (a collector flag changed at run time can abort V8),
  // so the check runs in a child started with them.
  // A child that cannot start leaves the check to this process.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--no-opt', '--max-semi-space-size=16', '--single-threaded', '--initial-old-space-size=256', ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', async () => {
    if (child.pid !== undefined) return;
    const { runAsProcess } = await import('../dist/bundle/main.js');
    runAsProcess(process.argv);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 3 : 0)));
} else {
  // The child that checks a large plan (above) runs long enough for V8's code cache of the bundle
  // to pay: ~40 ms of compiling at every run. Its entries are kept apart from the hook's, as Node
  // keys the cache by V8's flags.
  if (command === 'check' && process.execArgv.includes('--no-opt')) enableHookCompileCache();
  let runAsProcess;
  try {
    ({ runAsProcess } = await import('../dist/bundle/main.js'));
  } catch (error) {
    process.stderr.write(`firebreak: cannot start (${error?.message ?? error}): run \`npm run build\` in the firebreak folder. Nothing was judged.\n`);
    process.exit(3);
  }
  runAsProcess(process.argv);
}

/**
 * A hook process lives ~50-100 ms: V8's optimising compilers (Sparkplug, Maglev, TurboFan) spend
 * more CPU on it, largely on background threads, than their code saves before the process exits
 * (docs/speed.md: ~10 ms of a judged call). Set before any of the hook's code is compiled, so the
 * code cache is made and used under the same flags. FIREBREAK_HOOK_JIT=1 keeps V8's defaults.
 */
function interpreterOnly() {
  if (process.env.FIREBREAK_HOOK_JIT === '1') return;
  const v8 = builtin('node:v8');
  // The import.meta initialiser (chunks that name their own URL) is one of Node's own modules too
  // (see builtinsWithDefaultFlags): loaded here, before the flags change.
  void import.meta.url;
  for (const flags of HOOK_FLAGS) v8.setFlagsFromString(flags);
  builtinsWithDefaultFlags(v8);
  // Code reading turns the baseline compiler on for its tree walks and off after (tree-sitter.ts).
  globalThis[Symbol.for('firebreak.interpreterOnly')] = true;
}

/**
 * Node's own modules (node:crypto, node:fs/promises, node:os...) come with compiled code stamped
 * with a hash of V8's default flags. One first loaded after interpreterOnly() changed the flags is
 * compiled from its source instead: about twice the CPU (node:crypto and node:fs/promises for an
 * escalated call ~5 ms, node:module and node:os for every call ~1 ms; docs/hook-speed.md, wave 8).
 * The hook takes every built-in from process.getBuiltinModule() (scripts/hook-builtins.mjs), so
 * the first load of each runs under V8's default flags, and the hook's flags are set again right
 * after. Code the built-in's loading compiles is Node's; the hook's own code is compiled, and
 * read from the compile cache, under the hook's flags only.
 */
function builtinsWithDefaultFlags(v8) {
  const load = process.getBuiltinModule;
  const seen = new Set();
  process.getBuiltinModule = function getBuiltinModule(id) {
    if (seen.has(id)) return load.call(process, id);
    seen.add(id);
    v8.setFlagsFromString(DEFAULT_FLAGS);
    try {
      return load.call(process, id);
    } finally {
      for (const flags of HOOK_FLAGS) v8.setFlagsFromString(flags);
    }
  };
}

/**
 * Whether `check` was given a plan file large enough for the child's flags to pay for starting it
 * (the parent's ~0.11 G instructions, ~30 ms of CPU). Measured with callgrind (wave 15, the
 * child's flags as above): a 10,000-change plan of `resource_changes` only (10 MB) runs 3.03 G
 * instructions in process and 2.68 G in the child, and 755 -> 629 ms of CPU in alternating rounds;
 * the full `terraform show -json` of the same changes (24 MB) 5.53 G with wave 14's flags and
 * 5.12 G with these. Nearer the threshold, CPU in 9 alternating rounds, in process -> child:
 * a lean 5,000-change plan (5.1 MB) 527 -> 445 ms, a full 2,000 (4.8 MB) 459 -> 425 ms, a full
 * 1,000 (2.4 MB) 310 -> 319 ms and a lean 2,000 (2.0 MB) 283 -> 293 ms: even near 2.5 MB, so
 * 4 MB (~4,000 changes of a lean plan, ~1,700 of a full one). Only the size is read here; a
 * plan that cannot be read is the check's to report.
 */
function largePlan(args) {
  const LARGE_PLAN_BYTES = 4 * 1024 * 1024;
  for (let i = 0; i < args.length; i++) {
    const file = args[i] === '--plan' ? args[i + 1] : args[i].startsWith('--plan=') ? args[i].slice('--plan='.length) : undefined;
    if (!file || file === '-') continue;
    try {
      if (builtin('node:fs').statSync(file).size >= LARGE_PLAN_BYTES) return true;
    } catch {
      /* not a file this process can read: judged in this process */
    }
  }
  return false;
}

/**
 * V8's code cache for the hook's bundle (docs/speed.md): most of a hook call's CPU is compiling
 * the same JavaScript again. The cache lives in the per-user folder (FIREBREAK_HOME, else
 * $XDG_CONFIG_HOME/firebreak, else ~/.config/firebreak), which the guard keeps the agent from
 * writing, as it does the approval key: code read from a folder the agent could write would be
 * code the agent chose. FIREBREAK_COMPILE_CACHE=0 turns it off. A cache that cannot be made or
 * read only costs the compile it would have saved.
 */
function enableHookCompileCache() {
  if (process.env.FIREBREAK_COMPILE_CACHE === '0') return;
  try {
    const { enableCompileCache } = builtin('node:module');
    if (typeof enableCompileCache !== 'function') return;
    const { mkdirSync } = builtin('node:fs');
    const { join, resolve } = builtin('node:path');
    const env = process.env;
    const user = env.FIREBREAK_HOME ? resolve(env.FIREBREAK_HOME) : env.XDG_CONFIG_HOME ? join(resolve(env.XDG_CONFIG_HOME), 'firebreak') : join(env.HOME || '/', '.config', 'firebreak');
    // The per-user folder is private (0700, as the approval key's code makes it).
    mkdirSync(user, { recursive: true, mode: 0o700 });
    enableCompileCache(join(user, 'compile-cache'));
  } catch {
    /* no cache: the hook compiles its code as without one */
  }
}
