import type { Action } from '../../model.js';
import type { StackSource } from '../seed/cloudformation.js';
import type { ReplayedCall } from '../types.js';
import { apiCallDetails, replayApiCall } from './api-call-step.js';
import { executeNamedChangeSet, replayChangeSet, replayDeleteStack, type ChangeSetChange } from './change-set-step.js';
import { actionCommand, replayCliCommand } from './cli-step.js';
import type { ReplaySession } from './session.js';
import { NotReplayable } from './shell-words.js';
import { replayTerraformChange } from './terraform-step.js';

export interface ReplayOutcome {
  replayed: ReplayedCall[];
  notReplayed: { actionId: string; reason: string }[];
  changeSets: { stack: string; changes: ChangeSetChange[] }[];
}

/** One input step: a CLI command, an API call, a change set, a stack delete, one Terraform resource change. */
export interface ReplayStep {
  key: string;
  /** The action the step is replayed through. */
  lead: Action;
  /** Every action the step stands for (a command often yields several). */
  actions: Action[];
}

/**
 * Groups the actions into the steps that produce them, in input order. A change set's resource
 * changes belong to the command that executes it, wherever they appear.
 */
export function replaySteps(actions: Action[]): ReplayStep[] {
  const executes = new Map<string, string>();
  for (const a of actions) {
    const cmd = actionCommand(a);
    if (cmd && /\bcloudformation\s+execute-change-set\b/.test(cmd) && a.hints.stackName) executes.set(a.hints.stackName, inputKey(a));
  }
  const steps = new Map<string, ReplayStep>();
  const order: { key: string; at: number }[] = [];
  actions.forEach((action, at) => {
    const fromChangeSet = action.source.kind === 'cloudformation-changeset' && action.hints.stackName ? executes.get(action.hints.stackName) : undefined;
    const key = fromChangeSet ?? inputKey(action);
    let step = steps.get(key);
    if (!step) {
      step = { key, lead: action, actions: [] };
      steps.set(key, step);
      order.push({ key, at });
    }
    step.actions.push(action);
    // The step is replayed through its command, and runs where the command stands.
    if (!fromChangeSet && step.lead.source.kind === 'cloudformation-changeset' && action.source.kind !== 'cloudformation-changeset') {
      step.lead = action;
      order.find((o) => o.key === key)!.at = at;
    }
  });
  return order.sort((a, b) => a.at - b.at).map((o) => steps.get(o.key)!);
}

/**
 * Replays the steps in order; after each one `afterStep` runs (the snapshot that attributes what
 * changed to this step). A step runs once and every action it stands for shares the result.
 */
export async function replayActions(
  actions: Action[],
  session: ReplaySession,
  opts: { stackChanges?: StackSource[]; progress?: (line: string) => void; afterStep?: (step: ReplayStep, calls: ReplayedCall[]) => Promise<void> } = {},
): Promise<ReplayOutcome> {
  const out: ReplayOutcome = { replayed: [], notReplayed: [], changeSets: [] };
  for (const step of replaySteps(actions)) {
    const result = await replayStep(step, session, opts, out);
    const calls: ReplayedCall[] = [];
    for (const action of step.actions) {
      if ('notReplayed' in result) out.notReplayed.push({ actionId: action.id, reason: result.notReplayed });
      else {
        const call = { ...result, actionId: action.id, ...(step.lead.source.kind === 'terraform-plan' ? { target: step.lead.target.id } : {}) };
        out.replayed.push(call);
        calls.push(call);
      }
    }
    if (calls.length) await opts.afterStep?.(step, calls);
  }
  return out;
}

async function replayStep(
  step: ReplayStep,
  session: ReplaySession,
  opts: { stackChanges?: StackSource[]; progress?: (line: string) => void },
  out: ReplayOutcome,
): Promise<ReplayedCall | { notReplayed: string }> {
  const action = step.lead;
  try {
    const command = actionCommand(action);
    if (command) {
      opts.progress?.(`replay ${action.id}: ${command}`);
      return await replayCliCommand(command, action.id, session);
    }
    const api = apiCallDetails(action);
    if (api) {
      opts.progress?.(`replay ${action.id}: ${api.service}:${api.operation}`);
      return await replayApiCall(action, api, session);
    }
    const stackName = action.hints.stackName;
    const change = stackName ? opts.stackChanges?.find((s) => s.name === stackName) : undefined;
    if (action.source.kind === 'cloudformation-template' && change) {
      opts.progress?.(`replay ${action.id}: change set on ${change.name}`);
      const { call, changes } = await replayChangeSet(change, action.id, session);
      out.changeSets.push({ stack: change.name, changes });
      return call;
    }
    if (action.source.kind === 'cloudformation-changeset' && stackName) {
      const named = session.changeSets?.get(stackName);
      if (!named) return { notReplayed: `the change set on ${stackName} could not be created in the twin` };
      opts.progress?.(`replay ${action.id}: execute change set ${named} on ${stackName}`);
      return await executeNamedChangeSet(stackName, named, action.id, session);
    }
    if (stackName && action.operation === 'delete' && (action.verb === 'delete-stack' || action.target.type === 'AWS::CloudFormation::Stack')) {
      opts.progress?.(`replay ${action.id}: delete stack ${stackName}`);
      return await replayDeleteStack(stackName, action.id, session);
    }
    if (action.source.kind === 'terraform-plan') {
      opts.progress?.(`replay ${action.id}: terraform ${action.verb} ${action.target.id}`);
      return await replayTerraformChange(action, session);
    }
    return { notReplayed: `${action.tool} ${action.verb} is not a cloud action the sandbox replays` };
  } catch (e) {
    if (e instanceof NotReplayable) return { notReplayed: e.message };
    throw e;
  }
}

/** What makes two actions come from the same input step. */
export function inputKey(action: Action): string {
  const s = action.source;
  // One Terraform step (a plan entry, or `terraform destroy` expanded per resource) per resource.
  if (s.kind === 'terraform-plan') return `terraform:${s.file ?? ''}:${s.path ?? ''}:${action.target.id}`;
  if (s.command) return `cmd:${s.file ?? ''}:${s.line ?? ''}:${s.command}`;
  if (s.kind === 'aws-api-calls') return `api:${s.file ?? ''}:${s.path ?? ''}`;
  if (s.kind === 'cloudformation-changeset' && action.hints.stackName) return `changeset:${action.hints.stackName}`;
  if (s.kind === 'cloudformation-template' && action.hints.stackName) return `stack:${action.hints.stackName}:${action.verb === 'delete-stack' ? 'delete' : 'change'}`;
  return `action:${action.id}`;
}
