import { formatKey, joinAddress, type InstanceKey } from './address.js';
import type { Json } from './shape.js';

/** One resource instance (or deposed object) as a Terraform state or plan records it. */
export interface TfInstance {
  /** Instance address: `module.net[0].aws_subnet.a["x"]`; deposed objects get a suffix. */
  address: string;
  /** The same without instance keys: `module.net.aws_subnet.a`. */
  configAddress: string;
  /** `module.net[0]`, or '' for the root module. */
  moduleInstance: string;
  /** `module.net`, or '' for the root module. */
  configModule: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: InstanceKey;
  /** Attribute values (the object from the input, not a copy). */
  values: Json;
  /** Dependencies the state recorded (`depends_on` / `dependencies`), as written. */
  dependsOn: string[];
  deposedKey?: string;
}

export function deposedAddress(address: string, deposedKey: string): string {
  return `${address} (deposed object ${deposedKey})`;
}

/** Where one instance sits and what it holds, as both state formats describe it: its addresses are derived. */
export type InstanceFields = Omit<TfInstance, 'address' | 'configAddress'>;

/** The instance address its fields spell (deposed objects with their suffix). */
export function instanceAddressOf(fields: Pick<InstanceFields, 'moduleInstance' | 'mode' | 'type' | 'name' | 'key' | 'deposedKey'>): string {
  const { moduleInstance, mode, type, name, key, deposedKey } = fields;
  const address = joinAddress(moduleInstance, `${mode === 'data' ? 'data.' : ''}${type}.${name}${formatKey(key)}`);
  return deposedKey ? deposedAddress(address, deposedKey) : address;
}

/** The instance record, with its instance and configuration addresses derived from its fields. */
export function makeInstance(fields: InstanceFields, address: string = instanceAddressOf(fields)): TfInstance {
  const { moduleInstance, configModule, mode, type, name, key, deposedKey } = fields;
  const relative = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
  const instance: TfInstance = {
    address,
    configAddress: joinAddress(configModule, relative),
    moduleInstance,
    configModule,
    mode,
    type,
    name,
    values: fields.values,
    dependsOn: fields.dependsOn,
  };
  if (key !== undefined) instance.key = key;
  if (deposedKey) instance.deposedKey = deposedKey;
  return instance;
}
