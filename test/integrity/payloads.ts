// Each agent's real payload shapes for its non-shell tools: writing, editing and reading files,
// patches, MCP calls (../shared/notes/agent-hooks.md and each agent's hook documentation).
export type Agent = 'claude-code' | 'cursor' | 'gemini' | 'kiro' | 'codex' | 'copilot';

export interface ToolPayloads {
  write(path: string, content: string, cwd: string): unknown;
  edit(path: string, cwd: string): unknown;
  /** undefined: the agent has no file-read tool of its own (Codex reads through the shell). */
  read?(path: string, cwd: string): unknown;
  mcp(server: string, tool: string, args: Record<string, unknown>, cwd: string): unknown;
  delete?(path: string, cwd: string): unknown;
}

const claudeBase = (cwd: string) => ({ session_id: 'cc-1', transcript_path: '/tmp/t.jsonl', cwd, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_use_id: 'toolu_1' });
const geminiBase = (cwd: string) => ({ session_id: 'gem-1', transcript_path: '/tmp/chat.json', cwd, hook_event_name: 'BeforeTool', timestamp: '2026-11-21T10:00:00Z' });
const cursorBase = (cwd: string) => ({ conversation_id: 'cur-1', generation_id: 'gen-1', workspace_roots: [cwd], cwd });
const codexBase = (cwd: string) => ({ session_id: 'codex-1', transcript_path: null, cwd, hook_event_name: 'PreToolUse', model: 'gpt-5-codex' });

export const TOOL_PAYLOADS: Record<Agent, ToolPayloads> = {
  'claude-code': {
    write: (file_path, content, cwd) => ({ ...claudeBase(cwd), tool_name: 'Write', tool_input: { file_path, content } }),
    edit: (file_path, cwd) => ({ ...claudeBase(cwd), tool_name: 'Edit', tool_input: { file_path, old_string: 'a', new_string: 'b' } }),
    read: (file_path, cwd) => ({ ...claudeBase(cwd), tool_name: 'Read', tool_input: { file_path } }),
    mcp: (server, tool, args, cwd) => ({ ...claudeBase(cwd), tool_name: `mcp__${server}__${tool}`, tool_input: args }),
  },
  cursor: {
    write: (file_path, contents, cwd) => ({ ...cursorBase(cwd), hook_event_name: 'preToolUse', tool_name: 'Write', tool_input: { file_path, contents } }),
    edit: (file_path, cwd) => ({ ...cursorBase(cwd), hook_event_name: 'preToolUse', tool_name: 'StrReplace', tool_input: JSON.stringify({ file_path, old_string: 'a', new_string: 'b' }) }),
    read: (file_path, cwd) => ({ ...cursorBase(cwd), hook_event_name: 'beforeReadFile', file_path, content: '...' }),
    mcp: (server, tool, args, cwd) => ({ ...cursorBase(cwd), hook_event_name: 'beforeMCPExecution', tool_name: tool, tool_input: JSON.stringify(args), command: `npx ${server}-mcp` }),
    delete: (target_file, cwd) => ({ ...cursorBase(cwd), hook_event_name: 'preToolUse', tool_name: 'Delete', tool_input: { target_file } }),
  },
  gemini: {
    write: (file_path, content, cwd) => ({ ...geminiBase(cwd), tool_name: 'write_file', tool_input: { file_path, content } }),
    edit: (file_path, cwd) => ({ ...geminiBase(cwd), tool_name: 'replace', tool_input: { file_path, old_string: 'a', new_string: 'b' } }),
    read: (absolute_path, cwd) => ({ ...geminiBase(cwd), tool_name: 'read_file', tool_input: { absolute_path } }),
    mcp: (server, tool, args, cwd) => ({ ...geminiBase(cwd), tool_name: `mcp_${server}_${tool}`, tool_input: args, mcp_context: { server_name: server } }),
  },
  kiro: {
    write: (path, file_text, cwd) => ({ hook_event_name: 'preToolUse', cwd, tool_name: 'fs_write', tool_input: { command: 'create', path, file_text } }),
    edit: (path, cwd) => ({ hook_event_name: 'preToolUse', cwd, tool_name: 'fs_write', tool_input: { command: 'str_replace', path, old_str: 'a', new_str: 'b' } }),
    read: (path, cwd) => ({ hook_event_name: 'preToolUse', cwd, tool_name: 'fs_read', tool_input: { operations: [{ mode: 'Line', path }] } }),
    mcp: (server, tool, args, cwd) => ({ hook_event_name: 'preToolUse', cwd, tool_name: `@${server}/${tool}`, tool_input: args }),
  },
  codex: {
    write: (path, content, cwd) => ({ ...codexBase(cwd), tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Add File: ${path}\n${content.split('\n').map((l) => `+${l}`).join('\n')}\n*** End Patch\n` } }),
    edit: (path, cwd) => ({ ...codexBase(cwd), tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Update File: ${path}\n@@\n-a\n+b\n*** End Patch\n` } }),
    mcp: (server, tool, args, cwd) => ({ ...codexBase(cwd), tool_name: `mcp__${server}__${tool}`, tool_input: args }),
    delete: (path, cwd) => ({ ...codexBase(cwd), tool_name: 'apply_patch', tool_input: { command: `*** Begin Patch\n*** Delete File: ${path}\n*** End Patch\n` } }),
  },
  copilot: {
    write: (path, file_text, cwd) => ({ timestamp: 1, cwd, toolName: 'create', toolArgs: JSON.stringify({ path, file_text }) }),
    edit: (path, cwd) => ({ timestamp: 1, cwd, toolName: 'edit', toolArgs: JSON.stringify({ path, old_str: 'a', new_str: 'b' }) }),
    read: (path, cwd) => ({ timestamp: 1, cwd, toolName: 'view', toolArgs: JSON.stringify({ path }) }),
    mcp: (server, tool, args, cwd) => ({ timestamp: 1, cwd, toolName: `${server}-${tool}`, toolArgs: JSON.stringify(args) }),
  },
};
