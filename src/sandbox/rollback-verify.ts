// Rollback verification in the twin. Safeguards that only copy (a template, an image, a backup,
// objects to a local folder) run before the replay, so the restore steps that need them can run
// after it; the inverse and restore steps then run in order, and the twin is compared with what it
// held before the replay: what came back, what did not, what came back empty or under a new id.
// A step that AWS itself would refuse (re-creating a table a Retain policy kept) is reported as
// refused by AWS, not as a failure of the plan.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import type { Action, RollbackPlan, RollbackStep, RollbackVerification } from '../model.js';
import { stableKey } from './inventory/diff.js';
import { send } from './inventory/send.js';
import { itemKey, type Inventory, type InventoryItem } from './inventory/types.js';
import type { TwinChange } from './observe.js';
import { parseAwsCliCommand } from './replay/aws-cli-command.js';
import { createChangeSet, executeNamedChangeSet } from './replay/change-set-step.js';
import { emulatorLimitation } from './replay/cli-step.js';
import { runAwsCli } from './replay/run-aws-cli.js';
import type { ReplaySession } from './replay/session.js';
import { NotReplayable } from './replay/shell-words.js';
import { seedStack, type StackSource } from './seed/cloudformation.js';
import { recreateWorldResource } from './seed/stand-ins.js';
import { creationRank, recreateStateResource, type StateResource } from './seed/terraform-state.js';
import { firstStackFailure, isFailedStackStatus, settleStack } from './stacks.js';

export interface RollbackContext {
  actions: Action[];
  /** What the world knows about each action's target (fills `<type>`, `<subnet>` in commands). */
  attributesOf?: (resourceId: string) => Record<string, unknown> | undefined;
  /** Stack templates as seeded (with the twin's parameter values). */
  stacks: StackSource[];
  /** Terraform state resources, to re-apply what the state describes. */
  stateResources: StateResource[];
  before: Inventory;
  changes: TwinChange[];
  snapshot: () => Promise<Inventory>;
  /** Where safeguard outputs (saved templates, copied objects) are kept. */
  workdir: string;
  /** Names the safeguards gave what they created (`firebreak-orders-...` -> backup ARN). */
  outputs: Map<string, string>;
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

/** Verbs whose safeguard only copies: running them first does not change what the replay shows. */
const COPY_ONLY = /^(create-image|create-snapshots?|create-backup|create-db-snapshot|create-db-cluster-snapshot|get-template|copy-snapshot|export-\w+)$/;

interface CommandRun {
  ok: boolean;
  /** An AWS error (the emulator answered as AWS would): the step is refused by AWS. */
  refused?: boolean;
  note: string;
}

/** Runs the copy-only parts of the plan's safeguards; returns what each did. */
export async function runSafeguards(plan: RollbackPlan, session: ReplaySession, ctx: Pick<RollbackContext, 'actions' | 'workdir' | 'outputs' | 'attributesOf'>): Promise<Map<number, CommandRun>> {
  const done = new Map<number, CommandRun>();
  await mkdir(ctx.workdir, { recursive: true });
  for (const step of plan.steps.filter((s) => s.phase === 'safeguard' && s.command)) {
    const parts = splitChain(step.command!);
    const notes: string[] = [];
    let ok = true;
    for (const part of parts) {
      if (!isCopyOnly(part)) {
        notes.push(`left out \`${short(part)}\` (it would change what the replay shows)`);
        continue;
      }
      const run = await runCommand(part, step, session, ctx);
      notes.push(run.note);
      if (!run.ok) {
        ok = false;
        break;
      }
    }
    done.set(step.order, { ok, note: notes.join('; ') || 'nothing to run' });
  }
  return done;
}

function isCopyOnly(command: string): boolean {
  try {
    const inv = parseAwsCliCommand(command, { localDir: '.' });
    if (inv.command === 's3' && (inv.subcommand === 'sync' || inv.subcommand === 'cp')) {
      const positionals = inv.args.filter((a) => !a.startsWith('-')).slice(2);
      return positionals[0]?.startsWith('s3://') === true && !positionals[1]?.startsWith('s3://');
    }
    return COPY_ONLY.test(inv.subcommand);
  } catch {
    return false;
  }
}

export async function verifyRollback(plan: RollbackPlan, session: ReplaySession, ctx: RollbackContext, safeguards: Map<number, CommandRun>): Promise<{ steps: RollbackVerification[]; findings: string[] }> {
  const executed = new Map<number, CommandRun & { outcome?: RollbackVerification['outcome'] }>();
  const changedBy = (actionId: string | undefined) => ctx.changes.filter((c) => !actionId || c.actionIds.includes(actionId));
  for (const step of [...plan.steps].sort((a, b) => a.order - b.order)) {
    if (step.phase === 'safeguard') {
      const ran = safeguards.get(step.order);
      executed.set(step.order, { ok: false, outcome: 'not-executable', note: ran ? `safeguard, run before the replay: ${ran.note}` : 'a safeguard to take before the change; nothing to execute after it' });
      continue;
    }
    if (!changedBy(step.actionId).length) {
      executed.set(step.order, { ok: false, outcome: 'not-needed', note: 'nothing this step restores changed in the twin' });
      continue;
    }
    executed.set(step.order, await executeStep(step, session, ctx));
  }

  const after = await ctx.snapshot();
  const now = new Map<string, InventoryItem>();
  for (const i of after.items) {
    now.set(stableKey(i), i);
    now.set(itemKey(i), i);
  }
  const boundNow = (item: InventoryItem) => {
    for (const [worldId, keys] of session.ids.bindings) {
      if (keys.includes(itemKey(item))) for (const k of session.ids.bindings.get(`${worldId}#restored`) ?? []) if (now.has(k)) return now.get(k);
    }
    return undefined;
  };
  const findings: string[] = [];
  const lostOrChanged = (item: InventoryItem): { missing: boolean; notes: string[] } => {
    const back = now.get(stableKey(item)) ?? boundNow(item);
    if (!back) return { missing: true, notes: [`${label(item)} did not come back`] };
    const notes: string[] = [];
    if (back.id !== item.id) notes.push(`${label(item)} came back as ${back.id} (was ${item.id}): anything that referred to the old id breaks`);
    const data = DATA_TYPES[item.type];
    if (data) {
      const count = (i: InventoryItem) => Number(i.attributes.objectCount ?? i.attributes.itemCount ?? NaN);
      const lost = count(item) > 0 && !(count(back) >= count(item)) ? ` (${count(item)} before, ${Number.isNaN(count(back)) ? 0 : count(back)} now)` : '';
      if (back.id !== item.id || lost) notes.push(`${label(item)} re-created: its ${data} are not restored by re-creating the resource${lost}`);
    }
    return { missing: false, notes };
  };

  const steps: RollbackVerification[] = plan.steps.map((step) => {
    const run = executed.get(step.order)!;
    if (run.outcome === 'not-executable' || run.outcome === 'not-needed') return { step: step.order, verified: false, outcome: run.outcome, note: run.note };
    if (!run.ok) return { step: step.order, verified: false, outcome: run.refused ? 'refused-by-aws' : run.outcome ?? 'failed', note: run.note };
    const changed = changedBy(step.actionId);
    const affected = changed
      .filter((c) => c.change !== 'created')
      .map((c) => ctx.before.items.find((i) => itemKey(i) === c.key))
      .filter((i): i is InventoryItem => !!i && !i.partOf);
    // What the action added (a policy attachment, an ingress rule's group stays): undoing it removes it.
    const added = changed.filter((c) => c.change === 'created' && !c.item.partOf && !ctx.before.items.some((i) => itemKey(i) === c.key));
    const checks = [
      ...affected.map(lostOrChanged),
      ...added.map((c) => (now.has(c.key) ? { missing: true, notes: [`${label(c.item)}, which the change added, is still there`] } : { missing: false, notes: [] })),
    ];
    affected.push(...added.map((c) => c.item));
    const problems = checks.flatMap((c) => c.notes);
    findings.push(...problems);
    const missing = checks.filter((c) => c.missing).length;
    return {
      step: step.order,
      verified: missing === 0,
      outcome: missing === 0 ? 'verified' : 'incomplete',
      note: [run.note, ...(problems.length ? problems : [affected.length ? `all ${affected.length} affected resources are back` : 'nothing observed to restore'])].join('; '),
    };
  });
  return { steps, findings: [...new Set(findings)] };
}

async function executeStep(step: RollbackStep, session: ReplaySession, ctx: RollbackContext): Promise<CommandRun & { outcome?: RollbackVerification['outcome'] }> {
  const terraformAction = ctx.actions.find((a) => (!step.actionId || a.id === step.actionId) && (a.source.kind === 'terraform-plan' || a.tool === 'terraform'));
  const reapply = step.command && /\bterraform\s+(apply|plan)\b/.test(step.command) && terraformAction && ctx.stateResources.length;
  if (step.command && !reapply) {
    if (!/^\s*(\w+=\S*\s+)*aws\s/.test(step.command)) return { ok: false, outcome: 'not-executable', note: `not executable in the sandbox: \`${short(step.command)}\` is not an AWS CLI command` };
    const notes: string[] = [];
    for (const part of splitChain(step.command)) {
      const run = await runCommand(part, step, session, ctx);
      notes.push(run.note);
      if (!run.ok) return { ...run, note: notes.join('; ') };
    }
    return { ok: true, note: notes.join('; ') };
  }
  const action = reapply ? terraformAction : ctx.actions.find((a) => a.id === step.actionId);
  if (!action) return { ok: false, outcome: 'not-executable', note: `not executable in the sandbox: ${step.description}` };
  const original = action.hints.stackName ? ctx.stacks.find((s) => s.name === action.hints.stackName) : undefined;
  if (original) return redeployStack(original, step, session);
  // Re-applying the previous Terraform configuration re-creates what the state describes.
  const state = ctx.stateResources.filter((r) => r.address === action.target.id || ((action.scope === 'environment' || reapply) && session.ids.bindings.has(r.address)));
  if (state.length) {
    const notes: string[] = [];
    const later: { address: string; run: () => Promise<void> }[] = [];
    const deleted = new Set(ctx.changes.filter((c) => c.change === 'deleted').map((c) => c.key));
    for (const resource of [...state].sort((a, b) => creationRank(a.type) - creationRank(b.type))) {
      const gone = (session.ids.bindings.get(resource.address) ?? []).some((k) => deleted.has(k));
      if (!gone) continue;
      try {
        const made = await recreateStateResource(session.ctx, resource, session.ids);
        if (made) session.ids.bind(`${resource.address}#restored`, made.key);
        if (made?.after) later.push({ address: resource.address, run: made.after });
        notes.push(`re-created ${resource.address} from the Terraform state`);
      } catch (e) {
        return { ok: false, refused: awsRefusal(e), note: `re-creating ${resource.address} failed: ${(e as Error).message}` };
      }
    }
    for (const step of later) {
      try {
        await step.run();
      } catch (e) {
        return { ok: false, refused: awsRefusal(e), note: `re-creating the rules of ${step.address} failed: ${(e as Error).message}` };
      }
    }
    return { ok: true, note: notes.length ? `${reapply ? 're-applied the configuration the state describes: ' : ''}${notes.length > 3 ? `re-created ${notes.length} resources from the Terraform state` : notes.join('; ')}` : 'nothing to re-create' };
  }
  if (session.ids.bindings.has(action.target.id)) {
    try {
      const key = await recreateWorldResource(session.ctx, action.target.type, action.target.id, session.ids);
      if (key) session.ids.bind(`${action.target.id}#restored`, key);
      return { ok: true, note: `re-created ${action.target.id} (${action.target.type})` };
    } catch (e) {
      return { ok: false, refused: awsRefusal(e), note: `re-creating ${action.target.id} failed: ${(e as Error).message}` };
    }
  }
  return { ok: false, outcome: 'not-executable', note: `not executable in the sandbox: ${step.description}` };
}

/** Re-deploys a stack's original template: a change set back to it, or a new stack if it is gone. */
async function redeployStack(original: StackSource, step: RollbackStep, session: ReplaySession): Promise<CommandRun> {
  const status: string | undefined = await send(session.ctx, 'cloudformation', 'DescribeStacks', { StackName: original.name }).then(
    (r) => r.Stacks?.[0]?.StackStatus,
    () => undefined,
  );
  if (!status || status === 'DELETE_COMPLETE') {
    const seeded = await seedStack(session.ctx, original, session.ids);
    return seeded.status === 'CREATE_COMPLETE'
      ? { ok: true, note: `re-deployed ${original.name} from ${original.file}` }
      : { ok: false, refused: true, note: `re-deploying ${original.name} failed as AWS would refuse it: ${seeded.error ?? seeded.status}` };
  }
  if (isFailedStackStatus(status) && !status.startsWith('UPDATE_ROLLBACK_COMPLETE')) {
    return { ok: false, refused: true, note: `AWS would refuse it: stack ${original.name} is in ${status}, which takes neither an update nor a re-create until it is deleted` };
  }
  const name = `firebreak-rollback-${step.order}`;
  try {
    const created = await createChangeSet(session.ctx, original, name);
    if (created.empty) return { ok: true, note: `${original.name} already matches ${original.file}` };
    if (!created.ok) return { ok: false, refused: true, note: `change set back to ${original.file} refused: ${created.reason}` };
    const call = await executeNamedChangeSet(original.name, name, step.actionId ?? `rollback-${step.order}`, session);
    await settleStack(session.ctx, original.name);
    return call.ok ? { ok: true, note: `restored ${original.name} to ${original.file} with a change set` } : { ok: false, refused: true, note: `change set back to ${original.file} failed: ${call.code}: ${call.message}` };
  } catch (e) {
    return { ok: false, refused: awsRefusal(e), note: `change set back to ${original.file} failed: ${(e as Error).message}` };
  }
}

/** One simple AWS CLI command of a step, placeholders filled, output saved when redirected to a file. */
async function runCommand(command: string, step: RollbackStep, session: ReplaySession, ctx: Pick<RollbackContext, 'actions' | 'workdir' | 'outputs' | 'attributesOf'>): Promise<CommandRun> {
  const action = ctx.actions.find((a) => a.id === step.actionId);
  const filled = fillPlaceholders(command, action, ctx.outputs, action ? ctx.attributesOf?.(action.target.id) : undefined);
  const open = /<[^<>]+>/.exec(filled);
  if (open) return { ok: false, note: `not executable in the sandbox: \`${short(command)}\` needs ${open[0]}, which only the real run knows` };
  let invocation;
  try {
    invocation = parseAwsCliCommand(filled, { localDir: ctx.workdir });
  } catch (e) {
    if (e instanceof NotReplayable) return { ok: false, note: `not executable in the sandbox: ${e.message}` };
    throw e;
  }
  invocation.args = invocation.args.map((a) => session.ids.rewrite(a).value);
  const result = await runAwsCli(invocation, { engines: session.engines, env: session.awsEnv.env, cwd: ctx.workdir, log: session.calls });
  const shown = `\`aws ${invocation.args.join(' ')}\``;
  const stackOperation = invocation.command === 'cloudformation' && ['deploy', 'create-stack', 'update-stack', 'execute-change-set'].includes(invocation.subcommand);
  if (result.exitCode !== 0 && stackOperation) {
    // `deploy` says only "Failed to create/update the stack": the stack's events say why.
    const stack = invocation.args[invocation.args.indexOf('--stack-name') + 1];
    const status = stack ? await settleStack(session.ctx, stack).catch(() => undefined) : undefined;
    const reason = stack ? await firstStackFailure(session.ctx, stack) : undefined;
    if (status && isFailedStackStatus(status) && reason) {
      const limitation = emulatorLimitation(reason, session.engines.some((e) => !!e.extension));
      return { ok: false, refused: !limitation, note: `${shown} ended in ${status}${limitation ? ' (the emulator cannot model it)' : ', as AWS would refuse it'}: ${reason}` };
    }
  }
  if (result.exitCode !== 0) {
    const limitation = emulatorLimitation(result.stderr, session.engines.some((e) => !!e.extension));
    const refused = !limitation && !!result.errorCode && result.errorCode !== 'CliError';
    const message = result.stderr.trim().split('\n').pop() ?? '';
    return { ok: false, refused, note: `${shown} ${refused ? 'refused as AWS would' : 'failed in the twin'}: ${result.errorCode}: ${message}` };
  }
  const target = invocation.ignored.map((r) => /^\d*>>?\s+(\S+)$/.exec(r)?.[1]).find(Boolean);
  if (target) {
    const file = insideWorkdir(ctx.workdir, target);
    if (!file) return { ok: false, note: `not executable in the sandbox: output to ${target} is outside the sandbox's folder` };
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, result.stdout);
  }
  rememberOutputs(filled, result.stdout, ctx.outputs);
  if (stackOperation) {
    const stack = invocation.args[invocation.args.indexOf('--stack-name') + 1];
    const status = stack ? await settleStack(session.ctx, stack).catch(() => 'UNKNOWN') : undefined;
    if (status && isFailedStackStatus(status)) return { ok: false, refused: true, note: `${shown} ended in ${status}: ${(await firstStackFailure(session.ctx, stack!)) ?? ''}` };
  }
  return { ok: true, note: `ran ${shown}` };
}

/** `<group-id>` from the action's own `--group-id`, `<ami-id of NAME>` from what a safeguard created. */
function fillPlaceholders(command: string, action: Action | undefined, outputs: Map<string, string>, known: Record<string, unknown> = {}): string {
  const flags = flagsOf(action?.source.command ?? '');
  return command.replace(/<([^<>]+)>/g, (whole, inner: string) => {
    const of = /^(.+) of (.+)$/.exec(inner);
    if (of) return outputs.get(of[2].trim()) ?? outputs.get(of[2].trim().split(/\s+/).pop()!) ?? whole;
    const flag = flags.get(`--${inner.trim()}`);
    if (flag) return flag;
    const key = inner.trim().replace(/-/g, '_');
    const before = { ...known, ...(action?.before ?? {}) };
    const attr = before[key] ?? before[`${key}_id`] ?? Object.entries(before).find(([k, v]) => k.endsWith(`_${key}`) && typeof v === 'string')?.[1];
    return typeof attr === 'string' && attr ? attr : whole;
  });
}

function flagsOf(command: string): Map<string, string> {
  const out = new Map<string, string>();
  const words = command.split(/\s+/);
  words.forEach((w, i) => {
    if (w.startsWith('--') && words[i + 1] && !words[i + 1].startsWith('--')) out.set(w, words[i + 1]);
  });
  return out;
}

/** Ids a safeguard printed, under the name it was given (`--name`, `--backup-name`, `--db-snapshot-identifier`). */
function rememberOutputs(command: string, stdout: string, outputs: Map<string, string>): void {
  const name = /--(?:name|backup-name|db-snapshot-identifier|snapshot-name)\s+(\S+)/.exec(command)?.[1];
  if (!name) return;
  try {
    const body = JSON.parse(stdout);
    const id = body.ImageId ?? body.BackupDetails?.BackupArn ?? body.DBSnapshot?.DBSnapshotIdentifier ?? body.SnapshotId;
    if (typeof id === 'string') outputs.set(name, id);
  } catch {
    /* not JSON */
  }
}

function insideWorkdir(workdir: string, path: string): string | undefined {
  if (path.startsWith('/') || path.startsWith('~') || path.split('/').includes('..')) return undefined;
  return normalize(join(workdir, path));
}

/** `a && b` as its simple commands (the plan joins steps of one safeguard that way). */
function splitChain(command: string): string[] {
  return command.split(/\s+&&\s+/).map((c) => c.trim()).filter(Boolean);
}

/** An error AWS would answer the same way: the resource (or its name) is still there, or in use. */
function awsRefusal(e: unknown): boolean {
  const err = e as { name?: string; Code?: string; code?: string; message?: string };
  return /AlreadyExists|InUse|Conflict|Duplicate|already exists|in use/i.test(`${err?.Code ?? err?.name ?? ''} ${err?.message ?? ''}`);
}

function short(command: string): string {
  return command.length > 120 ? `${command.slice(0, 117)}...` : command;
}

function label(item: InventoryItem): string {
  return item.stack ? `${item.stack.name}/${item.stack.logicalId} (${item.type})` : `${item.type} ${item.id}`;
}
