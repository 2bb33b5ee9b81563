// Signals to processes. Stopping the processes a command or the agent started (`kill %1`,
// `kill $PID`, `pkill -f vite`, `killall node`) is local work. Two kinds are not:
// - every process at once (`kill -9 -1`, `kill 1`, `killall5`, `pkill -u me`, a pattern that
//   matches any name): the other programs on the machine lose their state, and as root the
//   machine goes down. Judged as deleting the machine's running processes.
// - Firebreak's own processes (a name, pattern or pid lookup that names firebreak: its team
//   server, MCP server or a hook still running): the guard switched off, as a guard file change.
// The agent stopping itself (`kill $PPID`) fails safe: nothing runs after it.
import type { PlannedAction } from '../../types.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand, type Recogniser } from '../command.js';

export const GUARD_PROCESS_TYPE = 'firebreak:guard-process';

/** Command lines of Firebreak's processes, to test a pkill pattern against. */
const FIREBREAK_PROCESSES = ['firebreak', 'node /usr/lib/node_modules/firebreak/bin/firebreak.js server', 'firebreak hook --agent claude-code', 'firebreak mcp',
  // The resident judge (agents/resident): `pkill -f 'hook --serve'` stops it without naming firebreak.
  'node /usr/lib/node_modules/firebreak/bin/firebreak.js hook --serve /home/user/.config/firebreak/resident/judge.sock'];
/** Processes every machine runs: a pattern matching all of them matches everything. */
const EVERY_MACHINE = ['systemd', 'sshd', 'init', 'bash'];

const KILL_VALUED = /^(-s|-n|--signal)$/;
const PKILL_VALUED = /^(-[sgGPtuUF]|--signal|--session|--pgroup|--group|--parent|--terminal|--euid|--uid|--pidfile|--ns|--nslist)$/;
const KILLALL_VALUED = /^(-s|--signal|-u|--user|-o|--older-than|-y|--younger-than|-n|--ns|-Z|--context)$/;

export const signals: Recogniser = (rc) => {
  const tool = toolName(rc.argv[0] ?? '');
  const args = rc.argv.slice(1);
  if (args.some((a) => /^(-l|-L|--list|--table|-h|--help|-V|--version)$/.test(a))) return [];
  if (tool === 'killall5') return [everyProcess(rc, tool, 'killall5 signals every process but its own session')];
  if (tool === 'kill') return kill(rc, args);
  return byName(rc, tool, args);
};

function kill(rc: RecognisedCommand, args: string[]): PlannedAction[] {
  const targets: string[] = [];
  let signalSeen = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { targets.push(...args.slice(i + 1)); break; }
    if (KILL_VALUED.test(a)) { i++; signalSeen = true; continue; }
    // The first `-WORD` is the signal (`kill -9 -1`); after it, `-N` is a process group.
    if (a.startsWith('-') && !signalSeen && a !== '-1') { signalSeen = true; continue; }
    if (a === '-1' && !signalSeen && args.length === 1) return []; // `kill -1` alone: signal 1, no process
    targets.push(a);
  }
  const out: PlannedAction[] = [];
  if (targets.includes('-1')) out.push(everyProcess(rc, 'kill', 'pid -1 is every process the user may signal'));
  else if (targets.includes('1')) out.push(everyProcess(rc, 'kill', 'pid 1 is init: the machine stops with it'));
  // `pgrep firebreak | xargs kill`: the pids come from a lookup the pipe shows.
  const producer = rc.argsFromStdin && rc.stdin.kind === 'opaque' ? ` ${rc.stdin.producer ?? ''}` : '';
  const raw = rc.words.slice(1).map((w) => w.raw).join(' ') + producer;
  if (/firebreak/i.test(raw)) out.push(guardProcess(rc, 'kill', `the processes are looked up by a name that is Firebreak's (${raw.slice(0, 120)})`));
  return out;
}

function byName(rc: RecognisedCommand, tool: string, args: string[]): PlannedAction[] {
  const valued = tool === 'killall' ? KILLALL_VALUED : PKILL_VALUED;
  const names: string[] = [];
  let user = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (valued.test(a)) { if (/^(-u|-U|--user|--uid|--euid)$/.test(a)) user = true; i++; continue; }
    if (a.startsWith('-')) continue;
    names.push(a);
  }
  const regex = tool === 'pkill' || args.some((a) => a === '-r' || a === '--regexp');
  const matches = (name: string, line: string) => {
    if (!regex) return line.split(/\s+/).some((w) => w.split('/').pop() === name);
    try {
      return new RegExp(name, args.includes('-i') || args.includes('--ignore-case') ? 'i' : '').test(line);
    } catch {
      return true; // a pattern Firebreak cannot read may match anything
    }
  };
  const out: PlannedAction[] = [];
  if ((user && !names.length) || names.some((n) => EVERY_MACHINE.every((p) => matches(n, p)))) {
    out.push(everyProcess(rc, tool, user && !names.length ? `${tool} -u with no name signals every process of that user` : `the pattern ${names.join(' ')} matches every process`));
  }
  // A name that is Firebreak's, or a pattern that matches its command lines (`pkill -f fire`).
  // `killall node` also stops a team server that runs under node; without it the hook denies, so
  // that stays local work.
  const wholeLine = tool === 'pkill' && args.some((a) => a === '-f' || a === '--full');
  const guard = names.find((n) => /firebreak/i.test(n) || (regex && FIREBREAK_PROCESSES.some((p) => /firebreak/.test(p) && matches(n, wholeLine ? p : 'firebreak') && !matches(n, 'node'))));
  if (guard) out.push(guardProcess(rc, tool, `${guard} names Firebreak's own processes`));
  return out;
}

function everyProcess(rc: RecognisedCommand, tool: string, why: string): PlannedAction {
  return makeAction(rc, {
    operation: 'delete',
    verb: 'signal every process',
    tool,
    target: { type: 'local:processes', id: 'every process on the machine' },
    scope: 'resource',
    evidence: [commandEvidence(`${why}: other programs lose their running state, and run as root it takes the machine down`)],
  });
}

function guardProcess(rc: RecognisedCommand, tool: string, why: string): PlannedAction {
  return makeAction(rc, {
    operation: 'permissions',
    verb: 'stop Firebreak',
    tool,
    target: { type: GUARD_PROCESS_TYPE, id: 'firebreak processes' },
    scope: 'resource',
    evidence: [commandEvidence(`${why}: an agent stopping its guard could switch it off`)],
  });
}
