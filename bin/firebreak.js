#!/usr/bin/env node
// `firebreak hook --agent X` runs on every agent tool call: dispatch it before loading the CLI.
const [command, next] = process.argv.slice(2);
if (command === 'hook' && next !== 'install' && !process.argv.includes('--help') && !process.argv.includes('-h')) {
  try {
    const { hookMain } = await import('../dist/bundle/hook.js');
    await hookMain(process.argv.slice(3));
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
} else {
  let runAsProcess;
  try {
    ({ runAsProcess } = await import('../dist/bundle/main.js'));
  } catch (error) {
    process.stderr.write(`firebreak: cannot start (${error?.message ?? error}): run \`npm run build\` in the firebreak folder. Nothing was judged.\n`);
    process.exit(3);
  }
  runAsProcess(process.argv);
}
