// Block-by-block comparison of two Terraform configurations -> planned actions. Without a plan
// the replacement knowledge comes from src/knowledge/terraform-force-new.ts.
import type { Evidence, Operation } from '../../model.js';
import type { PlannedAction } from '../../intake/types.js';
import { forceNewAttributes } from '../../knowledge/terraform-force-new.js';
import { physicalNames, tagsOf } from '../../intake/terraform/names.js';
import { localSource, resourceId, type Placement } from './modules.js';
import type { TfBlock, TfDir, TfSnapshot } from './snapshot.js';
import { changedKeys, describeValue, instanceKeys, lifecycleOf } from './values.js';

export interface DiffInput {
  base: TfSnapshot;
  head: TfSnapshot;
  basePlacements: Map<string, Placement[]>;
  headPlacements: Map<string, Placement[]>;
  /** .tf files the change adds, modifies or deletes. */
  changedFiles: Set<string>;
  /** The base commit: what a deleted block's file and line refer to. */
  baseRevision?: string;
}

const EMPTY_DIR: TfDir = { blocks: new Map(), moved: [], removed: [] };

export function diffConfigurations(input: DiffInput): { actions: PlannedAction[]; warnings: string[] } {
  const actions: PlannedAction[] = [];
  const warnings: string[] = [];
  const failed = new Set([...input.base.failures.keys(), ...input.head.failures.keys()].filter((f) => input.changedFiles.has(f)));
  const dirs = new Set([...input.changedFiles].map((f) => f.slice(0, Math.max(0, f.lastIndexOf('/'))) || '.'));
  for (const dir of [...dirs].sort()) {
    const before = input.base.dirs.get(dir) ?? EMPTY_DIR;
    const after = input.head.dirs.get(dir) ?? EMPTY_DIR;
    const placements = input.headPlacements.get(dir) ?? input.basePlacements.get(dir) ?? [{ root: dir, prefix: '' }];
    const addresses = new Set([...before.blocks.keys(), ...after.blocks.keys()]);
    for (const address of [...addresses].sort()) {
      const old = before.blocks.get(address);
      const next = after.blocks.get(address);
      const inChange = (old && input.changedFiles.has(old.file)) || (next && input.changedFiles.has(next.file));
      if (!inChange || (old && failed.has(old.file)) || (next && failed.has(next.file))) continue;
      if ((old ?? next)!.kind === 'data') continue;
      for (const placement of placements) {
        const context = { placement, before, after, input, warnings };
        actions.push(...(old?.kind === 'module' || next?.kind === 'module' ? moduleCallActions(old, next, context) : resourceActions(old, next, context)));
      }
    }
  }
  return { actions, warnings };
}

interface Context {
  placement: Placement;
  before: TfDir;
  after: TfDir;
  input: DiffInput;
  warnings: string[];
}

function resourceActions(old: TfBlock | undefined, next: TfBlock | undefined, ctx: Context): PlannedAction[] {
  const block = (next ?? old)!;
  const id = resourceId(ctx.placement, block.address);
  if (!next) {
    const moved = ctx.after.moved.find((m) => m.from === block.address);
    if (moved && ctx.after.blocks.has(moved.to)) {
      ctx.warnings.push(`${id} moves to ${moved.to} (moved block at ${moved.file}:${moved.line}): no destroy`);
      return [];
    }
    const removed = ctx.after.removed.find((r) => r.from === block.address);
    if (removed && !removed.destroy) {
      return [atBase(action(old!, ctx, 'update', 'forget', [ev('input', `a removed block (${removed.file}:${removed.line}) drops ${id} from the state with destroy = false: the real object stays, unmanaged`)], { forget: true }), ctx)];
    }
    const evidence: Evidence[] = [ev('input', `the resource block ${block.address} is deleted from ${old!.file}: terraform apply destroys it`)];
    if (lifecycleOf(old!.body).preventDestroy) {
      evidence.push(ev('attribute', 'lifecycle.prevent_destroy was set on this resource; deleting the block deletes the protection with it, so Terraform will destroy the resource', 'lifecycle.prevent_destroy', true));
    }
    return [atBase(action(old!, ctx, 'delete', 'delete', evidence), ctx)];
  }
  if (!old) {
    const moved = ctx.after.moved.find((m) => m.to === block.address && ctx.before.blocks.has(m.from));
    if (moved) return moved.from === block.address ? [] : comparedActions(ctx.before.blocks.get(moved.from)!, next, ctx, moved);
    return [action(next, ctx, 'create', 'create', [ev('input', `a new resource block ${block.address} in ${next.file}`)])];
  }
  return comparedActions(old, next, ctx);
}

function comparedActions(old: TfBlock, next: TfBlock, ctx: Context, moved?: { from: string; file: string; line: number }): PlannedAction[] {
  const evidence: Evidence[] = [];
  if (moved) evidence.push(ev('input', `moved from ${moved.from} (moved block at ${moved.file}:${moved.line}): Terraform renames it in the state instead of destroying it`, 'moved', moved.from));
  if (!old.body || !next.body) return [];
  const actions: PlannedAction[] = [];
  const oldLife = lifecycleOf(old.body);
  const newLife = lifecycleOf(next.body);
  const ignored = newLife.ignoreChanges;
  const changed = changedKeys(old.body, next.body).filter((k) => ignored !== 'all' && !ignored.includes(k));
  const forceNew = forceNewAttributes(next.type) ?? [];
  const replaceCauses = changed.filter((k) => forceNew.includes(k));

  for (const key of changed.slice(0, 12)) {
    evidence.push(ev('attribute', `${key}: ${describeValue(old.body[key])} -> ${describeValue(next.body[key])}${replaceCauses.includes(key) ? ' (forces replacement)' : ''}`, key, next.body[key]));
  }
  if (changed.length > 12) evidence.push(ev('attribute', `${changed.length - 12} more attribute(s) change`));
  if (oldLife.preventDestroy && !newLife.preventDestroy) {
    evidence.push(ev('attribute', 'lifecycle.prevent_destroy is removed: the protection against destroying this resource goes away', 'lifecycle.prevent_destroy', false));
  }
  if (changed.length > 0 && forceNewAttributes(next.type) === undefined) {
    evidence.push(ev('knowledge', `no force-new table for ${next.type}: judged an in-place update; a plan (--plan) would say whether it replaces`));
  }

  let operation: Operation | undefined;
  let verb = 'update';
  if (replaceCauses.length > 0) {
    operation = 'replace';
    verb = newLife.createBeforeDestroy ? 'create,delete' : 'delete,create';
    evidence.push(ev('knowledge', `${replaceCauses.join(', ')} cannot change in place on ${next.type}: the provider destroys and recreates it${newLife.createBeforeDestroy ? ' (create_before_destroy)' : ''}`));
    if (newLife.preventDestroy) evidence.push(ev('attribute', 'lifecycle.prevent_destroy is set: terraform plan will refuse this replacement until the protection is removed', 'lifecycle.prevent_destroy', true));
  } else if (changed.length > 0 || (oldLife.preventDestroy && !newLife.preventDestroy) || moved) {
    operation = 'update';
  }
  const extra: Record<string, unknown> = {};
  if (operation) {
    actions.push(action(next, ctx, operation, verb, evidence, { changedAttributes: changed, ...(replaceCauses.length ? { replaceCauses } : {}) }, old, replaceCauses));
  }
  actions.push(...instanceActions(old, next, ctx, extra));
  return actions;
}

/** count / for_each changes: instances that disappear are destroyed. */
function instanceActions(old: TfBlock, next: TfBlock, ctx: Context, _extra: Record<string, unknown>): PlannedAction[] {
  const was = instanceKeys(old.body);
  const now = instanceKeys(next.body);
  if (was.kind === now.kind && was.text === now.text) return [];
  if (was.kind === 'single' || (now.kind === 'single' && was.keys?.length === 1)) {
    return [action(next, ctx, 'update', 'update', [ev('input', `${now.kind === 'single' ? 'count/for_each removed' : `${now.kind} added`}: the existing object is moved to the new address`)])];
  }
  if (was.keys && (now.keys || now.kind === 'single')) {
    const remaining = new Set((now.keys ?? []).map(String));
    const gone = was.keys.filter((k) => !remaining.has(String(k)));
    return gone.map((key) => {
      const instance = `${old.address}[${typeof key === 'number' ? key : JSON.stringify(key)}]`;
      return action(old, ctx, 'delete', 'delete', [
        ev('input', `${was.kind} changes from ${describeValue(was.text)} to ${describeValue(now.text || '(none)')}: instance ${instance} is destroyed`, was.kind, now.text),
      ], { instance }, undefined, undefined, instance);
    });
  }
  return [action(next, ctx, 'unknown', 'update', [
    ev('input', `${was.kind} changes from ${describeValue(was.text)} to ${describeValue(now.text)}: which instances are destroyed cannot be told without a plan (give --plan)`, now.kind, now.text),
  ])];
}

function moduleCallActions(old: TfBlock | undefined, next: TfBlock | undefined, ctx: Context): PlannedAction[] {
  const call = (next ?? old)!;
  const id = resourceId(ctx.placement, call.address);
  if (!next) {
    const moved = ctx.after.moved.find((m) => m.from === call.address);
    if (moved && ctx.after.blocks.has(moved.to)) return [];
    const dir = localSource(old!);
    const members = dir ? membersOf(ctx.input.base, dir, `${ctx.placement.prefix}${call.address}.`) : [];
    if (members.length > 0) {
      return members.map(({ block, prefix }) =>
        atBase(
          action(block, { ...ctx, placement: { root: ctx.placement.root, prefix } }, 'delete', 'delete', [
            ev('input', `the module call ${id} is deleted from ${old!.file}: every resource in it is destroyed`),
          ]),
          ctx,
        ),
      );
    }
    return [atBase(moduleAction(old!, ctx, 'delete', [ev('input', `the module call ${id} is deleted from ${old!.file} (source ${String(old!.body?.source ?? old!.literals.source)}): everything it manages is destroyed, and what that is cannot be listed from here`)], 'unknown'), ctx)];
  }
  if (!old) return [moduleAction(next, ctx, 'create', [ev('input', `a new module call ${id} in ${next.file}`)], 'unknown')];
  if (!old.body || !next.body) return [];
  const changed = changedKeys(old.body, next.body, new Set(['lifecycle', 'depends_on', 'providers']));
  if (changed.length === 0) return [];
  const evidence = changed.map((key) => ev('input', `${key}: ${describeValue(old.body![key])} -> ${describeValue(next.body![key])}`, key, next.body![key]));
  evidence.push(ev('knowledge', 'a module call changed: what its resources do depends on the module\'s code and cannot be bounded without a plan (give --plan)'));
  return [moduleAction(next, ctx, 'update', evidence, 'unknown')];
}

function membersOf(snapshot: TfSnapshot, dir: string, prefix: string, depth = 0): { block: TfBlock; prefix: string }[] {
  const entry = snapshot.dirs.get(dir);
  if (!entry || depth > 8) return [];
  const found: { block: TfBlock; prefix: string }[] = [];
  for (const block of entry.blocks.values()) {
    if (block.kind === 'resource') found.push({ block, prefix });
    else if (block.kind === 'module') {
      const child = localSource(block);
      if (child) found.push(...membersOf(snapshot, child, `${prefix}module.${block.name}.`, depth + 1));
    }
  }
  return found;
}

function moduleAction(call: TfBlock, ctx: Context, operation: Operation, evidence: Evidence[], scope: PlannedAction['scope']): PlannedAction {
  const id = resourceId(ctx.placement, call.address);
  return {
    source: { kind: 'hcl', file: call.file, line: call.line },
    operation,
    verb: operation,
    tool: 'terraform',
    target: { type: 'terraform:module', id, address: `${ctx.placement.prefix}${call.address}` },
    scope,
    hints: { terraformAddress: id },
    evidence,
    details: { moduleSource: call.body?.source ?? call.literals.source, root: ctx.placement.root },
  };
}

function action(
  block: TfBlock,
  ctx: Context,
  operation: Operation,
  verb: string,
  evidence: Evidence[],
  details: Record<string, unknown> = {},
  old?: TfBlock,
  replaceCauses?: string[],
  instance?: string,
): PlannedAction {
  const id = resourceId(ctx.placement, instance ?? block.address);
  const configId = resourceId(ctx.placement, block.address);
  const values = block.body ?? block.literals;
  const tags = { ...tagsOf(values), ...tagsOf(old?.body) };
  const planned: PlannedAction = {
    source: { kind: 'hcl', file: block.file, line: block.line, ...(block.endLine ? { endLine: block.endLine } : {}) },
    operation,
    verb,
    tool: 'terraform',
    target: {
      type: block.type,
      id,
      address: `${ctx.placement.prefix}${instance ?? block.address}`,
      terraformType: block.type,
      names: [...new Set([...(instance ? [configId] : []), ...physicalNames(block.type, old?.body ?? values)])],
    },
    scope: 'resource',
    hints: { terraformAddress: id, ...(Object.keys(tags).length ? { tags } : {}) },
    evidence,
    details: { root: ctx.placement.root, ...details },
  };
  if (operation === 'delete' || operation === 'update' || operation === 'replace') planned.before = (old ?? block).body ?? block.literals;
  if (operation !== 'delete') planned.after = values;
  if (replaceCauses?.length) planned.replaceCauses = replaceCauses;
  return planned;
}

/** The action's file and line are the base revision's: the block is gone from the head. */
function atBase(planned: PlannedAction, ctx: Context): PlannedAction {
  return ctx.input.baseRevision ? { ...planned, source: { ...planned.source, revision: ctx.input.baseRevision } } : planned;
}

function ev(kind: Evidence['kind'], message: string, key?: string, value?: unknown): Evidence {
  return { kind, message, ...(key !== undefined ? { key } : {}), ...(value !== undefined ? { value } : {}) };
}
