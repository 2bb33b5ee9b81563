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
