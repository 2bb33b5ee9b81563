// What an approval is bound to: the exact command(s), the actions Firebreak read from them, and
// the environment they would run in. Its sha256 is the approval's key: change any of it and the
// approval no longer applies.
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
}

export function bindAction(commands: string[], actions: Pick<Action, 'tool' | 'verb' | 'operation' | 'target' | 'scope' | 'environment'>[], cwd: string, env: NodeJS.ProcessEnv): BoundAction {
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
  };
}

export function bindingHash(bound: BoundAction): string {
  return createHash('sha256').update(canonicalJson(bound)).digest('hex');
}

/** The bound action as stored and shown: secrets removed (the hash was taken before). */
export function displayable(bound: BoundAction): BoundAction {
  return {
    ...bound,
    commands: bound.commands.map(redact),
    environment: { cwd: bound.environment.cwd, variables: Object.fromEntries(Object.entries(bound.environment.variables).map(([k, v]) => [k, redact(`${k}=${v}`).slice(k.length + 1)])) },
  };
}
