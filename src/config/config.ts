// firebreak.yaml: which environments exist and how to recognise them, code freezes, where the
// world comes from, how autonomous the agent is, and which policy judges it.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readConfigText } from './config-cache.js';
import { parseBound } from './iso-time.js';
import { loadYamlWithSchema } from './load-yaml.js';
import { configSchema } from './schema.js';

export type Autonomy = 'supervised' | 'autonomous' | 'unattended';

/** Globs (see glob.ts) over the hints an action carries. Lists are OR-ed. */
export interface EnvironmentMatch {
  accounts?: string[];
  profiles?: string[];
  stacks?: string[];
  terraform?: { addresses?: string[]; workspaces?: string[] };
  /** Tag key -> glob over its value; any one listed tag matching is enough. */
  tags?: Record<string, string>;
  /** Database hosts, API hosts, URLs. */
  endpoints?: string[];
  kubeContexts?: string[];
  namespaces?: string[];
  regions?: string[];
}

export interface EnvironmentConfig {
  production: boolean;
  description?: string;
  match: EnvironmentMatch;
}

export interface Freeze {
  name: string;
  /** ISO 8601 instant (UTC) at which the freeze starts, inclusive. */
  start: string;
  /** ISO 8601 instant (UTC) at which the freeze ends, exclusive. */
  end: string;
  /** Environment names, `production` (every production environment, and unknown ones), or 'all'. */
  environments: string[] | 'all';
  reason?: string;
}

export interface Config {
  version: 1;
  /** Absolute path of the file this came from (absent for defaultConfig()). */
  file?: string;
  environments: Record<string, EnvironmentConfig>;
  freezes: Freeze[];
  /** Absolute paths (resolved against the config file's folder). */
  world: {
    /** States of no particular workspace: part of every run's world. */
    terraformState: string[];
    /** Workspace or environment name -> its state files: part of the world only for runs in it. */
    terraformStateByWorkspace?: Record<string, string[]>;
    templates: Record<string, string>;
    inventory: string[];
  };
  agent: { autonomy: Autonomy };
  /** Absolute path of the policy file; absent = the shipped default policy. */
  policy?: string;
  /** The operator's declaration about this machine, read from the per-user folder by the pipeline
   *  (config/machine.ts), never from firebreak.yaml. */
  machine?: import('./machine.js').MachineDeclaration;
  /** What the loader ignored and why (a `machine:` key in firebreak.yaml): shown as report warnings. */
  notes?: string[];
}

export { CONFIG_FILE_NAMES, findConfigFile } from './file-names.js';

/** No environments: every action resolves to unknown and is treated as production. */
export { defaultConfig } from './default-config.js';

export function loadConfig(file: string): Config {
  return parseConfig(readConfigText(file), resolve(file));
}

/** A workspace's firebreak.yaml is written by the agent or by whoever made the repository: what the
 *  machine is, only the operator says (config/machine.ts). */
function ignoredMachineKey(file: string): string {
  return `${file}: \`machine:\` is ignored: a workspace's config cannot declare this machine ephemeral (the agent or the repository's authors write it); the operator runs \`firebreak machine --ephemeral --reason TEXT\`, which writes Firebreak's per-user folder`;
}

/** Parse config text; relative paths inside it resolve against the folder of `file`. */
export function parseConfig(text: string, file: string): Config {
  const doc = loadYamlWithSchema(text, file, configSchema);
  const base = dirname(resolve(file));
  const at = (p: string) => (isAbsolute(p) ? p : join(base, p));
  return {
    version: 1,
    file: resolve(file),
    environments: doc.environments,
    freezes: doc.freezes.map((f) => ({
      name: f.name,
      start: new Date(parseBound(f.start, 'start') as number).toISOString(),
      end: new Date(parseBound(f.end, 'end') as number).toISOString(),
      environments: f.environments,
      ...(f.reason === undefined ? {} : { reason: f.reason }),
    })),
    world: {
      terraformState: Array.isArray(doc.world.terraformState) ? doc.world.terraformState.map(at) : [],
      ...(doc.world.terraformState && !Array.isArray(doc.world.terraformState)
        ? {
            terraformStateByWorkspace: Object.fromEntries(
              Object.entries(doc.world.terraformState).map(([key, files]) => [key, (typeof files === 'string' ? [files] : files).map(at)]),
            ),
          }
        : {}),
      templates: Object.fromEntries(Object.entries(doc.world.templates ?? {}).map(([stack, p]) => [stack, at(p)])),
      inventory: (doc.world.inventory ?? []).map(at),
    },
    agent: { autonomy: doc.agent.autonomy },
    ...(doc.policy === undefined ? {} : { policy: at(doc.policy) }),
    ...(doc.machine === undefined ? {} : { notes: [ignoredMachineKey(resolve(file))] }),
  };
}
