// Every tool that can change files or run code, per agent, as data: shell tools give commands,
// file tools give the files they write (or read), apply_patch gives every file the patch touches,
// MCP tools give their server, name and arguments. Names: knowledge/agent-hook-files.ts and the
// agents' documentation (../shared/notes/agent-hooks.md).
import type { AgentName } from './types.js';
import { commandText, commandsInArguments } from './extract.js';

export type ToolKind = 'shell' | 'file-write' | 'file-edit' | 'file-delete' | 'file-read' | 'patch' | 'aws' | 'stdin' | 'builtin';

/** Built-in tools by name; anything else is an MCP tool (or a tool this table does not know yet). */
export const TOOL_KINDS: Readonly<Record<AgentName, Readonly<Record<string, ToolKind>>>> = {
  'claude-code': {
    Bash: 'shell', Write: 'file-write', Edit: 'file-edit', MultiEdit: 'file-edit', NotebookEdit: 'file-edit', Read: 'file-read', Grep: 'file-read',
    Glob: 'builtin', LS: 'builtin', WebFetch: 'builtin', WebSearch: 'builtin', Task: 'builtin', TodoWrite: 'builtin', ExitPlanMode: 'builtin',
    BashOutput: 'builtin', KillShell: 'builtin', KillBash: 'builtin', NotebookRead: 'file-read',
  },
  gemini: {
    run_shell_command: 'shell', write_file: 'file-write', replace: 'file-edit', edit: 'file-edit', read_file: 'file-read', read_many_files: 'file-read',
    list_directory: 'builtin', glob: 'builtin', search_file_content: 'file-read', grep_search: 'file-read', web_fetch: 'builtin', google_web_search: 'builtin',
    save_memory: 'builtin', write_todos: 'builtin',
  },
  cursor: {
    Shell: 'shell', Write: 'file-write', StrReplace: 'file-edit', Edit: 'file-edit', MultiEdit: 'file-edit', EditNotebook: 'file-edit', Delete: 'file-delete',
    Read: 'file-read', TabWrite: 'file-edit', Grep: 'file-read', Glob: 'builtin', LS: 'builtin', WebSearch: 'builtin', WebFetch: 'builtin', Task: 'builtin',
  },
  codex: {
    Bash: 'shell', shell: 'shell', local_shell: 'shell', exec_command: 'shell', unified_exec: 'shell', apply_patch: 'patch', Edit: 'file-edit', Write: 'file-write',
    write_stdin: 'stdin', update_plan: 'builtin', view_image: 'builtin', web_search: 'builtin',
  },
  copilot: {
    bash: 'shell', shell: 'shell', powershell: 'shell', write_bash: 'stdin', write_powershell: 'stdin', edit: 'file-edit', create: 'file-write',
    str_replace_editor: 'file-edit', apply_patch: 'patch', view: 'file-read', read_bash: 'builtin', read_powershell: 'builtin', bash_shutdown: 'builtin',
    list_bash: 'builtin', list_powershell: 'builtin', stop_bash: 'builtin', glob: 'builtin', rg: 'file-read', grep: 'file-read', web_fetch: 'builtin',
    report_intent: 'builtin', think: 'builtin', task: 'builtin', update_todo: 'builtin', store_memory: 'builtin', ask_user: 'builtin', task_complete: 'builtin',
    fetch_copilot_cli_documentation: 'builtin',
  },
  kiro: {
    execute_bash: 'shell', execute_cmd: 'shell', shell: 'shell', fs_write: 'file-write', fs_read: 'file-read', use_aws: 'aws', introspect: 'builtin',
    report_issue: 'builtin', knowledge: 'builtin', thinking: 'builtin', todo_list: 'builtin', delegate: 'builtin', use_subagent: 'builtin',
    glob: 'builtin', grep: 'file-read', web_search: 'builtin', web_fetch: 'builtin', dummy: 'builtin',
  },
};

export interface ToolFile {
  /** As given by the agent: absolute, or relative to the call's cwd. */
  path: string;
  access: 'write' | 'edit' | 'delete' | 'read';
}

export interface McpCall {
  server?: string;
  tool: string;
  arguments: Record<string, unknown>;
}

export interface ToolUse {
  commands: string[];
  files: ToolFile[];
  mcp?: McpCall;
}

const PATH_KEYS = ['file_path', 'absolute_path', 'path', 'notebook_path', 'filePath', 'target_file', 'targetFile', 'filename', 'file'];

/** What one tool call would do, from its name and arguments. */
export function interpretTool(agent: AgentName, tool: string, args: Record<string, unknown>, hint?: { mcpServer?: string; forceMcp?: boolean }): ToolUse {
  const kind = hint?.forceMcp ? undefined : TOOL_KINDS[agent][tool];
  switch (kind) {
    case 'shell':
      return { commands: [], files: [] }; // the adapter reads the command field itself (required)
    case 'file-write':
    case 'file-edit':
    case 'file-delete':
    case 'file-read': {
      const access = kind === 'file-read' ? 'read' : kind === 'file-delete' ? 'delete' : kind === 'file-edit' ? 'edit' : 'write';
      const sub = typeof args.command === 'string' ? args.command : undefined;
      // Kiro fs_write and Copilot str_replace_editor carry the operation in `command`.
      const effective = sub === 'view' ? 'read' : sub && sub !== 'create' && access === 'write' ? 'edit' : access;
      return { commands: [], files: pathsIn(args).map((path) => ({ path, access: effective })) };
    }
    case 'patch':
      return { commands: [], files: patchFiles(args) };
    case 'aws':
      return { commands: awsCommand(args), files: [] };
    case 'stdin':
      return { commands: typedCommands(args), files: [] };
    case 'builtin':
      return { commands: commandsInArguments(args), files: [] };
    default: {
      const { server, name } = mcpName(agent, tool, hint?.mcpServer);
      return { commands: commandsInArguments(args), files: [], mcp: { ...(server ? { server } : {}), tool: name, arguments: args } };
    }
  }
}

function pathsIn(args: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of PATH_KEYS) if (typeof args[key] === 'string' && args[key]) out.push(args[key] as string);
  if (Array.isArray(args.paths)) out.push(...args.paths.filter((p): p is string => typeof p === 'string'));
  if (Array.isArray(args.operations)) {
    for (const op of args.operations) if (op && typeof op === 'object' && typeof (op as Record<string, unknown>).path === 'string') out.push((op as Record<string, string>).path);
  }
  return [...new Set(out)];
}

/** Every file an apply_patch patch touches: `*** Add/Update/Delete File:`, `*** Move to:`, or unified diff headers. */
export function patchFiles(args: Record<string, unknown>): ToolFile[] {
  const texts = Object.values(args).flatMap((v) => (typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []));
  const files: ToolFile[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(/^\*\*\* (Add|Update|Delete) File: (.+?)\s*$/gm)) files.push({ path: m[2], access: m[1] === 'Delete' ? 'delete' : m[1] === 'Add' ? 'write' : 'edit' });
    for (const m of text.matchAll(/^\*\*\* Move to: (.+?)\s*$/gm)) files.push({ path: m[1], access: 'write' });
    for (const m of text.matchAll(/^\+\+\+ (?:b\/)?(.+?)\s*$/gm)) if (m[1] !== '/dev/null') files.push({ path: m[1], access: 'edit' });
    for (const m of text.matchAll(/^--- (?:a\/)?(.+?)\s*$/gm)) if (m[1] !== '/dev/null' && /^\+\+\+ \/dev\/null/m.test(text)) files.push({ path: m[1], access: 'delete' });
  }
  return files;
}

/** Kiro's use_aws: the same call as the AWS CLI would make. */
function awsCommand(args: Record<string, unknown>): string[] {
  const service = typeof args.service_name === 'string' ? args.service_name : undefined;
  const operation = typeof args.operation_name === 'string' ? args.operation_name : undefined;
  if (!service || !operation) return ['aws (use_aws without a service or operation)'];
  const parts = ['aws', service, operation.replace(/_/g, '-')];
  if (typeof args.profile_name === 'string') parts.push('--profile', args.profile_name);
  if (typeof args.region === 'string') parts.push('--region', args.region);
  const params = args.parameters && typeof args.parameters === 'object' ? (args.parameters as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(params)) {
    const flag = `--${k.replace(/^--/, '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/_/g, '-').toLowerCase()}`;
    parts.push(flag, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return [parts.map((p) => (/^[A-Za-z0-9_./:=@%+,-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`)).join(' ')];
}

/** Keys typed into a running shell (Copilot write_bash, Codex write_stdin): short answers are not commands. */
function typedCommands(args: Record<string, unknown>): string[] {
  const text = [args.input, args.chars, args.text, args.keys].find((v) => typeof v === 'string') as string | undefined;
  if (!text) return [];
  const answer = text.replace(/\\[nr]|[\r\n]|\{enter\}|\{ctrl\+[a-z]\}/gi, '').trim();
  if (/^(y|n|yes|no|q|quit|exit|\d{1,3}|)$/i.test(answer)) return [];
  return [text.replace(/\{enter\}/gi, '\n')];
}

/** `mcp__aws__call_aws` (Claude, Codex), `mcp_aws_call_aws` (Gemini), `MCP:tool` (Cursor), `@aws/call` (Kiro). */
export function mcpName(agent: AgentName, tool: string, server?: string): { server?: string; name: string } {
  const double = /^mcp__(.+?)__(.+)$/.exec(tool);
  if (double) return { server: double[1], name: double[2] };
  const kiro = /^@([^/]+)\/(.+)$/.exec(tool);
  if (kiro) return { server: kiro[1], name: kiro[2] };
  const cursor = /^MCP:(.+)$/.exec(tool);
  if (cursor) return { ...(server ? { server } : {}), name: cursor[1] };
  if (agent === 'gemini' && tool.startsWith('mcp_')) {
    const rest = tool.slice(4);
    return server && rest.startsWith(`${server}_`) ? { server, name: rest.slice(server.length + 1) } : { ...(server ? { server } : {}), name: rest };
  }
  // Copilot names MCP tools `<server>-<tool>`.
  const dashed = agent === 'copilot' && !server ? /^([^_-]+)-(.+)$/.exec(tool) : null;
  if (dashed) return { server: dashed[1], name: dashed[2] };
  return { ...(server ? { server } : {}), name: tool };
}

export { commandText };
