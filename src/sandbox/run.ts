// runSandbox: acquire emulators, seed the twin, replay the planned actions step by step (a
// snapshot after each step says what that step changed), compare with the prediction, verify the
// rollback, and always release what was started and clear what this run left in a shared twin.
import { randomInt } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action } from '../model.js';
import { createSandboxAwsEnv, sandboxAccessKey, SANDBOX_REGION, SANDBOX_SECRET, type SandboxAwsEnv } from './aws-env.js';
import { CallLog } from './call-log.js';
import { comparePrediction } from './compare.js';
import { extensionStatus, resetEngine } from './engines.js';
import { emulatorContext, type InventoryContext } from './inventory/context.js';
import { send } from './inventory/send.js';
import { takeInventory } from './inventory/snapshot.js';
import type { Inventory } from './inventory/types.js';
import { replayFindings, stepChanges, type TwinChange } from './observe.js';
import { acquireSandbox, type AcquiredSandbox } from './providers/choose.js';
import { SandboxUnavailableError } from './providers/types.js';
import { replayActions, type ReplayStep } from './replay/replay-actions.js';
import type { ReplaySession } from './replay/session.js';
import { TwinIds, twinIdsFromWorld } from './replay/twin-ids.js';
import { runSafeguards, verifyRollback } from './rollback-verify.js';
import { seedChangeSets } from './seed/change-sets.js';
import { seedStack, type StackSource } from './seed/cloudformation.js';
import { seedFromActions } from './seed/stand-ins.js';
import { seedTerraformState, stateResources, type StateResource } from './seed/terraform-state.js';
import { stackEvents, type StackEvent } from './stacks.js';
import type { SandboxRequest, SandboxResult } from './types.js';
import { readWarmState, writeWarmState } from './warm.js';

function emptyResult(status: SandboxResult['status'], reason?: string): SandboxResult {
  return {
    status,
    ...(reason ? { reason } : {}),
    engines: [],
    seeded: { stacks: [] },
    replayed: [],
    notReplayed: [],
    observed: [],
    agreement: null,
    coverage: null,
    agreements: [],
    disagreements: [],
    unobserved: [],
    refused: [],
    errors: [],
    findings: [],
    stackEvents: [],
    rollback: [],
    timings: { acquireMs: 0, seedMs: 0, replayMs: 0, rollbackMs: 0, totalMs: 0 },
  };
}

/** A LocalStack account nobody used yet: an empty twin without restarting the emulator. */
function freshAccountId(): string {
  return String(randomInt(100_000_000_000, 999_999_999_999));
}

/** Which listers a step's snapshot needs: the services the step calls (every one for CloudFormation). */
const LISTED_FOR: Readonly<Record<string, string[]>> = {
  s3: ['s3'],
  s3api: ['s3'],
  ec2: ['ec2'],
  iam: ['iam'],
  rds: ['rds'],
  dynamodb: ['dynamodb', 'lambda'],
  lambda: ['lambda'],
  sqs: ['sqs', 'lambda'],
  sns: ['sns'],
  ssm: ['ssm'],
  kms: ['kms'],
  secretsmanager: ['secretsmanager'],
  logs: ['logs'],
  events: ['events'],
  cloudwatch: ['cloudwatch'],
  apigateway: ['apigateway'],
  elbv2: ['elbv2'],
  ecs: ['ecs'],
  sts: [],
};

function servicesOf(step: ReplayStep): string[] | undefined {
  const services = new Set<string>();
  for (const a of step.actions) {
    const d = a.details as { service?: string; cliService?: string } | undefined;
    const service = a.source.kind === 'terraform-plan' ? terraformService(a) : (d?.cliService ?? d?.service)?.toLowerCase();
    const listed = service ? LISTED_FOR[service] : undefined;
    if (!listed) return undefined; // CloudFormation, or unknown: list everything
    listed.forEach((s) => services.add(s));
  }
  return [...services];
}

function terraformService(action: Action): string | undefined {
  const type = action.target.terraformType ?? action.target.type;
  const m = /^aws_(s3|iam|db|dynamodb|lambda|sqs|sns|kms|secretsmanager|cloudwatch_log|ecs|lb|alb)/.exec(type);
  if (!m) return type.startsWith('aws_') ? 'ec2' : undefined;
  return ({ db: 'rds', cloudwatch_log: 'logs', lb: 'elbv2', alb: 'elbv2' } as Record<string, string>)[m[1]] ?? m[1];
}

/** Production accounts the world's ARNs name: their ARNs are rewritten to the twin's account. */
function productionAccounts(req: SandboxRequest): Set<string> {
  const accounts = new Set<string>();
  const scan = (s: string) => {
    for (const m of s.matchAll(/arn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g)) accounts.add(m[1]);
  };
  req.world?.graph.forEachNode((_id, attrs) => (attrs?.names ?? []).forEach(scan));
  if (req.terraformState) scan(req.terraformState.text);
  for (const a of req.actions) scan(JSON.stringify(a.details ?? {}) + (a.source.command ?? ''));
  return accounts;
}

export async function runSandbox(req: SandboxRequest): Promise<SandboxResult> {
  const t0 = Date.now();
  const log = req.log ?? (() => {});
  let acquired: AcquiredSandbox | undefined;
  let awsEnv: SandboxAwsEnv | undefined;
  let ctx: InventoryContext | undefined;
  let workdir: string | undefined;
  const result = emptyResult('ok');
  try {
    log('starting the sandbox emulators');
    try {
      acquired = await acquireSandbox(req.provider ?? 'auto', { log, detach: req.keepWarm });
    } catch (e) {
      const r = emptyResult('unavailable', (e as Error).message);
      if (e instanceof SandboxUnavailableError) r.howToFix = e.howToFix;
      r.timings.totalMs = Date.now() - t0;
      return r;
    }
    result.provider = acquired.provider.kind;
    result.engines = acquired.engines.map((e) => ({ name: e.name, version: e.version, endpoint: e.url, ...(e.extension ? { extension: e.extension } : {}) }));
    result.timings.acquireMs = Date.now() - t0;
    if (acquired.reused) await Promise.all(acquired.engines.filter((e) => e.name === 'moto').map(resetEngine));
    if (acquired.reused) await clearEarlierRuns(acquired.engines);

    const account = freshAccountId();
    const credentials = { accessKeyId: sandboxAccessKey(account), secretAccessKey: SANDBOX_SECRET };
    const calls = new CallLog();
    const localstack = acquired.engines.find((e) => e.name === 'localstack') ?? acquired.engines[0];
    const extension = localstack.extension ? await extensionStatus(localstack.url) : undefined;
    ctx = emulatorContext(acquired.engines, credentials, calls, extension ? new Set(extension.cloudformationTypes) : undefined);
    awsEnv = await createSandboxAwsEnv({ credentials, defaultEndpoint: localstack.url, profiles: profilesNamed(req) });
    const ids = new TwinIds();
    for (const real of productionAccounts(req)) ids.mapAccount(real, account, SANDBOX_REGION);
    workdir = await mkdtemp(join(tmpdir(), 'firebreak-rollback-'));

    // Seed: stacks, Terraform state, what only commands name, named change sets, safeguards.
    const tSeed = Date.now();
    const seededStacks: StackSource[] = [];
    for (const stack of req.stacks) {
      log(`seeding stack ${stack.name} from ${stack.file}`);
      const seeded = await seedStack(ctx, stack, ids);
      seededStacks.push({ ...stack, parameters: seeded.parameters });
      result.seeded.stacks.push({ name: seeded.name, status: seeded.status, omitted: seeded.omitted, ...(seeded.error ? { error: seeded.error } : {}) });
      if (seeded.error) result.findings.push(`seeding ${stack.name}: ${seeded.error}`);
    }
    let state: StateResource[] = [];
    if (req.terraformState) {
      log(`seeding Terraform state from ${req.terraformState.file}`);
      state = stateResources(req.terraformState.text);
      result.seeded.terraform = await seedTerraformState(ctx, req.terraformState.text, ids);
      for (const s of result.seeded.terraform.skipped) result.findings.push(`not seeded: ${s.address}: ${s.why}`);
    }
    log('taking the first snapshot of the twin');
    const seededSoFar = await takeInventory(ctx);
    twinIdsFromWorld(req.world, seededSoFar, ids);
    const described = new Set(state.map((s) => s.address));
    const fromTemplates = (id: string) => described.has(id) || (req.world?.graph.hasNode(id) === true && ['cloudformation-template', 'terraform-state', 'terraform-plan', 'cloudformation-changeset'].includes(req.world.graph.getNodeAttributes(id).source));
    log('seeding what only the commands name');
    result.seeded.world = await seedFromActions(ctx, req.actions, seededSoFar, ids, fromTemplates);
    for (const s of result.seeded.world.skipped) result.findings.push(`not seeded: ${s.resource}: ${s.why}`);
    const session: ReplaySession = { engines: acquired.engines, ctx, credentials, awsEnv, ids, calls, cwd: req.cwd ?? process.cwd(), changeSets: new Map() };
    if (req.changeSets?.length) {
      result.seeded.changeSets = await seedChangeSets(ctx, req.changeSets, seededStacks, session.changeSets!);
      for (const c of result.seeded.changeSets.filter((c) => !c.ok)) result.findings.push(`change set ${c.name} on ${c.stack} could not be created in the twin: ${c.note ?? ''}`);
    }
    const outputs = new Map<string, string>();
    const attributesOf = (id: string) => (req.world?.graph.hasNode(id) ? req.world.graph.getNodeAttributes(id).attributes : undefined);
    if (req.rollback.steps.some((s) => s.phase === 'safeguard' && s.command)) log('taking the copy-only safeguards of the rollback plan');
    const safeguards = req.rollback.steps.length ? await runSafeguards(req.rollback, session, { actions: req.actions, workdir, outputs, attributesOf }) : new Map();
    result.timings.seedMs = Date.now() - tSeed;
    log('snapshot before the replay');
    // Only what seeding from commands and the safeguards touched is listed again.
    const touched = [...new Set([...(result.seeded.world.created.length ? ['s3', 'secretsmanager', 'kms', 'iam', 'sqs', 'sns', 'dynamodb', 'logs', 'ssm'] : []), ...(safeguards.size ? ['ec2', 'rds', 'dynamodb', 's3', 'cloudformation'] : [])])];
    const before = touched.length ? await takeInventory(ctx, touched, seededSoFar) : seededSoFar;

    // Replay, one step at a time, each followed by a snapshot of what it can have changed.
    const tReplay = Date.now();
    const changes: TwinChange[] = [];
    const seen: Inventory[] = [before];
    let current = before;
    let stepIndex = 0;
    const outcome = await replayActions(req.actions, session, {
      stackChanges: req.stackChanges,
      progress: log,
      afterStep: async (step) => {
        // A step that only reads changes nothing; the full snapshot after the replay would show it if it did.
        if (step.actions.every((a) => a.operation === 'read')) return;
        const next = await takeInventory(ctx!, servicesOf(step), current);
        changes.push(...stepChanges(current, next, step.actions.map((a) => a.id), stepIndex++));
        seen.push(next);
        current = next;
      },
    });
    result.replayed = outcome.replayed;
    result.notReplayed = outcome.notReplayed;
    const after = await takeInventory(ctx);
    // What the per-step snapshots did not list (a side effect in another service) still counts.
    const ran = [...new Set(outcome.replayed.map((r) => r.actionId))];
    changes.push(...stepChanges(current, after, ran, stepIndex));
    seen.push(after);
    result.timings.replayMs = Date.now() - tReplay;

    result.errors = outcome.replayed
      .filter((r) => !r.ok && !r.emulatorLimitation)
      .map((r) => ({ actionId: r.actionId, call: r.call, code: r.code ?? 'Error', message: r.message ?? '', engine: r.engine }));
    result.findings.push(...replayFindings(uniqueCalls(outcome.replayed)));
    result.stackEvents = await collectStackEvents(ctx, before, new Date(tReplay));
    const omitted = new Map<string, string>(result.seeded.stacks.flatMap((s) => s.omitted.map((o): [string, string] => [`${s.name}/${o.logicalId}`, `left out of the twin: ${o.why}`])));
    const skipped = new Map<string, string>([
      ...(result.seeded.terraform?.skipped ?? []).map((s): [string, string] => [s.address, `not seeded: ${s.why}`]),
      ...result.seeded.world.skipped.map((s): [string, string] => [s.resource, `not seeded: ${s.why}`]),
    ]);
    const comparison = comparePrediction({
      predicted: req.predicted,
      changes,
      twinItems: seen.flatMap((i) => i.items),
      world: req.world,
      bindings: ids.bindings,
      twinIdOf: (real) => ids.twinIdOf(real),
      realIdOf: (twin) => ids.realIdOf(twin),
      notInTwin: (id) => omitted.get(id) ?? skipped.get(id),
      replayed: outcome.replayed,
      notReplayed: outcome.notReplayed,
    });
    Object.assign(result, comparison);
    for (const r of comparison.refused) result.findings.push(`${r.resource}: the twin refused the ${r.predicted === 'deleted' ? 'delete' : 'change'} (${r.code}); AWS would refuse it too: ${r.message}`);
    if (extension?.standInCode.length) {
      const now = (await extensionStatus(localstack.url))?.standInCode ?? [];
      const mine = now.filter((c) => !extension.standInCode.includes(c));
      if (mine.length) result.findings.push(`Lambda code the twin does not hold was stood in for: ${mine.join(', ')}`);
    }

    // Rollback verification
    const tRollback = Date.now();
    if (req.rollback.steps.length) {
      log('verifying the rollback plan in the twin');
      const verification = await verifyRollback(req.rollback, session, { actions: req.actions, attributesOf, stacks: seededStacks, stateResources: state, before, changes, snapshot: () => takeInventory(ctx!), workdir, outputs }, safeguards);
      result.rollback = verification.steps;
      result.findings.push(...verification.findings);
    }
    result.timings.rollbackMs = Date.now() - tRollback;

    const inventoryErrors = [...before.errors, ...after.errors];
    for (const e of inventoryErrors) result.findings.push(`could not list ${e.service} in the twin: ${e.message}`);
    const inconclusive = outcome.replayed.filter((r) => r.emulatorLimitation).length;
    const incomplete = result.notReplayed.length > 0 || inventoryErrors.length > 0 || result.seeded.stacks.some((s) => s.error) || inconclusive > 0;
    result.status = incomplete ? 'partial' : 'ok';
    if (incomplete && !result.reason) {
      result.reason = [
        result.notReplayed.length ? `${result.notReplayed.length} action(s) not replayed` : '',
        inventoryErrors.length ? `${inventoryErrors.length} service(s) could not be listed` : '',
        result.seeded.stacks.some((s) => s.error) ? 'a stack could not be seeded' : '',
        inconclusive ? `${inconclusive} call(s) hit what the emulator cannot model` : '',
      ]
        .filter(Boolean)
        .join('; ');
    }
    result.findings = [...new Set(result.findings)];
    if (req.keepWarm && !acquired.reused && acquired.provider.kind === 'host') {
      const host = acquired.provider as import('./providers/host.js').HostProvider;
      await writeWarmState({ provider: 'host', engines: acquired.engines, processes: host.processes(), startedAt: new Date().toISOString(), usedAccounts: [account] });
      acquired = undefined; // left running on purpose
    } else if (req.keepWarm || acquired.reused) {
      const warm = readWarmState();
      // Earlier accounts were cleared when this run started; this one is cleared when it ends.
      if (warm) await writeWarmState({ ...warm, usedAccounts: [account] });
    }
    return result;
  } catch (e) {
    result.status = 'error';
    result.reason = `sandbox run failed: ${(e as Error).message}`;
    return result;
  } finally {
    // A twin that stays up (warm, shared) must not keep this run's buckets: bucket names are
    // global across accounts, so the next run could not create them again.
    if (ctx && (!acquired || acquired.reused)) await removeBuckets(ctx).catch(() => {});
    ctx?.dispose();
    await awsEnv?.dispose().catch(() => {});
    await acquired?.release().catch(() => {});
    if (workdir) await rm(workdir, { recursive: true, force: true }).catch(() => {});
    result.timings.totalMs = Date.now() - t0;
  }
}

/**
 * Bucket names are global across accounts: buckets an earlier run on this warm twin left behind
 * (it was killed before its own clean-up) would make this run's seeding fail. Finished runs are
 * listed in the warm state; their accounts are emptied of buckets.
 */
async function clearEarlierRuns(engines: AcquiredSandbox['engines']): Promise<void> {
  const accounts = readWarmState()?.usedAccounts ?? [];
  await Promise.all(
    accounts.map(async (account) => {
      const ctx = emulatorContext(engines, { accessKeyId: sandboxAccessKey(account), secretAccessKey: SANDBOX_SECRET }, new CallLog());
      try {
        await removeBuckets(ctx);
      } catch {
        /* an account without buckets, or a twin that no longer knows it */
      } finally {
        ctx.dispose();
      }
    }),
  );
}

/** Empties and deletes every bucket of this run's account. */
async function removeBuckets(ctx: InventoryContext): Promise<void> {
  const buckets: { Name: string }[] = (await send(ctx, 's3', 'ListBuckets', {})).Buckets ?? [];
  await Promise.all(
    buckets.map(async ({ Name }) => {
      for (let page = 0; page < 20; page++) {
        const versions = await send(ctx, 's3', 'ListObjectVersions', { Bucket: Name }).catch(() => undefined);
        const objects = [...(versions?.Versions ?? []), ...(versions?.DeleteMarkers ?? [])].map((v: any) => ({ Key: v.Key, VersionId: v.VersionId }));
        if (!objects.length) break;
        await send(ctx, 's3', 'DeleteObjects', { Bucket: Name, Delete: { Objects: objects, Quiet: true } });
      }
      await send(ctx, 's3', 'DeleteBucket', { Bucket: Name }).catch(() => undefined);
    }),
  );
}

function profilesNamed(req: SandboxRequest): string[] {
  const out = new Set<string>();
  for (const a of req.actions) {
    if (a.hints.profile) out.add(a.hints.profile);
    const m = a.source.command?.match(/--profile(?:=|\s+)(\S+)/);
    if (m) out.add(m[1]);
  }
  return [...out];
}

function uniqueCalls<T extends { call: string; ms: number }>(calls: T[]): T[] {
  const seen = new Set<string>();
  return calls.filter((c) => {
    const key = `${c.call}|${c.ms}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function collectStackEvents(ctx: InventoryContext, before: Inventory, since: Date): Promise<StackEvent[]> {
  const stacks = before.items.filter((i) => i.type === 'AWS::CloudFormation::Stack');
  const events = await Promise.all(stacks.map((s) => stackEvents(ctx, s.id, String(s.attributes.name ?? s.id), since)));
  return events.flat();
}
