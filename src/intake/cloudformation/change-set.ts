import type { Evidence, Operation, Resource } from '../../model.js';
import type { IntakeResult, PlannedAction } from '../types.js';
import { CHANGE_SET_ACTIONS, IGNORED_CHANGE_TYPES, POLICY_ACTION_OUTCOMES } from './change-set-facts.js';
import { readChangeSetShape, type ResourceChange } from './change-set-shape.js';
import { isPermissionType, policyPropertiesIn } from './permissions.js';
import { readJsonText } from './read-text.js';
import { stackResourceId } from './template-world.js';

const UNKNOWN_TYPE = 'AWS::CloudFormation::Unknown';

/**
 * Reads a saved `aws cloudformation describe-change-set` response: one action per resource
 * change, with AWS's own Replacement and PolicyAction as evidence. AWS::CDK::Metadata changes
 * (present in nearly every CDK deploy, often `Replacement: Conditional`) are skipped.
 */
export function readChangeSet(text: string, file: string): IntakeResult {
  const { value, lines } = readJsonText(text, file);
  const doc = readChangeSetShape(value, file, lines);
  const warnings: string[] = [];
  const actions: PlannedAction[] = [];
  const world: Resource[] = [];
  const id = (logicalId: string) => (doc.stackName ? stackResourceId(doc.stackName, logicalId) : logicalId);

  for (const { path, change } of doc.changes) {
    const type = change.ResourceType ?? UNKNOWN_TYPE;
    if (IGNORED_CHANGE_TYPES.has(type)) continue;
    const before = contextProperties(change.BeforeContext, `${path}.ResourceChange.BeforeContext`, warnings, file);
    const after = contextProperties(change.AfterContext, `${path}.ResourceChange.AfterContext`, warnings, file);
    const names = [...new Set([change.LogicalResourceId, ...(change.PhysicalResourceId ? [change.PhysicalResourceId] : [])])];
    const { operation, evidence, details, replaceCauses } = classify(change, type, warnings, file, path);
    const action: PlannedAction = {
      source: { kind: 'cloudformation-changeset', file, line: lines[path], path: `${path}.ResourceChange` },
      operation,
      verb: change.Action,
      tool: 'cloudformation',
      target: { type, id: id(change.LogicalResourceId), names },
      scope: 'resource',
      hints: doc.stackName ? { stackName: doc.stackName } : {},
      evidence,
      details: { logicalId: change.LogicalResourceId, ...details },
    };
    if (before) action.before = before;
    if (after) action.after = after;
    if (replaceCauses.length > 0) action.replaceCauses = replaceCauses;
    actions.push(action);
    if (change.Action !== 'Add' && change.Action !== 'Import') {
      world.push({
        id: id(change.LogicalResourceId),
        type,
        cfnType: change.ResourceType,
        names,
        source: 'cloudformation-changeset',
        file,
        stack: doc.stackName,
        attributes: { ...(before ?? {}) },
      });
    }
  }
  return { kind: 'cloudformation-changeset', file, actions, world: { resources: world, edges: [] }, warnings };
}

function classify(change: ResourceChange, type: string, warnings: string[], file: string, path: string) {
  const evidence: Evidence[] = [];
  const details: Record<string, unknown> = {};
  let operation: Operation = CHANGE_SET_ACTIONS[change.Action] ?? 'unknown';
  if (!(change.Action in CHANGE_SET_ACTIONS)) warnings.push(`${file}: ${path}: unknown change-set Action ${change.Action}; treated as unknown`);

  const recreating = change.Details.filter((d) => d.Target?.RequiresRecreation === 'Always' || d.Target?.RequiresRecreation === 'Conditionally');
  const replaceCauses = [...new Set(recreating.map((d) => d.Target?.Name ?? d.Target?.Attribute ?? 'unknown'))];
  if (change.Action === 'Modify') {
    if (change.Replacement === 'True') {
      operation = 'replace';
      evidence.push({ kind: 'input', key: 'Replacement', value: 'True', message: `AWS reports Replacement True${causes(replaceCauses)}` });
    } else if (change.Replacement === 'Conditional' || (change.Replacement !== undefined && change.Replacement !== 'False')) {
      operation = 'replace';
      evidence.push({
        kind: 'input',
        key: 'Replacement',
        value: change.Replacement,
        message: `may be replaced: AWS reports Replacement ${change.Replacement} (conditional)${causes(replaceCauses)}`,
      });
      details.conditionalReplacement = true;
    }
  }
  if (change.Action === 'Import') evidence.push({ kind: 'input', message: 'imports an existing resource into the stack; the resource itself is not changed' });
  if (change.Action === 'Dynamic') evidence.push({ kind: 'input', message: 'the change is evaluated only when the change set runs (Dynamic): its effect is unknown' });
  if (change.Scope.length > 0) evidence.push({ kind: 'input', key: 'Scope', value: change.Scope, message: `changes ${change.Scope.join(', ')}` });
  if (change.PolicyAction) {
    const outcome = POLICY_ACTION_OUTCOMES[change.PolicyAction];
    evidence.push({
      kind: 'policy',
      key: 'PolicyAction',
      value: change.PolicyAction,
      message: `AWS reports PolicyAction ${change.PolicyAction}: ${outcome?.message ?? 'an outcome this version does not know'}`,
    });
    if (outcome?.retained) details.retained = true;
    if (outcome?.snapshot) details.snapshot = true;
    details.policyAction = change.PolicyAction;
  }
  if (operation === 'create' || operation === 'update') {
    const policyProperties = policyPropertiesIn(change.Details.map((d) => d.Target?.Name ?? ''));
    if (isPermissionType(type) && change.Action !== 'Import') {
      evidence.push({ kind: 'knowledge', message: `${type} ${operation === 'create' ? 'grants' : 'changes'} permissions: who may do what` });
      details.operationBeforePermissions = operation;
      operation = 'permissions';
    } else if (operation === 'update' && policyProperties.length > 0) {
      for (const p of policyProperties) evidence.push({ kind: 'attribute', key: p, message: `the inline policy ${p} changes: who may do what` });
      details.operationBeforePermissions = operation;
      operation = 'permissions';
    }
  }
  return { operation, evidence, details, replaceCauses: operation === 'replace' ? replaceCauses : [] };
}

function causes(names: string[]): string {
  return names.length > 0 ? ` (${names.join(', ')} requires recreation)` : '';
}

/** BeforeContext / AfterContext (IncludePropertyValues) are JSON strings holding Properties. */
function contextProperties(context: string | undefined, path: string, warnings: string[], file: string): Record<string, unknown> | undefined {
  if (context === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(context);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const properties = (parsed as Record<string, unknown>).Properties;
    return typeof properties === 'object' && properties !== null ? (properties as Record<string, unknown>) : (parsed as Record<string, unknown>);
  } catch {
    warnings.push(`${file}: ${path} is not valid JSON; property values ignored`);
    return undefined;
  }
}
