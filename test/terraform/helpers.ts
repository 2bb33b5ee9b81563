import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IntakeResult, PlannedAction } from '../../src/intake/types.js';

/** `shared/fixtures/public` beside the clone, or beside a folder of worktrees above it. */
export function publicFixtures(): string {
  for (let dir = fileURLToPath(new URL('../..', import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, '..', 'shared', 'fixtures', 'public');
    if (existsSync(candidate)) return `${candidate}/`;
    if (dirname(dir) === dir) return fileURLToPath(new URL('../../../shared/fixtures/public/', import.meta.url));
  }
}

export const PUBLIC = publicFixtures();
export const TERRAFORM_JSON = `${PUBLIC}terraform-json/`;
export const INFRACOST = `${PUBLIC}infracost/`;
export const LOCAL = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function read(path: string): string {
  return readFileSync(path, 'utf8');
}

export function actionAt(result: IntakeResult, id: string): PlannedAction {
  const action = result.actions.find((a) => a.target.id === id);
  if (!action) throw new Error(`no action for ${id}: ${result.actions.map((a) => a.target.id).join(', ')}`);
  return action;
}

/** Edges as `from -> to` strings. */
export function edgePairs(result: IntakeResult): string[] {
  return (result.world?.edges ?? []).map((e) => `${e.from} -> ${e.to}`);
}

export function edgeDetail(result: IntakeResult, from: string, to: string): string | undefined {
  return result.world?.edges.find((e) => e.from === from && e.to === to)?.dependency.detail;
}
