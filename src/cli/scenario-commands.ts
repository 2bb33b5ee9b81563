import { Command, Option } from 'commander';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { writeOutput } from './output.js';
import { addVerbosityOptions, didYouMean, globalFlags, textOptions } from './conventions.js';

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
    .description('list the scenarios: name, expected verdict, title')
    .action(async () => {
      const { listScenarios, loadScenario, SCENARIOS_DIR } = await import('../scenarios/run.js');
      const rows: string[] = [];
      for (const name of await listScenarios()) {
        const scenario = await loadScenario(join(SCENARIOS_DIR, name));
        rows.push(`${name.padEnd(34)} ${scenario.expect.verdict.padEnd(9)} ${scenario.title}`);
      }
      await writeOutput(rows.join('\n') + '\n');
    });
  addVerbosityOptions(
    scenarios
      .command('run')
      .description('run scenarios (all by default) and print a table with a legend; exits 1 when any result differs from its expectation')
      .argument('[names...]', 'scenario folder names')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--sandbox', 'also replay each scenario with AWS actions in the local emulator'),
  ).action(async (names: string[], flags: { format: 'text' | 'json'; sandbox?: boolean; quiet?: boolean; verbose?: boolean }, command: Command) => {
    const { listScenarios, runScenario, SCENARIOS_DIR } = await import('../scenarios/run.js');
    const { renderScenarioTable } = await import('../report/scenario-table.js');
    const all = await listScenarios();
    for (const name of names) knownScenario(name, all);
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
    const expected = outcomes.filter((o) => o.mismatches.length === 0).length;
    const text = textOptions({ ...globalFlags(command), ...flags });
    const output =
      flags.format === 'json'
        ? JSON.stringify(outcomes.map(({ report, ...rest }) => ({ ...rest, verdictReasons: report?.reasons })), null, 2) + '\n'
        : flags.quiet
          ? `${expected} of ${outcomes.length} scenarios as expected\n`
          : renderScenarioTable(outcomes, { color: text.color, ...(text.width && !flags.verbose ? { width: text.width } : {}) });
    await writeOutput(output);
    process.exitCode = expected === outcomes.length ? 0 : 1;
  });
  addVerbosityOptions(
    scenarios
      .command('show')
      .description('the story of one scenario and the full report Firebreak gives for it; exits 1 when the result differs from its expectation')
      .argument('<name>', 'scenario folder name (see firebreak scenarios list)')
      .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json', 'markdown', 'sarif', 'html']).default('text')),
  ).action(async (name: string, flags: { format: 'text' | 'json' | 'markdown' | 'sarif' | 'html'; quiet?: boolean; verbose?: boolean }, command: Command) => {
    const { listScenarios, loadScenario, scenarioRequest, compare, SCENARIOS_DIR } = await import('../scenarios/run.js');
    knownScenario(name, await listScenarios());
    const dir = join(SCENARIOS_DIR, name);
    const scenario = await loadScenario(dir);
    const { check } = await import('../pipeline.js');
    const { report } = await check(scenarioRequest(scenario, dir));
    const mismatches = compare(scenario, report);
    const text = textOptions({ ...globalFlags(command), ...flags });
    const { renderReportAsync } = await import('../report/render.js');
    const { verdictLine } = await import('../report/text.js');
    if (flags.quiet) await writeOutput(`${verdictLine(report, text)}\n`);
    else if (flags.format !== 'text') await writeOutput(await renderReportAsync(report, flags.format, text));
    else {
      const { wrapText } = await import('../report/wrap.js');
      const para = (t: string) => wrapText(t.trim().replace(/\s+/g, ' '), text.width).join('\n');
      const head = [
        `${scenario.name}: ${scenario.title}`,
        `incident: ${scenario.incident}${scenario.now ? ` · evaluated as of ${scenario.now instanceof Date ? scenario.now.toISOString() : scenario.now}` : ''}`,
        ...(scenario.story ? ['', para(scenario.story)] : []),
        '',
        `expected ${scenario.expect.verdict}, got ${report.verdict}: ${mismatches.length ? `MISMATCH (${mismatches.join('; ')})` : 'as expected'}`,
        `inputs: ${dir}`,
        '',
      ];
      await writeOutput(`${head.join('\n')}\n${await renderReportAsync(report, 'text', text)}`);
    }
    process.exitCode = mismatches.length ? 1 : 0;
  });
}

/** An unknown scenario name is a usage error with the closest name, not the whole list. */
function knownScenario(name: string, all: string[]): void {
  if (all.includes(name)) return;
  const near = didYouMean(name, all);
  throw new InputError(`unknown scenario "${name}"${near ? `; did you mean ${near}?` : ''} (firebreak scenarios list shows all ${all.length})`);
}
