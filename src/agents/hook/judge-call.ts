// Judges one tool call. Fast path: commands with no infrastructure action are answered here,
// loading only the shell intake; anything else goes to judge-actions (pipeline, gateway,
// approvals), imported only then.
import { enableConfigCache } from '../../config/config-cache.js';
import type { AuditRecord } from '../audit/entry.js';
import type { HookCall, HookReply } from '../protocol/types.js';
import { loadSettings } from '../settings.js';
import { stateDir } from '../state-dir.js';
import { answerFor } from './decide.js';

export interface Judged {
  reply: HookReply;
  record: Omit<AuditRecord, 'durationMs'>;
  stateDir: string;
}

export async function judgeCall(call: HookCall, env: NodeJS.ProcessEnv, now: Date): Promise<Judged> {
  // firebreak.yaml parsed once per content, sealed in the per-user folder (config-cache.ts).
  enableConfigCache(env);
  const state = stateDir(call.cwd, env);
  const settings = loadSettings(state);
  const present = { askSupported: call.askSupported, humanPresent: call.humanPresent && settings.humanPresent !== false };
  const base = { agent: call.agent, sessionId: call.sessionId, cwd: call.cwd, tool: call.tool, input: describeInput(call) };
  const noObjection = (): Judged => {
    const answer = answerFor('pass', present, settings.emitAllow);
    return { reply: { answer, message: 'Firebreak: no infrastructure action found' }, record: { ...base, verdict: 'pass', answer, reasons: [] }, stateDir: state };
  };
  if (!call.commands.length && !call.files?.length && !call.mcp) return noObjection();

  const { parseShellCommand } = await import('../../intake/shell/index.js');
  const planned = await Promise.all(call.commands.map((command) => parseShellCommand(command, { kind: 'shell', command }, { cwd: call.cwd })));
  // File tools and MCP tools: their targets and arguments, judged like the shell's.
  const tools = call.files?.length || call.mcp ? await (await import('./tool-actions.js')).toolActions(call) : [];
  if (planned.every((actions) => actions.length === 0) && !tools.length) return noObjection();

  const { judgeActions } = await import('./judge-actions.js');
  return judgeActions(call, env, now, { state, settings, present, base }, tools, planned);
}

/** What the audit log records as the call's input: commands, files a tool touches, or the MCP call. */
function describeInput(call: HookCall): string[] {
  const files = (call.files ?? []).map((f) => `${call.tool} ${f.access} ${f.path}`);
  const mcp = call.mcp ? [`${call.mcp.server ? `${call.mcp.server}/` : ''}${call.mcp.tool} ${JSON.stringify(call.mcp.arguments).slice(0, 300)}`] : [];
  return [...call.commands, ...files, ...mcp];
}
