// Rollback plan: safeguards to take before executing, the inverse of each action (last
// first), data restores where data was kept, and what cannot be brought back at all.
import { pseudoFactsFor } from '../knowledge/index.js';
import type { Action, Reversibility, RollbackPlan, RollbackStep } from '../model.js';
import { explainReversibility, rememberedExplanation, type ReversibilityExplanation } from '../predict/reversibility.js';
import type { World } from '../world/world.js';
import { CLI_INVERSES } from './cli-inverses.js';
import { dependents, findResource } from '../world/related.js';
import { scopeMembers } from '../predict/scope.js';
import { fill, withAwsTarget, type FillValues } from './template.js';

export type PredictedAction = Action & { reversibility: Reversibility; stateful: boolean; dataLoss: boolean };

export interface RollbackOptions {
  /** Suffix for snapshot / backup names; defaults to the current UTC time. */
  stamp?: string;
}

type Step = Omit<RollbackStep, 'order' | 'phase'>;

interface Planned {
  action: PredictedAction;
  why: ReversibilityExplanation;
  values: FillValues;
  destructive: boolean;
}

export function planRollback(actions: PredictedAction[], world?: World, options: RollbackOptions = {}): RollbackPlan {
  const stamp = options.stamp ?? new Date().toISOString().replace(/[-:]/g, '').slice(0, 15);
  const planned = actions.filter((a) => a.operation !== 'read').map((action) => plan(action, world, stamp));

  const safeguards = [...toolSafeguards(planned, stamp), ...planned.flatMap(resourceSafeguards)];
  const inverses = [...toolInverses(planned), ...[...planned].reverse().flatMap(cliInverse)];
  const restores = planned.flatMap(restoreSteps);
  const steps = [
    ...safeguards.map((s) => ({ ...s, phase: 'safeguard' as const })),
    ...inverses.map((s) => ({ ...s, phase: 'inverse' as const })),
    ...restores.map((s) => ({ ...s, phase: 'restore' as const })),
  ].map((s, i) => ({ order: i + 1, ...s }));

  const irreversible = planned
    .filter((p) => p.action.reversibility === 'irreversible')
    .flatMap((p) => lostResources(p, world, stamp).map((member) => ({ actionId: p.action.id, resource: member.action.target.id, whatIsLost: whatIsLost(member) })));
  return { steps, irreversible };
}

function plan(action: PredictedAction, world: World | undefined, stamp: string): Planned {
  // Predict judged the world node with the target's id: findResource finds that same node first
  // (every node is indexed under its own id; resolveTarget skips it only for a stack target of
  // another type), so predict's answer stands without looking anything up again.
  const known = world ? rememberedExplanation(action) : undefined;
  const same =
    known?.resource !== undefined &&
    world!.graph.hasNode(action.target.id) &&
    (action.target.type !== 'AWS::CloudFormation::Stack' || known.resource.type === action.target.type);
  const resource = same ? known!.resource : findResource(world, action.target);
  const why = resource === known?.resource && known ? known.explanation : explainReversibility(action, resource, resource ? dependents(world, resource.id) : []);
  const snapshot = why.match?.readings.find((r) => /snapshot.?identifier/i.test(r.key) && typeof r.value === 'string')?.value as string | undefined;
  const arn = [action.before?.['arn'], resource?.attributes['arn'], ...(resource?.names ?? [])].find(
    (v): v is string => typeof v === 'string' && v.startsWith('arn:'),
  );
  const values: FillValues = { name: why.name, stamp, action, ...(snapshot ? { snapshot } : {}), ...(arn ? { arn } : {}) };
  const destructive =
    action.operation === 'delete' || action.operation === 'replace' || action.dataLoss || action.intrinsic?.reversibility === 'irreversible';
  return { action, why, values, destructive };
}

const command = (p: Planned, template: string | undefined) =>
  template === undefined ? {} : { command: withAwsTarget(fill(template, p.values), p.action) };

// --- safeguards ---------------------------------------------------------------------------

function toolSafeguards(planned: Planned[], stamp: string): Step[] {
  const steps: Step[] = [];
  const terraform = planned.filter((p) => p.action.tool === 'terraform');
  if (terraform.length > 0) {
    const workspace = terraform[0]!.action.hints.workspace;
    steps.push({
      actionId: terraform[0]!.action.id,
      description: `save the Terraform state${workspace ? ` of workspace ${workspace}` : ''} and note the configuration revision before applying`,
      command: `${workspace ? `terraform workspace select ${workspace} && ` : ''}terraform state pull > pre-change-${stamp}.tfstate && git rev-parse HEAD > pre-change-${stamp}.revision`,
    });
  }
  for (const [stack, p] of stacks(planned)) {
    steps.push({
      actionId: p.action.id,
      description: `save the current template of stack ${stack}`,
      command: withAwsTarget(`aws cloudformation get-template --stack-name ${stack} --query TemplateBody > ${stack}.before.json`, p.action),
    });
  }
  return steps;
}

function stacks(planned: Planned[]): Map<string, Planned> {
  const out = new Map<string, Planned>();
  for (const p of planned) {
    const a = p.action;
    const isStack = a.tool === 'cloudformation' || a.target.type === 'AWS::CloudFormation::Stack';
    const stack = a.hints.stackName ?? (a.target.type === 'AWS::CloudFormation::Stack' ? a.target.id : undefined);
    if (isStack && stack && !out.has(stack)) out.set(stack, p);
  }
  return out;
}

function resourceSafeguards(p: Planned): Step[] {
  if (!p.destructive) return [];
  const facts = p.why.facts;
  const pseudo = facts ? undefined : pseudoFactsFor(p.action.target.type);
  const safeguard = facts?.safeguard ?? pseudo?.safeguard;
  if (!safeguard || !(p.why.stateful || p.action.stateful)) return [];
  const label = facts?.label ?? pseudo?.label ?? p.action.target.type;
  return [{ actionId: p.action.id, description: `${label} ${p.why.name}: ${safeguard.description}`, ...command(p, safeguard.command) }];
}

// --- inverses -----------------------------------------------------------------------------

function toolInverses(planned: Planned[]): Step[] {
  const steps: Step[] = [];
  const terraform = planned.filter((p) => p.action.tool === 'terraform');
  if (terraform.length > 0) {
    const ids = terraform.map((p) => p.action.id);
    steps.push({
      actionId: terraform[0]!.action.id,
      ...(ids.length > 1 ? { actionIds: ids } : {}),
      description: `re-apply the previous revision of the Terraform configuration (undoes ${ids.join(', ')})${emptyNote(terraform)}`,
      command: 'git checkout "$(cat pre-change-<stamp>.revision)" -- . && terraform plan -out rollback.tfplan && terraform apply rollback.tfplan'.replace(
        '<stamp>',
        terraform[0]!.values.stamp,
      ),
    });
  }
  for (const [stack, p] of stacks(planned)) {
    const inStack = planned.filter((q) => q.action.hints.stackName === stack || q.action.target.id === stack);
    const covered = inStack.map((q) => q.action.id);
    steps.push({
      actionId: p.action.id,
      ...(covered.length > 1 ? { actionIds: covered } : {}),
      description: `redeploy the previous template of stack ${stack}${emptyNote(inStack)}`,
      command: withAwsTarget(
        `aws cloudformation deploy --template-file ${stack}.before.json --stack-name ${stack} --capabilities CAPABILITY_NAMED_IAM`,
        p.action,
      ),
    });
  }
  return steps;
}

/** Re-created stateful resources come back empty: say so where it applies. */
function emptyNote(planned: Planned[]): string {
  const emptied = planned.filter((p) => p.destructive && p.why.stateful).map((p) => p.why.name);
  if (emptied.length === 0) return '';
  return `; re-created ${emptied.join(', ')} start empty: re-creating a resource does not restore its data (see the restore steps)`;
}

function cliService(action: Action): string | undefined {
  // The AWS intake records the CLI's own service name (s3api) beside the IAM prefix (s3).
  const given = action.details?.['cliService'] ?? action.details?.['service'];
  if (typeof given === 'string') return given;
  const words = (action.source.command ?? '').split(/\s+/);
  const aws = words.indexOf('aws');
  if (aws < 0) return undefined;
  for (let i = aws + 1; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('--')) {
      if (!w.includes('=') && ['--profile', '--region', '--output', '--endpoint-url', '--query'].includes(w)) i++;
      continue;
    }
    return w;
  }
  return undefined;
}

function cliInverse(p: Planned): Step[] {
  const a = p.action;
  if (a.tool === 'terraform' || a.tool === 'cloudformation') return [];
  const step = (description: string, template?: string): Step[] => [{ actionId: a.id, description, ...command(p, template) }];
  if (a.tool === 'aws') {
    const inverse = CLI_INVERSES[`${cliService(a) ?? ''} ${a.verb}`];
    if (inverse) return step(inverse.description, inverse.command);
    if (a.operation === 'delete' || a.operation === 'replace') {
      const label = p.why.facts?.label ?? a.target.type;
      const kept = p.why.match && p.why.match.rule.outcome !== 'lost';
      if (p.why.match?.rule.outcome === 'blocked' && a.reversibility === 'reversible') return [];
      // Cancelling a scheduled deletion / restoring a secret is the inverse: see the restore steps.
      if (p.why.match?.rule.restore) return [];
      return step(
        `re-create ${label} ${p.why.name} from its configuration (IaC or its saved description)${p.why.stateful ? `; it comes back empty${kept ? ': restore its data as below' : ''}` : ''}`,
      );
    }
    if (a.operation === 'create') return step(`delete what ${a.verb} created`);
    return step(`no inverse is known for aws ${a.verb}: put back the previous settings by hand`);
  }
  if (a.tool === 'helm') return step('roll the release back to its previous revision', `helm rollback ${p.why.name}`);
  if (a.tool === 'kubectl' && a.operation !== 'delete') {
    return step('re-apply the previous manifest (or undo the rollout)', `kubectl apply -f <previous-manifest.yaml>`);
  }
  return [];
}

// --- restores -----------------------------------------------------------------------------

function restoreSteps(p: Planned): Step[] {
  const steps: Step[] = [];
  const kept = p.why.match?.rule.restore;
  if (kept && p.why.match?.rule.outcome !== 'blocked') {
    steps.push({ actionId: p.action.id, description: `${p.why.name}: ${kept.description}`, ...command(p, kept.command) });
  }
  if (!p.destructive) return steps;
  const fromSafeguard = p.why.facts?.safeguardRestore ?? (p.why.facts ? undefined : pseudoFactsFor(p.action.target.type)?.restore);
  if (fromSafeguard && (p.why.stateful || p.action.stateful)) {
    steps.push({
      actionId: p.action.id,
      description: `${p.why.name}: ${fromSafeguard.description} (only if the safeguard was taken)`,
      ...command(p, fromSafeguard.command),
    });
  }
  return steps;
}

// --- what is lost -------------------------------------------------------------------------

/** A whole-environment action (stack delete, destroy) loses what its irreversible members hold, each named. */
function lostResources(p: Planned, world: World | undefined, stamp: string): Planned[] {
  const members = world && p.action.scope !== 'resource' ? scopeMembers(p.action, world) : undefined;
  if (!members) return [p];
  const lost = members
    .map((id) => {
      const resource = world!.graph.getNodeAttributes(id);
      const member: PredictedAction = { ...p.action, scope: 'resource', target: { ...p.action.target, id, type: resource.type } };
      return plan(member, world, stamp);
    })
    .filter((m) => m.why.reversibility === 'irreversible');
  return lost.length > 0 ? lost : [p];
}

function whatIsLost(p: Planned): string {
  const name = (text: string) => text.replaceAll('{name}', p.why.name);
  const facts = p.why.facts;
  const rule = p.why.match?.rule;
  if (rule?.outcome === 'lost' && rule.lost) return name(rule.lost);
  if (facts?.stateful && facts.holds) return name(facts.holds);
  if (facts?.identity) return name(facts.identity);
  const pseudo = pseudoFactsFor(p.action.target.type);
  if (pseudo) return name(pseudo.lost);
  const evidence = p.action.intrinsic?.evidence[0]?.message ?? p.why.evidence[0]?.message;
  return evidence ? `what ${p.action.verb} removes: ${evidence}` : `what ${p.action.verb} on ${p.action.target.id} removes`;
}
