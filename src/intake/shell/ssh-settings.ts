// Commands ssh runs on this machine, whatever it runs on the remote host: `-o ProxyCommand=...` (it
// makes the connection), `-o LocalCommand=...`, `-o KnownHostsCommand=...`, and a config file named
// with `-F`, which can hold any of them (or `Match exec`). scp and sftp take the same options; rsync
// runs its `-e`/`--rsh` (or RSYNC_RSH) program as the remote shell. Each command is judged as shell
// text; a config file that cannot be read, or that sets one of them, is unknown.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PlannedAction } from '../types.js';
import { SSH_LOCAL_COMMAND_SETTINGS } from '../../knowledge/shell-commands.js';
import { commandEvidence, toolName, unknownCommand, type RecognisedCommand } from './command.js';
import { parseShell } from './parser.js';

const CONFIG_RUNS = /^\s*(ProxyCommand|LocalCommand|KnownHostsCommand)\b\s*=?\s*(?!none\s*$)\S|^\s*Match\b.*\bexec\b/im;

/** The local commands of ssh options in `args` (`-o K=V`, `-oK=V`, `-o 'K V'`, `-F file`). */
export async function sshLocalCommands(rc: RecognisedCommand, args: readonly string[], program: string): Promise<PlannedAction[]> {
  const out: PlannedAction[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    const setting = a === '-o' ? args[++i] : /^-o./.test(a) ? a.slice(2) : undefined;
    const config = a === '-F' ? args[++i] : /^-F./.test(a) ? a.slice(2) : undefined;
    if (setting !== undefined) {
      const m = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/s.exec(setting);
      if (!m || !SSH_LOCAL_COMMAND_SETTINGS.has(m[1].toLowerCase()) || /^none$/i.test(m[2].trim())) continue;
      out.push(...(await rc.nested(m[2], { evidence: [commandEvidence(`${program} -o ${m[1]}: ssh runs this command on this machine`, m[1])] })));
    }
    if (config !== undefined && config !== '/dev/null' && config !== 'none') out.push(...configCommands(rc, config, program));
  }
  return out;
}

function configCommands(rc: RecognisedCommand, file: string, program: string): PlannedAction[] {
  let text = rc.files.get(file);
  if (text === undefined) {
    try { text = readFileSync(resolve(rc.workspace ?? process.cwd(), rc.cwd ?? '.', file), 'utf8'); } catch { text = undefined; }
  }
  if (text === undefined) return [unknownCommand(rc, `${program} -F ${file} reads ssh settings from a file Firebreak cannot read: ProxyCommand or LocalCommand there run commands on this machine`, '-F')];
  const m = CONFIG_RUNS.exec(text);
  if (!m) return [];
  const line = text.slice(0, m.index).split('\n').length + (text[m.index] === '\n' ? 1 : 0);
  return [unknownCommand(rc, `${file}:${line} (${program} -F) makes ssh run a command on this machine (${m[0].trim().split(/\s/)[0]}): not judged here`, '-F')];
}

/** rsync's remote shell (`-e CMD`, `--rsh=CMD`, RSYNC_RSH): ssh with its options judged as above; any other program unknown. */
export async function remoteShellCommands(rc: RecognisedCommand, value: string, where: string): Promise<PlannedAction[]> {
  let words: string[] | undefined;
  try {
    const parsed = parseShell(value);
    if (parsed.length === 1 && parsed[0].kind === 'simple' && !parsed[0].redirects.length && !parsed[0].words.some((w) => w.dynamic || w.substitutions.length)) words = parsed[0].words.map((w) => w.value);
  } catch { words = undefined; }
  const name = words?.length ? toolName(words[0]) : '';
  if (words && (name === 'ssh' || name === 'rsh') && (!words[0].includes('/') || /^\/(usr\/)?(local\/)?bin\//.test(words[0]))) return sshLocalCommands(rc, words.slice(1), `rsync ${where}`);
  return [unknownCommand(rc, `rsync ${where} runs \`${value}\` as its remote shell, on this machine: ${words ? `${name || 'it'} is not ssh` : 'the command is not plain words'}`, where)];
}
