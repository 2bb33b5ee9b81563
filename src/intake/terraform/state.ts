import type { IntakeResult } from '../types.js';
import { detectTerraformJson, KIND_DESCRIPTION } from './detect.js';
import { checkFormatVersion } from './format-version.js';
import type { TfInstance } from './instance.js';
import { parseJsonText } from './json-text.js';
import { ShapeChecker } from './shape.js';
import { collectModuleInstances } from './state-values.js';
import { collectTfstateInstances } from './tfstate-v4.js';
import { buildTerraformWorld } from './world.js';

const WHAT = 'Terraform state';

/**
 * Reads what exists from a Terraform state: `terraform show -json` output or a raw
 * `terraform.tfstate` (version 4). World only: a state plans nothing.
 */
export function readTerraformState(text: string, file: string): IntakeResult {
  return terraformStateToIntake(parseJsonText(text, file, WHAT), file);
}

export function terraformStateToIntake(json: unknown, file: string): IntakeResult {
  const check: ShapeChecker = new ShapeChecker(file, WHAT);
  const state = check.object(json, '');
  const kind = detectTerraformJson(state);
  const warnings: string[] = [];
  let instances: TfInstance[];
  if (kind === 'plan') {
    check.fail('', `this file is ${KIND_DESCRIPTION.plan}, not a state: give it as a plan`);
  } else if (kind === 'state') {
    checkFormatVersion(state.format_version, check);
    const values = check.optionalObject(state.values, 'values');
    instances = values?.root_module != null ? collectModuleInstances(values.root_module, 'values.root_module', check) : [];
  } else if (kind === 'tfstate') {
    if (state.version !== 4) {
      check.fail('version', `terraform.tfstate version ${String(state.version)} is not supported: Firebreak reads version 4 (Terraform 0.12 and later)`);
    }
    instances = collectTfstateInstances(state, check);
  } else {
    check.fail('', `${KIND_DESCRIPTION.unknown}: expected terraform show -json output (format_version, values) or a terraform.tfstate (version, resources)`);
  }
  if (instances.length === 0) warnings.push('the state lists no resources');
  const { world, warnings: worldWarnings } = buildTerraformWorld(instances, 'terraform-state', file);
  warnings.push(...worldWarnings);
  return { kind: 'terraform-state', file, actions: [], world, warnings };
}

/** A state firebreak.yaml keys by workspace or environment: its resources are that workspace's (and environment's). */
export function readWorkspaceState(text: string, file: string, scope: { workspace: string; environment?: string }): IntakeResult {
  const result = readTerraformState(text, file);
  const resources = (result.world?.resources ?? []).map((r) => ({
    ...r,
    workspace: scope.workspace,
    ...(scope.environment ? { hints: { ...r.hints, environment: scope.environment } } : {}),
  }));
  return { ...result, ...(result.world ? { world: { ...result.world, resources } } : {}) };
}
