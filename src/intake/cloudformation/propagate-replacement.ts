import type { TemplateDiff } from '@aws-cdk/cloudformation-diff';

type FullDiff = (current: Record<string, unknown>, next: Record<string, unknown>) => TemplateDiff;

/** The suffix cloudformation-diff itself uses to mark a reference to a replaced resource. */
export const REPLACED_MARK = ' (replaced)';

/**
 * A replaced resource gets a new physical id, so everything that references it changes too.
 * cloudformation-diff propagates this only through `Ref` / `Fn::GetAtt`, and reports the
 * referencing resource only when it is itself replaced. Here every reference (`Fn::Sub`
 * placeholders included) to a replaced resource is marked in a copy of the new template and
 * the diff is recomputed until nothing more is replaced, so referencing resources appear as
 * updates or, where the referencing property forces it, replacements.
 */
export function diffWithPropagation(fullDiff: FullDiff, current: Record<string, unknown>, next: Record<string, unknown>): TemplateDiff {
  const marked = structuredClone(next);
  const alreadyMarked = new Set<string>();
  let diff = fullDiff(current, marked);
  for (;;) {
    const replaced: string[] = [];
    diff.resources.forEachDifference((logicalId, change) => {
      const impact = change.changeImpact as string;
      if ((impact === 'WILL_REPLACE' || impact === 'MAY_REPLACE') && !alreadyMarked.has(logicalId)) replaced.push(logicalId);
    });
    if (replaced.length === 0) return diff;
    replaced.forEach((id) => alreadyMarked.add(id));
    if (!markReferences(marked, new Set(replaced))) return diff;
    diff = fullDiff(current, marked);
  }
}

/** The logical ids a (marked) value refers to as replaced. */
export function replacedReferences(value: unknown): string[] {
  const found = new Set<string>();
  for (const match of JSON.stringify(value ?? null).matchAll(/([A-Za-z0-9]+) ?\(replaced\)/g)) found.add(match[1]);
  return [...found];
}

function markReferences(template: Record<string, unknown>, replaced: Set<string>): boolean {
  const resources = template.Resources;
  if (typeof resources !== 'object' || resources === null) return false;
  let changed = false;
  const mark = (id: string) => {
    changed = true;
    return `${id}${REPLACED_MARK}`;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    if (typeof obj.Ref === 'string' && replaced.has(obj.Ref)) obj.Ref = mark(obj.Ref);
    const getAtt = obj['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string' && replaced.has(getAtt[0])) getAtt[0] = mark(getAtt[0]);
    if (typeof getAtt === 'string' && replaced.has(getAtt.split('.')[0])) obj['Fn::GetAtt'] = mark(getAtt.split('.')[0]) + getAtt.slice(getAtt.indexOf('.'));
    const sub = obj['Fn::Sub'];
    if (typeof sub === 'string') obj['Fn::Sub'] = markSub(sub, replaced, mark);
    if (Array.isArray(sub) && typeof sub[0] === 'string') sub[0] = markSub(sub[0], replaced, mark);
    for (const [key, child] of Object.entries(obj)) if (key !== 'DependsOn') walk(child);
  };
  Object.values(resources).forEach(walk);
  return changed;
}

function markSub(text: string, replaced: Set<string>, mark: (id: string) => string): string {
  return text.replace(/\$\{([A-Za-z0-9]+)([.}])/g, (whole, id: string, next: string) => (replaced.has(id) ? `\${${mark(id)}${next}` : whole));
}
