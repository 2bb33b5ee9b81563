// Per agent: which files to look at, and what in them means "hook installed", "bypass / auto-
// approve / YOLO", and "MCP servers". One probe per agent; facts from agent-hooks.md.
import { join } from 'node:path';
import { hookFilePaths } from '../../knowledge/agent-hook-files.js';
import { hasOurHook } from '../install/hook-entries.js';
import type { AgentName } from '../protocol/types.js';
import { mcpServersIn, mcpServersInToml, type McpServer } from './mcp-servers.js';
import { jsonFilesIn, readJson, readText } from './read.js';
import { ourRegistrations, type Registration } from './registrations.js';

export interface AgentProbe {
  agent: AgentName;
  configs: string[];
  hookInstalled: boolean;
  hookCommands: string[];
  /** Firebreak's hook entries, with their event and matcher. */
  registrations: Registration[];
  bypass: { file: string; setting: string }[];
  mcpServers: McpServer[];
  errors: { file: string; message: string }[];
}

type Doc = Record<string, any>;
interface Where {
  root: string;
  home: string;
  env?: NodeJS.ProcessEnv;
}

async function probeJsonFiles(agent: AgentName, files: string[], inspect: (doc: Doc, file: string, probe: AgentProbe) => void): Promise<AgentProbe> {
  const probe: AgentProbe = { agent, configs: [], hookInstalled: false, hookCommands: [], registrations: [], bypass: [], mcpServers: [], errors: [] };
  for (const file of files) {
    const read = await readJson(file);
    if (!read) continue;
    probe.configs.push(file);
    if (read.error) {
      probe.errors.push({ file, message: read.error });
      continue;
    }
    const doc = read.doc!;
    const registered = ourRegistrations(agent, doc, file);
    if (registered.length || hasOurHook(doc)) {
      probe.hookInstalled = true;
      probe.registrations.push(...registered);
      probe.hookCommands.push(...new Set(registered.map((r) => r.command)));
    }
    probe.mcpServers.push(...mcpServersIn(doc, file));
    inspect(doc, file, probe);
  }
  return probe;
}

const SHELL_WILDCARDS = /^(Bash|Shell|execute_bash|shell)(\(\*\)|\(\*:\*\)|\((aws|terraform|kubectl|helm|gcloud|az|psql)[ :*].*\))?$/;

function allowList(list: unknown, file: string, probe: AgentProbe, key: string): void {
  if (!Array.isArray(list)) return;
  for (const entry of list) {
    if (typeof entry === 'string' && (entry === '*' || SHELL_WILDCARDS.test(entry))) probe.bypass.push({ file, setting: `${key} includes "${entry}"` });
  }
}

/** Every hook file the agent reads (knowledge/agent-hook-files.ts), folders expanded to their JSON files. */
async function hookFiles(agent: AgentName, w: Where, ext = '.json'): Promise<string[]> {
  const out: string[] = [];
  for (const { file, path } of hookFilePaths(agent, { root: w.root, home: w.home, env: w.env ?? process.env })) {
    if (file.folder) out.push(...(await jsonFilesIn(path)));
    else if (path.endsWith(ext)) out.push(path);
  }
  return out;
}

export const PROBES: Record<AgentName, (w: Where) => Promise<AgentProbe>> = {
  'claude-code': async (w) =>
    probeJsonFiles('claude-code', [...(await hookFiles('claude-code', w)), join(w.root, '.mcp.json'), join(w.home, '.claude.json')], (doc, file, probe) => {
      if (doc.permissions?.defaultMode === 'bypassPermissions') probe.bypass.push({ file, setting: 'permissions.defaultMode = bypassPermissions (ask is auto-approved)' });
      if (doc.skipDangerousModePermissionPrompt === true) probe.bypass.push({ file, setting: 'skipDangerousModePermissionPrompt = true' });
      if (doc.disableAllHooks === true) probe.errors.push({ file, message: 'disableAllHooks = true: Claude Code runs no hook at all, Firebreak included' });
      allowList(doc.permissions?.allow, file, probe, 'permissions.allow');
    }),
  cursor: async (w) =>
    probeJsonFiles('cursor', [...(await hookFiles('cursor', w)), join(w.root, '.cursor', 'mcp.json'), join(w.home, '.cursor', 'mcp.json'), join(w.home, '.cursor', 'cli-config.json')], (doc, file, probe) =>
      allowList(doc.permissions?.allow, file, probe, 'permissions.allow'),
    ),
  gemini: async (w) =>
    probeJsonFiles('gemini', await hookFiles('gemini', w), (doc, file, probe) => {
      const mode = doc.general?.defaultApprovalMode ?? doc.defaultApprovalMode;
      if (mode === 'yolo' || mode === 'auto_edit') probe.bypass.push({ file, setting: `defaultApprovalMode = ${mode}` });
      if (doc.tools?.autoAccept === true || doc.autoAccept === true) probe.bypass.push({ file, setting: 'autoAccept = true' });
      if (doc.hooks?.enabled === false || doc.tools?.enableHooks === false) probe.errors.push({ file, message: 'hooks are turned off in this settings file: Gemini CLI runs no hook, Firebreak included' });
      allowList(doc.tools?.allowed ?? doc.allowedTools, file, probe, 'tools.allowed');
    }),
  kiro: async (w) =>
    probeJsonFiles('kiro', [...(await hookFiles('kiro', w))], (doc, file, probe) => allowList(doc.allowedTools, file, probe, 'allowedTools')),
  codex: async (w) => {
    const probe = await probeJsonFiles('codex', await hookFiles('codex', w), () => undefined);
    let hooksEnabled = false;
    for (const file of (await hookFiles('codex', w, '.toml'))) {
      const toml = await readText(file);
      if (toml === undefined) continue;
      probe.configs.push(file);
      if (/^\s*approval_policy\s*=\s*"never"/m.test(toml)) probe.bypass.push({ file, setting: 'approval_policy = "never"' });
      if (/^\s*sandbox_mode\s*=\s*"danger-full-access"/m.test(toml)) probe.bypass.push({ file, setting: 'sandbox_mode = "danger-full-access"' });
      if (/^\s*(codex_hooks|hooks)\s*=\s*true/m.test(toml)) hooksEnabled = true;
      if (/^\s*(codex_hooks|hooks)\s*=\s*false/m.test(toml)) probe.errors.push({ file, message: 'hooks are turned off under [features]: Codex runs no hook, Firebreak included' });
      probe.mcpServers.push(...mcpServersInToml(toml, file));
    }
    if (probe.hookInstalled && !hooksEnabled) {
      probe.errors.push({ file: join(w.home, '.codex', 'config.toml'), message: 'hooks.json has the firebreak hook but codex_hooks = true is not set under [features]: Codex will not run it' });
      probe.hookInstalled = false;
    }
    return probe;
  },
  copilot: async (w) =>
    probeJsonFiles('copilot', [...(await hookFiles('copilot', w)), join(w.home, '.copilot', 'mcp-config.json'), join(w.root, '.vscode', 'mcp.json')], (doc, file, probe) =>
      allowList(doc.allowedTools ?? doc.trusted_tools, file, probe, 'allowedTools'),
    ),
};
