// Change sets that exist in production (the agent describes or executes them by name) must exist
// in the twin too: created from the proposed template when Firebreak has it, else rebuilt from the
// saved DescribeChangeSet response (which says what changes, though not always to what).
import type { InventoryContext } from '../inventory/context.js';
import { createChangeSet } from '../replay/change-set-step.js';
import type { NamedChangeSet } from '../types.js';
import { parseTemplate } from '../../intake/cloudformation/index.js';
import type { StackSource } from './cloudformation.js';

export interface SeededChangeSet {
  stack: string;
  name: string;
  from: string;
  ok: boolean;
  note?: string;
}

interface DescribedChange {
  ResourceChange?: {
    Action?: string;
    LogicalResourceId?: string;
    Details?: { Target?: { Attribute?: string; Name?: string }; ChangeSource?: string; Evaluation?: string }[];
  };
}

/**
 * The proposed template rebuilt from a saved change set: each property the change set says was
 * modified directly gets a stand-in new value (the saved response does not carry new values), a
 * removed resource is removed; the changes AWS derives from those (Dynamic ones) follow by themselves.
 */
export function rebuildFromChangeSet(templateBody: Record<string, unknown>, described: Record<string, unknown>): { body: Record<string, unknown>; notes: string[] } {
  const body = structuredClone(templateBody);
  const resources = (body.Resources ?? {}) as Record<string, { Properties?: Record<string, unknown> }>;
  const notes: string[] = [];
  for (const change of (described.Changes ?? []) as DescribedChange[]) {
    const rc = change.ResourceChange;
    const id = rc?.LogicalResourceId;
    if (!rc || !id) continue;
    if (rc.Action === 'Remove') {
      delete resources[id];
      notes.push(`${id} removed`);
      continue;
    }
    if (rc.Action === 'Add') {
      notes.push(`${id} is added by the change set, but the saved response does not say with which properties: left out`);
      continue;
    }
    for (const detail of rc.Details ?? []) {
      if (detail.ChangeSource !== 'DirectModification' || detail.Target?.Attribute !== 'Properties' || !detail.Target.Name) continue;
      const props = (resources[id] ??= {}).Properties ?? (resources[id].Properties = {});
      const name = detail.Target.Name;
      const changed = standIn(props[name]);
      if (changed === undefined) {
        notes.push(`${id}.${name} changes to a value the saved response does not carry, and the twin cannot stand one in`);
        continue;
      }
      props[name] = changed;
      notes.push(`${id}.${name} given a stand-in new value`);
    }
  }
  return { body, notes };
}

function standIn(value: unknown): unknown {
  if (typeof value === 'string') return `${value}-firebreak-changed`;
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (value && typeof value === 'object' && !Array.isArray(value)) return { 'Fn::Join': ['', [value, '-firebreak-changed']] };
  return undefined;
}

export async function seedChangeSets(ctx: InventoryContext, named: NamedChangeSet[], stacks: StackSource[], created: Map<string, string>): Promise<SeededChangeSet[]> {
  const out: SeededChangeSet[] = [];
  for (const cs of named) {
    const current = stacks.find((s) => s.name === cs.stack);
    let source: StackSource | undefined;
    let from: string;
    let note: string | undefined;
    if (cs.template) {
      source = { ...cs.template, parameters: { ...(current?.parameters ?? {}), ...(cs.template.parameters ?? {}) } };
      from = cs.template.file;
    } else if (cs.described && current) {
      const rebuilt = rebuildFromChangeSet(parseTemplate(current.templateText, current.file).body, cs.described.body);
      const given = Object.fromEntries(((cs.described.body.Parameters ?? []) as { ParameterKey: string; ParameterValue?: string }[]).map((p) => [p.ParameterKey, p.ParameterValue ?? '']));
      source = { name: cs.stack, file: `${cs.described.file} (rebuilt on ${current.file})`, templateText: JSON.stringify(rebuilt.body), parameters: { ...given, ...(current.parameters ?? {}) } };
      from = cs.described.file;
      note = `rebuilt from the saved change set: ${rebuilt.notes.join('; ')}`;
    } else {
      out.push({ stack: cs.stack, name: cs.name, from: '-', ok: false, note: 'neither the proposed template nor the saved change set (and the stack template) is known' });
      continue;
    }
    try {
      const made = await createChangeSet(ctx, source, cs.name);
      if (made.ok && !made.empty) created.set(cs.stack, cs.name);
      out.push({ stack: cs.stack, name: cs.name, from, ok: made.ok && !made.empty, ...(note || made.reason ? { note: [note, made.reason].filter(Boolean).join('; ') } : {}) });
    } catch (e) {
      out.push({ stack: cs.stack, name: cs.name, from, ok: false, note: (e as Error).message });
    }
  }
  return out;
}
