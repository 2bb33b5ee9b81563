// Runs the rollback plan's executable steps in the twin after the replay, then compares the
// twin with its original state: what came back, what did not, and what came back empty.
import type { Action, RollbackPlan, RollbackStep } from '../model.js';
import { stableKey } from './inventory/diff.js';
import { send } from './inventory/send.js';
import { isFailedStackStatus, settleStack } from './stacks.js';
import type { Inventory, InventoryItem } from './inventory/types.js';
import { replayChangeSet } from './replay/change-set-step.js';
import { replayCliCommand } from './replay/cli-step.js';
import type { ReplaySession } from './replay/session.js';
import { NotReplayable } from './replay/shell-words.js';
import { seedStack, type StackSource } from './seed/cloudformation.js';
import type { ObservedChange } from './types.js';

export interface RollbackVerification {
  steps: { step: number; verified: boolean; note: string }[];
  findings: string[];
}

/** Types whose data does not come back when the resource is re-created. */
const DATA_TYPES: Record<string, string> = {
  'AWS::S3::Bucket': 'objects',
  'AWS::DynamoDB::Table': 'items',
  'AWS::RDS::DBInstance': 'database contents (restore from a snapshot instead)',
  'AWS::RDS::DBCluster': 'database contents (restore from a snapshot instead)',
  'AWS::SQS::Queue': 'messages in flight',
  'AWS::Logs::LogGroup': 'log events',
  'AWS::SecretsManager::Secret': 'secret value history',
  'AWS::KMS::Key': 'key material (data encrypted under the old key stays unreadable)',
};

export async function verifyRollback(
  plan: RollbackPlan,
  actions: Action[],
  session: ReplaySession,
  ctx: { stacks: StackSource[]; before: Inventory; observed: ObservedChange[]; snapshot: () => Promise<Inventory> },
): Promise<RollbackVerification> {
  const executed = new Map<number, { ok: boolean; note: string }>();
  for (const step of [...plan.steps].sort((a, b) => a.order - b.order)) {
    executed.set(step.order, await executeStep(step, actions, session, ctx.stacks));
  }
  const after = await ctx.snapshot();
  const now = new Map(after.items.map((i) => [stableKey(i), i]));
  const findings: string[] = [];

  const lostOrChanged = (item: InventoryItem): string | undefined => {
    const back = now.get(stableKey(item));
    if (!back) return `${label(item)} did not come back`;
    const notes: string[] = [];
    if (back.id !== item.id) notes.push(`${label(item)} came back as ${back.id} (was ${item.id}): anything that referred to the old id breaks`);
    const data = DATA_TYPES[item.type];
    if (data) {
      const count = (i: InventoryItem) => Number(i.attributes.objectCount ?? i.attributes.itemCount ?? NaN);
      const lost = count(item) > 0 && !(count(back) >= count(item)) ? ` (${count(item)} before, ${Number.isNaN(count(back)) ? 0 : count(back)} now)` : '';
      if (back.id !== item.id || lost) notes.push(`${label(item)} re-created: its ${data} are not restored by re-creating the resource${lost}`);
    }
    return notes.length ? notes.join('; ') : undefined;
  };

  const steps = plan.steps.map((step) => {
    const run = executed.get(step.order)!;
    if (!run.ok) return { step: step.order, verified: false, note: run.note };
    const affected = ctx.observed.filter((o) => o.change !== 'created' && (!step.actionId || o.actionIds.includes(step.actionId)));
    const beforeItems = affected
      .map((o) => ctx.before.items.find((i) => i.id === o.resource && i.type === o.type))
      .filter((i): i is InventoryItem => !!i);
    const problems = beforeItems.map(lostOrChanged).filter((p): p is string => !!p);
    const missing = problems.filter((p) => p.endsWith('did not come back'));
    findings.push(...problems);
    return {
      step: step.order,
      verified: missing.length === 0,
      note: [run.note, ...(problems.length ? problems : [beforeItems.length ? `all ${beforeItems.length} affected resources are back` : 'nothing observed to restore'])].join('; '),
    };
  });
  return { steps, findings: [...new Set(findings)] };
}

async function executeStep(step: RollbackStep, actions: Action[], session: ReplaySession, stacks: StackSource[]): Promise<{ ok: boolean; note: string }> {
  if (step.phase === 'safeguard') return { ok: false, note: 'a safeguard to take before the change; nothing to execute after it' };
  if (step.command && /^\s*(\w+=\S*\s+)*aws\s/.test(step.command)) {
    try {
      const call = await replayCliCommand(step.command, step.actionId ?? `rollback-${step.order}`, session);
      return call.ok ? { ok: true, note: `ran \`${call.call}\`` } : { ok: false, note: `\`${step.command}\` failed in the twin: ${call.code}: ${call.message}` };
    } catch (e) {
      if (e instanceof NotReplayable) return { ok: false, note: `not executable in the sandbox: ${e.message}` };
      throw e;
    }
  }
  const action = actions.find((a) => a.id === step.actionId);
  const stackName = action?.hints.stackName;
  const original = stackName ? stacks.find((s) => s.name === stackName) : undefined;
  if (original) {
    const status: string | undefined = await send(session.ctx, 'cloudformation', 'DescribeStacks', { StackName: original.name }).then(
      (r) => r.Stacks?.[0]?.StackStatus,
      () => undefined,
    );
    if (status && status !== 'DELETE_COMPLETE' && isFailedStackStatus(status)) {
      // A stack stuck in a failed state cannot take a change set: delete it, then re-deploy.
      await send(session.ctx, 'cloudformation', 'DeleteStack', { StackName: original.name });
      await settleStack(session.ctx, original.name);
    }
    if (!status || status === 'DELETE_COMPLETE' || isFailedStackStatus(status)) {
      const seeded = await seedStack(session.ctx, original);
      return seeded.status === 'CREATE_COMPLETE'
        ? { ok: true, note: `re-deployed ${original.name} from ${original.file}` }
        : { ok: false, note: `re-deploying ${original.name} failed: ${seeded.error ?? seeded.status}` };
    }
    const { call } = await replayChangeSet(original, step.actionId ?? `rollback-${step.order}`, session);
    return call.ok ? { ok: true, note: `restored ${original.name} to ${original.file} with a change set` } : { ok: false, note: `change set back to ${original.file} failed: ${call.message}` };
  }
  return { ok: false, note: `not executable in the sandbox: ${step.description}` };
}

function label(item: InventoryItem): string {
  return item.stack ? `${item.stack.name}/${item.stack.logicalId} (${item.type})` : `${item.type} ${item.id}`;
}
