import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DirectedGraph } from 'graphology';
import type { Action, BlastRadius, BlastResource, Impact, Resource, RollbackPlan } from '../../src/model.js';
import { isInstalled } from '../../src/sandbox/install.js';
import { HostProvider } from '../../src/sandbox/providers/host.js';
import type { EngineEndpoint } from '../../src/sandbox/engines.js';
import { CallLog } from '../../src/sandbox/call-log.js';
import { emulatorContext } from '../../src/sandbox/inventory/context.js';
import type { World } from '../../src/world/world.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const PUBLIC_CFN = join(import.meta.dirname, '../../../shared/fixtures/public/cloudformation');

export function stack(name: string, file: string) {
  return { name, file, templateText: readFileSync(file, 'utf8') };
}

/** Starts real host emulators once per test file; fails (never skips) when they are missing. */
export async function startEmulators(): Promise<{ host: HostProvider; engines: EngineEndpoint[] }> {
  if (!(await isInstalled('localstack'))) {
    throw new Error('the sandbox emulators are not installed: run `firebreak sandbox install` (CI: scripts/bootstrap.sh does)');
  }
  const host = new HostProvider();
  const engines = await host.start();
  process.env.FIREBREAK_SANDBOX_ENDPOINT = engines.find((e) => e.name === 'localstack')!.url;
  return { host, engines };
}

/** A context on the twin for a fresh account (each test its own, so they never see each other). */
export function twinContext(engines: EngineEndpoint[], account = String(100_000_000_000 + Math.floor(Math.random() * 899_999_999_999))) {
  const credentials = { accessKeyId: account, secretAccessKey: 'test' };
  return { account, credentials, ctx: emulatorContext(engines, credentials, new CallLog()) };
}

export function cliAction(id: string, command: string, extra: Partial<Action> = {}): Action {
  return {
    id,
    source: { kind: 'shell', command },
    operation: 'delete',
    verb: command.split(' ').find((w, i, all) => i > 1 && !w.startsWith('-') && !all[i - 1].startsWith('--')) ?? 'unknown',
    tool: 'aws',
    target: { type: 'unknown', id: 'unknown' },
    scope: 'resource',
    hints: {},
    evidence: [],
    ...extra,
  };
}

export function world(resources: Partial<Resource>[]): World {
  const graph = new DirectedGraph<Resource, any>();
  const byName = new Map<string, string>();
  for (const r of resources) {
    const full: Resource = { id: r.id!, type: r.type ?? 'unknown', names: r.names ?? [], source: 'cloudformation-template', attributes: {}, ...r };
    graph.addNode(full.id, full);
    for (const n of full.names) byName.set(n, full.id);
  }
  return { graph, byName } as unknown as World;
}

export function predicted(entries: [string, string, Impact][]): BlastRadius {
  const resources: BlastResource[] = entries.map(([id, type, impact]) => ({ id, type, impact, depth: 0, path: [id], pathReasons: [], stateful: false, dataLoss: false, actionIds: ['a1'] }));
  const count = (i: Impact) => resources.filter((r) => r.impact === i).length;
  return {
    resources,
    counts: { total: resources.length, deleted: count('deleted'), replaced: count('replaced'), modified: count('modified'), created: count('created'), disrupted: count('disrupted'), stateful: 0, dataLoss: 0, irreversible: 0 },
    unknownScope: [],
  };
}

export const NO_ROLLBACK: RollbackPlan = { steps: [], irreversible: [] };
