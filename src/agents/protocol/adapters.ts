// Per-agent hook protocols as data: where each agent puts the command, cwd and session, whether
// it can ask a person, and how it wants a decision back. Facts: ../shared/notes/agent-hooks.md.
import { commandText, commandsInArguments, jsonArguments, optionalString } from './extract.js';
import { unattendedByEnvironment } from './presence.js';
import { PayloadError, type AgentAdapter, type AgentName, type HookCall, type HookReply, type Rendered } from './types.js';

type Payload = Record<string, unknown>;

/** Claude Code modes in which an `ask` would be approved (or refused) without a person. */
const CLAUDE_UNATTENDED_MODES = new Set(['bypassPermissions', 'dontAsk', 'auto']);

function cwdOf(payload: Payload, fallback?: unknown): string {
  const cwd = optionalString(payload, 'cwd') ?? (typeof fallback === 'string' ? fallback : undefined);
  if (!cwd) throw new PayloadError('cwd is missing');
  return cwd;
}

function objectField(payload: Payload, key: string): Payload {
  const v = payload[key];
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new PayloadError(`${key} must be an object`);
  return v as Payload;
}

function toolName(payload: Payload, key: string): string {
  const v = payload[key];
  if (typeof v !== 'string' || !v) throw new PayloadError(`${key} is missing`);
  return v;
}

/** Shell tools: the command field is required. Other tools: command-like arguments, if any. */
function commandsOf(tool: string, shellTools: readonly string[], args: () => Payload, field: string): string[] {
  if (shellTools.includes(tool)) {
    const command = commandText(args().command, `${field}.command`);
    if (!command.trim()) throw new PayloadError(`${field}.command is empty`);
    return [command];
  }
  const raw = (() => {
    try {
      return args();
    } catch {
      return {};
    }
  })();
  return commandsInArguments(raw);
}

/** The `description` a shell tool call carries (Claude's Bash, Gemini's run_shell_command). */
function statedReason(input: unknown): string | undefined {
  const d = input && typeof input === 'object' ? (input as Payload).description : undefined;
  return typeof d === 'string' && d.trim() ? d.trim().slice(0, 2000) : undefined;
}

const json = (value: unknown): Rendered => ({ stdout: `${JSON.stringify(value)}\n`, stderr: '', exitCode: 0 });
const quiet: Rendered = { stdout: '', stderr: '', exitCode: 0 };
const exit2 = (reply: HookReply): Rendered => ({ stdout: '', stderr: `${reply.message}\n`, exitCode: 2 });

/** Agents that only understand "exit 2 blocks" get that for deny (and for ask, which they lack). */
function exitCodeRender(reply: HookReply): Rendered {
  return reply.answer === 'deny' || reply.answer === 'ask' ? exit2(reply) : quiet;
}

const claudeCode: AgentAdapter = {
  name: 'claude-code',
  agentTimeoutMs: 600_000,
  deadlineMs: 8_000,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    const mode = optionalString(payload, 'permission_mode');
    return {
      agent: 'claude-code',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      commands: commandsOf(tool, ['Bash'], () => objectField(payload, 'tool_input'), 'tool_input'),
      cwd: cwdOf(payload),
      sessionId: optionalString(payload, 'session_id'),
      askSupported: true,
      humanPresent: !CLAUDE_UNATTENDED_MODES.has(mode ?? 'default') && !unattendedByEnvironment(env),
      mode,
      statedReason: statedReason(payload.tool_input),
    };
  },
  render(reply) {
    if (reply.answer === 'none') return quiet;
    return json({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: reply.answer, permissionDecisionReason: reply.message } });
  },
};

const cursor: AgentAdapter = {
  name: 'cursor',
  agentTimeoutMs: 30_000,
  deadlineMs: 8_000,
  read(payload, env) {
    const event = optionalString(payload, 'hook_event_name') ?? 'beforeShellExecution';
    const roots = Array.isArray(payload.workspace_roots) ? payload.workspace_roots[0] : undefined;
    const base = { agent: 'cursor' as const, event, cwd: cwdOf(payload, roots), sessionId: optionalString(payload, 'conversation_id') };
    // `ask` is honoured on beforeShellExecution / beforeMCPExecution, not on the newer preToolUse.
    const humanPresent = !unattendedByEnvironment(env);
    if (event === 'beforeShellExecution') {
      const command = commandText(payload.command, 'command');
      if (!command.trim()) throw new PayloadError('command is empty');
      return { ...base, tool: 'Shell', commands: [command], askSupported: true, humanPresent };
    }
    if (event === 'beforeMCPExecution') {
      const tool = optionalString(payload, 'tool_name') ?? 'mcp';
      return { ...base, tool, commands: commandsInArguments(jsonArguments(payload.tool_input ?? {}, 'tool_input')), askSupported: true, humanPresent };
    }
    const tool = toolName(payload, 'tool_name');
    return { ...base, tool, commands: commandsOf(tool, ['Shell'], () => jsonArguments(payload.tool_input, 'tool_input'), 'tool_input'), askSupported: false, humanPresent };
  },
  render(reply) {
    // Cursor counts invalid JSON from a permission hook as a block, so "no objection" is `{}`.
    if (reply.answer === 'none') return json({});
    return json({ permission: reply.answer, user_message: reply.message, agent_message: reply.message });
  },
};

const gemini: AgentAdapter = {
  name: 'gemini',
  agentTimeoutMs: 60_000,
  deadlineMs: 8_000,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    return {
      agent: 'gemini',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      commands: commandsOf(tool, ['run_shell_command'], () => objectField(payload, 'tool_input'), 'tool_input'),
      cwd: cwdOf(payload),
      sessionId: optionalString(payload, 'session_id'),
      askSupported: false,
      humanPresent: !unattendedByEnvironment(env),
      statedReason: statedReason(payload.tool_input),
    };
  },
  render(reply) {
    // stdout must be JSON only.
    if (reply.answer === 'none') return json({});
    if (reply.answer === 'allow') return json({ decision: 'allow' });
    return json({ decision: 'deny', reason: reply.message });
  },
};

const kiro: AgentAdapter = {
  name: 'kiro',
  agentTimeoutMs: 30_000,
  deadlineMs: 8_000,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    return {
      agent: 'kiro',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      commands: commandsOf(tool, ['execute_bash', 'execute_cmd', 'shell'], () => objectField(payload, 'tool_input'), 'tool_input'),
      cwd: cwdOf(payload, process.cwd()),
      sessionId: optionalString(payload, 'session_id'),
      askSupported: false,
      humanPresent: !unattendedByEnvironment(env),
    };
  },
  render: exitCodeRender,
};

const codex: AgentAdapter = {
  name: 'codex',
  agentTimeoutMs: 60_000,
  deadlineMs: 8_000,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    return {
      agent: 'codex',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      commands: commandsOf(tool, ['Bash', 'shell', 'local_shell', 'exec_command'], () => objectField(payload, 'tool_input'), 'tool_input'),
      cwd: cwdOf(payload),
      sessionId: optionalString(payload, 'session_id'),
      // An `ask` is not supported: the call would run.
      askSupported: false,
      humanPresent: !unattendedByEnvironment(env),
      mode: optionalString(payload, 'permission_mode'),
    };
  },
  render: exitCodeRender,
};

const copilot: AgentAdapter = {
  name: 'copilot',
  agentTimeoutMs: 30_000,
  deadlineMs: 8_000,
  read(payload, env) {
    const tool = toolName(payload, 'toolName');
    return {
      agent: 'copilot',
      tool,
      commands: commandsOf(tool, ['bash', 'shell', 'powershell'], () => jsonArguments(payload.toolArgs, 'toolArgs'), 'toolArgs'),
      cwd: cwdOf(payload),
      askSupported: true,
      humanPresent: !unattendedByEnvironment(env) && !/^(1|true)$/i.test(env.COPILOT_ALLOW_ALL ?? ''),
    };
  },
  render(reply) {
    if (reply.answer === 'none') return quiet;
    return json({ permissionDecision: reply.answer, permissionDecisionReason: reply.message });
  },
};

export const ADAPTERS: Record<AgentName, AgentAdapter> = { 'claude-code': claudeCode, cursor, gemini, kiro, codex, copilot };

export type { HookCall };
