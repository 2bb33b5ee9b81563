import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Decision, Report } from '../model.js';
import { check, type CheckRequest } from '../pipeline.js';
import { loadYamlWithSchema } from '../config/load-yaml.js';
import { InputError } from '../errors.js';
import { scenarioSchema, type Scenario } from './schema.js';

export interface ScenarioOutcome {
  name: string;
  title: string;
  expected: Decision;
  got: Decision | 'error';
  blastRadius: number;
  irreversible: number;
  ms: number;
  /** Every expectation that did not hold, in plain language. Empty = the scenario passed. */
  mismatches: string[];
  report?: Report;
}

export const SCENARIOS_DIR = resolve(new URL('../../scenarios', import.meta.url).pathname);

export async function listScenarios(root = SCENARIOS_DIR): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'scenario.yaml')))
    .map((e) => e.name)
    .sort();
}

export async function loadScenario(dir: string): Promise<Scenario> {
  const file = join(dir, 'scenario.yaml');
  return loadYamlWithSchema(await readFile(file, 'utf8'), file, scenarioSchema);
}

/** The check request a scenario describes, paths resolved against its folder. */
export function scenarioRequest(scenario: Scenario, dir: string): CheckRequest {
  const at = (file: string) => join(dir, file);
  const { inputs } = scenario;
  const now = scenario.now === undefined ? undefined : new Date(scenario.now);
  if (now && Number.isNaN(now.getTime())) throw new InputError(`now: not an ISO date-time: ${String(scenario.now)}`, join(dir, 'scenario.yaml'));
  return {
    cwd: dir,
    commands: inputs.commands ?? [],
    files: (inputs.files ?? []).map(at),
    plan: inputs.plan && at(inputs.plan),
    state: (inputs.state ?? []).map(at),
    stacks: Object.entries(inputs.stacks ?? {}).map(([name, file]) => ({ name, file: at(file) })),
    templateBefore: inputs.templateBefore && at(inputs.templateBefore),
    templateAfter: inputs.templateAfter && at(inputs.templateAfter),
    stackName: inputs.stackName,
    changeSet: inputs.changeSet && at(inputs.changeSet),
    actionsFile: inputs.actions && at(inputs.actions),
    config: scenario.config && at(scenario.config),
    // A scenario is self-contained: no firebreak.yaml is picked up implicitly.
    implicitConfig: false,
    policy: scenario.policy && at(scenario.policy),
    now,
  };
}

export async function runScenario(dir: string, extra: Partial<CheckRequest> = {}): Promise<ScenarioOutcome> {
  const started = performance.now();
  let scenario: Scenario;
  try {
    scenario = await loadScenario(dir);
  } catch (error) {
    return failed(dir.split('/').pop() ?? dir, '(unreadable scenario)', 'pass', started, error);
  }
  try {
    const request = { ...scenarioRequest(scenario, dir), ...extra };
    const { report } = await check(request);
    return {
      name: scenario.name,
      title: scenario.title,
      expected: scenario.expect.verdict,
      got: report.verdict,
      blastRadius: report.blastRadius.counts.total,
      irreversible: report.blastRadius.counts.irreversible,
      ms: Math.round(performance.now() - started),
      mismatches: compare(scenario, report),
      report,
    };
  } catch (error) {
    return failed(scenario.name, scenario.title, scenario.expect.verdict, started, error);
  }
}

function failed(name: string, title: string, expected: Decision, started: number, error: unknown): ScenarioOutcome {
  const message = error instanceof InputError ? error.describe() : error instanceof Error ? error.message : String(error);
  return { name, title, expected, got: 'error', blastRadius: 0, irreversible: 0, ms: Math.round(performance.now() - started), mismatches: [message] };
}

/** Every expectation of the scenario checked against the report. */
export function compare(scenario: Scenario, report: Report): string[] {
  const { expect } = scenario;
  const mismatches: string[] = [];
  const total = report.blastRadius.counts.total;
  const irreversible = report.blastRadius.counts.irreversible;
  if (report.verdict !== expect.verdict) mismatches.push(`verdict ${report.verdict}, expected ${expect.verdict}`);
  if (expect.blastRadiusAtLeast !== undefined && total < expect.blastRadiusAtLeast) mismatches.push(`blast radius ${total} < ${expect.blastRadiusAtLeast}`);
  if (expect.blastRadiusAtMost !== undefined && total > expect.blastRadiusAtMost) mismatches.push(`blast radius ${total} > ${expect.blastRadiusAtMost}`);
  if (expect.irreversibleAtLeast !== undefined && irreversible < expect.irreversibleAtLeast) mismatches.push(`irreversible ${irreversible} < ${expect.irreversibleAtLeast}`);
  if (expect.irreversibleAtMost !== undefined && irreversible > expect.irreversibleAtMost) mismatches.push(`irreversible ${irreversible} > ${expect.irreversibleAtMost}`);
  const inRadius = new Set(report.blastRadius.resources.map((r) => r.id));
  for (const id of expect.resourcesInBlastRadius ?? []) if (!inRadius.has(id)) mismatches.push(`${id} missing from blast radius`);
  const lost = new Set([
    ...report.rollback.irreversible.map((i) => i.resource),
    ...report.blastRadius.resources.filter((r) => r.dataLoss).map((r) => r.id),
  ]);
  for (const id of expect.irreversibleResources ?? []) if (!lost.has(id)) mismatches.push(`${id} not reported as irreversible`);
  return mismatches;
}
