// MCP servers that can reach a cloud: named after one, or launched with cloud CLIs / credentials.
const CLOUD = /\b(aws|amazon|bedrock|cloudformation|gcloud|google[-_]?cloud|gcp|azure|terraform|pulumi|kubectl|kubernetes|k8s|eks|cloudflare|supabase|neon|postgres|mysql|AWS_PROFILE|AWS_ACCESS_KEY_ID|AWS_SESSION_TOKEN|GOOGLE_APPLICATION_CREDENTIALS|KUBECONFIG)\b/i;

export interface McpServer {
  name: string;
  file: string;
  cloud: boolean;
  why?: string;
}

/** `mcpServers` (Claude, Cursor, Gemini, Kiro, Copilot CLI) or `servers` (VS Code). */
export function mcpServersIn(doc: Record<string, any> | undefined, file: string): McpServer[] {
  if (!doc) return [];
  const lists = [doc.mcpServers, doc.servers, ...Object.values(doc.projects ?? {}).map((p: any) => p?.mcpServers)];
  const servers: McpServer[] = [];
  for (const list of lists) {
    if (!list || typeof list !== 'object') continue;
    for (const [name, spec] of Object.entries(list)) servers.push(classify(name, JSON.stringify(spec ?? {}), file));
  }
  return servers;
}

/** `[mcp_servers.NAME]` tables in Codex's config.toml. */
export function mcpServersInToml(toml: string, file: string): McpServer[] {
  const servers: McpServer[] = [];
  const re = /^\s*\[mcp_servers\.("?)([^\]"]+)\1\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/gm;
  for (const m of toml.matchAll(re)) servers.push(classify(m[2], m[3], file));
  return servers;
}

function classify(name: string, spec: string, file: string): McpServer {
  const hit = CLOUD.exec(`${name} ${spec}`);
  return { name, file, cloud: !!hit, ...(hit ? { why: `mentions ${hit[1]}` } : {}) };
}
