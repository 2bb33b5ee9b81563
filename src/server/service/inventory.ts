// Discover: what each machine reported with `firebreak doctor --report`: its agents, whether the
// Firebreak hook covers each of their tools, bypass modes, MCP servers. A machine whose agents
// run unguarded (no hook, or a tool kind the hook does not see) is flagged on the page.
import type { Database } from '../db/database.js';
import type { InventoryBody } from '../protocol/wire.js';
import type { Machine } from './types.js';

export interface MachineView {
  name: string;
  hostname: string;
  firebreakVersion: string;
  reportedAt: string;
  unguarded: boolean;
  inventory: InventoryBody;
}

/** Agents that can act without the hook seeing it, said plainly. */
export function unguardedAgents(inventory: InventoryBody): string[] {
  return inventory.agents.flatMap((a) => {
    if (!a.hookInstalled) return [`${a.agent}: no Firebreak hook`];
    const uncovered = Object.entries(a.coverage ?? {}).filter(([, covered]) => !covered).map(([tool]) => tool);
    return uncovered.length ? [`${a.agent}: the hook does not see ${uncovered.join(', ')}`] : [];
  });
}

export async function receiveInventory(db: Database, machine: Machine, body: InventoryBody, now: Date): Promise<{ unguarded: string[] }> {
  const unguarded = unguardedAgents(body);
  const id = `${machine.tokenId}:${body.hostname}`;
  await db.run(
    `INSERT INTO machines (id, team_id, token_id, name, hostname, firebreak_version, reported_at, unguarded, inventory) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET team_id = excluded.team_id, token_id = excluded.token_id, name = excluded.name, hostname = excluded.hostname,
       firebreak_version = excluded.firebreak_version, reported_at = excluded.reported_at, unguarded = excluded.unguarded, inventory = excluded.inventory`,
    [id, machine.team, machine.tokenId, machine.name, body.hostname, body.firebreakVersion, now.toISOString(), unguarded.length ? 1 : 0, JSON.stringify(body)],
  );
  return { unguarded };
}

export async function fleet(db: Database, team: string): Promise<MachineView[]> {
  const rows = await db.all<{ name: string; hostname: string; firebreak_version: string; reported_at: string; unguarded: number; inventory: string }>(
    'SELECT name, hostname, firebreak_version, reported_at, unguarded, inventory FROM machines WHERE team_id = ? ORDER BY unguarded DESC, name, hostname',
    [team],
  );
  return rows.map((r) => ({ name: r.name, hostname: r.hostname, firebreakVersion: r.firebreak_version, reportedAt: r.reported_at, unguarded: !!Number(r.unguarded), inventory: JSON.parse(r.inventory) as InventoryBody }));
}
