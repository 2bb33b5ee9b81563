// commander wiring for the agent layer: hook, hook install, approvals, audit, doctor, mcp.
import { join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { InputError } from '../errors.js';
import { AGENTS } from '../agents/protocol/types.js';


async function approvalStore(cwd: string, options: { createKey: boolean } = { createKey: false }) {
  const { ApprovalStore } = await import('../agents/approvals/store.js');
  const { LocalKeySeal, approvalKeyFile } = await import('../agents/approvals/seal.js');
  const { loadSettings } = await import('../agents/settings.js');
  const { stateDir, repositoryRoot } = await import('../agents/state-dir.js');
  const { USER_FILES, userDir } = await import('../config/file-names.js');
  const state = stateDir(cwd);
  const settings = loadSettings(state);
  const seal = await LocalKeySeal.load(approvalKeyFile(), { create: options.createKey });
  const store = new ApprovalStore(settings.approvalsDir ? resolve(repositoryRoot(cwd), settings.approvalsDir) : join(state, 'approvals'), {
    ...(seal ? { seal } : {}),
    spentDir: join(userDir(), USER_FILES.spent),
  });
  return { store, seal, state };
}

async function decide(id: string, approve: boolean, flags: { ttl?: string; note?: string; reusable?: boolean; session?: boolean }): Promise<void> {
  const { ApprovalError } = await import('../agents/approvals/store.js');
  const { ApprovalKeyError } = await import('../agents/approvals/seal.js');
  const { parseDuration } = await import('../agents/duration.js');
  const { loadSettings } = await import('../agents/settings.js');
  const { stateDir } = await import('../agents/state-dir.js');
  const { agentToolMarker } = await import('../agents/protocol/presence.js');
  const { appendAudit } = await import('../agents/audit/append.js');
  const verb = approve ? 'approve' : 'deny';
  const audit = (kind: string, message: string) =>
    appendAudit(stateDir(process.cwd()), { agent: 'person', input: [`firebreak ${verb} ${id}`], verdict: approve ? 'pass' : 'block', answer: 'none', reasons: [], events: [{ kind, id, message }], durationMs: 0 }).catch(() => undefined);
  const marker = agentToolMarker(process.env);
  if (marker) {
    await audit('approval-refused', `refused: ${marker} is set, so this runs inside an agent's tool`);
    throw new InputError(`firebreak ${verb} refuses to run inside an agent's tool (${marker} is set): a person decides, in their own terminal`);
  }
  const server = (await import('../agents/server-client/config.js')).loadServerConnection();
  if (server) throw new InputError(`this machine uses the team server ${server.url}: decide requests in its page (local approval files are not read)`);
  try {
    const { store } = await approvalStore(process.cwd(), { createKey: true });
    const ttlMs = flags.ttl ? parseDuration(flags.ttl) : loadSettings(stateDir(process.cwd())).approvalTtlMs;
    const r = await store.decide(id, { approve, ttlMs, note: flags.note, reusable: flags.reusable, session: flags.session }, new Date());
    await audit('approval-decided', approve ? `approved until ${r.approvedUntil} (${r.reusable ? 'reusable' : 'once'}${r.boundSession ? `, session ${r.boundSession}` : ''})` : 'denied');
    process.stdout.write(
      approve
        ? `approved ${r.id} until ${r.approvedUntil} (${r.reusable ? 'reusable' : 'once'}${r.boundSession ? `, only for session ${r.boundSession}` : ''}): ${r.action.commands.join(' ; ')}\n`
        : `denied ${r.id}: ${r.action.commands.join(' ; ')}\n`,
    );
  } catch (error) {
    if (error instanceof ApprovalError || error instanceof ApprovalKeyError || (error as Error).message?.startsWith('not a duration')) {
      await audit('approval-refused', (error as Error).message);
      throw new InputError((error as Error).message);
    }
    throw error;
  }
}

export function registerAgentCommands(program: Command): void {
  // `hook` and `hook install` share --agent; one command with an optional action keeps
  // commander from giving --agent to the parent only.
  program
    .command('hook [action]')
    .summary('pre-execution hook for coding agents (payload on stdin); `hook install` merges it into an agent\'s config')
    .addOption(new Option('--agent <agent>', 'which agent').choices([...AGENTS]).makeOptionMandatory())
    .addOption(new Option('--scope <scope>', 'install: project (this repository) or user (your home)').choices(['project', 'user']).default('project'))
    .option('--uninstall', 'install: remove only the Firebreak hook')
    .option('--command <cmd>', 'install: hook command to register (default: firebreak hook --agent <agent>)')
    .action(async (action: string | undefined, flags: { agent: (typeof AGENTS)[number]; scope: 'project' | 'user'; uninstall?: boolean; command?: string }) => {
      if (action === 'install') {
        const { installHook } = await import('../agents/install/install.js');
        const result = await installHook({ agent: flags.agent, scope: flags.scope, uninstall: !!flags.uninstall, command: flags.command, cwd: process.cwd() });
        for (const line of result.messages) process.stdout.write(`${line}\n`);
        return;
      }
      if (action !== undefined) throw new InputError(`unknown hook action "${action}" (use: firebreak hook --agent X, or firebreak hook install --agent X)`);
      const { runHook } = await import('../agents/hook/run.js');
      const { readStdin } = await import('../agents/hook/entry.js');
      const rendered = await runHook(flags.agent, () => readStdin());
      process.stderr.write(rendered.stderr);
      process.stdout.write(rendered.stdout);
      process.exitCode = rendered.exitCode;
    });

  program
    .command('approvals')
    .summary('list approval requests (pending by default) with what, why, impact and rollback')
    .option('--all', 'include decided, used and expired requests')
    .option('--json', 'print JSON')
    .action(async (flags: { all?: boolean; json?: boolean }) => {
      const { effectiveStatus } = await import('../agents/approvals/request.js');
      const { formatRequest } = await import('../agents/approvals/format.js');
      const now = new Date();
      const { ApprovalKeyError } = await import('../agents/approvals/seal.js');
      let opened;
      try {
        opened = await approvalStore(process.cwd());
      } catch (error) {
        if (error instanceof ApprovalKeyError) throw new InputError(error.message);
        throw error;
      }
      const { records, problems } = await opened.store.read();
      const verified = (r: (typeof records)[number]) => (opened.seal ? opened.seal.verify(r) : { ok: false as const, reason: 'no approval key yet' });
      const requests = records.filter((r) => flags.all || effectiveStatus(r, now) === 'pending');
      if (flags.json) process.stdout.write(`${JSON.stringify(requests.map((r) => ({ ...r, status: effectiveStatus(r, now), verified: verified(r).ok })), null, 2)}\n`);
      else {
        const shown = requests.map((r) => {
          const v = verified(r);
          return `${formatRequest(r, now)}${v.ok ? '' : `\n  NOT VERIFIED: ${v.reason} (it cannot be approved)`}`;
        });
        process.stdout.write(shown.length ? `${shown.join('\n\n')}\n` : 'no pending approval requests\n');
      }
      for (const p of problems) process.stderr.write(`firebreak: ${p.reason}\n`);
    });

  program
    .command('approve <id>')
    .summary('approve one escalated action (bound to its exact command and environment)')
    .option('--ttl <duration>', 'how long the approval stands (e.g. 30m, 1h; default 1h)')
    .option('--note <text>', 'why it was approved (kept in the request)')
    .option('--reusable', 'allow the same action repeatedly until the ttl ends (default: once)')
    .option('--session', 'only for the agent session that asked (default: any session running exactly this action)')
    .action((id: string, flags: { ttl?: string; note?: string; reusable?: boolean; session?: boolean }) => decide(id, true, flags));

  program
    .command('deny <id>')
    .summary('deny an approval request')
    .option('--note <text>', 'why it was denied')
    .action((id: string, flags: { note?: string }) => decide(id, false, flags));

  const audit = program.command('audit').summary('the tamper-evident log of every hook decision');
  audit
    .command('verify')
    .summary('check the hash chain: edited, deleted, inserted or reordered entries')
    .option('--server [url]', "check the whole fleet's chains on the team server instead (default: this machine's server)")
    .option('--token <token>', 'auditor token for --server (default: $FIREBREAK_AUDIT_TOKEN)')
    .action(async (flags: { server?: string | boolean; token?: string }) => {
      if (flags.server) return (await import('./server-commands.js')).verifyFleetAudit(flags.server, flags.token);
      const { verifyAudit } = await import('../agents/audit/verify.js');
      const { stateDir } = await import('../agents/state-dir.js');
      const result = await verifyAudit(stateDir(process.cwd()));
      if (result.ok) {
        process.stdout.write(`audit log intact: ${result.entries} entries\n`);
        return;
      }
      for (const p of result.problems) process.stdout.write(`${p.kind}: ${p.message}\n`);
      process.stdout.write(`audit log TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries\n`);
      process.exitCode = 2;
    });
  audit
    .command('show')
    .summary('print audit entries')
    .option('--since <when>', 'a duration back from now (2h, 7d) or an ISO date-time')
    .addOption(new Option('--verdict <v>', 'only this verdict or answer').choices(['pass', 'escalate', 'block', 'error', 'deny', 'ask', 'allow', 'none']))
    .option('--json', 'print JSON lines')
    .action(async (flags: { since?: string; verdict?: string; json?: boolean }) => {
      const { selectEntries, formatEntry } = await import('../agents/audit/show.js');
      const { stateDir } = await import('../agents/state-dir.js');
      let entries;
      try {
        entries = await selectEntries(stateDir(process.cwd()), flags);
      } catch (error) {
        throw new InputError((error as Error).message);
      }
      for (const e of entries) process.stdout.write(`${flags.json ? JSON.stringify(e) : formatEntry(e)}\n`);
    });

  program
    .command('doctor')
    .summary('find agent configurations and report hooks, bypass modes, cloud MCP servers and production credentials')
    .option('--strict', 'exit non-zero when anything is found')
    .option('--json', 'print JSON')
    .option('--report', "send this machine's agent inventory to the team server (firebreak server connect)")
    .action(async (flags: { strict?: boolean; json?: boolean; report?: boolean }) => {
      const { runDoctor, formatDoctor } = await import('../agents/doctor/doctor.js');
      const report = await runDoctor({ cwd: process.cwd(), home: process.env.HOME ?? '', env: process.env });
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctor(report));
      if (flags.report) await (await import('./server-commands.js')).reportInventory(report);
      if (flags.strict && report.findings.length) process.exitCode = 2;
    });

  program
    .command('mcp')
    .summary('MCP server (stdio) exposing firebreak_check to agents that plan first')
    .action(async () => {
      const { serveMcp } = await import('../agents/mcp/server.js');
      await serveMcp();
      // Keep running until the client closes stdin.
      await new Promise<void>((done) => process.stdin.on('close', done).on('end', done));
    });
}
