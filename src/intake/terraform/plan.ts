import type { DriftItem } from '../../model.js';
import type { IntakeResult, PlannedAction } from '../types.js';
import { resourceChangeToAction } from './change.js';
import { indexConfiguration } from './configuration.js';
import { detectTerraformJson, KIND_DESCRIPTION } from './detect.js';
import { checkFormatVersion } from './format-version.js';
import type { TfInstance } from './instance.js';
import { parseJsonText } from './json-text.js';
import { ShapeChecker, type Json } from './shape.js';
import { collectModuleInstances } from './state-values.js';
import { buildTerraformWorld } from './world.js';

const WHAT = 'Terraform plan';

/** Reads `terraform show -json <planfile>` output: planned actions, drift, and the world it implies. */
export function readTerraformPlan(text: string, file: string): IntakeResult {
  return terraformPlanToIntake(parseJsonText(text, file, WHAT), file);
}

/** The same from an already parsed value. The value is not copied: results point into it. */
export function terraformPlanToIntake(json: unknown, file: string): IntakeResult {
  const check: ShapeChecker = new ShapeChecker(file, WHAT);
  const plan = check.object(json, '');
  const kind = detectTerraformJson(plan);
  if (kind === 'state' || kind === 'tfstate') {
    check.fail('', `this file is ${KIND_DESCRIPTION[kind]}, not a plan: give it as state, or pass the output of terraform show -json <planfile>`);
  }
  if (!('format_version' in plan)) check.fail('format_version', 'missing format_version: this is not the output of terraform show -json <planfile>');
  checkFormatVersion(plan.format_version, check);
  if (kind !== 'plan') check.fail('', 'neither resource_changes nor planned_values is present: this is not a Terraform plan');

  const warnings: string[] = [];
  const actions: PlannedAction[] = [];
  const changes = check.optionalArray(plan.resource_changes, 'resource_changes');
  for (let i = 0; i < changes.length; i++) {
    const { action, warning } = resourceChangeToAction(changes[i], `resource_changes[${i}]`, file, check);
    if (action) actions.push(action);
    if (warning) warnings.push(warning);
  }
  for (const action of actionInvocations(plan, file, check)) actions.push(action);
  warnings.push(...planStatusWarnings(plan, changes.length));

  const instances = planInstances(plan, check);
  const config = indexConfiguration(plan.configuration, check);
  const { world, warnings: worldWarnings } = buildTerraformWorld(instances, 'terraform-plan', file, config);
  warnings.push(...worldWarnings);

  return { kind: 'terraform-plan', file, actions, world, drift: readDrift(plan, file, check), warnings };
}

/**
 * Instances that exist (prior_state) and those only planned (created by this plan), plus any
 * object the changes say exists that neither lists.
 */
function planInstances(plan: Json, check: ShapeChecker): TfInstance[] {
  const instances: TfInstance[] = [];
  const prior = check.optionalObject(plan.prior_state, 'prior_state');
  const priorValues = prior && check.optionalObject(prior.values, 'prior_state.values');
  if (priorValues?.root_module != null) collectModuleInstances(priorValues.root_module, 'prior_state.values.root_module', check, instances);
  const known = new Set(instances.map((i) => i.address));

  const planned = check.optionalObject(plan.planned_values, 'planned_values');
  if (planned?.root_module != null) {
    for (const instance of collectModuleInstances(planned.root_module, 'planned_values.root_module', check)) {
      if (!known.has(instance.address)) {
        instances.push(instance);
        known.add(instance.address);
      }
    }
  }
  return instances;
}

function readDrift(plan: Json, file: string, check: ShapeChecker): DriftItem[] {
  const drift: DriftItem[] = [];
  const entries = check.optionalArray(plan.resource_drift, 'resource_drift');
  for (let i = 0; i < entries.length; i++) {
    const at = `resource_drift[${i}]`;
    const entry = check.object(entries[i], at);
    const change = check.object(entry.change, `${at}.change`);
    const actions = check.stringArray(change.actions, `${at}.change.actions`);
    if (actions.length === 1 && actions[0] === 'no-op') continue;
    drift.push({
      address: check.string(entry.address, `${at}.address`),
      type: check.string(entry.type, `${at}.type`),
      actions,
      source: { kind: 'terraform-plan', file, path: at },
    });
  }
  return drift;
}

/** Terraform 1.14 `action` blocks invoked by the plan: provider code with effects we cannot see. */
function actionInvocations(plan: Json, file: string, check: ShapeChecker): PlannedAction[] {
  const invocations = check.optionalArray(plan.action_invocations, 'action_invocations');
  return invocations.map((value, i) => {
    const at = `action_invocations[${i}]`;
    const invocation = check.object(value, at);
    const address = check.string(invocation.address, `${at}.address`);
    const type = check.optionalString(invocation.type, `${at}.type`) ?? 'terraform:action';
    return {
      source: { kind: 'terraform-plan', file, path: at },
      operation: 'unknown',
      verb: 'invoke',
      tool: 'terraform',
      target: { type, id: address, address, terraformType: type },
      scope: 'unknown',
      hints: { terraformAddress: address },
      evidence: [
        {
          kind: 'input',
          message: `the plan invokes ${address}, a provider-defined Terraform action: what it changes is not described in the plan`,
          key: at,
        },
      ],
      details: { actionInvocation: invocation },
    };
  });
}

function planStatusWarnings(plan: Json, changeCount: number): string[] {
  const warnings: string[] = [];
  if (plan.errored === true) warnings.push('the plan is marked errored: Terraform could not finish planning, so it does not show every change');
  if (plan.complete === false) warnings.push('the plan is marked incomplete: further plan/apply rounds will make changes not shown here');
  if (changeCount === 0) warnings.push('the plan lists no resource changes');
  return warnings;
}
