// Where each coding agent reads hook registrations (and the switches that turn hooks off), which
// of its tools must reach the hook, and what it cannot hook at all. `hook install` writes from
// this, `doctor` checks against it, and the guard protects every file listed: one table, so what
// is guarded is exactly what the agents read. Facts: ../../shared/notes/agent-hooks.md and each
// agent's hook documentation.

export type HookScope = 'project' | 'local' | 'user' | 'managed';

export interface HookFile {
  scope: HookScope;
  /** project / local: relative to the repository root; user: relative to the user folder
   *  (the home, or `homeVariable` when set); managed: absolute. */
  path: string;
  /** A folder: every file in it is read. */
  folder?: boolean;
  /** Environment variable that moves the agent's user folder (`CODEX_HOME` replaces `~/.codex`). */
  homeVariable?: string;
  /** The part of `path` that `homeVariable` replaces (`.codex`). */
  homePrefix?: string;
  /** Managed files exist on one platform. */
  platform?: 'linux' | 'darwin';
}

const LINUX = 'linux' as const;
const MAC = 'darwin' as const;

export const AGENT_HOOK_FILES: Readonly<Record<string, readonly HookFile[]>> = {
  'claude-code': [
    { scope: 'project', path: '.claude/settings.json' },
    { scope: 'local', path: '.claude/settings.local.json' },
    { scope: 'user', path: '.claude/settings.json', homeVariable: 'CLAUDE_CONFIG_DIR', homePrefix: '.claude' },
    { scope: 'user', path: '.claude/settings.local.json', homeVariable: 'CLAUDE_CONFIG_DIR', homePrefix: '.claude' },
    { scope: 'managed', path: '/etc/claude-code/managed-settings.json', platform: LINUX },
    { scope: 'managed', path: '/Library/Application Support/ClaudeCode/managed-settings.json', platform: MAC },
  ],
  cursor: [
    { scope: 'project', path: '.cursor/hooks.json' },
    { scope: 'user', path: '.cursor/hooks.json' },
    { scope: 'managed', path: '/etc/cursor/hooks.json', platform: LINUX },
    { scope: 'managed', path: '/Library/Application Support/Cursor/hooks.json', platform: MAC },
  ],
  gemini: [
    { scope: 'project', path: '.gemini/settings.json' },
    { scope: 'user', path: '.gemini/settings.json' },
    { scope: 'managed', path: '/etc/gemini-cli/settings.json', platform: LINUX },
    { scope: 'managed', path: '/etc/gemini-cli/system-defaults.json', platform: LINUX },
    { scope: 'managed', path: '/Library/Application Support/GeminiCli/settings.json', platform: MAC },
    { scope: 'managed', path: '/Library/Application Support/GeminiCli/system-defaults.json', platform: MAC },
  ],
  kiro: [
    { scope: 'project', path: '.kiro/hooks', folder: true },
    { scope: 'project', path: '.kiro/agents', folder: true },
    { scope: 'project', path: '.kiro/settings', folder: true },
    { scope: 'project', path: '.amazonq/cli-agents', folder: true },
    { scope: 'user', path: '.kiro/hooks', folder: true },
    { scope: 'user', path: '.kiro/agents', folder: true },
    { scope: 'user', path: '.kiro/settings', folder: true },
    { scope: 'user', path: '.aws/amazonq/cli-agents', folder: true },
  ],
  codex: [
    { scope: 'project', path: '.codex/hooks.json' },
    { scope: 'project', path: '.codex/config.toml' },
    { scope: 'user', path: '.codex/hooks.json', homeVariable: 'CODEX_HOME', homePrefix: '.codex' },
    { scope: 'user', path: '.codex/config.toml', homeVariable: 'CODEX_HOME', homePrefix: '.codex' },
    { scope: 'managed', path: '/etc/codex', folder: true, platform: LINUX },
  ],
  copilot: [
    { scope: 'project', path: '.github/hooks', folder: true },
    { scope: 'user', path: '.copilot/hooks', folder: true, homeVariable: 'COPILOT_HOME', homePrefix: '.copilot' },
    { scope: 'user', path: '.copilot/config.json', homeVariable: 'COPILOT_HOME', homePrefix: '.copilot' },
  ],
};

/** One kind of tool an agent has, as its hook matcher sees it. */
export interface ToolGroup {
  /** What the tools do, in the words doctor uses. */
  kind: 'shell' | 'file writes' | 'MCP' | 'file reads';
  /** The hook event that fires for these tools. */
  event: string;
  /** Tool names (for MCP: a sample name the agent would use) that must reach the hook. */
  names: readonly string[];
  /** The matcher `hook install` writes for this group; undefined: the event has no matcher (all tools). */
  matcher?: string;
}

/** Tools that can change files, run code or read the approval key, per agent. */
export const HOOKED_TOOLS: Readonly<Record<string, readonly ToolGroup[]>> = {
  'claude-code': [
    { kind: 'shell', event: 'PreToolUse', names: ['Bash'], matcher: 'Bash' },
    { kind: 'file writes', event: 'PreToolUse', names: ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'], matcher: 'Write|Edit|MultiEdit|NotebookEdit' },
    { kind: 'MCP', event: 'PreToolUse', names: ['mcp__server__tool'], matcher: 'mcp__.*' },
    { kind: 'file reads', event: 'PreToolUse', names: ['Read', 'Grep'], matcher: 'Read|Grep' },
  ],
  cursor: [
    { kind: 'shell', event: 'beforeShellExecution', names: ['Shell'] },
    { kind: 'MCP', event: 'beforeMCPExecution', names: ['mcp'] },
    { kind: 'file writes', event: 'preToolUse', names: ['Write', 'StrReplace', 'Edit', 'MultiEdit', 'Delete', 'EditNotebook'], matcher: 'Write|StrReplace|Edit|MultiEdit|Delete|EditNotebook' },
    { kind: 'file reads', event: 'beforeReadFile', names: ['Read'] },
  ],
  gemini: [
    { kind: 'shell', event: 'BeforeTool', names: ['run_shell_command'], matcher: 'run_shell_command' },
    { kind: 'file writes', event: 'BeforeTool', names: ['write_file', 'replace'], matcher: 'write_file|replace' },
    { kind: 'MCP', event: 'BeforeTool', names: ['mcp_server_tool'], matcher: 'mcp_.*' },
    { kind: 'file reads', event: 'BeforeTool', names: ['read_file', 'read_many_files'], matcher: 'read_file|read_many_files' },
  ],
  kiro: [
    { kind: 'shell', event: 'preToolUse', names: ['execute_bash'], matcher: '*' },
    { kind: 'file writes', event: 'preToolUse', names: ['fs_write'], matcher: '*' },
    { kind: 'MCP', event: 'preToolUse', names: ['@server/tool'], matcher: '*' },
    { kind: 'file reads', event: 'preToolUse', names: ['fs_read'], matcher: '*' },
  ],
  codex: [
    { kind: 'shell', event: 'PreToolUse', names: ['Bash'], matcher: 'Bash' },
    { kind: 'file writes', event: 'PreToolUse', names: ['apply_patch'], matcher: 'apply_patch|Edit|Write' },
    { kind: 'MCP', event: 'PreToolUse', names: ['mcp__server__tool'], matcher: 'mcp__.*' },
  ],
  copilot: [
    { kind: 'shell', event: 'preToolUse', names: ['bash'] },
    { kind: 'file writes', event: 'preToolUse', names: ['edit', 'create'] },
    { kind: 'MCP', event: 'preToolUse', names: ['server-tool'] },
    { kind: 'file reads', event: 'preToolUse', names: ['view'] },
  ],
};

/** What an agent cannot put in front of its hook at all: doctor says so plainly. */
export const HOOK_LIMITS: Readonly<Record<string, readonly string[]>> = {
  'claude-code': ['in bypassPermissions mode an `ask` is approved without a person: Firebreak denies instead when the payload says so'],
  cursor: [
    'Tab completions (afterTabFileEdit) are reported after the edit: they cannot be stopped',
    '`ask` is not enforced on preToolUse (file edits): an escalated edit is denied instead',
  ],
  gemini: ['hooks receive no person-present signal: escalations are denied with the approve command'],
  kiro: ['Kiro IDE `runCommand` hooks receive no tool arguments: only the Kiro CLI hooks can gate a tool call'],
  codex: [
    'cannot ask a person: escalations are denied with the approve command',
    'has no file-read tool of its own (reads go through the shell, which is hooked)',
  ],
  copilot: ['the cloud coding agent reads hooks from the default branch only: a hook added on a branch does not run there'],
};

export interface Where {
  /** Repository root. */
  root: string;
  home: string;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: string;
}

/** Absolute paths of an agent's hook files (folders end without a slash), in table order. */
export function hookFilePaths(agent: string, where: Where, scopes?: readonly HookScope[]): { file: HookFile; path: string }[] {
  const platform = where.platform ?? process.platform;
  return (AGENT_HOOK_FILES[agent] ?? [])
    .filter((f) => (!scopes || scopes.includes(f.scope)) && (!f.platform || f.platform === platform))
    .map((file) => ({ file, path: absolute(file, where) }));
}

function absolute(file: HookFile, where: Where): string {
  const join = (a: string, b: string) => `${a.replace(/\/+$/, '')}/${b}`;
  switch (file.scope) {
    case 'project':
    case 'local':
      return join(where.root, file.path);
    case 'managed':
      return file.path;
    case 'user': {
      const moved = file.homeVariable ? where.env?.[file.homeVariable] : undefined;
      if (moved && file.homePrefix && file.path.startsWith(`${file.homePrefix}/`)) return join(moved, file.path.slice(file.homePrefix.length + 1));
      return join(where.home || '/', file.path);
    }
  }
}

/** Files an agent loads into its own environment at start, which its hooks inherit: a FIREBREAK_HOME
 *  or FIREBREAK_STATE_DIR set there moves the approval key or the approvals to where the agent wrote
 *  them. Gemini CLI reads `.gemini/.env` (project, then user). Paths as in AGENT_HOOK_FILES. */
export const AGENT_ENVIRONMENT_FILES: Readonly<Record<string, readonly HookFile[]>> = {
  gemini: [
    { scope: 'project', path: '.gemini/.env' },
    { scope: 'user', path: '.gemini/.env' },
  ],
};
