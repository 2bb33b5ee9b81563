import type { InventoryContext } from '../inventory/context.js';
import { send } from '../inventory/send.js';
import { twinBody, type StackSource } from '../seed/cloudformation.js';
import { errorCode } from '../sdk-clients.js';
import { firstStackFailure, placeholderParameters, settleStack, STACK_CAPABILITIES } from '../stacks.js';
import type { ReplayedCall } from '../types.js';
import { waitFor } from '../wait.js';
import type { ReplaySession } from './session.js';

export interface ChangeSetChange {
  action: string;
  logicalId: string;
  type: string;
  replacement?: string;
}

export interface CreatedChangeSet {
  ok: boolean;
  /** AWS says "no changes": not a failure of the change. */
  empty: boolean;
  status?: string;
  reason?: string;
  changes: ChangeSetChange[];
}

/** Parameters for a change set: values given, the stack's previous values, else placeholders. */
async function changeSetParameters(ctx: InventoryContext, stack: string, body: Record<string, unknown>, given: Record<string, string> | undefined, exists: boolean) {
  if (!exists) return placeholderParameters(body, given);
  const previous = await send(ctx, 'cloudformation', 'DescribeStacks', { StackName: stack }).then(
    (r) => new Set<string>((r.Stacks?.[0]?.Parameters ?? []).map((p: any) => p.ParameterKey)),
    () => new Set<string>(),
  );
  const declared = Object.keys((body.Parameters ?? {}) as Record<string, unknown>);
  const fresh = placeholderParameters(body, given);
  type Parameter = { ParameterKey: string; ParameterValue?: string; UsePreviousValue?: boolean };
  return declared.flatMap((key): Parameter[] => {
    if (given?.[key] !== undefined) return [{ ParameterKey: key, ParameterValue: given[key] }];
    if (previous.has(key)) return [{ ParameterKey: key, UsePreviousValue: true }];
    return fresh.filter((p) => p.ParameterKey === key);
  });
}

/** CreateChangeSet for `source` under `name`, waiting until it is ready (or failed). */
export async function createChangeSet(ctx: InventoryContext, source: StackSource, name: string): Promise<CreatedChangeSet> {
  const { body } = twinBody(source, ctx.cfnTypes);
  const exists = await send(ctx, 'cloudformation', 'DescribeStacks', { StackName: source.name }).then(
    (r) => (r.Stacks ?? []).some((s: any) => s.StackStatus !== 'DELETE_COMPLETE' && s.StackStatus !== 'REVIEW_IN_PROGRESS'),
    () => false,
  );
  await send(ctx, 'cloudformation', 'CreateChangeSet', {
    StackName: source.name,
    ChangeSetName: name,
    ChangeSetType: exists ? 'UPDATE' : 'CREATE',
    TemplateBody: JSON.stringify(body),
    Parameters: await changeSetParameters(ctx, source.name, body, source.parameters, exists),
    Capabilities: STACK_CAPABILITIES,
  });
  const described = await waitFor(
    `change set ${name}`,
    async () => {
      const d = await send(ctx, 'cloudformation', 'DescribeChangeSet', { StackName: source.name, ChangeSetName: name });
      return String(d.Status).endsWith('_IN_PROGRESS') || d.Status === 'CREATE_PENDING' ? undefined : d;
    },
    { timeoutMs: 120_000, intervalMs: 200, maxErrors: 5 },
  );
  const changes: ChangeSetChange[] = (described.Changes ?? []).map((c: any) => ({
    action: c.ResourceChange?.Action,
    logicalId: c.ResourceChange?.LogicalResourceId,
    type: c.ResourceChange?.ResourceType,
    replacement: c.ResourceChange?.Replacement,
  }));
  if (described.Status === 'FAILED') {
    const empty = /didn't contain changes|No updates/i.test(described.StatusReason ?? '');
    return { ok: empty, empty, status: described.Status, reason: described.StatusReason, changes };
  }
  return { ok: true, empty: false, status: described.Status, changes };
}

/** A template change as a real change set: create, describe, execute, poll the stack. */
export async function replayChangeSet(source: StackSource, actionId: string, session: ReplaySession): Promise<{ call: ReplayedCall; changes: ChangeSetChange[] }> {
  const started = Date.now();
  const engine = session.ctx.engineFor('cloudformation') as ReplayedCall['engine'];
  const name = `firebreak-${Date.now()}`;
  const base = { actionId, method: 'change-set' as const, engine, call: `cloudformation:CreateChangeSet ${source.name} (${source.file})` };
  try {
    const created = await createChangeSet(session.ctx, source, name);
    if (!created.ok || created.empty) {
      return { call: { ...base, ok: created.ok, code: created.ok ? undefined : 'ChangeSetFailed', message: created.reason, ms: Date.now() - started }, changes: created.changes };
    }
    const call = await executeNamedChangeSet(source.name, name, actionId, session);
    return { call: { ...call, method: 'change-set', ms: Date.now() - started }, changes: created.changes };
  } catch (e) {
    return { call: { ...base, ok: false, code: errorCode(e), message: (e as Error).message, ms: Date.now() - started }, changes: [] };
  }
}

/** ExecuteChangeSet on a change set that exists in the twin, then waits for the stack to settle. */
export async function executeNamedChangeSet(stack: string, name: string, actionId: string, session: ReplaySession): Promise<ReplayedCall> {
  const started = Date.now();
  const engine = session.ctx.engineFor('cloudformation') as ReplayedCall['engine'];
  const call = `cloudformation:ExecuteChangeSet ${stack} ${name}`;
  try {
    await send(session.ctx, 'cloudformation', 'ExecuteChangeSet', { StackName: stack, ChangeSetName: name });
    const status = await settleStack(session.ctx, stack);
    const ok = status.endsWith('_COMPLETE') && !status.includes('ROLLBACK');
    return { actionId, method: 'change-set', call, engine, ok, code: ok ? undefined : status, message: ok ? undefined : ((await firstStackFailure(session.ctx, stack)) ?? `stack ended in ${status}`), ms: Date.now() - started };
  } catch (e) {
    return { actionId, method: 'change-set', call, engine, ok: false, code: errorCode(e), message: (e as Error).message, ms: Date.now() - started };
  }
}

/** DeleteStack through the SDK (a stack delete planned without a CLI command). */
export async function replayDeleteStack(stackName: string, actionId: string, session: ReplaySession): Promise<ReplayedCall> {
  const started = Date.now();
  const engine = session.ctx.engineFor('cloudformation') as ReplayedCall['engine'];
  try {
    await send(session.ctx, 'cloudformation', 'DeleteStack', { StackName: stackName });
    const status = await settleStack(session.ctx, stackName);
    const ok = status === 'DELETE_COMPLETE';
    return {
      actionId,
      method: 'sdk',
      call: `cloudformation:DeleteStack ${stackName}`,
      engine,
      ok,
      code: ok ? undefined : status,
      message: ok ? undefined : ((await firstStackFailure(session.ctx, stackName)) ?? `stack ended in ${status}`),
      ms: Date.now() - started,
    };
  } catch (e) {
    return { actionId, method: 'sdk', call: `cloudformation:DeleteStack ${stackName}`, engine, ok: false, code: errorCode(e), message: (e as Error).message, ms: Date.now() - started };
  }
}
