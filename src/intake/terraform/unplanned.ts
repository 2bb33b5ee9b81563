// Terraform 1.4 and 1.5 write a plan file when planning fails, and `terraform show -json` of it
// carries no `errored` marker (added in 1.6): the resources whose planning failed are simply
// missing. A resource the configuration declares exactly once, that the plan neither changes,
// keeps, nor already has, is such a gap: shown as an action of unknown effect, never passed.
import type { PlannedAction } from '../types.js';
import { configAddressOf, parseInstanceAddress } from './address.js';
import type { ConfigIndex } from './configuration.js';
import type { TfInstance } from './instance.js';
import { isObject, type Json } from './shape.js';

export function unplannedResources(plan: Json, config: ConfigIndex, instances: readonly TfInstance[], file: string): PlannedAction[] {
  if ('errored' in plan) return []; // Terraform 1.6+ says so itself (an errored plan is refused before this)
  // What could be missing is known before the plan's changes are read: most plans have no
  // candidate (no configuration, or every declared resource already has an instance), and then
  // no change address needs parsing.
  const present = new Set<string>(instances.map((i) => i.configAddress));
  const candidates = [...config.resources.values()].filter(
    (resource) => resource.mode === 'managed' && !present.has(resource.address) && declaredOnce(resource.body) && inSingleModules(config, resource.modulePath),
  );
  if (candidates.length === 0) return [];
  const changes = Array.isArray(plan.resource_changes) ? plan.resource_changes.filter(isObject) : [];
  const actions = changes.map((c) => (isObject(c.change) && Array.isArray(c.change.actions) ? c.change.actions.join(',') : ''));
  // A destroy plan leaves out what was never created; nothing is missing from it.
  if (actions.length > 0 && actions.every((a) => a === 'delete')) return [];
  for (const change of changes) {
    const parsed = typeof change.address === 'string' ? parseInstanceAddress(change.address) : null;
    if (parsed) present.add(configAddressOf(parsed));
  }
  const missing: PlannedAction[] = [];
  for (const resource of candidates) {
    if (present.has(resource.address)) continue;
    const type = typeof resource.body.type === 'string' ? resource.body.type : 'terraform:resource';
    missing.push({
      source: { kind: 'terraform-plan', file, path: resource.jsonPath },
      operation: 'unknown',
      verb: 'not planned',
      tool: 'terraform',
      target: { type, id: resource.address, address: resource.address, terraformType: type },
      scope: 'resource',
      hints: { terraformAddress: resource.address },
      evidence: [
        {
          kind: 'input',
          key: resource.jsonPath,
          message: `the configuration declares ${resource.address}, but the plan neither changes it nor keeps it: planning it failed (Terraform before 1.6 writes a failed plan without marking it errored) or the plan was limited with -target`,
        },
      ],
    });
  }
  return missing;
}

function declaredOnce(body: Json): boolean {
  return body.count_expression === undefined && body.for_each_expression === undefined;
}

function inSingleModules(config: ConfigIndex, modulePath: string): boolean {
  for (let module = config.modules.get(modulePath); module && module.parentPath !== undefined; module = config.modules.get(module.parentPath)) {
    if (!module.call || module.call.count_expression !== undefined || module.call.for_each_expression !== undefined) return false;
  }
  return true;
}
