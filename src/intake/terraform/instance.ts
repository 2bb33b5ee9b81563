import type { InstanceKey } from './address.js';
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
  /** JSON path of the instance in the input. */
  path: string;
}

export function deposedAddress(address: string, deposedKey: string): string {
  return `${address} (deposed object ${deposedKey})`;
}
