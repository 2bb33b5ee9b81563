// Another coding agent started by the agent (`claude -p ...`, `gemini --yolo`): what it will do is
// decided by a prompt, not a command. Left to its own permission checks it passes (it asks, or the
// same hooks guard it); with those checks switched off, it is unknown.
import { AGENT_HOOK_FILES } from '../../../knowledge/agent-hook-files.js';
import { BYPASS_VALUES, NESTED_AGENTS } from '../../../knowledge/guard-files.js';
import { toolName, unknownCommand, type Recogniser } from '../command.js';

export const nestedAgent: Recogniser = async (cmd) => {
  const name = toolName(cmd.argv[0] ?? '');
  const spec = NESTED_AGENTS[name];
  if (!spec) return [];
  const args = cmd.argv.slice(1);
  const sub = args.find((a) => !a.startsWith('-'));
  if (sub && spec.namesake?.has(sub)) return (await import('./cloud-cli.js')).cloudCli(cmd);
  if (sub && spec.settings?.has(sub) && args.some((a) => /^(set|add|remove|rm|unset)$/.test(a))) {
    return [unknownCommand(cmd, `\`${name} ${sub}\` changes ${name}'s settings, which hold its permissions and hooks`, sub)];
  }
  // Its user folder moved (`HOME=/tmp/x claude -p`): the hooks installed at user scope are not loaded.
  const agent = name === 'claude' ? 'claude-code' : name === 'cursor-agent' ? 'cursor' : name === 'kiro-cli' ? 'kiro' : name;
  const movers = new Set(['HOME', 'XDG_CONFIG_HOME', ...(AGENT_HOOK_FILES[agent] ?? []).flatMap((f) => (f.homeVariable ? [f.homeVariable] : []))]);
  for (const variable of movers) {
    const value = cmd.env[variable];
    if (value === undefined || value === process.env[variable]) continue;
    return [unknownCommand(cmd, `${variable}=${value} ${name} starts another agent with its user folder moved: the hooks and permission settings installed for the user are not loaded, so what it does is neither judged nor asked about`, variable)];
  }
  for (const [i, a] of args.entries()) {
    if (!spec.bypass.test(a)) continue;
    // An option that takes a mode bypasses only with that mode (`--permission-mode plan` does not).
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : /^--(permission-mode|approval-mode|sandbox)$|^-s$/.test(a) ? args[i + 1] : undefined;
    if (/^--(permission-mode|approval-mode|sandbox)|^-s$/.test(a) && !BYPASS_VALUES.has(value ?? '')) continue;
    return [unknownCommand(cmd, `${name} ${a}${value && !a.includes('=') ? ` ${value}` : ''} runs another agent with its permission checks off: what it does follows from a prompt, and nobody is asked`, a)];
  }
  return [];
};
