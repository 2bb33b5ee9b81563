// Filling command templates with identifiers from the action; secrets are never copied in.
import { flagRecord } from '../predict/reversibility/sources.js';
import type { Action } from '../model.js';
import { SECRET_FLAGS } from './cli-inverses.js';

export interface FillValues {
  name: string;
  stamp: string;
  snapshot?: string;
  arn?: string;
  action?: Action;
}

function flagValue(action: Action | undefined, flag: string): string | undefined {
  if (!action || SECRET_FLAGS.has(flag)) return undefined;
  const flags = { ...flagRecord(action.details?.['params']), ...flagRecord(action.details?.['flags']) };
  const value = flags[flag];
  if (value === undefined || value === true) return undefined;
  return Array.isArray(value) ? value.join(' ') : String(value);
}

export function fill(template: string, values: FillValues): string {
  return template
    .replace(/\{flag:([a-z0-9-]+)\}/g, (_, flag: string) => flagValue(values.action, flag) ?? `<${flag}>`)
    .replaceAll('{name}', values.name)
    .replaceAll('{stamp}', values.stamp)
    .replaceAll('{snapshot}', values.snapshot ?? `<snapshot-id>`)
    .replaceAll('{arn}', values.arn ?? '<resource-arn>');
}

/** Adds the action's --profile / --region so the command hits the same account. */
export function withAwsTarget(command: string, action: Action): string {
  if (!command.startsWith('aws ')) return command;
  const extra = [
    action.hints.profile ? `--profile ${action.hints.profile}` : '',
    action.hints.region ? `--region ${action.hints.region}` : '',
  ].filter(Boolean);
  if (extra.length === 0) return command;
  // Append to every `aws` call in a `a && b` chain, before any trailing comment.
  return command
    .split(' && ')
    .map((part) => {
      if (!part.startsWith('aws ')) return part;
      const [cmd, comment] = part.split(/(?=\s+#)/);
      return `${cmd} ${extra.join(' ')}${comment ?? ''}`;
    })
    .join(' && ');
}
