import { configModuleOf, moduleInstanceOf, parseInstanceAddress } from './address.js';
import { makeInstance, type TfInstance } from './instance.js';
import type { Json, ShapeChecker } from './shape.js';
import { instanceKey } from './state-values.js';

/** Resource instances of a raw `terraform.tfstate` (format version 4, Terraform 0.12+). */
export function collectTfstateInstances(state: Json, check: ShapeChecker): TfInstance[] {
  const out: TfInstance[] = [];
  const resources = check.optionalArray(state.resources, 'resources');
  for (let i = 0; i < resources.length; i++) {
    const at = `resources[${i}]`;
    const resource = check.object(resources[i], at);
    const type = check.string(resource.type, `${at}.type`);
    const name = check.string(resource.name, `${at}.name`);
    const mode = resource.mode === 'data' ? 'data' : 'managed';
    const moduleAddress = check.optionalString(resource.module, `${at}.module`) ?? '';
    const parsedModule = moduleAddress ? parseInstanceAddress(`${moduleAddress}.x.y`) : { modules: [] };
    if (!parsedModule) check.fail(`${at}.module`, `"${moduleAddress}" is not a module address`);
    const moduleInstance = moduleInstanceOf(parsedModule);
    const configModule = configModuleOf(parsedModule);

    const instances = check.array(resource.instances, `${at}.instances`);
    for (let j = 0; j < instances.length; j++) {
      const ip = `${at}.instances[${j}]`;
      const inst = check.object(instances[j], ip);
      const key = instanceKey(inst.index_key, `${ip}.index_key`, check);
      const deposedKey = check.optionalString(inst.deposed, `${ip}.deposed`);
      // attributes_flat: flatmap attributes of providers still on the 0.11 SDK.
      const values = check.optionalObject(inst.attributes, `${ip}.attributes`) ?? check.optionalObject(inst.attributes_flat, `${ip}.attributes_flat`) ?? {};
      const dependsOn = [
        ...check.optionalStringArray(inst.dependencies, `${ip}.dependencies`),
        ...check.optionalStringArray(inst.depends_on, `${ip}.depends_on`),
      ];
      const instance = makeInstance({ moduleInstance, configModule, mode, type, name, key, deposedKey, values, dependsOn });
      out.push(instance);
    }
  }
  return out;
}
