import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Decision, Report, RollbackOutcome, RollbackVerification, SandboxStatus } from '../model.js';
import { check, type CheckRequest } from '../pipeline.js';
import { loadYamlWithSchema } from '../config/load-yaml.js';
import { InputError } from '../errors.js';
import { scenarioSchema, type Scenario } from './schema.js';

export interface ScenarioSandbox {
  status: SandboxStatus;
  /** Agreeing / scored predicted resources; null when the twin observed nothing to score. */
  agreement: number | null;
  /** Predicted resources the twin could observe / predicted resources; null when none were predicted. */
  coverage: number | null;
  predicted: number;
  observedDeleted: number;
  rollback: RollbackSummary;
  /** Each rollback step's outcome in the twin, with what happened. */
  rollbackSteps: RollbackVerification[];
}

/** How many rollback steps ended how in the twin. */
export type RollbackSummary = { steps: number } & Record<RollbackOutcome, number>;

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
  /** When replayed in the sandbox: predicted vs observed, and how the rollback fared in the twin. */
  sandbox?: ScenarioSandbox;
  report?: Report;
}

/** Scenarios whose actions or world an AWS emulator can hold (the rest have nothing to replay). */
export function replayable(scenario: Scenario): boolean {
  const { inputs } = scenario;
  return Boolean(
    inputs.stacks || inputs.state || inputs.plan || inputs.templateBefore || inputs.templateAfter || inputs.actions || inputs.changeSet ||
      (inputs.commands ?? []).some((c) => /(^|[\s;&|(])aws\s/.test(c)),
  );
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
    const { sandbox, ...rest } = extra;
    const request = { ...scenarioRequest(scenario, dir), ...rest, ...(sandbox && replayable(scenario) ? { sandbox } : {}) };
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
      ...(report.sandbox.status !== 'not-run' ? { sandbox: sandboxColumns(report) } : {}),
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

function sandboxColumns(report: Report): ScenarioSandbox {
  const { sandbox } = report;
  const rollback: RollbackSummary = { steps: 0, verified: 0, incomplete: 0, 'refused-by-aws': 0, failed: 0, 'not-executable': 0, 'not-needed': 0 };
  for (const step of sandbox.rollback ?? []) {
    rollback.steps++;
    rollback[step.outcome]++;
  }
  return {
    status: sandbox.status,
    agreement: sandbox.agreement ?? null,
    coverage: sandbox.coverage ?? null,
    predicted: report.blastRadius.counts.deleted + report.blastRadius.counts.replaced,
    observedDeleted: (sandbox.observed ?? []).filter((o) => o.change === 'deleted').length,
    rollback,
    rollbackSteps: sandbox.rollback ?? [],
  };
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
  if (report.sandbox.status === 'ok' || report.sandbox.status === 'partial') {
    const observed = new Set((report.sandbox.observed ?? []).filter((o) => o.change === 'deleted').map((o) => o.resource));
    for (const id of expect.sandboxObservesDeleted ?? []) if (!observed.has(id)) mismatches.push(`sandbox did not observe ${id} deleted`);
    const refused = new Set((report.sandbox.refused ?? []).map((r) => r.resource));
    for (const id of expect.sandboxRefuses ?? []) if (!refused.has(id)) mismatches.push(`sandbox did not refuse the change of ${id}`);
  }
  return mismatches;
}
