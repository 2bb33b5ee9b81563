// rsync and scp: copies are not deletes. A copy into the machine (or inside it) changes nothing
// remote; a copy onto another host is a remote write; `--delete`, `--remove-source-files` and their
// kin delete, judged on where the deleted files live (the workspace, scratch, or elsewhere).
import type { Evidence } from '../../../model.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand } from '../command.js';
import { parseOptions } from '../options.js';
import { analysePath } from '../paths.js';
import type { Word } from '../syntax.js';

export const TRANSFER_TOOLS: ReadonlySet<string> = new Set(['rsync', 'scp']);

const RSYNC_WITH_ARGUMENT = new Set(['-e', '--rsh', '--exclude', '--include', '-f', '--filter', '--exclude-from', '--include-from', '--files-from',
  '--rsync-path', '--log-file', '--password-file', '--port', '--chmod', '--chown', '--backup-dir', '--suffix', '--partial-dir', '-T', '--temp-dir',
  '--timeout', '--contimeout', '--bwlimit', '--max-size', '--min-size', '--compare-dest', '--copy-dest', '--link-dest', '-M', '--remote-option',
  '--out-format', '--info', '--debug', '--iconv', '--sockopts', '--protocol', '--checksum-choice', '--compress-choice', '--usermap', '--groupmap',
  '--max-delete', '--modify-window', '--block-size', '-B', '--skip-compress', '--outbuf', '--stop-after', '--stop-at', '--address']);
const SCP_WITH_ARGUMENT = new Set(['-P', '-i', '-o', '-F', '-c', '-l', '-S', '-J', '-D', '-X']);
const RSYNC_DELETES = /^--(delete|del|delete-before|delete-during|delete-delay|delete-after|delete-excluded|delete-missing-args)$/;

/** `host:path`, `user@host:path`, `rsync://host/...` (not `C:\`, not `./a:b`). */
function remote(arg: string): string | undefined {
  if (/^rsync:\/\//.test(arg)) return arg.replace(/^rsync:\/\/([^/]+).*$/, '$1');
  const m = /^([^/:]+):/.exec(arg);
  return m && m[1].length > 1 ? m[1].replace(/^[^@]*@/, '') : undefined;
}

export async function transfer(cmd: RecognisedCommand): Promise<PlannedAction[]> {
  const tool = toolName(cmd.argv[0]);
  const args = cmd.argv.slice(1);
  const p = parseOptions(args, { clusters: true, withArgument: tool === 'rsync' ? RSYNC_WITH_ARGUMENT : SCP_WITH_ARGUMENT });
  const names = [...p.values.keys()];
  if (names.includes('--help') || names.includes('--version')) return [];
  // What runs on this machine to connect, dry run or not: ssh's -o/-F settings, rsync's remote shell.
  const { remoteShellCommands, sshLocalCommands } = await import('../ssh-settings.js');
  const shells = tool === 'rsync' ? [...(p.values.get('-e') ?? []), ...(p.values.get('--rsh') ?? [])] : [];
  const rsh = shells.at(-1) ?? (tool === 'rsync' ? cmd.env.RSYNC_RSH : undefined);
  const connecting = tool === 'rsync'
    ? (rsh !== undefined ? await remoteShellCommands(cmd, rsh, shells.length ? '-e' : 'RSYNC_RSH') : [])
    : await sshLocalCommands(cmd, [...(p.values.get('-o') ?? []).flatMap((v) => ['-o', v]), ...(p.values.get('-F') ?? []).flatMap((v) => ['-F', v])], tool);
  if (tool === 'rsync' && (names.includes('-n') || names.includes('--dry-run') || names.includes('--list-only'))) return connecting;
  const operands = p.positionals;
  if (operands.length < 2) {
    return [...connecting, makeAction(cmd, { operation: 'unknown', verb: tool, tool, target: { type: 'local:command', id: tool }, scope: 'unknown', evidence: [commandEvidence(`${tool} without a source and a destination`)] })];
  }
  const destination = operands[operands.length - 1];
  const sources = operands.slice(0, -1);
  const deletes = tool === 'rsync' ? names.filter((n) => RSYNC_DELETES.test(n)) : [];
  const removesSources = tool === 'rsync' && names.includes('--remove-source-files');
  const actions: PlannedAction[] = [...connecting];
  const host = remote(destination);
  if (host) {
    const evidence: Evidence[] = [commandEvidence(`copies ${sources.join(' ')} onto ${host}`, 'destination', destination)];
    if (deletes.length) evidence.push(commandEvidence(`${deletes[0]} deletes files on ${host} that are not in the source`, deletes[0]));
    actions.push(makeAction(cmd, {
      operation: deletes.length ? 'delete' : 'update', verb: deletes.length ? `${tool} ${deletes[0]}` : tool, tool,
      target: { type: 'host:path', id: destination }, scope: deletes.length ? 'unknown' : 'resource', hints: { endpoint: host }, evidence,
    }));
  } else if (deletes.length) {
    actions.push(localDelete(cmd, tool, destination, `${deletes[0]} deletes files under ${destination} that are not in the source`, deletes[0]));
  }
  if (removesSources) {
    for (const source of sources) {
      const from = remote(source);
      if (from) {
        actions.push(makeAction(cmd, {
          operation: 'delete', verb: `${tool} --remove-source-files`, tool, target: { type: 'host:path', id: source }, scope: 'resource', hints: { endpoint: from },
          evidence: [commandEvidence(`--remove-source-files deletes the copied files from ${from}`, '--remove-source-files')],
        }));
      } else actions.push(localDelete(cmd, tool, source, `--remove-source-files deletes ${source} once copied`, '--remove-source-files'));
    }
  }
  return actions;
}

function localDelete(cmd: RecognisedCommand, tool: string, path: string, why: string, key: string): PlannedAction {
  const word: Word = cmd.words.find((w) => w.value === path) ?? { raw: path, value: path, dynamic: path.includes('$'), glob: false, substitutions: [] };
  const analysis = analysePath(word, cmd.env, cmd.cwd);
  return makeAction(cmd, {
    operation: 'delete', verb: `${tool} ${key}`, tool, target: { type: 'fs:path', id: path }, scope: 'resource',
    evidence: [commandEvidence(why, key), ...analysis.evidence],
    details: { withinWorkspace: analysis.withinWorkspace, ...(analysis.danger ? { danger: analysis.danger } : {}) },
  });
}
