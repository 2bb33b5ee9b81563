// Per agent: which files to look at, and what in them means "hook installed", "bypass / auto-
// approve / YOLO", and "MCP servers". One probe per agent; facts from agent-hooks.md.
import { join } from 'node:path';
import { hasOurHook } from '../install/hook-entries.js';
import type { AgentName } from '../protocol/types.js';
import { mcpServersIn, mcpServersInToml, type McpServer } from './mcp-servers.js';
import { jsonFilesIn, readJson, readText } from './read.js';

export interface AgentProbe {
  agent: AgentName;
  configs: string[];
  hookInstalled: boolean;
  hookCommands: string[];
  bypass: { file: string; setting: string }[];
  mcpServers: McpServer[];
  errors: { file: string; message: string }[];
}

type Doc = Record<string, any>;
interface Where {
  root: string;
  home: string;
}

async function probeJsonFiles(agent: AgentName, files: string[], inspect: (doc: Doc, file: string, probe: AgentProbe) => void): Promise<AgentProbe> {
  const probe: AgentProbe = { agent, configs: [], hookInstalled: false, hookCommands: [], bypass: [], mcpServers: [], errors: [] };
  for (const file of files) {
    const read = await readJson(file);
    if (!read) continue;
    probe.configs.push(file);
    if (read.error) {
      probe.errors.push({ file, message: read.error });
      continue;
    }
    const doc = read.doc!;
    if (hasOurHook(doc) || (agent === 'kiro' && /firebreak\b.*\bhook\b/.test(String(doc.command ?? '')))) {
      probe.hookInstalled = true;
      probe.hookCommands.push(...(JSON.stringify(doc).match(/[^"]*firebreak[^"]*hook[^"]*--agent[^"]*/g) ?? []));
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

export const PROBES: Record<AgentName, (w: Where) => Promise<AgentProbe>> = {
  'claude-code': ({ root, home }) =>
    probeJsonFiles(
      'claude-code',
      [join(root, '.claude', 'settings.json'), join(root, '.claude', 'settings.local.json'), join(home, '.claude', 'settings.json'), join(root, '.mcp.json'), join(home, '.claude.json')],
      (doc, file, probe) => {
        if (doc.permissions?.defaultMode === 'bypassPermissions') probe.bypass.push({ file, setting: 'permissions.defaultMode = bypassPermissions (ask is auto-approved)' });
        if (doc.skipDangerousModePermissionPrompt === true) probe.bypass.push({ file, setting: 'skipDangerousModePermissionPrompt = true' });
        allowList(doc.permissions?.allow, file, probe, 'permissions.allow');
      },
    ),
  cursor: async ({ root, home }) =>
    probeJsonFiles(
      'cursor',
      [join(root, '.cursor', 'hooks.json'), join(home, '.cursor', 'hooks.json'), join(root, '.cursor', 'mcp.json'), join(home, '.cursor', 'mcp.json'), join(home, '.cursor', 'cli-config.json')],
      (doc, file, probe) => allowList(doc.permissions?.allow, file, probe, 'permissions.allow'),
    ),
  gemini: ({ root, home }) =>
    probeJsonFiles('gemini', [join(root, '.gemini', 'settings.json'), join(home, '.gemini', 'settings.json')], (doc, file, probe) => {
      const mode = doc.general?.defaultApprovalMode ?? doc.defaultApprovalMode;
      if (mode === 'yolo' || mode === 'auto_edit') probe.bypass.push({ file, setting: `defaultApprovalMode = ${mode}` });
      if (doc.tools?.autoAccept === true || doc.autoAccept === true) probe.bypass.push({ file, setting: 'autoAccept = true' });
      allowList(doc.tools?.allowed ?? doc.allowedTools, file, probe, 'tools.allowed');
    }),
  kiro: async ({ root, home }) => {
    const files = [
      ...(await jsonFilesIn(join(root, '.kiro', 'agents'))),
      ...(await jsonFilesIn(join(root, '.kiro', 'hooks'))),
      ...(await jsonFilesIn(join(home, '.kiro', 'agents'))),
      ...(await jsonFilesIn(join(home, '.kiro', 'hooks'))),
      join(root, '.kiro', 'settings', 'mcp.json'),
      join(home, '.kiro', 'settings', 'mcp.json'),
    ];
    return probeJsonFiles('kiro', files, (doc, file, probe) => allowList(doc.allowedTools, file, probe, 'allowedTools'));
  },
  codex: async ({ root, home }) => {
    const probe = await probeJsonFiles('codex', [join(root, '.codex', 'hooks.json'), join(home, '.codex', 'hooks.json')], () => undefined);
    let hooksEnabled = false;
    for (const file of [join(root, '.codex', 'config.toml'), join(home, '.codex', 'config.toml')]) {
      const toml = await readText(file);
      if (toml === undefined) continue;
      probe.configs.push(file);
      if (/^\s*approval_policy\s*=\s*"never"/m.test(toml)) probe.bypass.push({ file, setting: 'approval_policy = "never"' });
      if (/^\s*sandbox_mode\s*=\s*"danger-full-access"/m.test(toml)) probe.bypass.push({ file, setting: 'sandbox_mode = "danger-full-access"' });
      if (/^\s*codex_hooks\s*=\s*true/m.test(toml)) hooksEnabled = true;
      probe.mcpServers.push(...mcpServersInToml(toml, file));
    }
    if (probe.hookInstalled && !hooksEnabled) {
      probe.errors.push({ file: join(home, '.codex', 'config.toml'), message: 'hooks.json has the firebreak hook but codex_hooks = true is not set under [features]: Codex will not run it' });
      probe.hookInstalled = false;
    }
    return probe;
  },
  copilot: async ({ root, home }) =>
    probeJsonFiles(
      'copilot',
      [...(await jsonFilesIn(join(root, '.github', 'hooks'))), ...(await jsonFilesIn(join(home, '.copilot', 'hooks'))), join(home, '.copilot', 'config.json'), join(home, '.copilot', 'mcp-config.json'), join(root, '.vscode', 'mcp.json')],
      (doc, file, probe) => allowList(doc.allowedTools ?? doc.trusted_tools, file, probe, 'allowedTools'),
    ),
};
