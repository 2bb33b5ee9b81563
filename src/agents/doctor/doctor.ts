// `firebreak doctor`: what could let an agent act on production without Firebreak seeing it.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { AGENTS } from '../protocol/types.js';
import { configFileFor, repositoryRoot } from '../state-dir.js';
import { PROBES, type AgentProbe } from './agents.js';
import { awsProfiles, type ProfileFinding } from './credentials.js';

export interface DoctorFinding {
  agent?: string;
  kind: 'hook-missing' | 'bypass' | 'cloud-mcp' | 'production-credentials' | 'broken-config' | 'not-on-path';
  message: string;
  file?: string;
}

export interface DoctorReport {
  root: string;
  agents: AgentProbe[];
  profiles: ProfileFinding[];
  findings: DoctorFinding[];
}

export async function runDoctor(o: { cwd: string; home: string; env: NodeJS.ProcessEnv }): Promise<DoctorReport> {
  const root = repositoryRoot(o.cwd);
  const agents = (await Promise.all(AGENTS.map((a) => PROBES[a]({ root, home: o.home })))).filter((p) => p.configs.length);
  const productionProfile = await productionProfileMatcher(o.cwd);
  const profiles = await awsProfiles(o.home, o.env, productionProfile);
  const findings: DoctorFinding[] = [];
  for (const a of agents) {
    if (!a.hookInstalled) findings.push({ agent: a.agent, kind: 'hook-missing', message: `${a.agent}: no firebreak hook (firebreak hook install --agent ${a.agent})` });
    for (const b of a.bypass) findings.push({ agent: a.agent, kind: 'bypass', file: b.file, message: `${a.agent}: ${b.setting}` });
    for (const s of a.mcpServers.filter((m) => m.cloud)) findings.push({ agent: a.agent, kind: 'cloud-mcp', file: s.file, message: `${a.agent}: MCP server "${s.name}" has cloud access (${s.why})` });
    for (const e of a.errors) findings.push({ agent: a.agent, kind: 'broken-config', file: e.file, message: `${a.agent}: ${e.message}` });
    if (a.hookCommands.some((c) => /^firebreak\s/.test(c)) && !onPath('firebreak', o.env)) {
      findings.push({ agent: a.agent, kind: 'not-on-path', message: `${a.agent}: the hook runs \`firebreak\` but it is not on PATH: the agent would fail to run it` });
    }
  }
  for (const p of profiles.filter((x) => x.production)) {
    findings.push({ kind: 'production-credentials', file: p.file, message: `AWS profile "${p.profile}" is reachable and looks like production (${p.why})${p.staticKeys ? ', with long-lived keys' : ''}` });
  }
  if (o.env.AWS_ACCESS_KEY_ID) findings.push({ kind: 'production-credentials', message: 'AWS_ACCESS_KEY_ID is set in this environment: agents started from it inherit the credentials' });
  return { root, agents, profiles, findings };
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

function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

export function formatDoctor(r: DoctorReport): string {
  const lines = [`firebreak doctor (${r.root})`];
  if (!r.agents.length) lines.push('  no agent configuration found in this repository or your home');
  for (const a of r.agents) {
    lines.push(`  ${a.agent}: hook ${a.hookInstalled ? 'installed' : 'NOT installed'}; ${a.mcpServers.length} MCP server(s); configs: ${a.configs.join(', ')}`);
  }
  if (r.profiles.length) lines.push(`  AWS profiles: ${r.profiles.map((p) => `${p.profile}${p.production ? ' (production)' : ''}`).join(', ')}`);
  lines.push(r.findings.length ? `${r.findings.length} finding(s):` : 'no findings');
  for (const f of r.findings) lines.push(`  - [${f.kind}] ${f.message}${f.file ? ` (${f.file})` : ''}`);
  return `${lines.join('\n')}\n`;
}
