// What an approval is bound to: the exact command(s) or tool input, the actions Firebreak read
// from them, the environment they would run in, and the content of every file they read as code,
// plan or configuration. Its sha256 is the approval's key: change any of it (a swapped tfplan, an
// edited script) and the approval no longer applies.
import { createHash } from 'node:crypto';
import type { Action } from '../../model.js';
import { canonicalJson } from '../canonical-json.js';
import { redact } from '../redact.js';

/** Environment variables that change where a command acts. */
const ENVIRONMENT_VARIABLES = [
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL', 'AWS_ROLE_ARN',
  'KUBECONFIG', 'TF_WORKSPACE', 'TF_DATA_DIR', 'CLOUDSDK_CORE_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'AZURE_SUBSCRIPTION_ID',
  'PGHOST', 'PGDATABASE', 'DATABASE_URL',
];

export interface BoundAction {
  commands: string[];
  actions: { tool: string; verb: string; operation: string; target: string; scope: string; environment?: string }[];
  environment: { cwd: string; variables: Record<string, string> };
  /** sha256 of every file the command reads as code, plan or configuration (read-files.ts). */
  files?: Record<string, string>;
  /** sha256 of a file tool's or MCP tool's input (what Write writes, what the MCP call sends). */
  toolInput?: string;
}

export function bindAction(
  commands: string[],
  actions: Pick<Action, 'tool' | 'verb' | 'operation' | 'target' | 'scope' | 'environment'>[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  extra: { files?: Record<string, string>; toolInput?: unknown } = {},
): BoundAction {
  const variables: Record<string, string> = {};
  for (const name of ENVIRONMENT_VARIABLES) if (env[name]) variables[name] = env[name]!;
  return {
    commands: commands.map((c) => c.trim()),
    actions: actions.map((a) => ({
      tool: a.tool,
      verb: a.verb,
      operation: a.operation,
      target: `${a.target.type} ${a.target.id}`,
      scope: a.scope,
      ...(a.environment ? { environment: a.environment } : {}),
    })),
    environment: { cwd, variables },
    ...(extra.files && Object.keys(extra.files).length ? { files: extra.files } : {}),
    ...(extra.toolInput !== undefined ? { toolInput: createHash('sha256').update(canonicalJson(extra.toolInput)).digest('hex') } : {}),
  };
}

export function bindingHash(bound: BoundAction): string {
  return createHash('sha256').update(canonicalJson(bound)).digest('hex');
}

/** The binding without file contents: the same action, whatever its files say now. */
export function coreHash(bound: BoundAction): string {
  const { files: _files, ...core } = bound;
  return bindingHash(core);
}

/** Files whose content differs between two bindings (changed, added or gone). */
export function changedFiles(before: Record<string, string> = {}, after: Record<string, string> = {}): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => before[f] !== after[f]).sort();
}

/** The bound action as stored and shown: secrets removed (the hash was taken before). */
export function displayable(bound: BoundAction): BoundAction {
  return {
    ...bound,
    commands: bound.commands.map(redact),
    environment: { cwd: bound.environment.cwd, variables: Object.fromEntries(Object.entries(bound.environment.variables).map(([k, v]) => [k, redact(`${k}=${v}`).slice(k.length + 1)])) },
  };
}
