// The fleet side of the server for the CLI: `firebreak doctor --report` (this machine's agent
// inventory) and `firebreak audit verify --server` (download every chain and check it here,
// rather than take the server's word for it).
import { hostname } from 'node:os';
import type { DoctorReport } from '../doctor/doctor.js';
import { VERSION } from '../../version.js';
import type { ExportLine, FleetVerifyResult, SourceSummary } from '../../server/service/audit.js';
import type { LoadedConnection } from './config.js';
import { callServer, ServerCallError } from './http.js';

export function inventoryOf(report: DoctorReport): Record<string, unknown> {
  return {
    hostname: hostname().slice(0, 255) || 'unknown',
    firebreakVersion: VERSION,
    root: report.root,
    agents: report.agents.map((a) => {
      const coverage = (a as { coverage?: Record<string, boolean> }).coverage;
      return {
        agent: a.agent,
        configs: a.configs,
        hookInstalled: a.hookInstalled,
        ...(coverage && typeof coverage === 'object' ? { coverage } : {}),
        bypass: a.bypass,
        mcpServers: a.mcpServers.map((m) => ({ name: m.name, cloud: !!m.cloud, ...(m.why ? { why: m.why } : {}), ...(m.file ? { file: m.file } : {}) })),
      };
    }),
    findings: report.findings.map((f) => ({ ...(f.agent ? { agent: f.agent } : {}), kind: f.kind, message: f.message, ...(f.file ? { file: f.file } : {}) })),
  };
}

export async function sendInventory(report: DoctorReport, connection: LoadedConnection): Promise<{ unguarded: string[] }> {
  return (await callServer<{ unguarded: string[] }>(connection, 'POST', '/api/v1/inventory', inventoryOf(report), 15_000)).body;
}

export async function verifyServerAudit(server: { url: string; token: string }): Promise<FleetVerifyResult> {
  const { verifyFleet } = await import('../../server/service/audit.js');
  const { sources } = (await callServer<{ sources: SourceSummary[] }>(server, 'GET', '/api/v1/audit/sources', undefined, 30_000)).body;
  let response: Response;
  try {
    response = await fetch(`${server.url}/api/v1/audit/export`, { headers: { authorization: `Bearer ${server.token}` }, redirect: 'error', signal: AbortSignal.timeout(600_000) });
  } catch (error) {
    throw new ServerCallError(`the server at ${server.url} is unreachable (${(error as Error).message})`);
  }
  if (!response.ok || !response.body) throw new ServerCallError(`the server refused the export (${response.status})`, response.status);
  return verifyFleet(lines(response.body), sources);
}

async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<ExportLine> {
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    let i: number;
    while ((i = rest.indexOf('\n')) >= 0) {
      const line = rest.slice(0, i);
      rest = rest.slice(i + 1);
      if (line.trim()) yield JSON.parse(line) as ExportLine;
    }
  }
  if (rest.trim()) yield JSON.parse(rest) as ExportLine;
}
