import type { InventoryContext } from './inventory/context.js';
import { send } from './inventory/send.js';
import { waitFor } from './wait.js';

export interface StackEvent {
  stack: string;
  logicalId: string;
  type: string;
  status: string;
  reason?: string;
  timestamp?: string;
}

/** Polls a stack (by name or id) until no operation is in progress; returns the final status. */
export async function settleStack(ctx: InventoryContext, stack: string, timeoutMs = 300_000): Promise<string> {
  return waitFor(
    `stack ${stack}`,
    async () => {
      try {
        const res = await send(ctx, 'cloudformation', 'DescribeStacks', { StackName: stack });
        const status: string = res.Stacks?.[0]?.StackStatus ?? 'DELETE_COMPLETE';
        return status.endsWith('_IN_PROGRESS') ? undefined : status;
      } catch (e) {
        if (/does not exist/i.test((e as Error).message)) return 'DELETE_COMPLETE';
        throw e;
      }
    },
    { timeoutMs, intervalMs: 300, maxErrors: 10 },
  );
}

/** The first failure reason in a stack's events, for "the call returned but the stack failed". */
export async function firstStackFailure(ctx: InventoryContext, stack: string): Promise<string | undefined> {
  try {
    const res = await send(ctx, 'cloudformation', 'DescribeStackEvents', { StackName: stack });
    const failed = [...(res.StackEvents ?? [])].reverse().find((e: any) => String(e.ResourceStatus).endsWith('_FAILED') && e.ResourceStatusReason);
    return failed ? `${failed.LogicalResourceId} (${failed.ResourceType}): ${failed.ResourceStatusReason}` : undefined;
  } catch {
    return undefined;
  }
}

export function isFailedStackStatus(status: string): boolean {
  return status.endsWith('_FAILED') || status.includes('ROLLBACK');
}

export async function stackEvents(ctx: InventoryContext, stackId: string, stackName: string, since?: Date): Promise<StackEvent[]> {
  try {
    const res = await send(ctx, 'cloudformation', 'DescribeStackEvents', { StackName: stackId });
    return (res.StackEvents ?? [])
      .filter((e: any) => !since || !e.Timestamp || new Date(e.Timestamp) >= since)
      .map((e: any) => ({
        stack: stackName,
        logicalId: e.LogicalResourceId,
        type: e.ResourceType,
        status: e.ResourceStatus,
        reason: e.ResourceStatusReason || undefined,
        timestamp: e.Timestamp ? new Date(e.Timestamp).toISOString() : undefined,
      }))
      .reverse();
  } catch {
    return [];
  }
}

/** Values for parameters without a Default, so a template deploys in the twin. */
export function placeholderParameters(body: Record<string, unknown>, given: Record<string, string> = {}): { ParameterKey: string; ParameterValue: string }[] {
  const params = (body.Parameters ?? {}) as Record<string, { Default?: unknown; Type?: string; AllowedValues?: unknown[] }>;
  return Object.entries(params)
    .filter(([key, p]) => given[key] !== undefined || (p && p.Default === undefined))
    .map(([key, p]) => ({
      ParameterKey: key,
      ParameterValue: given[key] ?? (p.AllowedValues?.length ? String(p.AllowedValues[0]) : p.Type === 'Number' ? '1' : 'firebreak-sandbox'),
    }));
}

export const STACK_CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];
