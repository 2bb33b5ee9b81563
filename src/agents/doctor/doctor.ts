// `firebreak doctor`: what could let an agent act on production without Firebreak seeing it: a
// missing or incomplete hook, a hook that no longer points at Firebreak (changed command,
// replaced entry file, missing program, not on PATH), bypass modes, cloud MCP servers,
// production credentials. Limits the agents have (tools that cannot be hooked) are stated plainly.
import { existsSync } from 'node:fs';
import { HOOK_LIMITS } from '../../knowledge/agent-hook-files.js';
import { inspectProgram, readInstalls, resolveHookProgram, type InstallRecord } from '../install/integrity.js';
import { AGENTS, type AgentName } from '../protocol/types.js';
import { configFileFor, repositoryRoot } from '../state-dir.js';
import { PROBES, type AgentProbe } from './agents.js';
import { awsProfiles, type ProfileFinding } from './credentials.js';
import { uncovered } from './registrations.js';

export interface DoctorFinding {
  agent?: string;
  kind:
    | 'hook-missing'
    | 'hook-incomplete'
    | 'hook-removed'
    | 'hook-changed'
    | 'hook-not-firebreak'
    | 'entry-replaced'
    | 'binary-missing'
    | 'not-on-path'
    | 'bypass'
    | 'cloud-mcp'
    | 'production-credentials'
    | 'broken-config';
  message: string;
  file?: string;
  /** What to run or change to fix it. */
  fix?: string;
}

export interface DoctorReport {
  root: string;
  agents: AgentProbe[];
  profiles: ProfileFinding[];
  findings: DoctorFinding[];
  /** Tools an agent cannot put in front of its hook, per agent found. */
  limits: { agent: string; message: string }[];
}

export async function runDoctor(o: { cwd: string; home: string; env: NodeJS.ProcessEnv }): Promise<DoctorReport> {
  const root = repositoryRoot(o.cwd);
  const env = { ...o.env, HOME: o.home };
  const agents = (await Promise.all(AGENTS.map((a) => PROBES[a]({ root, home: o.home, env })))).filter((p) => p.configs.length);
  const productionProfile = await productionProfileMatcher(o.cwd);
  const profiles = await awsProfiles(o.home, o.env, productionProfile);
  const findings: DoctorFinding[] = [];
  const { installs, error: installsError } = await readInstalls(env);
  if (installsError) findings.push({ kind: 'broken-config', message: installsError });

  for (const a of agents) {
    const reinstall = `firebreak hook install --agent ${a.agent}`;
    if (!a.hookInstalled) findings.push({ agent: a.agent, kind: 'hook-missing', message: `${a.agent}: no firebreak hook (${reinstall})`, fix: reinstall });
    else {
      for (const group of uncovered(a.agent, a.registrations)) {
        findings.push({
          agent: a.agent,
          kind: 'hook-incomplete',
          message: `${a.agent}: the hook does not cover ${group.kind} (${group.names.join(', ')} on ${group.event}): those tool calls run without Firebreak`,
          fix: reinstall,
        });
      }
      findings.push(...programFindings(a, root, env));
    }
    for (const b of a.bypass) findings.push({ agent: a.agent, kind: 'bypass', file: b.file, message: `${a.agent}: ${b.setting}` });
    for (const s of a.mcpServers.filter((m) => m.cloud)) findings.push({ agent: a.agent, kind: 'cloud-mcp', file: s.file, message: `${a.agent}: MCP server "${s.name}" has cloud access (${s.why})` });
    for (const e of a.errors) findings.push({ agent: a.agent, kind: 'broken-config', file: e.file, message: `${a.agent}: ${e.message}` });
  }
  findings.push(...recordFindings(installs, agents, root, env));

  for (const p of profiles.filter((x) => x.production)) {
    findings.push({ kind: 'production-credentials', file: p.file, message: `AWS profile "${p.profile}" is reachable and looks like production (${p.why})${p.staticKeys ? ', with long-lived keys' : ''}` });
  }
  if (o.env.AWS_ACCESS_KEY_ID) findings.push({ kind: 'production-credentials', message: 'AWS_ACCESS_KEY_ID is set in this environment: agents started from it inherit the credentials' });
  const limits = agents.flatMap((a) => (HOOK_LIMITS[a.agent] ?? []).map((message) => ({ agent: a.agent, message })));
  return { root, agents, profiles, findings: dedupe(findings), limits };
}

/** Each registered command: does its program exist, is it on PATH, is it Firebreak? */
function programFindings(a: AgentProbe, root: string, env: NodeJS.ProcessEnv): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const command of new Set(a.registrations.map((r) => r.command))) {
    const program = resolveHookProgram(command, env, root);
    if (program.needsPath && !program.onPath && !program.path) {
      out.push({ agent: a.agent, kind: 'not-on-path', message: `${a.agent}: the hook runs \`${program.via}\` but it is not on PATH: the agent would fail to run it and carry on unguarded`, fix: 'put firebreak on PATH for the agent, or reinstall with --command "node /absolute/path/to/bin/firebreak.js hook --agent ..."' });
      continue;
    }
    if (!program.path) {
      out.push({ agent: a.agent, kind: 'binary-missing', message: `${a.agent}: the hook runs \`${program.via}\`, which does not exist: the agent would fail to run it and carry on unguarded`, fix: `reinstall Firebreak, then firebreak hook install --agent ${a.agent}` });
      continue;
    }
    if (!inspectProgram(program.path).isFirebreak) {
      out.push({ agent: a.agent, kind: 'hook-not-firebreak', message: `${a.agent}: the hook runs ${program.path}, which is not part of a Firebreak package: something else answers for the guard`, fix: `firebreak hook install --agent ${a.agent} --command "<the real firebreak> hook --agent ${a.agent}"` });
    }
  }
  return out;
}

/** What `hook install` recorded against what is there now. */
function recordFindings(installs: InstallRecord[], agents: AgentProbe[], root: string, env: NodeJS.ProcessEnv): DoctorFinding[] {
  const out: DoctorFinding[] = [];
  for (const record of installs) {
    // Records of other repositories' project-scope installs are theirs to check.
    if (record.scope === 'project' && !record.file.startsWith(`${root}/`)) continue;
    const agent = record.agent as AgentName;
    const reinstall = `firebreak hook install --agent ${agent}${record.scope === 'user' ? ' --scope user' : ''}`;
    const probe = agents.find((a) => a.agent === agent);
    const here = probe?.registrations.filter((r) => r.file === record.file) ?? [];
    if (!existsSync(record.file) || !here.length) {
      out.push({ agent, kind: 'hook-removed', file: record.file, message: `${agent}: the hook installed in ${record.file} is gone${existsSync(record.file) ? ' from the file' : ' (the file was deleted)'}`, fix: reinstall });
      continue;
    }
    if (!here.some((r) => r.command === record.command)) {
      out.push({ agent, kind: 'hook-changed', file: record.file, message: `${agent}: the hook command in ${record.file} is now \`${here[0].command}\`, not \`${record.command}\` as installed`, fix: reinstall });
    }
    if (record.resolvedPath) {
      const now = resolveHookProgram(record.command, env, root).path;
      if (now && now !== record.resolvedPath) {
        out.push({ agent, kind: 'hook-changed', file: record.file, message: `${agent}: \`${record.command}\` now runs ${now}, not ${record.resolvedPath} as installed`, fix: reinstall });
      }
      const inspected = existsSync(record.resolvedPath) ? inspectProgram(record.resolvedPath) : undefined;
      if (!inspected) {
        out.push({ agent, kind: 'binary-missing', file: record.file, message: `${agent}: the hook's program ${record.resolvedPath} no longer exists`, fix: `reinstall Firebreak, then ${reinstall}` });
      } else {
        if (record.entrySha256 && inspected.entrySha256 !== record.entrySha256) {
          out.push({ agent, kind: 'entry-replaced', file: record.resolvedPath, message: `${agent}: ${record.resolvedPath} changed since the hook was installed (sha256 ${short(inspected.entrySha256)}, installed ${short(record.entrySha256)})`, fix: `if you upgraded Firebreak, run ${reinstall}; otherwise reinstall Firebreak: its entry file was replaced` });
        }
        if (record.bundleSha256 && inspected.bundleSha256 !== record.bundleSha256) {
          out.push({ agent, kind: 'entry-replaced', file: record.resolvedPath, message: `${agent}: the hook bundle next to ${record.resolvedPath} changed since the hook was installed (a script in dist/bundle was changed, added or removed)`, fix: `if you upgraded or rebuilt Firebreak, run ${reinstall}; otherwise reinstall Firebreak` });
        }
      }
    }
  }
  return out;
}

const short = (hash: string | undefined) => (hash ? `${hash.slice(0, 12)}…` : 'none');

function dedupe(findings: DoctorFinding[]): DoctorFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.kind}\0${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function productionProfileMatcher(cwd: string): Promise<(name: string) => boolean> {
  const file = configFileFor(cwd);
  if (!file) return () => false;
  try {
    const { loadConfig } = await import('../../config/config.js');
    const { anyGlobMatches } = await import('../../config/glob.js');
    const config = loadConfig(file);
    const globs = Object.values(config.environments).filter((e) => e.production).flatMap((e) => e.match.profiles ?? []);
    return (name) => anyGlobMatches(globs, name);
  } catch {
    return () => false;
  }
}

export function formatDoctor(r: DoctorReport): string {
  const lines = [`firebreak doctor (${r.root})`];
  if (!r.agents.length) lines.push('  no agent configuration found in this repository or your home');
  for (const a of r.agents) {
    lines.push(`  ${a.agent}: hook ${a.hookInstalled ? 'installed' : 'NOT installed'}; ${a.mcpServers.length} MCP server(s); configs: ${a.configs.join(', ')}`);
  }
  if (r.profiles.length) lines.push(`  AWS profiles: ${r.profiles.map((p) => `${p.profile}${p.production ? ' (production)' : ''}`).join(', ')}`);
  lines.push(r.findings.length ? `${r.findings.length} finding(s):` : 'no findings');
  for (const f of r.findings) lines.push(`  - [${f.kind}] ${f.message}${f.file ? ` (${f.file})` : ''}${f.fix ? `\n      fix: ${f.fix}` : ''}`);
  if (r.limits.length) {
    lines.push('What these agents cannot hook (not fixable here; know it):');
    for (const l of r.limits) lines.push(`  - ${l.agent}: ${l.message}`);
  }
  return `${lines.join('\n')}\n`;
}
