import type { Evidence, Operation } from '../../model.js';
import type { PlannedAction } from '../types.js';
import { describeActionReason } from './action-reason.js';
import { deposedAddress } from './instance.js';
import { arnHints, physicalNames, tagsOf } from './names.js';
import { isObject, type Json, type ShapeChecker } from './shape.js';

export interface ChangeResult {
  action?: PlannedAction;
  warning?: string;
}

const REPLACE_DESTROY_FIRST = 'delete,create';
const REPLACE_CREATE_FIRST = 'create,delete';

/** One `resource_changes[i]` entry as a planned action (none for no-op and data reads). */
export function resourceChangeToAction(value: unknown, path: string, file: string, check: ShapeChecker): ChangeResult {
  const rc = check.object(value, path);
  const address = check.string(rc.address, path, '.address');
  const type = check.string(rc.type, path, '.type');
  const change = check.object(rc.change, path, '.change');
  const actions = check.stringArray(change.actions, path, '.change.actions');
  if (actions.length === 0) check.fail(`${path}.change.actions`, 'expected at least one action');
  const before = check.optionalObject(change.before, path, '.change.before');
  const after = check.optionalObject(change.after, path, '.change.after');
  const previousAddress = check.optionalString(rc.previous_address, path, '.previous_address');
  const deposed = check.optionalString(rc.deposed, path, '.deposed');
  const reason = check.optionalString(rc.action_reason, path, '.action_reason');
  const verb = actions.join(',');

  if (verb === 'no-op') {
    if (previousAddress) return { warning: `${address} moves from ${previousAddress} without other changes (${path})` };
    if (isObject(change.importing)) return { warning: `${address} is imported into the state without other changes (${path})` };
    return {};
  }
  if (rc.mode === 'data' || verb === 'read') return {};

  const evidence: Evidence[] = [];
  const { operation, said } = operationOf(verb);
  if (said) evidence.push({ kind: 'input', message: said, key: 'change.actions', value: actions });
  if (reason) evidence.push({ kind: 'input', message: `${address} is ${describeActionReason(reason)}`, key: 'action_reason', value: reason });
  if (deposed) {
    evidence.push({
      kind: 'input',
      message: `deletes deposed object ${deposed} of ${address}: an older instance left behind when a create_before_destroy replacement did not finish`,
      key: 'deposed',
      value: deposed,
    });
  }
  if (previousAddress) evidence.push({ kind: 'input', message: `${address} was moved from ${previousAddress}`, key: 'previous_address', value: previousAddress });
  if (isObject(change.importing)) evidence.push({ kind: 'input', message: `${address} is imported from an existing object`, key: 'change.importing', value: change.importing });

  const replaceCauses = replacePaths(change.replace_paths, `${path}.change.replace_paths`, check);
  const existing = before ?? after;
  const names = physicalNames(type, existing);
  const tags = { ...tagsOf(after), ...tagsOf(before) }; // the current tags decide the environment
  const hints: PlannedAction['hints'] = { terraformAddress: address, ...arnHints(existing) };
  if (Object.keys(tags).length) hints.tags = tags;

  const action: PlannedAction = {
    source: { kind: 'terraform-plan', file, path },
    operation,
    verb,
    tool: 'terraform',
    target: { type, id: deposed ? deposedAddress(address, deposed) : address, address, terraformType: type, names },
    scope: 'resource',
    hints,
    evidence,
    details: changeDetails(rc, actions, reason),
  };
  if (before) action.before = before;
  if (after) action.after = after;
  if (replaceCauses.length) action.replaceCauses = replaceCauses;
  return { action };
}

function operationOf(verb: string): { operation: Operation; said?: string } {
  switch (verb) {
    case 'create':
      return { operation: 'create' };
    case 'update':
      return { operation: 'update' };
    case 'delete':
      return { operation: 'delete' };
    case REPLACE_DESTROY_FIRST:
      return { operation: 'replace', said: 'destroyed before the new one exists: downtime' };
    case REPLACE_CREATE_FIRST:
      return { operation: 'replace', said: 'create_before_destroy: the new object is created before the old one is destroyed' };
    case 'forget':
      return { operation: 'update', said: 'removed from Terraform state only (forget): the real object is left in place, unmanaged' };
    default:
      return { operation: 'unknown', said: `Terraform action "${verb}" is not one Firebreak knows` };
  }
}

function changeDetails(rc: Json, actions: string[], reason: string | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = { actions };
  if (actions.length === 2) details.replaceOrder = actions[0] === 'delete' ? 'destroy-before-create' : 'create-before-destroy';
  if (reason) details.actionReason = reason;
  for (const [from, to] of DETAIL_FIELDS) {
    if (rc[from] !== undefined && rc[from] !== null) details[to] = rc[from];
  }
  return details;
}

/** Fields of a change copied into the action's details, in this order. */
const DETAIL_FIELDS = [
  ['module_address', 'moduleAddress'],
  ['index', 'index'],
  ['deposed', 'deposed'],
  ['previous_address', 'previousAddress'],
  ['mode', 'mode'],
  ['name', 'name'],
  ['provider_name', 'providerName'],
] as const;

/** `replace_paths` (lists of steps) as attribute paths: `name`, `tags.Env`, `ebs_block_device[0].size`. */
function replacePaths(value: unknown, path: string, check: ShapeChecker): string[] {
  const paths = check.optionalArray(value, path);
  return paths.map((steps, i) => {
    const list = check.array(steps, `${path}[${i}]`);
    let text = '';
    list.forEach((step, j) => {
      if (typeof step === 'number') text += `[${step}]`;
      else if (typeof step === 'string') text += /^[A-Za-z_][\w-]*$/.test(step) ? (text ? `.${step}` : step) : `[${JSON.stringify(step)}]`;
      else check.fail(`${path}[${i}][${j}]`, 'expected a string or a number');
    });
    return text;
  });
}
