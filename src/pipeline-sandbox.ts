// The sandbox stage of the pipeline: gathers what the twin is seeded from (the same inputs the
// world came from), replays, and folds what was observed back into the prediction.
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { BlastRadius, BlastResource, RollbackPlan, SandboxSummary } from './model.js';
import type { CheckRequest } from './pipeline.js';
import type { Prediction } from './predict/index.js';
import type { World } from './world/world.js';

export interface SandboxStageInput {
  request: CheckRequest;
  world: World;
  prediction: Prediction;
  rollback: RollbackPlan;
  stateFiles: string[];
  stackFiles: { name: string; file: string }[];
}

export async function runSandboxStage(input: SandboxStageInput): Promise<SandboxSummary> {
  const { request, world, prediction, rollback } = input;
  const cwd = request.cwd ?? process.cwd();
  const at = (file: string) => resolvePath(cwd, file);
  const stacks = await Promise.all(input.stackFiles.map(async (s) => ({ name: s.name, file: s.file, templateText: await readFile(s.file, 'utf8') })));
  const stackChanges = [];
  if (request.templateBefore && request.templateAfter) {
    const name = request.stackName ?? request.templateAfter.split(/[\\/]/).pop()!.replace(/\.(json|ya?ml|template)$/i, '');
    stacks.push({ name, file: at(request.templateBefore), templateText: await readFile(at(request.templateBefore), 'utf8') });
    stackChanges.push({ name, file: at(request.templateAfter), templateText: await readFile(at(request.templateAfter), 'utf8') });
  }
  const [stateFile] = input.stateFiles;
  const { runSandbox } = await import('./sandbox/index.js');
  const result = await runSandbox({
    actions: prediction.actions,
    world,
    stacks,
    stackChanges,
    ...(stateFile ? { terraformState: { text: await readFile(stateFile, 'utf8'), file: stateFile } } : {}),
    predicted: prediction.blastRadius,
    rollback,
    provider: request.sandbox?.provider ?? 'auto',
    cwd,
    log: request.sandbox?.log,
  });
  markVerifiedRollbackSteps(rollback, result.rollback ?? []);
  addObservedToBlastRadius(prediction.blastRadius, result.observed ?? []);
  return result as SandboxSummary;
}

/** The verdict rests on the worse of predicted and observed: a deletion only the twin saw joins the blast radius. */
function addObservedToBlastRadius(blast: BlastRadius, observed: { resource: string; type: string; change: string; actionIds: string[] }[]): void {
  const known = new Set(blast.resources.map((r) => r.id));
  for (const change of observed) {
    if (change.change !== 'deleted' || known.has(change.resource)) continue;
    const resource: BlastResource = {
      id: change.resource,
      type: change.type,
      impact: 'deleted',
      depth: 0,
      path: [change.resource],
      pathReasons: [],
      stateful: false,
      dataLoss: false,
      actionIds: change.actionIds.length ? change.actionIds : ['sandbox'],
    };
    blast.resources.push(resource);
    blast.counts.total++;
    blast.counts.deleted++;
    known.add(change.resource);
  }
}

function markVerifiedRollbackSteps(rollback: RollbackPlan, verified: { step: number; verified: boolean }[]): void {
  for (const outcome of verified) {
    const step = rollback.steps.find((s) => s.order === outcome.step);
    if (step) step.verified = outcome.verified;
  }
}
