// commander wiring for `firebreak sandbox install|up|down|status` and `firebreak discover`.
// The sandbox modules are imported inside the actions, so `firebreak check` never loads them.
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';

const EXIT_ERROR = 3;

/** Progress goes to stderr; a dumb terminal gets plain lines, never cursor movement. */
function progressStream(): NodeJS.WriteStream {
  if (process.env.TERM !== 'dumb' || !process.stderr.isTTY) return process.stderr;
  return { isTTY: false, write: (text: string) => process.stderr.write(text) } as unknown as NodeJS.WriteStream;
}

export function registerSandboxCommands(program: Command): void {
  const sandbox = program.command('sandbox').description('Local AWS emulators (LocalStack 4.14.0 + moto) the planned actions are replayed in');

  sandbox
    .command('install')
    .description('pip-install the pinned emulators and Firebreak\'s LocalStack extension into .firebreak/venv (skips what is current)')
    .option('--quiet', 'no progress output')
    .action(async (opts: { quiet?: boolean }) => {
      const { installEmulators } = await import('../sandbox/install.js');
      const { createProgress } = await import('../sandbox/progress.js');
      const progress = createProgress(progressStream(), opts.quiet);
      try {
        const outcomes = await installEmulators({ log: (l) => progress.step(l) });
        progress.done('emulators installed');
        for (const o of outcomes) process.stdout.write(`${o.name} ${o.version}: ${o.action} (${o.venv})\n`);
      } catch (e) {
        progress.done();
        process.stderr.write(`firebreak: sandbox install failed: ${(e as Error).message}\n`);
        process.exitCode = EXIT_ERROR;
      }
    });

  sandbox
    .command('up')
    .description('start a warm sandbox that later runs reuse (state in .firebreak/sandbox/state.json)')
    .option('--json', 'print the state as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { warmUp } = await import('../sandbox/warm.js');
      const { createProgress } = await import('../sandbox/progress.js');
      const progress = createProgress(progressStream(), opts.json);
      try {
        const { state, reused, ms } = await warmUp({ log: (l) => progress.step(l) });
        progress.done(reused ? 'warm sandbox already running' : `sandbox up in ${(ms / 1000).toFixed(1)} s`);
        if (opts.json) process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
        else for (const e of state.engines) process.stdout.write(`${e.name} ${e.version ?? ''} ${e.url}\n`);
      } catch (e) {
        progress.done();
        const { HOW_TO_GET_A_SANDBOX } = await import('../sandbox/providers/choose.js');
        process.stderr.write(`firebreak: sandbox up failed: ${(e as Error).message}\n  ${(e as { howToFix?: string }).howToFix ?? HOW_TO_GET_A_SANDBOX}\n`);
        process.exitCode = EXIT_ERROR;
      }
    });

  sandbox
    .command('down')
    .description('stop the warm sandbox')
    .action(async () => {
      const { warmDown } = await import('../sandbox/warm.js');
      const { stopped } = await warmDown();
      process.stdout.write(stopped ? `stopped ${stopped} emulator process(es)\n` : 'no warm sandbox was running\n');
    });

  sandbox
    .command('status')
    .description('health of the warm sandbox')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { warmStatus } = await import('../sandbox/warm.js');
      const { isInstalled, extensionInstalled } = await import('../sandbox/install.js');
      const status = await warmStatus();
      const installed = { localstack: await isInstalled('localstack'), moto: await isInstalled('moto'), extension: extensionInstalled() };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ installed, running: !!status.state, health: status.health }, null, 2)}\n`);
      } else {
        const yes = (v: boolean) => (v ? 'yes' : 'no');
        process.stdout.write(`installed: localstack ${yes(installed.localstack)} (Firebreak extension ${yes(installed.extension)}), moto ${yes(installed.moto)}\n`);
        if (!status.state) process.stdout.write('no warm sandbox (start one with `firebreak sandbox up`)\n');
        for (const h of status.health) {
          const ext = h.extensionStatus ? `, extension ${h.extensionStatus.version}${h.extensionStatus.contained ? ', loopback only' : ', NOT contained'}` : '';
          process.stdout.write(`${h.name} ${h.url}: ${h.healthy ? 'healthy' : 'UNHEALTHY'} (${h.detail}${ext})\n`);
        }
      }
      if (status.state && status.health.some((h) => !h.healthy)) process.exitCode = EXIT_ERROR;
    });

  program
    .command('discover')
    .description('read-only inventory of an AWS account (List/Describe/Get calls only), to seed the sandbox twin')
    .option('--profile <profile>', 'AWS profile to read with')
    .option('--region <region>', 'AWS region')
    .option('--endpoint-url <url>', 'read from this endpoint instead of AWS (e.g. an emulator)')
    .addOption(new Option('--services <list>', 'comma-separated services').argParser((v) => v.split(',').map((s) => s.trim()).filter(Boolean)))
    .requiredOption('--out <file>', 'where to write inventory.json')
    .action(async (opts: { profile?: string; region?: string; endpointUrl?: string; services?: string[]; out: string }) => {
      const { discover } = await import('../sandbox/discover.js');
      try {
        const { inventory, operations, skipped } = await discover(opts);
        await writeFile(opts.out, `${JSON.stringify(inventory, null, 2)}\n`);
        process.stdout.write(`${inventory.items.length} resources written to ${opts.out} (${operations.length} read calls)\n`);
        for (const e of inventory.errors) process.stderr.write(`warning: ${e.service}: ${e.message}\n`);
        if (skipped.length) process.stderr.write(`not listed (no SDK client installed): ${skipped.join(', ')}\n`);
      } catch (e) {
        process.stderr.write(`firebreak: discover failed: ${(e as Error).message}\n`);
        process.exitCode = EXIT_ERROR;
      }
    });
}
