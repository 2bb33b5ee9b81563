// Each agent's real pre-tool payload shape (../shared/notes/agent-hooks.md).
export type Mode = { mode?: string };

export const PAYLOADS: Record<string, (command: string, cwd: string, o?: Mode) => unknown> = {
  'claude-code': (command, cwd, o = {}) => ({
    session_id: 'cc-session-1',
    transcript_path: '/home/u/.claude/projects/x/cc-session-1.jsonl',
    cwd,
    permission_mode: o.mode ?? 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'run it', timeout: 120000 },
    tool_use_id: 'toolu_01ABC',
  }),
  cursor: (command, cwd) => ({
    conversation_id: 'cur-conv-1',
    generation_id: 'gen-1',
    hook_event_name: 'beforeShellExecution',
    command,
    cwd,
    workspace_roots: [cwd],
  }),
  gemini: (command, cwd) => ({
    session_id: 'gem-session-1',
    transcript_path: '/home/u/.gemini/tmp/chat.json',
    cwd,
    hook_event_name: 'BeforeTool',
    timestamp: '2026-11-21T10:00:00Z',
    tool_name: 'run_shell_command',
    tool_input: { command, description: 'run it', dir_path: cwd },
  }),
  kiro: (command, cwd) => ({
    hook_event_name: 'preToolUse',
    cwd,
    tool_name: 'execute_bash',
    tool_input: { command, summary: 'run it' },
  }),
  codex: (command, cwd) => ({
    session_id: 'codex-session-1',
    transcript_path: null,
    cwd,
    hook_event_name: 'PreToolUse',
    model: 'gpt-5-codex',
    tool_name: 'Bash',
    tool_input: { command },
  }),
  copilot: (command, cwd) => ({
    timestamp: 1763719200000,
    cwd,
    toolName: 'bash',
    toolArgs: JSON.stringify({ command, description: 'run it' }),
  }),
};

/** The same agents' payloads with the command field broken (wrong type / missing / bad JSON). */
export const MALFORMED: Record<string, (cwd: string) => unknown> = {
  'claude-code': (cwd) => ({ session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 42 } }),
  cursor: (cwd) => ({ conversation_id: 'c', hook_event_name: 'beforeShellExecution', cwd, workspace_roots: [cwd] }),
  gemini: (cwd) => ({ session_id: 's', cwd, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: 'aws s3 rb s3://x --force' }),
  kiro: (cwd) => ({ hook_event_name: 'preToolUse', cwd, tool_name: 'execute_bash' }),
  codex: (cwd) => ({ session_id: 's', cwd, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: null } }),
  copilot: (cwd) => ({ timestamp: 1, cwd, toolName: 'bash', toolArgs: '{"command": "aws s3 rb s3://x --force"' }),
};

export type Expect = 'none' | 'deny' | 'ask';

/** Reads what an agent would understand from the process result. */
export function understood(agent: string, r: { code: number | null; stdout: string; json?: any }): Expect | 'broken' {
  if (r.code !== 0 && r.code !== 2) return 'broken';
  switch (agent) {
    case 'claude-code': {
      if (r.code === 2) return 'deny';
      if (!r.stdout.trim()) return 'none';
      const d = r.json?.hookSpecificOutput?.permissionDecision;
      return d === 'deny' || d === 'ask' ? d : d === 'allow' ? 'none' : 'broken';
    }
    case 'cursor': {
      if (r.code === 2) return 'deny';
      if (!r.json) return 'broken';
      const p = r.json.permission;
      return p === undefined || p === 'allow' ? 'none' : p;
    }
    case 'gemini': {
      if (r.code === 2) return 'deny';
      if (!r.json) return 'broken';
      return r.json.decision === 'deny' ? 'deny' : r.json.decision === undefined || r.json.decision === 'allow' ? 'none' : 'broken';
    }
    case 'kiro':
    case 'codex':
      return r.code === 2 ? 'deny' : 'none';
    case 'copilot': {
      if (!r.stdout.trim()) return r.code === 2 ? 'deny' : 'none';
      const d = r.json?.permissionDecision;
      return d === 'deny' || d === 'ask' ? d : 'broken';
    }
  }
  return 'broken';
}

/** Where each agent shows the reason. */
export function reasonText(agent: string, r: { stdout: string; stderr: string; json?: any }): string {
  switch (agent) {
    case 'claude-code':
      return r.json?.hookSpecificOutput?.permissionDecisionReason ?? r.stderr;
    case 'cursor':
      return r.json?.user_message ?? r.stderr;
    case 'gemini':
      return r.json?.reason ?? r.stderr;
    case 'copilot':
      return r.json?.permissionDecisionReason ?? r.stderr;
    default:
      return r.stderr;
  }
}

export const ASK_CAPABLE = new Set(['claude-code', 'cursor', 'copilot']);
