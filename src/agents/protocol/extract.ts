// Pulling shell commands out of tool arguments: the shell tool's own field, and command-like
// fields of other tools (an MCP server's `call_aws` carries `cli_command`).
import { PayloadError } from './types.js';

/** Argument names that carry a shell command. */
export const COMMAND_KEYS = /^(command|commands|cmd|cli_command|shell_command|script|bash)$/i;
const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh']);

/** A command given as a string, or as argv (Codex: ["bash", "-lc", "..."]). */
export function commandText(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.length && value.every((v) => typeof v === 'string')) {
    const argv = value as string[];
    const name = argv[0].split('/').pop() ?? '';
    if (SHELLS.has(name) && argv.length === 3 && /^-\w*c$/.test(argv[1])) return argv[2];
    return argv.map(shellQuote).join(' ');
  }
  throw new PayloadError(`${field} must be a string (the shell command), got ${describe(value)}`);
}

/** Command-like strings anywhere in a non-shell tool's arguments (depth-limited). */
export function commandsInArguments(value: unknown, depth = 0): string[] {
  if (depth > 4 || !value || typeof value !== 'object') return [];
  const found: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (COMMAND_KEYS.test(key)) {
      if (typeof v === 'string' && v.trim()) found.push(v);
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
        found.push(...(key.toLowerCase() === 'commands' ? (v as string[]) : [commandText(v, key)]));
      }
    } else if (typeof v === 'object') found.push(...commandsInArguments(v, depth + 1));
  }
  return found.filter((c) => c.trim());
}

/** Tool arguments that arrive as a JSON string (Copilot's toolArgs, Cursor's MCP tool_input). */
export function jsonArguments(value: unknown, field: string): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') throw new PayloadError(`${field} must be a JSON object or a JSON string, got ${describe(value)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    throw new PayloadError(`${field} is not valid JSON (${(error as Error).message})`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new PayloadError(`${field} must encode a JSON object`);
  return parsed as Record<string, unknown>;
}

export function optionalString(payload: Record<string, unknown>, key: string): string | undefined {
  const v = payload[key];
  return typeof v === 'string' && v ? v : undefined;
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
