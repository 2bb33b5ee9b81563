// The slow path of a hook call: the one pipeline, then gateway controls, then approvals.
import { join, resolve } from 'node:path';
import type { Decision, Reason, Report } from '../../model.js';
import type { AuditRecord } from '../audit/entry.js';
import { bindAction, bindingHash, displayable } from '../approvals/binding.js';
import { ApprovalStore } from '../approvals/store.js';
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

export async function judgeActions(call: HookCall, env: NodeJS.ProcessEnv, now: Date, { state, settings, present, base }: CallContext): Promise<Judged> {
  const { check } = await import('../../pipeline.js');
  const config = configFileFor(call.cwd);
  const { report } = await check({ commands: call.commands, cwd: call.cwd, implicitConfig: false, now, ...(config ? { config } : {}) });

  const kinds = destructiveKinds(report.actions);
  const productionWrites = report.actions.filter(isProductionWrite).length;
  const findings: GatewayFinding[] = [];
  if (report.verdict !== 'block' && settings.gateway.firstDestructive) findings.push(...(await firstDestructive(state, kinds)));
  let verdict: Decision = worst(report.verdict, ...findings.map((f) => f.decision));
  if (verdict === 'pass') {
    const session = `${call.agent}:${call.sessionId ?? 'no-session'}`;
    findings.push(...(await reserveProductionWrites(state, session, productionWrites, settings.gateway.productionWrites, now)));
    verdict = worst(verdict, ...findings.map((f) => f.decision));
  }
  const reasons: Reason[] = [...report.reasons.filter((r) => r.decision !== 'pass'), ...findings];
  const recordBase = { ...base, verdict, reasons: reasons.slice(0, 20).map((r) => ({ rule: r.rule, message: r.message })), kinds, productionWrites, timings: report.timings };

  if (verdict === 'escalate') return escalate(call, env, now, { state, settings, present, report, reasons, recordBase });
  const answer = answerFor(verdict, present, settings.emitAllow);
  const message =
    verdict === 'block'
      ? composeMessage({ verdict, commands: call.commands, reasons, report })
      : `Firebreak: pass (${impactSummary(report)})`;
  return { reply: { answer, message }, record: { ...recordBase, answer }, stateDir: state };
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
  const { report, reasons, recordBase, settings } = ctx;
  const root = repositoryRoot(call.cwd);
  const bound = bindAction(call.commands, report.actions, call.cwd, env);
  const binding = bindingHash(bound);
  // A team server, when this machine is connected to one, replaces local approval files.
  const connection = (await import('../server-client/config.js')).loadServerConnection(env);
  if (connection) {
    const allowAnswer = answerFor('pass', ctx.present, settings.emitAllow);
    const s = await (await import('../server-client/hook.js')).escalateThroughServer({ connection, call, binding, bound: displayable(bound), report, reasons, allowAnswer, now, timeoutMs: Number(env.FIREBREAK_SERVER_TIMEOUT_MS) || 4000 });
    return { reply: s.reply, record: { ...recordBase, answer: s.reply.answer, approval: s.approval }, stateDir: ctx.state };
  }
  const store = new ApprovalStore(settings.approvalsDir ? resolve(root, settings.approvalsDir) : join(ctx.state, 'approvals'));

  const decided = await store.use(binding, now);
  if (decided && 'approved' in decided) {
    const answer = answerFor('pass', ctx.present, settings.emitAllow);
    const a = decided.approved;
    return {
      reply: { answer, message: `Firebreak: approved by a person (${a.id}${a.note ? `: ${a.note}` : ''})` },
      record: { ...recordBase, answer, approval: { id: a.id, status: a.reusable ? 'used (reusable)' : 'used' } },
      stateDir: ctx.state,
    };
  }
  if (decided && 'denied' in decided) {
    const d = decided.denied;
    const message = composeMessage({ verdict: 'block', commands: call.commands, reasons: [{ rule: 'approval-denied', decision: 'block', message: `a person denied ${d.id}${d.note ? `: ${d.note}` : ''}` }, ...reasons], report });
    return { reply: { answer: 'deny', message }, record: { ...recordBase, answer: 'deny', approval: { id: d.id, status: 'denied' } }, stateDir: ctx.state };
  }

  const answer = answerFor('escalate', ctx.present, settings.emitAllow);
  const request = await store.request(
    {
      binding,
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
    commands: call.commands,
    reasons,
    report,
    asking: answer === 'ask',
    approval: { id: request.id, root, expires: request.expires },
  });
  return { reply: { answer, message }, record: { ...recordBase, answer, approval: { id: request.id, status: 'pending' } }, stateDir: ctx.state };
}
