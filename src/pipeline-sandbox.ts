// The sandbox stage of the pipeline: gathers what the twin is seeded from (the same inputs the
// world came from), replays, and folds what was observed back into the prediction.
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { BlastRadius, BlastResource, RollbackPlan, RollbackVerification, SandboxSummary } from './model.js';
import type { NamedChangeSet } from './sandbox/types.js';
import type { StackSource } from './sandbox/seed/cloudformation.js';
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
  const changeSets = await namedChangeSets(request, at, stackChanges);
  const [stateFile] = input.stateFiles;
  const terraformState = stateFile
    ? { text: await readFile(stateFile, 'utf8'), file: stateFile }
    : request.plan
      ? await priorStateOf(at(request.plan))
      : undefined;
  const { runSandbox } = await import('./sandbox/index.js');
  const result = await runSandbox({
    actions: orderTerraformDeletes(prediction.actions.flatMap((action) => asResourceDeletes(action, world)), world),
    world,
    stacks,
    stackChanges,
    changeSets,
    ...(terraformState ? { terraformState } : {}),
    predicted: prediction.blastRadius,
    rollback,
    provider: request.sandbox?.provider ?? 'auto',
    cwd,
    log: request.sandbox?.log,
  });
  markVerifiedRollbackSteps(rollback, result.rollback ?? []);
  const targets = new Set(prediction.actions.map((a) => a.target.id));
  addObservedToBlastRadius(prediction.blastRadius, (result.observed ?? []).filter((o) => world.graph.hasNode(o.resource) && !targets.has(o.resource)));
  return result;
}

/**
 * Change sets the commands describe or execute by name without creating them: they exist in
 * production, so the twin gets them too, from the proposed template or the saved DescribeChangeSet.
 */
async function namedChangeSets(request: CheckRequest, at: (file: string) => string, stackChanges: StackSource[]): Promise<NamedChangeSet[]> {
  const out: NamedChangeSet[] = [];
  let described: NamedChangeSet['described'];
  let describedKey: { stack?: string; name?: string } = {};
  if (request.changeSet) {
    const file = at(request.changeSet);
    try {
      const body = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      described = { file, body };
      describedKey = { stack: typeof body.StackName === 'string' ? body.StackName : undefined, name: typeof body.ChangeSetName === 'string' ? body.ChangeSetName : undefined };
    } catch {
      described = undefined;
    }
  }
  const created = new Set<string>();
  for (const command of request.commands ?? []) {
    const verb = /cloudformation\s+(create|describe|execute|delete)-change-set/.exec(command)?.[1];
    const name = /--change-set-name(?:=|\s+)(\S+)/.exec(command)?.[1];
    const stack = /--stack-name(?:=|\s+)(\S+)/.exec(command)?.[1] ?? (name?.startsWith('arn:') ? undefined : describedKey.stack);
    if (!verb || !name || !stack) continue;
    const key = `${stack}/${name}`;
    if (verb === 'create') created.add(key);
    if (created.has(key) || out.some((c) => c.stack === stack && c.name === name)) continue;
    const template = stackChanges.find((s) => s.name === stack);
    out.push({ stack, name, ...(template ? { template } : {}), ...(described && describedKey.name === name ? { described } : {}) });
  }
  if (described && describedKey.stack && describedKey.name && !out.some((c) => c.name === describedKey.name)) out.push({ stack: describedKey.stack, name: describedKey.name, described });
  return out;
}

/** Terraform deletes in a plan run dependents first (a policy detachment before its role), as Terraform would. */
function orderTerraformDeletes(actions: PredictedAction[], world: World): PredictedAction[] {
  const slots = actions.map((a, i) => (a.source.kind === 'terraform-plan' && a.operation === 'delete' && world.graph.hasNode(a.target.id) ? i : -1)).filter((i) => i >= 0);
  if (slots.length < 2) return actions;
  const deletes = slots.map((i) => actions[i]);
  const byId = new Map(deletes.map((a) => [a.target.id, a]));
  const ordered: PredictedAction[] = [];
  const visited = new Set<string>();
  const visit = (id: string) => {
    if (visited.has(id)) return;
    visited.add(id);
    for (const dependent of world.graph.inNeighbors(id)) if (byId.has(dependent)) visit(dependent);
    ordered.push(byId.get(id)!);
  };
  deletes.forEach((a) => visit(a.target.id));
  const out = [...actions];
  slots.forEach((slot, k) => (out[slot] = ordered[k]));
  return out;
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

function markVerifiedRollbackSteps(rollback: RollbackPlan, verified: RollbackVerification[]): void {
  for (const outcome of verified) {
    const step = rollback.steps.find((s) => s.order === outcome.step);
    if (step) step.verified = outcome.verified;
  }
}
