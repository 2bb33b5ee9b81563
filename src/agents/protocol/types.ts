// What every agent adapter turns its payload into, and what it turns a decision back into.
import type { HookAnswer } from '../audit/entry.js';
import type { McpCall, ToolFile } from './tools.js';

export const AGENTS = ['claude-code', 'cursor', 'gemini', 'kiro', 'codex', 'copilot'] as const;
export type AgentName = (typeof AGENTS)[number];

export function isAgentName(name: string): name is AgentName {
  return (AGENTS as readonly string[]).includes(name);
}

/** One tool call, as the agent described it. */
export interface HookCall {
  agent: AgentName;
  event?: string;
  /** The agent's tool name (Bash, run_shell_command, mcp__aws__call_aws, ...). */
  tool: string;
  /** Shell commands the call would run (empty: nothing for Firebreak to judge). */
  commands: string[];
  cwd: string;
  sessionId?: string;
  /** The agent can ask a person for this event. */
  askSupported: boolean;
  /** What the payload says about a person being there (false in bypass / don't-ask modes). */
  humanPresent: boolean;
  /** Permission mode as reported, for the audit log. */
  mode?: string;
  /** Files a file tool (Write, Edit, apply_patch, fs_write, ...) would write, delete or read. */
  files?: ToolFile[];
  /** An MCP tool call: judged by its name and arguments. */
  mcp?: McpCall;
  /** A non-shell tool's input as given: an approval binds to exactly this. */
  toolInput?: unknown;
  /** The agent's own words about why it runs this (e.g. Claude's Bash `description`); unverified. */
  statedReason?: string;
}

export interface HookReply {
  answer: HookAnswer;
  /** Shown to the person (where the agent separates the two) and to the model. */
  message: string;
}

export interface Rendered {
  stdout: string;
  stderr: string;
  /** Never 1: most agents treat 1 as "hook failed, carry on". 2 blocks everywhere it exists. */
  exitCode: 0 | 2;
}

export class PayloadError extends Error {}

export interface AgentAdapter {
  name: AgentName;
  /** The agent's own default hook timeout (ms) and the deadline we keep below it. */
  agentTimeoutMs: number;
  deadlineMs: number;
  read(payload: Record<string, unknown>, env: NodeJS.ProcessEnv): HookCall;
  render(reply: HookReply, call?: HookCall): Rendered;
}
