import type { DriftItem } from '../../model.js';
import type { IntakeResult, PlannedAction } from '../types.js';
import { configModuleOf, formatKey, joinAddress, moduleInstanceOf, parseInstanceAddress, type InstanceKey } from './address.js';
import { resourceChangeToAction } from './change.js';
import { indexConfiguration } from './configuration.js';
import { detectTerraformJson, KIND_DESCRIPTION } from './detect.js';
import { checkFormatVersion } from './format-version.js';
import type { TfInstance } from './instance.js';
import { parseJsonText } from './json-text.js';
import { NONE as NO_PLACEMENTS, providerHints, readProviderPlacements, type ProviderPlacement } from './provider-config.js';
import { isObject, ShapeChecker, type Json } from './shape.js';
import { collectModuleInstances } from './state-values.js';
import { buildTerraformWorld } from './world.js';
import { unplannedResources } from './unplanned.js';

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
  refuseUnfinishedPlan(plan, check);

  const warnings: string[] = [];
  const actions: PlannedAction[] = [];
  const config = indexConfiguration(plan.configuration, check);
  const providers = readProviderPlacements(plan, config);
  const changes = check.optionalArray(plan.resource_changes, 'resource_changes');
  const configAddresses = new ChangeConfigAddresses();
  for (let i = 0; i < changes.length; i++) {
    const { action, warning } = resourceChangeToAction(changes[i], `resource_changes[${i}]`, file, check);
    if (action) {
      if (providers === NO_PLACEMENTS) {
        actions.push(action);
      } else {
        const address = action.target.address ?? action.target.id;
        const configAddress = configAddresses.of(changes[i] as Json, address, action.target.type);
        actions.push(placeByProvider(action, configAddress === undefined ? providers.forAddress(address) : providers.forConfigAddress(configAddress)));
      }
    }
    if (warning) warnings.push(warning);
  }
  for (const action of actionInvocations(plan, file, check)) actions.push(action);
  warnings.push(...planStatusWarnings(plan, changes.length));

  const instances = planInstances(plan, check);
  const unplanned = unplannedResources(plan, config, instances, file);
  if (unplanned.length > 0) {
    actions.push(...unplanned);
    warnings.push(`${unplanned.length} declared resource(s) are missing from the plan (${unplanned.slice(0, 3).map((a) => a.target.id).join(', ')}${unplanned.length > 3 ? ', ...' : ''}): the plan may have failed half way`);
  }
  const { world, warnings: worldWarnings } = buildTerraformWorld(instances, 'terraform-plan', file, config);
  warnings.push(...worldWarnings);
  // World resources are the managed instances, in order: their configuration address is known.
  let next = 0;
  for (const instance of instances) {
    if (instance.mode !== 'managed') continue;
    const resource = world.resources[next++];
    const placement = resource.id === instance.address ? providers.forConfigAddress(instance.configAddress) : providers.forAddress(resource.id);
    if (placement) resource.hints = { ...providerHints(placement).hints, ...resource.hints };
  }
  for (; next < world.resources.length; next++) {
    const resource = world.resources[next];
    const placement = providers.forAddress(resource.id);
    if (placement) resource.hints = { ...providerHints(placement).hints, ...resource.hints };
  }

  const drift = readDrift(plan, file, warnings);
  return { kind: 'terraform-plan', file, actions, world, drift, warnings };
}

const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/**
 * Configuration addresses of changes, from the fields Terraform writes next to the address
 * (`module_address`, `type`, `name`, `index`), each module address parsed once. Only when those
 * fields spell the address exactly; otherwise undefined, and the address itself is parsed.
 */
class ChangeConfigAddresses {
  private readonly modules = new Map<string, string | undefined>();

  of(rc: Json, address: string, type: string): string | undefined {
    const { module_address: moduleAddress, name, index } = rc;
    if (rc.mode !== 'managed' || typeof name !== 'string' || type === 'module' || type === 'data' || !IDENTIFIER.test(type) || !IDENTIFIER.test(name)) return undefined;
    if (index != null && !(typeof index === 'number' ? Number.isSafeInteger(index) && index >= 0 : typeof index === 'string' && !/["\\\]]/.test(index))) return undefined;
    const module = moduleAddress == null ? '' : typeof moduleAddress === 'string' ? this.configModule(moduleAddress) : undefined;
    if (module === undefined) return undefined;
    const relative = `${type}.${name}`;
    if (joinAddress(typeof moduleAddress === 'string' ? moduleAddress : '', relative + formatKey(index as InstanceKey | undefined)) !== address) return undefined;
    return joinAddress(module, relative);
  }

  private configModule(moduleAddress: string): string | undefined {
    if (this.modules.has(moduleAddress)) return this.modules.get(moduleAddress);
    const parsed = moduleAddress ? parseInstanceAddress(`${moduleAddress}.x.y`) : { modules: [], mode: 'managed' };
    // Only a plain chain of module calls (`module.a[0].module.b`) that spells the address back.
    const path = parsed && parsed.mode === 'managed' && moduleInstanceOf(parsed) === moduleAddress ? configModuleOf(parsed) : undefined;
    this.modules.set(moduleAddress, path);
    return path;
  }
}

/**
 * The provider block a change uses says where it happens. What the resource's own values say
 * (an ARN's account and region, its tags) is more specific and wins; default tags fill in tags
 * the resource does not set.
 */
function placeByProvider(action: PlannedAction, placement: ProviderPlacement | undefined): PlannedAction {
  if (!placement) return action;
  const { hints, evidence } = providerHints(placement);
  const tags = hints.tags || action.hints.tags ? { ...hints.tags, ...action.hints.tags } : undefined;
  // The action was just made from the change and nothing else holds it: completed in place.
  action.hints = { ...hints, ...action.hints, ...(tags ? { tags } : {}) };
  action.evidence.push(evidence);
  return action;
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
  // Only what prior_state does not list: most planned instances exist already and are not built again.
  if (planned?.root_module != null) collectModuleInstances(planned.root_module, 'planned_values.root_module', check, instances, known);
  return instances;
}

/**
 * Changes made outside Terraform, shown and not judged. Their shape differs between versions
 * (Terraform 1.0 wrote entries without `address`), so nothing in them may make the plan
 * unreadable: what cannot be read is shown as best it can be, or left out with a warning.
 */
function readDrift(plan: Json, file: string, warnings: string[]): DriftItem[] {
  const drift: DriftItem[] = [];
  const entries = Array.isArray(plan.resource_drift) ? plan.resource_drift : [];
  if (plan.resource_drift != null && !Array.isArray(plan.resource_drift)) warnings.push('resource_drift is not a list: drift is not shown');
  let skipped = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const change = isObject(entry) && isObject(entry.change) ? entry.change : undefined;
    const actions = Array.isArray(change?.actions) ? change.actions.filter((a): a is string => typeof a === 'string') : [];
    if (!isObject(entry) || actions.length === 0) {
      skipped++;
      continue;
    }
    if (actions.length === 1 && actions[0] === 'no-op') continue;
    drift.push({
      address: driftAddress(entry),
      type: typeof entry.type === 'string' ? entry.type : 'unknown',
      actions,
      source: { kind: 'terraform-plan', file, path: `resource_drift[${i}]` },
    });
  }
  if (skipped > 0) warnings.push(`${skipped} resource_drift entr${skipped === 1 ? 'y' : 'ies'} could not be read and ${skipped === 1 ? 'is' : 'are'} not shown (drift is shown, not judged)`);
  return drift;
}

/** `address`, else rebuilt from module_address, mode, type, name and index as Terraform 1.0 left them. */
function driftAddress(entry: Json): string {
  if (typeof entry.address === 'string' && entry.address) return entry.address;
  if (typeof entry.type !== 'string' || typeof entry.name !== 'string') return '(address not given)';
  const index = typeof entry.index === 'number' ? `[${entry.index}]` : typeof entry.index === 'string' ? `[${JSON.stringify(entry.index)}]` : '';
  const local = `${entry.mode === 'data' ? 'data.' : ''}${entry.type}.${entry.name}${index}`;
  return typeof entry.module_address === 'string' && entry.module_address ? `${entry.module_address}.${local}` : local;
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

/**
 * A plan Terraform could not finish (`errored: true`, written when `plan -out` fails) or one
 * that defers changes to later rounds (`complete: false`) does not show everything the apply
 * would do: judging the part it shows would pass what it hides.
 */
function refuseUnfinishedPlan(plan: Json, check: ShapeChecker): void {
  if (plan.errored === true) {
    check.fail('errored', 'the plan is marked errored: true (Terraform could not finish planning), so it does not show every change; fix the errors `terraform plan` reports and plan again');
  }
  if (plan.complete === false) {
    check.fail('complete', 'the plan is marked complete: false: it defers changes to later plan/apply rounds that it does not show; judge each round\'s plan');
  }
}

function planStatusWarnings(_plan: Json, changeCount: number): string[] {
  return changeCount === 0 ? ['the plan lists no resource changes'] : [];
}
