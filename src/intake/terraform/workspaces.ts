// Terraform workspaces: which one a run is in, and keeping each workspace's resources apart.
// In the workspace-per-environment layout staging and prod share every address; a resource in
// one workspace's state is never part of another workspace's blast radius.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { Action, Evidence, Resource } from '../../model.js';
import type { IntakeResult, PlannedAction } from '../types.js';

export interface WorkspaceChoice {
  name: string;
  /** How it was found, for the evidence: `--workspace`, `TF_WORKSPACE`, `.terraform/environment in infra/`. */
  from: string;
}

/**
 * The workspace `terraform` would use in `dir`: `TF_WORKSPACE` wins, then the file
 * `terraform workspace select` writes (`.terraform/environment`, or under `TF_DATA_DIR`).
 * Undefined when neither says: Terraform would use `default`, but a plan checked elsewhere
 * (in CI, from a saved file) cannot know, and guessing would place it wrongly.
 */
export function workspaceOf(dir: string, env: Record<string, string | undefined> = process.env): WorkspaceChoice | undefined {
  if (env.TF_WORKSPACE) return { name: env.TF_WORKSPACE, from: 'TF_WORKSPACE' };
  const dataDir = env.TF_DATA_DIR ? (isAbsolute(env.TF_DATA_DIR) ? env.TF_DATA_DIR : join(dir, env.TF_DATA_DIR)) : join(dir, '.terraform');
  const file = join(dataDir, 'environment');
  if (!existsSync(file)) return undefined;
  try {
    const name = readFileSync(file, 'utf8').trim();
    return name ? { name, from: `${file} (written by terraform workspace select)` } : undefined;
  } catch {
    return undefined;
  }
}

/** The plan's workspace: given outright, else as Terraform would find it in the working folder or the plan's folder. */
export function planWorkspace(given: string | undefined, dirs: string[]): WorkspaceChoice | undefined {
  if (given) return { name: given, from: '--workspace' };
  for (const dir of dirs) {
    const found = workspaceOf(resolve(dir));
    if (found) return found;
  }
  return undefined;
}

/** Marks a plan's changes and the world it implies as being in one workspace. */
export function inWorkspace(result: IntakeResult, choice: WorkspaceChoice): IntakeResult {
  const evidence: Evidence = { kind: 'input', key: 'workspace', value: choice.name, message: `Terraform workspace ${choice.name} (${choice.from})` };
  return {
    ...result,
    actions: result.actions.map((action) => (action.hints.workspace ? action : { ...action, hints: { ...action.hints, workspace: choice.name }, evidence: [...action.evidence, evidence] })),
    ...(result.world ? { world: { ...result.world, resources: result.world.resources.map((r) => (r.workspace ? r : { ...r, workspace: choice.name })) } } : {}),
  };
}

/** Workspaces the planned changes of a run happen in (plans and terraform / tofu commands). */
export function workspacesOf(results: IntakeResult[]): Set<string> {
  const found = new Set<string>();
  for (const result of results) {
    for (const action of result.actions) if (action.hints.workspace && isTerraformAction(action)) found.add(action.hints.workspace);
  }
  return found;
}

function isTerraformAction(action: Pick<PlannedAction, 'tool' | 'source'>): boolean {
  return action.source.kind === 'terraform-plan' || action.tool === 'terraform' || action.tool === 'tofu' || action.tool === 'terragrunt';
}

/** `staging/aws_sqs_queue.jobs`: the id of a resource whose address another workspace also uses. */
export function qualifiedId(workspace: string, address: string): string {
  return `${workspace}/${address}`;
}

/** The Terraform address of a world resource, whether or not its id is qualified by its workspace. */
export function terraformAddressOf(id: string, resource: Pick<Resource, 'workspace'>): string {
  return resource.workspace && id.startsWith(`${resource.workspace}/`) ? id.slice(resource.workspace.length + 1) : id;
}

/** Whether a resource can be touched by a Terraform action run in the action's workspace. */
export function sameWorkspace(resource: Pick<Resource, 'workspace'>, action: Pick<Action, 'hints'>): boolean {
  const workspace = action.hints.workspace;
  return !workspace || !resource.workspace || resource.workspace === workspace;
}

/**
 * When the world holds the same address from two workspaces (a run that touches staging and
 * prod), each copy gets its own id (`prod/aws_sqs_queue.jobs`) so the graph does not merge them,
 * and each Terraform action points at the copy in its own workspace.
 */
export function separateWorkspaces(results: IntakeResult[]): IntakeResult[] {
  // An id is shared once it is seen in a second workspace: one string per id, no set per id.
  const firstWorkspace = new Map<string, string>();
  const shared = new Set<string>();
  for (const result of results) {
    for (const resource of result.world?.resources ?? []) {
      if (!resource.source.startsWith('terraform')) continue;
      const workspace = resource.workspace ?? '';
      const seen = firstWorkspace.get(resource.id);
      if (seen === undefined) firstWorkspace.set(resource.id, workspace);
      else if (seen !== workspace) shared.add(resource.id);
    }
  }
  if (shared.size === 0) return results;

  const rename = (id: string, workspace: string | undefined) => (workspace && shared.has(id) ? qualifiedId(workspace, id) : id);
  return results.map((result) => {
    const world = result.world;
    let renamed = world;
    if (world) {
      const byId = new Map<string, string>();
      const resources = world.resources.map((r) => {
        if (!r.source.startsWith('terraform')) return r;
        const id = rename(r.id, r.workspace);
        byId.set(r.id, id);
        return id === r.id ? r : { ...r, id, names: [...new Set([...r.names, r.id])] };
      });
      const edges = world.edges.map((e) => ({ ...e, from: byId.get(e.from) ?? e.from, to: byId.get(e.to) ?? e.to }));
      renamed = { resources, edges };
    }
    const actions = result.actions.map((action) => {
      const address = action.target.address ?? action.target.id;
      if (!isTerraformAction(action) || !action.hints.workspace || !shared.has(address)) return action;
      const id = qualifiedId(action.hints.workspace, address);
      return { ...action, target: { ...action.target, id, names: [...new Set([...(action.target.names ?? []), address])] } };
    });
    return { ...result, actions, ...(renamed ? { world: renamed } : {}) };
  });
}
