import type { ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { InputError } from '../../errors.js';
import type { Evidence, Operation } from '../../model.js';
import type { IntakeResult, PlannedAction } from '../types.js';
import { IMPACT_OPERATIONS, isCustomResourceType } from './impact-operations.js';
import { internetIngressEvidence } from './internet-ingress.js';
import { parseTemplate } from './parse-template.js';
import { isPermissionType, policyPropertiesIn } from './permissions.js';
import { literalPhysicalNames } from './physical-names.js';
import { diffWithPropagation, replacedReferences } from './propagate-replacement.js';
import { removalFacts, replacementFacts, type PolicyFacts } from './policy-facts.js';
import { resourcePath, type Template, type TemplateResource } from './template.js';
import { evaluatedTemplate, type EvaluatedTemplate as Read } from './evaluate.js';
import { isMapping } from './parse-template.js';
import { expandTemplate } from './expand.js';
import { stackResourceId, templateWorld } from './template-world.js';
import { useSpecSliceForDiff } from './spec-slice.js';

export interface TemplateText {
  text: string;
  file: string;
}

export interface DiffOptions {
  /** Parameter values of the deployment (`--parameters`, a parameter file, a change set's Parameters). */
  parameters?: Record<string, string>;
  /** The values the running stack was deployed with, when they differ from `parameters`. */
  previousParameters?: Record<string, string>;
  region?: string;
  accountId?: string;
}

const EMPTY_TEMPLATE = { Resources: {} };

/**
 * What deploying `after` over a stack now running `before` would do, one action per resource
 * difference (computed by @aws-cdk/cloudformation-diff, which also propagates replacement to
 * resources that Ref / GetAtt a replaced one). No `before`: a new stack. No `after`: every
 * resource leaves the stack. The world is what `before` says exists now.
 */
export async function diffTemplates(
  before: TemplateText | undefined,
  after: TemplateText | undefined,
  stackName: string,
  options: DiffOptions = {},
): Promise<IntakeResult> {
  if (!before && !after) throw new InputError('a template diff needs a template before or after the change');
  const context = { stackName, region: options.region, accountId: options.accountId };
  const oldRead = before ? evaluatedTemplate(expandTemplate(parseTemplate(before.text, before.file)), { ...context, parameters: options.previousParameters ?? options.parameters }) : undefined;
  const nextRead = after ? evaluatedTemplate(expandTemplate(parseTemplate(after.text, after.file)), { ...context, parameters: options.parameters }) : undefined;
  const old = oldRead?.template;
  const next = nextRead?.template;

  const { fullDiff } = await import('@aws-cdk/cloudformation-diff');
  useSpecSliceForDiff();
  const diff = diffWithPropagation(fullDiff, old?.body ?? EMPTY_TEMPLATE, next?.body ?? EMPTY_TEMPLATE);

  const actions: PlannedAction[] = [];
  diff.resources.forEachDifference((logicalId, change) => {
    if (logicalId.startsWith('Fn::ForEach::')) return;
    const oldResource = old?.resources.find((r) => r.logicalId === logicalId);
    const newResource = next?.resources.find((r) => r.logicalId === logicalId);
    actions.push(differenceAction(logicalId, change, { old, next, oldResource, newResource, stackName }));
  });

  actions.push(...unevaluatedSectionActions(oldRead, nextRead, stackName));
  // File order: resources of the new template first, then those only the old one has.
  const order = (a: PlannedAction) => (a.source.file === next?.file ? 0 : 1e9) + (a.source.line ?? 5e8);
  actions.sort((a, b) => order(a) - order(b));
  return {
    kind: 'cloudformation-template',
    file: next?.file ?? old?.file,
    actions,
    world: old ? templateWorld(old, stackName) : { resources: [], edges: [] },
    warnings: [...(old?.warnings ?? []), ...(next?.warnings ?? []), ...unevaluatedSections(oldRead, nextRead), ...parameterNotes(nextRead ?? oldRead)],
  };
}


function parameterNotes(read: Read | undefined): string[] {
  const entries = Object.entries(read?.evaluation.values ?? {});
  if (!read || entries.length === 0) return [];
  return [`${read.template.file}: evaluated with parameters ${entries.map(([k, v]) => `${k}=${v.value}${v.from === 'default' ? ' (default)' : ''}`).join(', ')}`];
}

/** Sections whose values flow into resources: evaluated where the values are known. */
const EVALUATED_LATER = ['Parameters', 'Mappings', 'Conditions'] as const;
type Section = (typeof EVALUATED_LATER)[number];

/** Names in a section that differ between the two templates as written. */
function changedNames(old: Read, next: Read, section: Section): string[] {
  const a = isMapping(old.written[section]) ? old.written[section] : {};
  const b = isMapping(next.written[section]) ? next.written[section] : {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * Changed section entries that some resource still depends on but that could not be evaluated
 * (no value for a parameter, a condition on the region, a mapping keyed by the account): what
 * they change is unknown, so each such section becomes one unknown action.
 */
function opaqueChanges(old: Read | undefined, next: Read | undefined): { section: Section; names: string[] }[] {
  if (!old || !next) return [];
  return EVALUATED_LATER.map((section) => {
    const unresolved = new Set([...old.evaluation.unresolved[section], ...next.evaluation.unresolved[section]]);
    return { section, names: changedNames(old, next, section).filter((n) => unresolved.has(n)) };
  }).filter((c) => c.names.length > 0);
}

function unevaluatedSections(old: Read | undefined, next: Read | undefined): string[] {
  return opaqueChanges(old, next).map(
    ({ section, names }) => `${next!.template.file}: ${section} ${names.join(', ')} changed and could not be evaluated here; the resources that use ${names.length > 1 ? 'them' : 'it'} are not judged against the change`,
  );
}

/**
 * A change to Parameters, Mappings or Conditions that could not be evaluated into the resources can
 * change any resource that reads it: one `unknown` action per such section, never passed silently.
 */
function unevaluatedSectionActions(old: Read | undefined, next: Read | undefined, stackName: string): PlannedAction[] {
  return opaqueChanges(old, next).map(({ section, names }) => ({
    source: { kind: 'cloudformation-template' as const, file: next!.template.file, ...(next!.template.lines[section] ? { line: next!.template.lines[section] } : {}), path: section },
    operation: 'unknown' as const,
    verb: `${section} change`,
    tool: 'cloudformation',
    target: { type: 'AWS::CloudFormation::Stack', id: stackName },
    scope: 'resource' as const,
    hints: { stackName },
    evidence: [
      {
        kind: 'input' as const,
        message: `${section} ${names.join(', ')} changed, and what ${names.length > 1 ? 'they resolve' : 'it resolves'} to is not known here (a parameter without a value, the region or account): which resources this changes is unknown`,
        key: section,
        value: names,
      },
    ],
  }));
}

interface DiffContext {
  old?: Template;
  next?: Template;
  oldResource?: TemplateResource;
  newResource?: TemplateResource;
  stackName: string;
}

function differenceAction(logicalId: string, change: ResourceDifference, ctx: DiffContext): PlannedAction {
  const impact = change.changeImpact as string;
  const type = change.newResourceType ?? change.oldResourceType ?? 'AWS::CloudFormation::Unknown';
  const removal = change.isRemoval;
  const sourceTemplate = removal ? ctx.old : ctx.next;
  const declared = ctx.newResource ?? ctx.oldResource;
  const changedProperties = Object.keys(change.propertyUpdates);
  const evidence: Evidence[] = [];
  const details: Record<string, unknown> = { logicalId, changeImpact: impact };

  let operation: Operation = IMPACT_OPERATIONS[impact] ?? unspecifiedImpact(type, changedProperties, evidence);
  let replaceCauses: string[] | undefined;

  if (operation === 'replace') {
    replaceCauses = change.resourceTypeChanged ? ['Type'] : replacingProperties(change);
    evidence.push(...replacementEvidence(impact, replaceCauses, change, change.oldResourceType ?? type));
    if (ctx.oldResource) merge(replacementFacts(ctx.oldResource), evidence, details);
  }
  if ((operation === 'delete' || operation === 'replace') && ctx.oldResource?.facts) {
    for (const [key, value] of Object.entries(ctx.oldResource.facts)) {
      if (key.endsWith('By')) continue;
      evidence.push({ kind: 'input', key, value, message: String(ctx.oldResource.facts[`${key}By`] ?? `${key} = ${JSON.stringify(value)}`) });
    }
  }
  if (operation === 'delete' && ctx.oldResource) {
    merge(removalFacts(ctx.oldResource), evidence, details);
    if (impact === 'WILL_ORPHAN') details.retained = true;
  }
  if (operation === 'create' || operation === 'update') {
    const permissions = permissionEvidence(type, operation, changedProperties);
    if (permissions.length > 0) {
      evidence.push(...permissions);
      details.operationBeforePermissions = operation;
      operation = 'permissions';
    }
  }
  if (operation !== 'replace') evidence.push(...propagationEvidence(change));
  if (!removal) evidence.push(...internetIngressEvidence(type, change.oldProperties, ctx.newResource?.properties));
  evidence.push(...otherChangeEvidence(change));

  const action: PlannedAction = {
    source: {
      kind: 'cloudformation-template',
      file: sourceTemplate?.file,
      line: sourceTemplate?.lines[resourcePath(logicalId)],
      path: resourcePath(logicalId),
    },
    operation,
    verb: impact,
    tool: 'cloudformation',
    target: {
      type,
      id: stackResourceId(ctx.stackName, logicalId),
      names: targetNames(logicalId, ctx.oldResource, ctx.newResource),
    },
    scope: 'resource',
    hints: { stackName: ctx.stackName },
    evidence,
    details,
  };
  if (change.oldProperties !== undefined || (ctx.oldResource && !change.isAddition)) action.before = change.oldProperties ?? {};
  // The new template as written, not the copy marked for propagation.
  if (ctx.newResource && !removal) action.after = ctx.newResource.properties;
  if (replaceCauses) action.replaceCauses = replaceCauses;
  if (declared?.condition) details.condition = declared.condition;
  return action;
}

/** NO_CHANGE with differences: the spec does not know the type or the changed properties. */
function unspecifiedImpact(type: string, changed: string[], evidence: Evidence[]): Operation {
  const what = changed.length > 0 ? changed.join(', ') : 'its declaration';
  if (isCustomResourceType(type)) {
    evidence.push({ kind: 'knowledge', message: `custom resource ${type}: changing ${what} sends its handler an Update request` });
    return 'update';
  }
  evidence.push({
    kind: 'knowledge',
    message: `the AWS resource specification does not describe ${what} of ${type}: whether the change replaces it is unknown`,
  });
  return 'unknown';
}

function replacingProperties(change: ResourceDifference): string[] {
  return Object.entries(change.propertyUpdates)
    .filter(([, diff]) => diff.changeImpact === 'WILL_REPLACE' || diff.changeImpact === 'MAY_REPLACE')
    .map(([name]) => name);
}

function replacementEvidence(impact: string, causes: string[], change: ResourceDifference, oldType: string): Evidence[] {
  if (change.resourceTypeChanged) {
    return [{ kind: 'input', key: 'Type', message: `the type changes from ${oldType} to ${change.newResourceType}: a new resource replaces the old one` }];
  }
  const evidence: Evidence[] = [];
  for (const property of causes) {
    const diff = change.propertyUpdates[property];
    const upstream = replacedReferences(diff.newValue);
    if (upstream.length > 0) {
      evidence.push({
        kind: 'graph',
        key: property,
        message: `${property} refers to ${upstream.join(', ')}, which ${upstream.length > 1 ? 'are' : 'is'} replaced: the new id forces replacement here too`,
      });
    } else if (diff.changeImpact === 'MAY_REPLACE') {
      evidence.push({ kind: 'knowledge', key: property, message: `may be replaced: conditional replacement when ${property} changes` });
    } else {
      evidence.push({ kind: 'knowledge', key: property, message: `changing ${property} requires replacement: a new resource is created` });
    }
  }
  if (impact === 'MAY_REPLACE' && !evidence.some((e) => e.message.startsWith('may be replaced'))) {
    evidence.push({ kind: 'knowledge', message: 'may be replaced: conditional replacement' });
  }
  return evidence;
}

/** An update caused by a replaced resource this one references (its new id flows in). */
function propagationEvidence(change: ResourceDifference): Evidence[] {
  return Object.entries(change.propertyUpdates).flatMap(([property, diff]) => {
    const upstream = replacedReferences(diff.newValue);
    if (upstream.length === 0) return [];
    return [{
      kind: 'graph' as const,
      key: property,
      message: `${property} refers to ${upstream.join(', ')}, which ${upstream.length > 1 ? 'are' : 'is'} replaced: updated to the new id`,
    }];
  });
}

function permissionEvidence(type: string, operation: Operation, changed: string[]): Evidence[] {
  if (isPermissionType(type)) {
    return [{ kind: 'knowledge', message: `${type} ${operation === 'create' ? 'grants' : 'changes'} permissions: who may do what` }];
  }
  if (operation !== 'update') return [];
  return policyPropertiesIn(changed).map((property) => ({
    kind: 'attribute' as const,
    key: property,
    message: `the inline policy ${property} changes: who may do what`,
  }));
}

/** DeletionPolicy, UpdateReplacePolicy, Condition, DependsOn, Metadata changes. */
function otherChangeEvidence(change: ResourceDifference): Evidence[] {
  if (change.isAddition || change.isRemoval) return [];
  return Object.entries(change.otherChanges).map(([key, diff]) => {
    const from = diff.oldValue === undefined ? 'unset' : JSON.stringify(diff.oldValue);
    const to = diff.newValue === undefined ? 'unset' : JSON.stringify(diff.newValue);
    return { kind: key.endsWith('Policy') ? 'policy' : 'input', key, value: diff.newValue, message: `${key} changes from ${from} to ${to}` };
  });
}

function targetNames(logicalId: string, ...resources: (TemplateResource | undefined)[]): string[] {
  const names = resources.flatMap((r) => (r ? literalPhysicalNames(r.type, r.properties) : []));
  return [...new Set([logicalId, ...names])];
}

function merge(facts: PolicyFacts, evidence: Evidence[], details: Record<string, unknown>): void {
  evidence.push(...facts.evidence);
  Object.assign(details, facts.details);
}
