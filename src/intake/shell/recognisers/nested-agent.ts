// Another coding agent started by the agent (`claude -p ...`, `gemini --yolo`): what it will do is
// decided by a prompt, not a command. Left to its own permission checks it passes (it asks, or the
// same hooks guard it); with those checks switched off, it is unknown.
import { AGENT_HOOK_FILES } from '../../../knowledge/agent-hook-files.js';
import { BYPASS_VALUES, NESTED_AGENTS } from '../../../knowledge/guard-files.js';
import { GUARD_VARIABLE } from '../../../knowledge/guard-variables.js';
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
  // Its hooks inherit its environment: `FIREBREAK_HOME=/tmp/x claude` moves the approval key to one
  // the agent wrote, `PATH=/tmp/evil:$PATH codex` makes its hook run another `firebreak`.
  for (const [variable, value] of Object.entries(cmd.env)) {
    if (value === undefined || value === process.env[variable] || movers.has(variable) || !GUARD_VARIABLE.test(variable)) continue;
    if (variable === 'PATH' && appendsOnly(value)) continue;
    // The resident judge off: the hook judges in its own process, the guard's fallback for every failure.
    if (variable === 'FIREBREAK_RESIDENT' && value === '0') continue;
    return [unknownCommand(cmd, `${variable}=${value.slice(0, 80)} ${name} starts another agent whose hooks inherit that variable: it changes which Firebreak runs or what it reads (its approval key, state, settings), so what the agent does may be judged by another guard or none`, variable)];
  }
  const settings = otherSettings(name, args);
  if (settings) return [unknownCommand(cmd, `${name} ${settings} starts another agent with settings the command gives it, which can switch its hooks or permission checks off: what it does is neither judged nor asked about`, settings.split(' ')[0])];
  for (const [i, a] of args.entries()) {
    if (!spec.bypass.test(a)) continue;
    // An option that takes a mode bypasses only with that mode (`--permission-mode plan` does not).
    const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : /^--(permission-mode|approval-mode|sandbox)$|^-s$/.test(a) ? args[i + 1] : undefined;
    if (/^--(permission-mode|approval-mode|sandbox)|^-s$/.test(a) && !BYPASS_VALUES.has(value ?? '')) continue;
    return [unknownCommand(cmd, `${name} ${a}${value && !a.includes('=') ? ` ${value}` : ''} runs another agent with its permission checks off: what it does follows from a prompt, and nobody is asked`, a)];
  }
  return [];
};

/** `PATH=$PATH:/opt/x`: folders after the inherited ones find a `firebreak` only where none was before. */
function appendsOnly(value: string): boolean {
  const inherited = process.env.PATH;
  return /^(\$PATH|\$\{PATH\}|"\$PATH"|"\$\{PATH\}")(:|$)/.test(value) || (!!inherited && (value === inherited || value.startsWith(`${inherited}:`)));
}

/** Codex settings that decide whether it asks, what its sandbox allows, and what it runs by itself. */
const CODEX_GUARDING_KEYS = /^(approval_policy|ask_for_approval|sandbox_mode|sandbox_workspace_write|sandbox|hooks?|notify|shell_environment_policy|mcp_servers|features|profiles?)\b/;

/** `claude --settings '{"disableAllHooks":true}'`, `claude --setting-sources project` (the user's hooks not
 *  loaded), `codex -c approval_policy=never`: settings given on the command line in place of the guarded files. */
function otherSettings(name: string, args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const [option, attached] = args[i].includes('=') && args[i].startsWith('--') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    const value = attached ?? args[i + 1] ?? '';
    if (name === 'claude' && option === '--settings') return `--settings ${value}`.slice(0, 120);
    // Only some sources: a hook installed in the others (the user's, the project's) is not loaded.
    if (name === 'claude' && option === '--setting-sources' && !['user', 'project', 'local'].every((s) => value.split(',').map((v) => v.trim()).includes(s))) return `--setting-sources ${value}`;
    if (name === 'codex' && (option === '-c' || option === '--config') && CODEX_GUARDING_KEYS.test(value)) return `${option} ${value}`.slice(0, 120);
  }
  return undefined;
}
