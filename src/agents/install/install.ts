// `firebreak hook install`: merge (or remove) our hook in an agent's config, idempotently.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentName } from '../protocol/types.js';
import { repositoryRoot } from '../state-dir.js';
import { ensureCodexHooks } from './codex-feature.js';
import { mergeFlatEntries, removeFlatEntries } from './hook-entries.js';
import { readJsonFile, writeJsonFile } from './json-file.js';
import { INSTALL_TARGETS, kiroAgentHook, type Scope } from './targets.js';
import { inspectProgram, resolveHookProgram, updateInstall } from './integrity.js';

export interface InstallOptions {
  agent: AgentName;
  scope: Scope;
  uninstall: boolean;
  command?: string;
  cwd: string;
  home?: string;
  env?: NodeJS.ProcessEnv;
}

export async function installHook(o: InstallOptions): Promise<{ changed: string[]; messages: string[] }> {
  const env = o.env ?? process.env;
  const home = o.home ?? env.HOME ?? '';
  const root = repositoryRoot(o.cwd);
  const command = o.command ?? `firebreak hook --agent ${o.agent}`;
  const target = INSTALL_TARGETS[o.agent];
  const file = target.file(o.scope, root, home, env);
  const changed: string[] = [];
  const messages: string[] = [];

  // Kiro: agent definitions carry the hook where they exist; the standalone hook file is only
  // for a repository without any (one registration each, or the hook would run twice).
  const kiroAgents = o.agent === 'kiro' ? await kiroAgentFiles(o, root, home, command) : undefined;
  if (o.uninstall || !kiroAgents?.found) {
    const current = await readJsonFile(file);
    let next: Record<string, unknown> | undefined = o.uninstall ? target.remove(current.doc) : target.add(current.doc, command);
    if (o.uninstall && target.ownFile && isEmptyHookFile(next)) next = undefined;
    if (await writeJsonFile(file, current, next)) changed.push(file);
  }
  if (kiroAgents) changed.push(...kiroAgents.changed);
  if (o.agent === 'codex' && !o.uninstall) {
    const toml = join(o.scope === 'user' ? home : root, '.codex', 'config.toml');
    if (await ensureCodexHooks(toml)) changed.push(toml);
  }
  const verb = o.uninstall ? 'removed from' : 'installed in';
  messages.push(changed.length ? `firebreak hook ${verb}: ${changed.join(', ')}` : `nothing to change: ${file} is already ${o.uninstall ? 'without' : 'up to date with'} the firebreak hook`);

  // What was registered, where it points and what that file is, kept outside the workspace.
  const files = [...new Set([...(o.uninstall || !kiroAgents?.found ? [file] : []), ...(kiroAgents?.changed ?? [])])];
  if (o.uninstall) {
    for (const f of files) await updateInstall(env, { agent: o.agent, file: f }, undefined);
    return { changed, messages };
  }
  const program = resolveHookProgram(command, env, root);
  const inspected = program.path ? inspectProgram(program.path) : undefined;
  for (const f of files) {
    await updateInstall(env, { agent: o.agent, file: f }, {
      agent: o.agent,
      scope: o.scope,
      file: f,
      command,
      ...(program.path ? { resolvedPath: program.path } : {}),
      ...(inspected?.entrySha256 ? { entrySha256: inspected.entrySha256 } : {}),
      ...(inspected?.bundleSha256 ? { bundleSha256: inspected.bundleSha256 } : {}),
      installedAt: new Date().toISOString(),
    });
  }
  if (!program.path) messages.push(`The hook runs \`${program.via}\`, which is not found${program.needsPath ? ' on PATH' : ''}: the agent would fail to run it (and carry on unguarded). Put firebreak on PATH for the agent or pass --command.`);
  else if (inspected && !inspected.isFirebreak) messages.push(`Warning: \`${program.via}\` resolves to ${program.path}, which is not part of a Firebreak package.`);
  else messages.push(`Recorded: ${program.via} -> ${program.path}${inspected?.entrySha256 ? ` (sha256 ${inspected.entrySha256.slice(0, 12)}…)` : ''}; \`firebreak doctor\` checks it has not changed.`);
  return { changed, messages };
}

function isEmptyHookFile(doc: Record<string, unknown>): boolean {
  const keys = Object.keys(doc).filter((k) => k !== 'version');
  return keys.length === 0;
}

/** Agent definitions in `.kiro/agents/*.json` get the hook too, where they exist. */
async function kiroAgentFiles(o: InstallOptions, root: string, home: string, command: string): Promise<{ found: boolean; changed: string[] }> {
  const dir = join(o.scope === 'user' ? home : root, '.kiro', 'agents');
  const names = await readdir(dir).catch(() => [] as string[]);
  const changed: string[] = [];
  const files = names.filter((n) => n.endsWith('.json'));
  for (const name of files) {
    const file = join(dir, name);
    const current = await readJsonFile(file);
    const next = o.uninstall ? removeFlatEntries(current.doc, 'preToolUse') : mergeFlatEntries(current.doc, 'preToolUse', kiroAgentHook(command));
    if (await writeJsonFile(file, current, next)) changed.push(file);
  }
  return { found: files.length > 0, changed };
}
