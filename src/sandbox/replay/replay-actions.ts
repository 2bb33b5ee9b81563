import type { Action } from '../../model.js';
import type { StackSource } from '../seed/cloudformation.js';
import type { ReplayedCall } from '../types.js';
import { apiCallDetails, replayApiCall } from './api-call-step.js';
import { replayChangeSet, replayDeleteStack, type ChangeSetChange } from './change-set-step.js';
import { actionCommand, replayCliCommand } from './cli-step.js';
import type { ReplaySession } from './session.js';
import { NotReplayable } from './shell-words.js';
import { replayTerraformChange } from './terraform-step.js';

export interface ReplayOutcome {
  replayed: ReplayedCall[];
  notReplayed: { actionId: string; reason: string }[];
  changeSets: { stack: string; changes: ChangeSetChange[] }[];
}

/**
 * Replays the actions in input order. One input (a CLI command, a change set, a stack delete)
 * often yields several actions: it runs once, and every action from it shares the result.
 */
export async function replayActions(
  actions: Action[],
  session: ReplaySession,
  opts: { stackChanges?: StackSource[]; progress?: (line: string) => void } = {},
): Promise<ReplayOutcome> {
  const out: ReplayOutcome = { replayed: [], notReplayed: [], changeSets: [] };
  const done = new Map<string, ReplayedCall | { notReplayed: string }>();
  const record = (action: Action, key: string, result: ReplayedCall | { notReplayed: string }) => {
    done.set(key, result);
    if ('notReplayed' in result) out.notReplayed.push({ actionId: action.id, reason: result.notReplayed });
    else out.replayed.push({ ...result, actionId: action.id });
  };

  for (const action of actions) {
    const key = inputKey(action);
    const previous = done.get(key);
    if (previous) {
      if ('notReplayed' in previous) out.notReplayed.push({ actionId: action.id, reason: previous.notReplayed });
      else out.replayed.push({ ...previous, actionId: action.id });
      continue;
    }
    try {
      const command = actionCommand(action);
      if (command) {
        opts.progress?.(`replay ${action.id}: ${command}`);
        record(action, key, await replayCliCommand(command, action.id, session));
        continue;
      }
      const api = apiCallDetails(action);
      if (api) {
        opts.progress?.(`replay ${action.id}: ${api.service}:${api.operation}`);
        record(action, key, await replayApiCall(action, api, session));
        continue;
      }
      const stackName = action.hints.stackName;
      const change = stackName ? opts.stackChanges?.find((s) => s.name === stackName) : undefined;
      if (action.source.kind === 'cloudformation-template' && change) {
        opts.progress?.(`replay ${action.id}: change set on ${change.name}`);
        const { call, changes } = await replayChangeSet(change, action.id, session);
        out.changeSets.push({ stack: change.name, changes });
        record(action, key, call);
        continue;
      }
      if (stackName && action.operation === 'delete' && (action.verb === 'delete-stack' || action.target.type === 'AWS::CloudFormation::Stack')) {
        opts.progress?.(`replay ${action.id}: delete stack ${stackName}`);
        record(action, key, await replayDeleteStack(stackName, action.id, session));
        continue;
      }
      if (action.source.kind === 'terraform-plan') {
        opts.progress?.(`replay ${action.id}: terraform ${action.verb} ${action.target.id}`);
        record(action, key, await replayTerraformChange(action, session));
        continue;
      }
      record(action, key, { notReplayed: `${action.tool} ${action.verb} is not a cloud action the sandbox replays` });
    } catch (e) {
      if (e instanceof NotReplayable) record(action, key, { notReplayed: e.message });
      else throw e;
    }
  }
  return out;
}

/** What makes two actions come from the same input step. */
function inputKey(action: Action): string {
  const s = action.source;
  // One Terraform step (a plan entry, or `terraform destroy` expanded per resource) per resource.
  if (s.kind === 'terraform-plan') return `terraform:${s.file ?? ''}:${s.path ?? ''}:${action.target.id}`;
  if (s.command) return `cmd:${s.file ?? ''}:${s.line ?? ''}:${s.command}`;
  if (s.kind === 'aws-api-calls') return `api:${s.file ?? ''}:${s.path ?? ''}`;
  if (s.kind === 'cloudformation-template' && action.hints.stackName) return `stack:${action.hints.stackName}:${action.verb === 'delete-stack' ? 'delete' : 'change'}`;
  return `action:${action.id}`;
}
