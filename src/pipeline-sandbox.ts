// The sandbox stage of the pipeline: gathers what the twin is seeded from (the same inputs the
// world came from), replays, and folds what was observed back into the prediction.
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { BlastRadius, BlastResource, RollbackPlan, SandboxSummary } from './model.js';
import type { CheckRequest } from './pipeline.js';
import type { PredictedAction, Prediction } from './predict/index.js';
import { scopeMembers } from './predict/scope.js';
import type { World } from './world/world.js';
import { templatePairStackName } from './intake/stack-name.js';

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
    const name = templatePairStackName(request);
    stacks.push({ name, file: at(request.templateBefore), templateText: await readFile(at(request.templateBefore), 'utf8') });
    stackChanges.push({ name, file: at(request.templateAfter), templateText: await readFile(at(request.templateAfter), 'utf8') });
  }
  const [stateFile] = input.stateFiles;
  const terraformState = stateFile
    ? { text: await readFile(stateFile, 'utf8'), file: stateFile }
    : request.plan
      ? await priorStateOf(at(request.plan))
      : undefined;
  const { runSandbox } = await import('./sandbox/index.js');
  const result = await runSandbox({
    actions: prediction.actions.flatMap((action) => asResourceDeletes(action, world)),
    world,
    stacks,
    stackChanges,
    ...(terraformState ? { terraformState } : {}),
    predicted: prediction.blastRadius,
    rollback,
    provider: request.sandbox?.provider ?? 'auto',
    cwd,
    log: request.sandbox?.log,
  });
  markVerifiedRollbackSteps(rollback, result.rollback ?? []);
  for (const change of result.observed ?? []) {
    const worldId = worldIdOf(change, world);
    if (worldId && worldId !== change.resource) Object.assign(change, { physicalId: change.resource, resource: worldId });
  }
  const targets = new Set(prediction.actions.map((a) => a.target.id));
  addObservedToBlastRadius(prediction.blastRadius, (result.observed ?? []).filter((o) => world.graph.hasNode(o.resource) && !targets.has(o.resource)));
  return result as SandboxSummary;
}

/** A plan's prior_state is a `terraform show -json` state: what the twin is seeded from without a state file. */
async function priorStateOf(planFile: string): Promise<{ text: string; file: string } | undefined> {
  const plan = JSON.parse(await readFile(planFile, 'utf8')) as { prior_state?: unknown };
  return plan.prior_state ? { text: JSON.stringify(plan.prior_state), file: `${planFile} (prior_state)` } : undefined;
}

/**
 * `terraform destroy` is one action over a whole state; the twin replays it the way Terraform
 * would: one delete per resource, dependents before what they depend on.
 */
function asResourceDeletes(action: PredictedAction, world: World): PredictedAction[] {
  if (action.operation !== 'delete' || action.tool !== 'terraform' || !action.target.type.startsWith('terraform:')) return [action];
  const members = scopeMembers(action, world);
  if (!members) return [action];
  const inScope = new Set(members);
  const ordered: string[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    for (const dependent of world.graph.inNeighbors(id)) if (inScope.has(dependent)) visit(dependent);
    ordered.push(id);
  };
  members.forEach(visit);
  return ordered.map((id) => {
    const resource = world.graph.getNodeAttributes(id);
    return {
      ...action,
      source: { ...action.source, kind: 'terraform-plan' as const },
      scope: 'resource' as const,
      target: { type: resource.type, id, address: id, terraformType: resource.terraformType ?? resource.type, names: resource.names },
      before: resource.attributes,
    };
  });
}

/** The world's id for what the twin observed: STACK/LogicalId, or a physical id the world knows. */
function worldIdOf(change: { resource: string; realId?: string; stack?: string; logicalId?: string }, world: World): string | undefined {
  if (change.stack && change.logicalId && world.graph.hasNode(`${change.stack}/${change.logicalId}`)) return `${change.stack}/${change.logicalId}`;
  return world.byName.get(change.resource) ?? (change.realId ? world.byName.get(change.realId) : undefined);
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
