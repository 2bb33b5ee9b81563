import type { Action, BlastRadius, Evidence, Resource, Reversibility } from '../model.js';
import type { World } from '../world/world.js';
import { computeBlastRadius, disruptsDependents, impactOf, type DirectHit } from './blast-radius.js';
import { explainReversibility, rememberExplanation, type ReversibilityExplanation } from './reversibility.js';
import { dependents } from '../world/related.js';
import { needsScopeExpansion, scopeMembers } from './scope.js';
import { isStatefulType } from './stateful.js';

export type PredictedAction = Action & { reversibility: Reversibility; stateful: boolean; dataLoss: boolean };

export interface Prediction {
  actions: PredictedAction[];
  blastRadius: BlastRadius;
}

const WORST_FIRST: Reversibility[] = ['irreversible', 'unknown', 'recoverable', 'reversible'];
const MAX_MEMBER_EVIDENCE = 8;

/** Reversibility of every action and the blast radius of all of them together. */
export function predict(
  actions: Action[],
  world: World,
  environmentOf: (resource: Resource) => string | undefined = (r) => r.environment,
): Prediction {
  const hits: DirectHit[] = [];
  const unknownScope: BlastRadius['unknownScope'] = [];
  const predicted = actions.map((action) => {
    // A read removes nothing, so however wide it reaches it has no blast radius.
    const reads = action.operation === 'read';
    const members = !reads && needsScopeExpansion(action) ? scopeMembers(action, world) : undefined;
    if (!reads && !members && action.scope !== 'resource') {
      unknownScope.push({ actionId: action.id, message: unknownScopeMessage(action) });
    }
    const targets = members ?? [action.target.id];
    const assessments = targets.map((id) => {
      const resource = world.graph.hasNode(id) ? world.graph.getNodeAttributes(id) : undefined;
      const onResource = members && resource ? { ...action, tool: memberTool(action), scope: 'resource' as const, target: { ...action.target, id, type: resource.type } } : action;
      // Only a delete or replacement reads the resources that depend on the target (see assessDelete).
      const related = resource && (onResource.operation === 'delete' || onResource.operation === 'replace') ? dependents(world, id) : [];
      const assessment = explainReversibility(onResource, resource, related);
      const impact = impactOf(action);
      if (impact && !keptByCloudFormation(action, resource)) {
        hits.push({
          resourceId: id,
          type: resource?.type ?? action.target.type,
          actionId: action.id,
          impact,
          stateful: assessment.stateful,
          dataLoss: assessment.dataLoss,
          irreversible: assessment.reversibility === 'irreversible',
          disruptsDependents: disruptsDependents(action.operation, impact),
          environment: resource ? environmentOf(resource) ?? action.environment : action.environment,
        });
      }
      return { id, resource, ...assessment };
    });
    const predictedAction: PredictedAction = { ...action, ...combine(assessments, action, members !== undefined) };
    if (!members && assessments.length === 1) rememberExplanation(predictedAction, assessments[0].resource, assessments[0]);
    return predictedAction;
  });
  const blastRadius = computeBlastRadius(hits, world, {
    isStateful: isStatefulType,
    environmentOf,
    unknownScope,
    irreversibleActions: predicted.filter((a) => a.reversibility === 'irreversible').length,
  });
  return { actions: predicted, blastRadius };
}

/**
 * DeletionPolicy Retain (or RetainExceptOnCreate) keeps the resource when CloudFormation deletes
 * the stack or drops it from the template: it is orphaned, not hit. A direct API delete ignores it.
 */
function keptByCloudFormation(action: Action, resource: Resource | undefined): boolean {
  if (action.operation !== 'delete') return false;
  if (action.details?.retained === true) return true;
  const viaStack = action.target.type === 'AWS::CloudFormation::Stack';
  return viaStack && /^Retain/.test(String(resource?.attributes.DeletionPolicy ?? ''));
}

/**
 * Who deletes the members of a whole-stack or whole-workspace delete: CloudFormation or Terraform,
 * whatever command asked for it, so their settings and defaults are read in that tool's spelling
 * (`PendingWindowInDays`, not the CLI's `--pending-window-in-days`).
 */
function memberTool(action: Action): string {
  if (action.target.type === 'AWS::CloudFormation::Stack') return 'cloudformation';
  if (action.target.type === 'terraform:state') return 'terraform';
  return action.tool;
}

type Assessment = ReversibilityExplanation & { id: string; resource?: Resource };

/** One action over many resources (delete-stack, destroy) is as bad as its worst member. */
function combine(assessments: Assessment[], action: Action, expanded: boolean) {
  if (!expanded) {
    const [only] = assessments;
    return { reversibility: only.reversibility, stateful: only.stateful, dataLoss: only.dataLoss, evidence: [...action.evidence, ...only.evidence] };
  }
  const reversibility = WORST_FIRST.find((r) => assessments.some((a) => a.reversibility === r)) ?? 'unknown';
  const worst = assessments.filter((a) => a.reversibility === reversibility);
  const summary: Evidence = {
    kind: 'graph',
    message: `${assessments.length} resources in ${action.target.id}; ${worst.length} ${reversibility}: ${worst.slice(0, MAX_MEMBER_EVIDENCE).map((a) => a.id).join(', ')}${worst.length > MAX_MEMBER_EVIDENCE ? ', ...' : ''}`,
  };
  const memberEvidence = worst.slice(0, MAX_MEMBER_EVIDENCE).flatMap((a) => a.evidence.map((e) => ({ ...e, message: `${a.id}: ${e.message}` })));
  return {
    reversibility,
    stateful: assessments.some((a) => a.stateful),
    dataLoss: assessments.some((a) => a.dataLoss),
    evidence: [...action.evidence, summary, ...memberEvidence],
  };
}

function unknownScopeMessage(action: Action): string {
  if (action.scope === 'environment') {
    return `${action.verb} on ${action.target.id} removes everything in that environment, and the world given to Firebreak does not list what that is: scope unknown (give --state or --stack so it can be counted)`;
  }
  return `${action.verb} has no bounded target: its scope cannot be determined from the input`;
}
