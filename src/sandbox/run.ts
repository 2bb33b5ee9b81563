// runSandbox: acquire emulators, seed the twin, replay the planned actions, observe, compare
// with the prediction, verify the rollback, and always release what was started.
import { randomInt } from 'node:crypto';
import { createSandboxAwsEnv, sandboxAccessKey, SANDBOX_SECRET, type SandboxAwsEnv } from './aws-env.js';
import { CallLog } from './call-log.js';
import { comparePrediction } from './compare.js';
import { resetEngine } from './engines.js';
import { emulatorContext, type InventoryContext } from './inventory/context.js';
import { takeInventory } from './inventory/snapshot.js';
import type { Inventory } from './inventory/types.js';
import { observedChanges, replayFindings } from './observe.js';
import { acquireSandbox, type AcquiredSandbox } from './providers/choose.js';
import { SandboxUnavailableError } from './providers/types.js';
import { replayActions } from './replay/replay-actions.js';
import type { ReplaySession } from './replay/session.js';
import { TwinIds, twinIdsFromWorld } from './replay/twin-ids.js';
import { verifyRollback } from './rollback-verify.js';
import { seedStack } from './seed/cloudformation.js';
import { seedTerraformState } from './seed/terraform-state.js';
import { stackEvents, type StackEvent } from './stacks.js';
import type { SandboxRequest, SandboxResult } from './types.js';
import { readWarmState, writeWarmState } from './warm.js';

function emptyResult(status: SandboxResult['status'], reason?: string): SandboxResult {
  return {
    status,
    reason,
    engines: [],
    seeded: { stacks: [] },
    replayed: [],
    notReplayed: [],
    observed: [],
    agreement: 0,
    disagreements: [],
    unobserved: [],
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

export async function runSandbox(req: SandboxRequest): Promise<SandboxResult> {
  const t0 = Date.now();
  const log = req.log ?? (() => {});
  let acquired: AcquiredSandbox | undefined;
  let awsEnv: SandboxAwsEnv | undefined;
  let ctx: InventoryContext | undefined;
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
    result.engines = acquired.engines.map((e) => ({ name: e.name, version: e.version, endpoint: e.url }));
    result.timings.acquireMs = Date.now() - t0;
    if (acquired.reused) {
      await Promise.all(acquired.engines.filter((e) => e.name === 'moto').map(resetEngine));
    }

    const account = freshAccountId();
    const credentials = { accessKeyId: sandboxAccessKey(account), secretAccessKey: SANDBOX_SECRET };
    const calls = new CallLog();
    ctx = emulatorContext(acquired.engines, credentials, calls);
    const localstack = acquired.engines.find((e) => e.name === 'localstack') ?? acquired.engines[0];
    awsEnv = await createSandboxAwsEnv({ credentials, defaultEndpoint: localstack.url, profiles: profilesNamed(req) });

    // Seed
    const tSeed = Date.now();
    for (const stack of req.stacks) {
      log(`seeding stack ${stack.name} from ${stack.file}`);
      const seeded = await seedStack(ctx, stack);
      result.seeded.stacks.push({ name: seeded.name, status: seeded.status, omitted: seeded.omitted, error: seeded.error });
      if (seeded.error) result.findings.push(`seeding ${stack.name}: ${seeded.error}`);
    }
    const tfIds = new TwinIds();
    if (req.terraformState) {
      log(`seeding Terraform state from ${req.terraformState.file}`);
      result.seeded.terraform = await seedTerraformState(ctx, req.terraformState.text, tfIds);
      for (const s of result.seeded.terraform.skipped) result.findings.push(`not seeded: ${s.address}: ${s.why}`);
    }
    result.timings.seedMs = Date.now() - tSeed;
    const snapshot = () => takeInventory(ctx!);
    const before = await snapshot();

    // Replay
    const tReplay = Date.now();
    const session: ReplaySession = {
      engines: acquired.engines,
      ctx,
      credentials,
      awsEnv,
      ids: twinIdsFromWorld(req.world, before, tfIds),
      calls,
      cwd: req.cwd ?? process.cwd(),
    };
    const outcome = await replayActions(req.actions, session, { stackChanges: req.stackChanges, progress: log });
    result.replayed = outcome.replayed;
    result.notReplayed = outcome.notReplayed;
    const after = await snapshot();
    result.timings.replayMs = Date.now() - tReplay;

    // Where the twin gave a seeded resource a new id, the real id it stands for (to compare with the world).
    result.observed = observedChanges(before, after, req.actions, outcome.replayed).map((change) => {
      const realId = session.ids.realIdOf(change.resource);
      return realId ? { ...change, realId } : change;
    });
    result.errors = outcome.replayed
      .filter((r) => !r.ok && !r.emulatorLimitation)
      .map((r) => ({ actionId: r.actionId, call: r.call, code: r.code ?? 'Error', message: r.message ?? '', engine: r.engine }));
    result.findings.push(...replayFindings(uniqueCalls(outcome.replayed)));
    result.stackEvents = await collectStackEvents(ctx, before, new Date(tReplay));
    const omitted = new Map<string, string>(result.seeded.stacks.flatMap((s) => s.omitted.map((o): [string, string] => [`${s.name}/${o.logicalId}`, `left out of the twin: ${o.why}`])));
    const comparison = comparePrediction(req.predicted, result.observed, before.items, req.world, (id) => omitted.get(id), (id) => session.ids.realIdOf(id));
    Object.assign(result, comparison);

    // Rollback verification
    const tRollback = Date.now();
    if (req.rollback.steps.length && result.observed.length) {
      log('verifying the rollback plan in the twin');
      const verification = await verifyRollback(req.rollback, req.actions, session, { stacks: req.stacks, before, observed: result.observed, snapshot });
      result.rollback = verification.steps;
      result.findings.push(...verification.findings);
    } else {
      result.rollback = req.rollback.steps.map((s) => ({ step: s.order, verified: false, note: result.observed.length ? 'not executed' : 'nothing changed in the twin, nothing to roll back' }));
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
    if (req.keepWarm && !acquired.reused && acquired.provider.kind === 'host') {
      const host = acquired.provider as import('./providers/host.js').HostProvider;
      await writeWarmState({ provider: 'host', engines: acquired.engines, processes: host.processes(), startedAt: new Date().toISOString(), usedAccounts: [account] });
      acquired = undefined; // left running on purpose
    } else if (req.keepWarm || acquired.reused) {
      const warm = readWarmState();
      if (warm) await writeWarmState({ ...warm, usedAccounts: [...warm.usedAccounts, account].slice(-50) });
    }
    return result;
  } catch (e) {
    result.status = 'error';
    result.reason = `sandbox run failed: ${(e as Error).message}`;
    return result;
  } finally {
    ctx?.dispose();
    await awsEnv?.dispose().catch(() => {});
    await acquired?.release().catch(() => {});
    result.timings.totalMs = Date.now() - t0;
  }
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
  const events = await Promise.all(stacks.map((s) => stackEvents(ctx, String(s.attributes.stackId ?? s.id), s.id, since)));
  return events.flat();
}
