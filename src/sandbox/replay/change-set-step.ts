import { send } from '../inventory/send.js';
import { twinBody, type StackSource } from '../seed/cloudformation.js';
import { errorCode } from '../sdk-clients.js';
import { placeholderParameters, settleStack, STACK_CAPABILITIES } from '../stacks.js';
import type { ReplayedCall } from '../types.js';
import { waitFor } from '../wait.js';
import type { ReplaySession } from './session.js';

export interface ChangeSetChange {
  action: string;
  logicalId: string;
  type: string;
  replacement?: string;
}

/** A template change as a real change set: create, describe, execute, poll the stack. */
export async function replayChangeSet(source: StackSource, actionId: string, session: ReplaySession): Promise<{ call: ReplayedCall; changes: ChangeSetChange[] }> {
  const started = Date.now();
  const engine = session.engines.find((e) => e.name === session.ctx.engineFor('cloudformation'))!;
  const name = `firebreak-${Date.now()}`;
  const base = { actionId, method: 'change-set' as const, engine: engine.name, call: `cloudformation:CreateChangeSet ${source.name} (${source.file})` };
  try {
    const { body } = twinBody(source);
    const exists = await send(session.ctx, 'cloudformation', 'DescribeStacks', { StackName: source.name }).then(
      (r) => (r.Stacks ?? []).some((s: any) => s.StackStatus !== 'DELETE_COMPLETE'),
      () => false,
    );
    await send(session.ctx, 'cloudformation', 'CreateChangeSet', {
      StackName: source.name,
      ChangeSetName: name,
      ChangeSetType: exists ? 'UPDATE' : 'CREATE',
      TemplateBody: JSON.stringify(body),
      Parameters: placeholderParameters(body, source.parameters),
      Capabilities: STACK_CAPABILITIES,
    });
    const described = await waitFor(
      `change set ${name}`,
      async () => {
        const d = await send(session.ctx, 'cloudformation', 'DescribeChangeSet', { StackName: source.name, ChangeSetName: name });
        return String(d.Status).endsWith('_IN_PROGRESS') || d.Status === 'CREATE_PENDING' ? undefined : d;
      },
      { timeoutMs: 120_000, intervalMs: 300, maxErrors: 5 },
    );
    const changes: ChangeSetChange[] = (described.Changes ?? []).map((c: any) => ({
      action: c.ResourceChange?.Action,
      logicalId: c.ResourceChange?.LogicalResourceId,
      type: c.ResourceChange?.ResourceType,
      replacement: c.ResourceChange?.Replacement,
    }));
    if (described.Status === 'FAILED') {
      const noChange = /didn't contain changes|No updates/i.test(described.StatusReason ?? '');
      return { call: { ...base, ok: noChange, code: noChange ? undefined : 'ChangeSetFailed', message: described.StatusReason, ms: Date.now() - started }, changes };
    }
    await send(session.ctx, 'cloudformation', 'ExecuteChangeSet', { StackName: source.name, ChangeSetName: name });
    const status = await settleStack(session.ctx, source.name);
    const ok = status.endsWith('_COMPLETE') && !status.includes('ROLLBACK');
    return { call: { ...base, call: `cloudformation:ExecuteChangeSet ${source.name}`, ok, code: ok ? undefined : status, message: ok ? undefined : `stack ended in ${status}`, ms: Date.now() - started }, changes };
  } catch (e) {
    return { call: { ...base, ok: false, code: errorCode(e), message: (e as Error).message, ms: Date.now() - started }, changes: [] };
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
    return { actionId, method: 'sdk', call: `cloudformation:DeleteStack ${stackName}`, engine, ok, code: ok ? undefined : status, message: ok ? undefined : `stack ended in ${status}`, ms: Date.now() - started };
  } catch (e) {
    return { actionId, method: 'sdk', call: `cloudformation:DeleteStack ${stackName}`, engine, ok: false, code: errorCode(e), message: (e as Error).message, ms: Date.now() - started };
  }
}
