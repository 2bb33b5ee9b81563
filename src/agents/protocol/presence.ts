// Is a person there to answer an `ask`? Anything that says "unattended" wins.
const TRUTHY = /^(1|true|yes)$/i;

export function unattendedByEnvironment(env: NodeJS.ProcessEnv): boolean {
  return TRUTHY.test(env.CI ?? '') || TRUTHY.test(env.GITHUB_ACTIONS ?? '') || TRUTHY.test(env.FIREBREAK_UNATTENDED ?? '');
}

/**
 * Variables agents set in the environment of the commands their tools run (Claude Code:
 * CLAUDECODE=1; Gemini CLI: GEMINI_CLI=1; Codex: CODEX_SANDBOX*). `firebreak approve` refuses to
 * run with them: a decision on an escalation is a person's, in their own terminal. The hook
 * denies the command first; this catches a route the hook did not see.
 */
const AGENT_TOOL_MARKERS = ['CLAUDECODE', 'CLAUDE_CODE_ENTRYPOINT', 'GEMINI_CLI', 'CODEX_SANDBOX', 'CODEX_SANDBOX_NETWORK_DISABLED', 'CURSOR_AGENT', 'COPILOT_AGENT_SESSION_ID', 'KIRO_AGENT'];

export function agentToolMarker(env: NodeJS.ProcessEnv): string | undefined {
  return AGENT_TOOL_MARKERS.find((name) => env[name] !== undefined && env[name] !== '');
}
