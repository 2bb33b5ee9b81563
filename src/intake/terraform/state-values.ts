import { configModuleOf, moduleInstanceOf, parseInstanceAddress, type InstanceKey } from './address.js';
import { instanceAddressOf, makeInstance, type TfInstance } from './instance.js';
import type { ShapeChecker } from './shape.js';

/**
 * Resource instances of a `values.root_module`-shaped module tree, as in `terraform show -json`
 * state output, a plan's `prior_state.values` and its `planned_values`.
 * Addresses are rebuilt from module address + type + name + index: Terraform 0.12 wrote
 * module-relative addresses without the index in state output.
 */
export function collectModuleInstances(module: unknown, path: string, check: ShapeChecker, out: TfInstance[] = [], known?: Set<string>): TfInstance[] {
  walk(module, path, '', check, out, 0, known);
  return out;
}

const MAX_MODULE_DEPTH = 100;

/** `known`: addresses already collected; an instance at one of them is checked but not collected again. */
function walk(moduleValue: unknown, path: string, parentAddress: string, check: ShapeChecker, out: TfInstance[], depth: number, known?: Set<string>): void {
  const module = check.object(moduleValue, path);
  if (depth > MAX_MODULE_DEPTH) check.fail(path, `modules nested more than ${MAX_MODULE_DEPTH} deep`);
  const moduleAddress = check.optionalString(module.address, `${path}.address`) ?? parentAddress;
  const parsedModule = moduleAddress ? parseInstanceAddress(`${moduleAddress}.x.y`) : { modules: [] };
  if (!parsedModule) check.fail(`${path}.address`, `"${moduleAddress}" is not a module address`);
  const moduleInstance = moduleInstanceOf(parsedModule);
  const configModule = configModuleOf(parsedModule);

  const resources = check.optionalArray(module.resources, `${path}.resources`);
  for (let i = 0; i < resources.length; i++) {
    const at = `${path}.resources[${i}]`;
    const resource = check.object(resources[i], at);
    const type = check.string(resource.type, at, '.type');
    const name = check.string(resource.name, at, '.name');
    const mode = resource.mode === 'data' ? 'data' : 'managed';
    const key = instanceKey(resource.index, at, check, '.index');
    const deposedKey = check.optionalString(resource.deposed_key, at, '.deposed_key');
    const values = check.optionalObject(resource.values, at, '.values') ?? {};
    const dependsOn = check.optionalStringArray(resource.depends_on, at, '.depends_on');
    const fields = { moduleInstance, configModule, mode, type, name, key, deposedKey, values, dependsOn } as const;
    const address = instanceAddressOf(fields);
    if (known) {
      if (known.has(address)) continue;
      known.add(address);
    }
    out.push(makeInstance(fields, address));
  }
  const children = check.optionalArray(module.child_modules, `${path}.child_modules`);
  for (let i = 0; i < children.length; i++) walk(children[i], `${path}.child_modules[${i}]`, moduleAddress, check, out, depth + 1, known);
}

export function instanceKey(value: unknown, path: string, check: ShapeChecker, field = ''): InstanceKey | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return check.fail(path + field, 'expected a number or a string instance key');
}
