import { Command, Option } from 'commander';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeOutput } from './output.js';

/** One warm emulator set for all scenarios (reset between them), stopped afterwards if we started it. */
async function keepSandboxWarm(log: (line: string) => void): Promise<(() => Promise<void>) | undefined> {
  const { warmUp, warmDown, readWarmState } = await import('../sandbox/index.js');
  const wasWarm = readWarmState() !== undefined;
  try {
    const { ms, reused } = await warmUp({ log });
    log(`${reused ? 'reusing the warm sandbox' : 'sandbox started'} (${Math.round(ms)} ms)`);
  } catch (error) {
    log(`no sandbox: ${(error as Error).message} (each scenario reports sandbox unavailable)`);
    return undefined;
  }
  return wasWarm ? undefined : async () => void (await warmDown());
}

export function registerScenarioCommands(program: Command): void {
  const scenarios = program.command('scenarios').description('reproducible incident scenarios (scenarios/)');
  scenarios
    .command('list')
    .description('list the scenarios')
    .action(async () => {
      const { listScenarios, loadScenario, SCENARIOS_DIR } = await import('../scenarios/run.js');
      const rows: string[] = [];
      for (const name of await listScenarios()) {
        const scenario = await loadScenario(join(SCENARIOS_DIR, name));
        rows.push(`${name.padEnd(34)} ${scenario.expect.verdict.padEnd(9)} ${scenario.title}`);
      }
      await writeOutput(rows.join('\n') + '\n');
    });
  scenarios
    .command('run')
    .description('run scenarios (all by default); exits non-zero when any result differs from its expectation')
    .argument('[names...]', 'scenario folder names')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--sandbox', 'also replay each scenario with AWS actions in the local emulator')
    .action(async (names: string[], flags: { format: 'text' | 'json'; sandbox?: boolean }) => {
      const { listScenarios, runScenario, SCENARIOS_DIR } = await import('../scenarios/run.js');
      const { renderScenarioTable } = await import('../report/scenario-table.js');
      const all = await listScenarios();
      const unknown = names.filter((n) => !all.includes(n));
      if (unknown.length) throw new InputError(`unknown scenario(s): ${unknown.join(', ')}; known: ${all.join(', ')}`);
      const log = (line: string) => process.stderr.write(`sandbox: ${line}\n`);
      const stopSandbox = flags.sandbox ? await keepSandboxWarm(log) : undefined;
      const outcomes = [];
      try {
        for (const name of names.length ? names : all) {
          outcomes.push(await runScenario(join(SCENARIOS_DIR, name), flags.sandbox ? { sandbox: { provider: 'auto', log } } : {}));
        }
      } finally {
        await stopSandbox?.();
      }
      const output =
        flags.format === 'json'
          ? JSON.stringify(outcomes.map(({ report, ...rest }) => ({ ...rest, verdictReasons: report?.reasons })), null, 2) + '\n'
          : renderScenarioTable(outcomes, { color: process.stdout.isTTY });
      await writeOutput(output);
      process.exitCode = outcomes.every((o) => o.mismatches.length === 0) ? 0 : 1;
    });
}
