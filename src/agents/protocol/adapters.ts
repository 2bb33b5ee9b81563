// Per-agent hook protocols as data: where each agent puts the command, cwd and session, whether
// it can ask a person, and how it wants a decision back. Facts: ../shared/notes/agent-hooks.md.
import { HOOK_DEADLINE_MS } from './deadline.js';
import { commandText, jsonArguments, optionalString } from './extract.js';
import { unattendedByEnvironment } from './presence.js';
import { interpretTool, TOOL_KINDS } from './tools.js';
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

type ToolFields = Pick<HookCall, 'commands' | 'files' | 'mcp' | 'toolInput'>;

/**
 * What a tool call does. Shell tools: the command field is required. File tools: the files they
 * write or read. apply_patch: every file the patch touches. MCP tools: name and arguments (and
 * any command-like argument). Built-in tools that change nothing: command-like arguments only.
 */
function useOf(agent: AgentName, tool: string, args: () => Payload, field: string, hint?: { mcpServer?: string; forceMcp?: boolean }): ToolFields {
  if (!hint?.forceMcp && TOOL_KINDS[agent][tool] === 'shell') {
    const command = commandText(args().command ?? args().cmd, `${field}.command`);
    if (!command.trim()) throw new PayloadError(`${field}.command is empty`);
    return { commands: [command] };
  }
  const raw = (() => {
    try {
      return args();
    } catch {
      return {};
    }
  })();
  const use = interpretTool(agent, tool, raw, hint);
  return {
    commands: use.commands,
    ...(use.files.length ? { files: use.files } : {}),
    ...(use.mcp ? { mcp: use.mcp } : {}),
    ...(use.files.length || use.mcp ? { toolInput: raw } : {}),
  };
}

/** Gemini names the MCP server in `mcp_context` (newer versions). */
function mcpServerOf(payload: Payload): { mcpServer: string } | undefined {
  const ctx = payload.mcp_context;
  const server = ctx && typeof ctx === 'object' ? (ctx as Payload).server_name : undefined;
  return typeof server === 'string' && server ? { mcpServer: server } : undefined;
}

/** Codex sends apply_patch's patch as a string `tool_input.command` (or a bare string input). */
function codexInput(payload: Payload): Payload {
  const input = payload.tool_input;
  if (typeof input === 'string') return { command: input };
  return objectField(payload, 'tool_input');
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
  deadlineMs: HOOK_DEADLINE_MS,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    const mode = optionalString(payload, 'permission_mode');
    return {
      agent: 'claude-code',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      ...useOf('claude-code', tool, () => objectField(payload, 'tool_input'), 'tool_input'),
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
  deadlineMs: HOOK_DEADLINE_MS,
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
      const server = optionalString(payload, 'server') ?? optionalString(payload, 'url') ?? optionalString(payload, 'command');
      return { ...base, tool, ...useOf('cursor', tool, () => jsonArguments(payload.tool_input ?? {}, 'tool_input'), 'tool_input', { forceMcp: true, ...(server ? { mcpServer: server } : {}) }), askSupported: true, humanPresent };
    }
    if (event === 'beforeReadFile') {
      const file = optionalString(payload, 'file_path');
      if (!file) throw new PayloadError('file_path is missing');
      return { ...base, tool: 'Read', commands: [], files: [{ path: file, access: 'read' }], askSupported: false, humanPresent };
    }
    const tool = toolName(payload, 'tool_name');
    return { ...base, tool, ...useOf('cursor', tool, () => jsonArguments(payload.tool_input, 'tool_input'), 'tool_input'), askSupported: false, humanPresent };
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
  deadlineMs: HOOK_DEADLINE_MS,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    return {
      agent: 'gemini',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      ...useOf('gemini', tool, () => objectField(payload, 'tool_input'), 'tool_input', mcpServerOf(payload)),
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
  deadlineMs: HOOK_DEADLINE_MS,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    return {
      agent: 'kiro',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      ...useOf('kiro', tool, () => objectField(payload, 'tool_input'), 'tool_input'),
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
  deadlineMs: HOOK_DEADLINE_MS,
  read(payload, env) {
    const tool = toolName(payload, 'tool_name');
    return {
      agent: 'codex',
      event: optionalString(payload, 'hook_event_name'),
      tool,
      ...useOf('codex', tool, () => codexInput(payload), 'tool_input'),
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
  deadlineMs: HOOK_DEADLINE_MS,
  read(payload, env) {
    const tool = toolName(payload, 'toolName');
    return {
      agent: 'copilot',
      tool,
      ...useOf('copilot', tool, () => jsonArguments(payload.toolArgs, 'toolArgs'), 'toolArgs'),
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
