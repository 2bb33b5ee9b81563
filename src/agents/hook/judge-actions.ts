// The slow path of a hook call: the one pipeline, then gateway controls, then approvals.
import { join, resolve } from 'node:path';
import type { Decision, Reason, Report } from '../../model.js';
import type { PlannedAction } from '../../intake/types.js';
import type { AuditEvent, AuditRecord } from '../audit/entry.js';
import { USER_FILES, userDir } from '../../config/file-names.js';
import type { ApprovalStore } from '../approvals/store.js';
import type { LocalKeySeal } from '../approvals/seal.js';
import { firstDestructive } from '../gateway/first-destructive.js';
import { destructiveKinds, isProductionWrite } from '../gateway/kinds.js';
import { reserveProductionWrites } from '../gateway/rate-limit.js';
import type { GatewayFinding } from '../gateway/types.js';
import type { HookCall } from '../protocol/types.js';
import type { HookSettings } from '../settings.js';
import { configFileFor, repositoryRoot } from '../state-dir.js';
import { answerFor, worst } from './decide.js';
import type { Judged } from './judge-call.js';
import { composeMessage, impactSummary, rollbackLines } from './message.js';

export interface CallContext {
  state: string;
  settings: HookSettings;
  present: { askSupported: boolean; humanPresent: boolean };
  base: Pick<AuditRecord, 'agent' | 'sessionId' | 'cwd' | 'tool' | 'input'>;
}

export async function judgeActions(
  call: HookCall,
  env: NodeJS.ProcessEnv,
  now: Date,
  { state, settings, present, base }: CallContext,
  tools: PlannedAction[] = [],
  planned?: PlannedAction[][],
): Promise<Judged> {
  const report = await judgedReport(call, env, now, tools, planned);

  const kinds = destructiveKinds(report.actions);
  const productionWrites = report.actions.filter(isProductionWrite).length;
  // The agent deciding on its own escalation: denied outright, never asked of the agent that asked.
  const findings: GatewayFinding[] = selfApprovals(report);
  if (report.verdict !== 'block' && settings.gateway.firstDestructive) findings.push(...(await firstDestructive(state, kinds)));
  let verdict: Decision = worst(report.verdict, ...findings.map((f) => f.decision));
  if (verdict === 'pass') {
    const session = `${call.agent}:${call.sessionId ?? 'no-session'}`;
    findings.push(...(await reserveProductionWrites(state, session, productionWrites, settings.gateway.productionWrites, now)));
    verdict = worst(verdict, ...findings.map((f) => f.decision));
  }
  const reasons: Reason[] = [...report.reasons.filter((r) => r.decision !== 'pass'), ...findings];
  const tamper = tamperEvents(report);
  const recordBase = {
    ...base,
    verdict,
    reasons: reasons.slice(0, 20).map((r) => ({ rule: r.rule, message: r.message })),
    kinds,
    productionWrites,
    timings: report.timings,
    ...(tamper.length ? { events: tamper } : {}),
  };

  if (verdict === 'escalate') return escalate(call, env, now, { state, settings, present, report, reasons, recordBase });
  const answer = answerFor(verdict, present, settings.emitAllow);
  const message =
    verdict === 'block'
      ? composeMessage({ verdict, commands: displayedInput(call), reasons, report })
      : `Firebreak: pass (${impactSummary(report)})`;
  return { reply: { answer, message }, record: { ...recordBase, answer }, stateDir: state };
}

/**
 * The pipeline's report for the call. With nothing in the world (no state, inventory or template in
 * firebreak.yaml) and the commands already parsed (\`planned\`, one list per command), the
 * single-action path judges them without a graph and without parsing again
 * (src/fast/single-action.ts); anything it does not take, and any error in it, goes through check().
 * FIREBREAK_SINGLE_ACTION=0 always runs check().
 */
async function judgedReport(call: HookCall, env: NodeJS.ProcessEnv, now: Date, tools: PlannedAction[], planned: PlannedAction[][] | undefined): Promise<Report> {
  const config = configFileFor(call.cwd);
  const intake = tools.length ? [{ kind: 'shell' as const, actions: tools, warnings: [] }] : [];
  if (planned && planned.length === call.commands.length && env.FIREBREAK_SINGLE_ACTION !== '0') {
    try {
      const { checkSingleAction } = await import('../../fast/single-action.js');
      const fast = await checkSingleAction({
        cwd: call.cwd,
        implicitConfig: false,
        now,
        ...(config ? { config } : {}),
        intake,
        commands: planned.map((actions) => ({ kind: 'shell' as const, actions, warnings: [] })),
      });
      if (fast) return fast.report;
    } catch {
      /* judged again by the whole pipeline, which reports what is wrong */
    }
  }
  const { check } = await import('../../pipeline.js');
  const { report } = await check({
    commands: call.commands,
    cwd: call.cwd,
    implicitConfig: false,
    now,
    ...(config ? { config } : {}),
    ...(intake.length ? { intake } : {}),
  });
  return report;
}

/** Attempts on the guard itself, for the audit log: its files, its approvals. */
function tamperEvents(report: Report): AuditEvent[] {
  return report.actions
    .filter((a) => a.target.type === 'firebreak:guard-file' || a.target.type === 'firebreak:approval')
    .map((a) => ({ kind: a.details?.selfApproval ? 'guard-self-approval' : 'guard-tamper', message: `${a.verb}: ${a.evidence.at(-1)?.message ?? ''}`.slice(0, 400) }));
}

function selfApprovals(report: Report): GatewayFinding[] {
  return report.actions
    .filter((a) => a.details?.selfApproval === true)
    .map((a) => ({
      rule: 'guard-self-approval',
      decision: 'block' as const,
      actionId: a.id,
      message: `\`${a.verb}\` run through the agent's own tools would let the agent approve itself: a person runs it in their own terminal`,
    }));
}

interface EscalationContext {
  state: string;
  settings: HookSettings;
  present: { askSupported: boolean; humanPresent: boolean };
  report: Report;
  reasons: Reason[];
  recordBase: Omit<AuditRecord, 'durationMs' | 'answer'>;
}

async function escalate(call: HookCall, env: NodeJS.ProcessEnv, now: Date, ctx: EscalationContext): Promise<Judged> {
  // Approvals are only needed here: a block or a pass does not load them (nor node:crypto for file hashes).
  const [{ bindAction, bindingHash, changedFiles, coreHash, displayable }, { readFileHashes }, { ApprovalKeyError, approvalKeyFile, LocalKeySeal }, { ApprovalError, ApprovalStore }] = await Promise.all([
    import('../approvals/binding.js'),
    import('../approvals/read-files.js'),
    import('../approvals/seal.js'),
    import('../approvals/store.js'),
  ]);
  const { report, recordBase, settings } = ctx;
  let reasons = ctx.reasons;
  const root = repositoryRoot(call.cwd);
  const commands = displayedInput(call);
  const answer = answerFor('escalate', ctx.present, settings.emitAllow);
  const events: AuditEvent[] = [...(recordBase.events ?? [])];
  const refuse = (problem: string, kind: AuditEvent['kind']): Judged => {
    events.push({ kind, message: problem });
    const message = composeMessage({ verdict: 'escalate', commands, reasons: [...reasons, { rule: 'approvals-unavailable', decision: 'escalate', message: problem }], report, asking: answer === 'ask' });
    return { reply: { answer, message }, record: { ...recordBase, answer, events }, stateDir: ctx.state };
  };

  const files = await readFileHashes(call.commands, report.actions, call.cwd);
  const bound = bindAction(call.commands, report.actions, call.cwd, env, { files, ...(call.toolInput !== undefined ? { toolInput: call.toolInput } : {}) });
  const binding = bindingHash(bound);
  const core = coreHash(bound);

  // A team server, when this machine is connected to one, replaces local approval files.
  const connection = (await import('../server-client/config.js')).loadServerConnection(env);
  if (connection) {
    const allowAnswer = answerFor('pass', ctx.present, settings.emitAllow);
    const s = await (await import('../server-client/hook.js')).escalateThroughServer({ connection, call, binding, bound: displayable(bound), report, reasons, allowAnswer, now, timeoutMs: Number(env.FIREBREAK_SERVER_TIMEOUT_MS) || 4000 });
    return { reply: s.reply, record: { ...recordBase, answer: s.reply.answer, approval: s.approval, ...(events.length ? { events } : {}) }, stateDir: ctx.state };
  }

  // Approvals are sealed with the per-user key; without a readable key nothing can be approved.
  let seal: LocalKeySeal | undefined;
  try {
    seal = await LocalKeySeal.load(approvalKeyFile(env), { create: true });
  } catch (error) {
    if (error instanceof ApprovalKeyError) return refuse(error.message, 'approval-key-unreadable');
    throw error;
  }
  const store = new ApprovalStore(settings.approvalsDir ? resolve(root, settings.approvalsDir) : join(ctx.state, 'approvals'), {
    ...(seal ? { seal } : {}),
    spentDir: join(userDir(env), USER_FILES.spent),
  });

  let used: Awaited<ReturnType<ApprovalStore['use']>>;
  try {
    used = await store.use(binding, now, { ...(call.sessionId ? { sessionId: call.sessionId } : {}) });
  } catch (error) {
    if (error instanceof ApprovalError) return refuse(error.message, 'approval-store-unreadable');
    throw error;
  }
  for (const p of used.problems) events.push({ kind: `approval-${p.kind}`, id: p.id, message: p.reason });
  const decided = used.decided;
  if (decided && 'approved' in decided) {
    const ok = answerFor('pass', ctx.present, settings.emitAllow);
    const a = decided.approved;
    return {
      reply: { answer: ok, message: `Firebreak: approved by a person (${a.id}${a.note ? `: ${a.note}` : ''})` },
      record: { ...recordBase, answer: ok, approval: { id: a.id, status: a.reusable ? 'used (reusable)' : 'used' }, ...(events.length ? { events } : {}) },
      stateDir: ctx.state,
    };
  }
  if (decided && 'denied' in decided) {
    const d = decided.denied;
    const message = composeMessage({ verdict: 'block', commands, reasons: [{ rule: 'approval-denied', decision: 'block', message: `a person denied ${d.id}${d.note ? `: ${d.note}` : ''}` }, ...reasons], report });
    return { reply: { answer: 'deny', message }, record: { ...recordBase, answer: 'deny', approval: { id: d.id, status: 'denied' }, ...(events.length ? { events } : {}) }, stateDir: ctx.state };
  }
  // The same action was approved, but a file it runs has changed since: say which.
  const stale = await store.staleFor(core, binding);
  if (stale) {
    const changed = changedFiles(stale.action.files, files);
    const message = `${stale.id} was approved for this action, but ${changed.length ? changed.join(', ') : 'what it reads'} changed since: the approval covers what was shown, so a new one is needed`;
    reasons = [{ rule: 'approval-stale', decision: 'escalate', message }, ...reasons];
    events.push({ kind: 'approval-stale', id: stale.id, message });
  }
  if (used.problems.some((p) => p.kind !== 'unreadable')) {
    reasons = [...reasons, { rule: 'approval-not-verified', decision: 'escalate', message: used.problems.map((p) => `${p.id}: ${p.reason}`).join('; ') }];
  }

  const request = await store.request(
    {
      binding,
      core,
      created: now.toISOString(),
      expires: new Date(now.getTime() + settings.requestTtlMs).toISOString(),
      agent: call.agent,
      ...(call.sessionId ? { sessionId: call.sessionId } : {}),
      action: displayable(bound),
      what: report.actions.map((a) => `${a.operation} ${a.target.type} ${a.target.id} (${a.tool} ${a.verb}${a.environment ? `, ${a.environment}` : ''})`),
      why: reasons.map((r) => ({ rule: r.rule, message: r.message })),
      impact: impactSummary(report),
      rollback: rollbackLines(report),
    },
    now,
  );
  const message = composeMessage({
    verdict: 'escalate',
    commands,
    reasons,
    report,
    asking: answer === 'ask',
    approval: { id: request.id, root, expires: request.expires },
  });
  return { reply: { answer, message }, record: { ...recordBase, answer, approval: { id: request.id, status: 'pending' }, ...(events.length ? { events } : {}) }, stateDir: ctx.state };
}

/** What the person is shown as "the command": shell text, or the tool and what it touches. */
function displayedInput(call: HookCall): string[] {
  if (call.commands.length) return call.commands;
  const files = (call.files ?? []).map((f) => `${call.tool} ${f.access} ${f.path}`);
  const mcp = call.mcp ? [`${call.mcp.server ? `${call.mcp.server}/` : ''}${call.mcp.tool} ${JSON.stringify(call.mcp.arguments).slice(0, 300)}`] : [];
  return [...files, ...mcp];
}
