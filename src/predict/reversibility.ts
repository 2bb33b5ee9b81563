// Whether an action can be undone: by operation, then by the resource type's knowledge
// (ordered deletion rules over attributes, policies and flags). Every answer cites evidence.
import { factsFor, genericDeletionRules, pseudoFactsFor, type ResourceFacts } from '../knowledge/index.js';
import type { Action, Evidence, Resource, Reversibility } from '../model.js';
import { dialectOf } from './reversibility/dialect.js';
import { destructiveChange, firstMatch, OUTCOME_REVERSIBILITY, type RuleMatch } from './reversibility/rules.js';
import { settingContext } from './reversibility/sources.js';
import { resourceName } from './reversibility/names.js';

export interface ReversibilityAssessment {
  reversibility: Reversibility;
  stateful: boolean;
  dataLoss: boolean;
  evidence: Evidence[];
}

/** The assessment plus what decided it, for the rollback planner. */
export interface ReversibilityExplanation extends ReversibilityAssessment {
  facts?: ResourceFacts;
  match?: RuleMatch;
  /** The physical name / id used in messages and commands. */
  name: string;
}

export function assessReversibility(action: Action, resource?: Resource, related: Resource[] = []): ReversibilityAssessment {
  const { reversibility, stateful, dataLoss, evidence } = explainReversibility(action, resource, related);
  return { reversibility, stateful, dataLoss, evidence };
}

/** Facts for the action's target: the Terraform type first, since sub-resources share their
 *  parent's CloudFormation type. */
export function targetFacts(action: Action, resource?: Resource): ResourceFacts | undefined {
  const candidates = [action.target.terraformType, resource?.terraformType, resource?.type, action.target.type, resource?.cfnType];
  for (const type of candidates) {
    const facts = type ? factsFor(type) : undefined;
    if (facts) return facts;
  }
  return undefined;
}

// Predict explains every action once; the rollback planner asks again for the same predicted
// action objects. Keyed by object identity, so nothing outlives the report it belongs to.
const explained = new WeakMap<Action, { resource?: Resource; explanation: ReversibilityExplanation }>();

/** Lets a later explainReversibility(action, resource) of the same objects reuse this answer. */
export function rememberExplanation(action: Action, resource: Resource | undefined, explanation: ReversibilityExplanation): void {
  explained.set(action, { resource, explanation });
}

/** What predict remembered for this action object: the resource it judged and its answer. */
export function rememberedExplanation(action: Action): { resource?: Resource; explanation: ReversibilityExplanation } | undefined {
  return explained.get(action);
}

export function explainReversibility(action: Action, resource?: Resource, related: Resource[] = []): ReversibilityExplanation {
  const known = explained.get(action);
  if (known && known.resource === resource) return known.explanation;
  const facts = targetFacts(action, resource);
  const name = resourceName(action, resource, facts);
  const fill = (text: string) => text.replaceAll('{name}', name);
  const stateful = facts?.stateful ?? pseudoFactsFor(action.target.type)?.stateful ?? false;
  const result = (reversibility: Reversibility, evidence: Evidence[], dataLoss = false, match?: RuleMatch) => ({
    reversibility,
    stateful,
    dataLoss,
    evidence,
    name,
    ...(facts ? { facts } : {}),
    ...(match ? { match } : {}),
  });
  const know = (message: string): Evidence => ({ kind: 'knowledge', message });

  if (action.intrinsic) {
    return result(action.intrinsic.reversibility, action.intrinsic.evidence, action.intrinsic.reversibility === 'irreversible' && stateful);
  }
  switch (action.operation) {
    case 'read':
      return result('reversible', [know('a read changes nothing')]);
    case 'create':
      return result('reversible', [know(`undo by deleting what was created${stateful ? ' (data written to it meanwhile is not covered)' : ''}`)]);
    case 'permissions':
      return result('reversible', [
        know('a permissions change takes effect at once; it is undone by restoring the previous policy or attachment, but what was done with the access meanwhile is not'),
      ]);
    case 'update':
      return assessUpdate();
    case 'delete':
    case 'replace':
      return assessDelete();
    default:
      return result('unknown', [know(`operation '${action.operation}' (${action.verb}) is not understood`)]);
  }

  function assessUpdate(): ReversibilityExplanation {
    const declarative = dialectOf(action) === 'tf' || dialectOf(action) === 'cfn';
    if (!facts) {
      return declarative
        ? result('reversible', [know(`${action.target.type} is not in the knowledge base; an in-place update is undone by re-applying the previous configuration`)])
        : result('unknown', [know(`${action.target.type} is not in the knowledge base, so what this update does to data is unknown`)]);
    }
    const destructive = destructiveChange(facts.destructiveUpdates ?? [], action.before, action.after);
    if (destructive) {
      const message = `${destructive.key} ${JSON.stringify(destructive.from)} -> ${JSON.stringify(destructive.to)}: ${destructive.update.message}`;
      return result('irreversible', [{ kind: 'attribute', message, key: destructive.key, value: destructive.to }], true);
    }
    return result('reversible', [know(`in-place update of ${facts.label} ${name}: the previous configuration can be re-applied`)]);
  }

  function assessDelete(): ReversibilityExplanation {
    const what = action.operation === 'replace' ? 'replacement' : 'delete';
    const pseudo = facts ? undefined : pseudoFactsFor(action.target.type);
    if (pseudo?.stateful && pseudo.lost && !pseudo.unknownContent) {
      // Not an AWS resource (a namespace, a control-plane volume): nothing in the input can show a copy is kept.
      return result('irreversible', [know(`nothing in the input shows a copy is kept: the ${what} loses ${fill(pseudo.lost)}`)], true);
    }
    if (action.scope === 'environment') {
      return result('unknown', [know(`${action.verb} removes a whole environment (${action.target.id}); reversibility is assessed per resource in it`)]);
    }
    if (!facts) return result('unknown', [know(`${action.target.type} is not in the knowledge base, so what a ${what} loses is unknown`)]);
    const ctx = settingContext(action, resource, related);
    const rules = [...genericDeletionRules(), ...(facts.deletion ?? [])];
    const match = firstMatch(rules, ctx);
    if (match) {
      const outcome = match.rule.outcome;
      const reversibility = match.rule.reversibility ?? OUTCOME_REVERSIBILITY[outcome];
      const sentence = `${match.because ? `${match.because}: ` : ''}${fill(match.rule.message)}`;
      const evidence: Evidence[] = [know(sentence), ...match.evidence];
      if (outcome === 'blocked') {
        const otherwise = firstMatch(rules.filter((r) => r.outcome !== 'blocked'), ctx);
        if (otherwise) evidence.push(know(`if the ${what} went ahead anyway: ${fill(otherwise.rule.message)}`));
      }
      if (outcome === 'lost' && facts.identity) evidence.push(know(`also lost: ${fill(facts.identity)}`));
      return result(reversibility, evidence, outcome === 'lost' && stateful, match);
    }
    if (facts.identity) {
      return result('irreversible', [know(`deleting loses ${fill(facts.identity)}`)], stateful);
    }
    if (stateful) {
      const holds = fill(facts.holds ?? `the data in ${facts.label} ${name}`);
      return result('irreversible', [know(`nothing in the input shows that ${holds} is kept: the ${what} loses it, and re-creating the ${facts.label} does not bring the data back`)], true);
    }
    return result('recoverable', [
      know(
        action.operation === 'replace'
          ? `${facts.label} holds no data: the replacement re-creates it from configuration`
          : `${facts.label} holds no data: it can be re-created from configuration`,
      ),
    ]);
  }
}
