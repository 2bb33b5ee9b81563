// The option files a variable set on the line points a tool at (knowledge/option-files.ts): a file
// that is there, or that the line writes first, is read by the tool; one that is not is not.
import { isAbsolute, join, resolve } from 'node:path';
import { NO_OPTION_FILE, VARIABLE_OPTION_FILES } from '../../knowledge/option-files.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, unknownCommand, type RecognisedCommand } from './command.js';
import { exists, readProjectFile, runDirectory } from './runners/project.js';

export interface ChosenOptionFile {
  variable: string;
  value: string;
  /** The file, or undefined when where it is cannot be told here. */
  path?: string;
}

/** Option files the line's variables make `tool` read (those that exist or are written, or cannot be told). */
export function optionFilesChosenByLine(rc: RecognisedCommand, tool: string): ChosenOptionFile[] {
  const table = Object.hasOwn(VARIABLE_OPTION_FILES, tool) ? VARIABLE_OPTION_FILES[tool] : undefined;
  if (!table) return [];
  const off = Object.hasOwn(NO_OPTION_FILE, tool) ? NO_OPTION_FILE[tool] : undefined;
  const args = rc.argv.slice(1);
  if (off?.first?.has(args[0] ?? '') || args.some((a) => off?.anywhere?.has(a))) return [];
  const out: ChosenOptionFile[] = [];
  for (const { variable, file } of table) {
    const value = rc.env[variable];
    if (value === undefined || value === '' || value === process.env[variable]) continue;
    const base = runDirectory(rc);
    const home = process.env.HOME;
    const folder = value.startsWith('~/') && home ? join(home, value.slice(2)) : value;
    if (/[$`~]/.test(folder) || (!isAbsolute(folder) && !base.ok)) { out.push({ variable, value }); continue; }
    const path = resolve(base.ok ? base.value : '/', folder, file);
    if (path === '/dev/null') continue;
    if (exists(rc, path)) out.push({ variable, value, path });
  }
  return out;
}

/** `RIPGREP_CONFIG_PATH=F rg ...`: the file's arguments, one a line, come before rg's own; a
 *  `--pre` among them runs its program on every file searched. */
export async function ripgrepConfig(rc: RecognisedCommand): Promise<PlannedAction[]> {
  if (rc.argv[0]?.split('/').pop() !== 'rg' || rc.argv.includes('--no-config')) return [];
  const out: PlannedAction[] = [];
  for (const chosen of optionFilesChosenByLine(rc, 'rg')) {
    const read = chosen.path ? readProjectFile(rc, chosen.path) : undefined;
    if (!read?.ok) { out.push(unknownCommand(rc, `${chosen.variable}=${chosen.value} gives rg more arguments from a file Firebreak cannot read${read ? ` (${read.why})` : ''}: a --pre program among them would run on every file`, chosen.variable)); continue; }
    const lines = read.value.text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    for (let i = 0; i < lines.length; i++) {
      const m = /^--pre(?:=(.*))?$/.exec(lines[i]);
      const program = m ? (m[1] ?? lines[++i]) : undefined;
      if (program) out.push(...(await rc.nested(program, { evidence: [commandEvidence(`${chosen.variable}=${chosen.value}: rg --pre runs this program on every file it searches`, chosen.variable)] })));
    }
  }
  return out;
}
