import type { BlastResource, Evidence, Reason, Report } from '../model.js';

/**
 * The JSON report as written (schema 2.0) leaves out what the report or the plan already holds,
 * so a large plan's report stays near the plan's size (docs/check.md, "Report format"):
 * - a reason whose evidence is exactly its action's (`actions[].evidence`) names that action in
 *   `evidenceOf` instead of repeating the list;
 * - an action read from a Terraform plan (`source.kind` terraform-plan, `source.path`
 *   `resource_changes[N]`) carries no `before` / `after`: they are `change.before` / `change.after`
 *   of that entry in `source.file`;
 * - a blast-radius resource leaves out `pathReasons` when it is empty and `path` when it is the
 *   resource alone (`[id]`).
 * The report in memory keeps everything (renderers and in-process callers read it);
 * `expandReport` turns a written report back into it.
 */
export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}

/** Arrays longer than this are written in batches of BATCH elements; shorter ones in one piece. */
const STREAMED_ARRAY = 32;
const BATCH = 256;

// any: each list has its own element type.
type Written = (element: any) => unknown;

/**
 * The same text as renderJson, in pieces: a 100,000-change plan's report is some 300 MB, and
 * building it as one string (then one buffer to write it) doubles the process's peak memory.
 * The report's own object and its long arrays are walked here; each batch of elements is
 * JSON.stringify's, made at its depth by wrapping it in objects (`{"": [...]}`) whose opening and
 * closing lines are cut off again, so the bytes are those of JSON.stringify(, null, 2) without
 * re-indenting. The elements of the arrays named in `writtenForm` are shortened batch by batch.
 */
export function* renderJsonChunks(report: Report): Generator<string> {
  yield* pretty(report, '', true, '', isReport(report) ? writtenForm(report) : {});
  yield '\n';
}

function isReport(value: unknown): value is Report {
  return isPlainObject(value) && Array.isArray(value.reasons) && Array.isArray(value.actions) && isPlainObject(value.blastRadius);
}

/** How each element of the report's long lists is written, by the list's path. */
function writtenForm(report: Report): Record<string, Written> {
  const evidenceOf = new Map<string, Evidence[]>();
  for (const action of report.actions) evidenceOf.set(action.id, action.evidence);
  return {
    reasons: (reason: Reason) => writtenReason(reason, evidenceOf),
    actions: writtenAction,
    'blastRadius.resources': writtenBlastResource,
  };
}

function writtenReason(reason: Reason, evidenceOf: Map<string, Evidence[]>): unknown {
  if (!reason.evidence || reason.actionId === undefined) return reason;
  const actionEvidence = evidenceOf.get(reason.actionId);
  if (!actionEvidence || !sameEvidence(reason.evidence, actionEvidence)) return reason;
  // A copy with the key set to undefined, which JSON.stringify leaves out: spreading is V8's fast
  // clone and keeps the keys' order; copying key by key or deleting makes slow dictionary objects.
  return { ...reason, evidence: undefined, evidenceOf: reason.actionId };
}

function sameEvidence(a: Evidence[], b: Evidence[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}

/** `resource_changes[N]`: the entry of the plan an action was read from. */
export const PLAN_CHANGE_PATH = /^resource_changes\[(\d+)\]$/;

function writtenAction(action: Report['actions'][number]): unknown {
  if (action.source.kind !== 'terraform-plan' || !PLAN_CHANGE_PATH.test(action.source.path ?? '') || !('before' in action || 'after' in action)) return action;
  return { ...action, before: undefined, after: undefined };
}

function writtenBlastResource(resource: BlastResource): unknown {
  const alone = resource.path.length === 1 && resource.path[0] === resource.id;
  if (!alone && resource.pathReasons.length > 0) return resource;
  return { ...resource, path: alone ? undefined : resource.path, pathReasons: resource.pathReasons.length ? resource.pathReasons : undefined };
}

/** The values of the plan entries written reports leave out, by plan file (as in `source.file`). */
export type PlanValues = (file: string, index: number) => { before?: unknown; after?: unknown } | undefined;

/**
 * A written report (schema 2.0) as the report in memory: each reason's evidence listed again,
 * blast-radius paths and path reasons filled in, and, when `planValues` is given, each plan
 * action's `before` / `after` read back from its plan (see `planValuesOf`).
 */
export function expandReport(written: Record<string, unknown>, planValues?: PlanValues): Report {
  const report = written as unknown as Report;
  const evidenceOf = new Map<string, Evidence[]>();
  report.actions = report.actions.map((action) => {
    evidenceOf.set(action.id, action.evidence);
    const at = planValues && action.source.kind === 'terraform-plan' && action.source.file ? PLAN_CHANGE_PATH.exec(action.source.path ?? '') : null;
    const values = at ? planValues!(action.source.file!, Number(at[1])) : undefined;
    if (!values || (!isPlainObject(values.before) && !isPlainObject(values.after))) return action;
    // Where the intake puts them: after details (plan actions always have details).
    const full: Record<string, unknown> = {};
    const put = () => {
      if (isPlainObject(values.before)) full.before = values.before;
      if (isPlainObject(values.after)) full.after = values.after;
    };
    for (const [key, value] of Object.entries(action)) {
      full[key] = value;
      if (key === 'details') put();
    }
    if (!('details' in action)) put();
    return full as unknown as typeof action;
  });
  // Keys are put back where the report in memory has them: evidence in evidenceOf's place,
  // path and pathReasons after depth.
  report.reasons = report.reasons.map((reason) => {
    const of = (reason as { evidenceOf?: unknown }).evidenceOf;
    if (typeof of !== 'string') return reason;
    const full: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(reason)) {
      if (key === 'evidenceOf') full.evidence = [...(evidenceOf.get(of) ?? [])];
      else full[key] = value;
    }
    return full as unknown as Reason;
  });
  report.blastRadius.resources = report.blastRadius.resources.map((resource) => {
    if (resource.path !== undefined && resource.pathReasons !== undefined) return resource;
    const full: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource)) {
      full[key] = value;
      if (key === 'depth') {
        full.path = resource.path ?? [resource.id];
        full.pathReasons = resource.pathReasons ?? [];
      }
    }
    return full as unknown as BlastResource;
  });
  return report;
}

/** Plan values for `expandReport` from parsed plans (`terraform show -json`), by file. */
export function planValuesOf(plans: Map<string, { resource_changes?: { change?: { before?: unknown; after?: unknown } }[] }>): PlanValues {
  return (file, index) => plans.get(file)?.resource_changes?.[index]?.change;
}

function* pretty(value: unknown, indent: string, walkObject: boolean, path: string, written: Record<string, Written>): Generator<string> {
  const shorten = Array.isArray(value) ? written[path] : undefined;
  if (Array.isArray(value) && value.length > STREAMED_ARRAY) {
    const wrappers = indent.length / 2;
    const { prefix, suffix } = wrapping(wrappers);
    for (let i = 0; i < value.length; i += BATCH) {
      const batch = value.slice(i, i + BATCH);
      let wrapped: unknown = shorten ? batch.map(shorten) : batch;
      for (let k = 0; k < wrappers; k++) wrapped = { '': wrapped };
      const text = JSON.stringify(wrapped, null, 2);
      // Two pieces: the slice is written as it is, without copying it into a joined string first.
      yield i === 0 ? '[\n' : ',\n';
      yield text.slice(prefix.length, text.length - suffix.length);
    }
    yield `\n${indent}]`;
    return;
  }
  if (walkObject && isPlainObject(value)) {
    const inner = `${indent}  `;
    let first = true;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (!stringifiable(item)) continue; // JSON.stringify leaves such keys out
      yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
      first = false;
      yield* pretty(item, inner, indent === '', path ? `${path}.${key}` : key, written);
    }
    yield first ? '{}' : `\n${indent}}`;
    return;
  }
  const text = JSON.stringify(shorten ? (value as unknown[]).map(shorten) : value, null, 2);
  // Newlines in JSON.stringify's output are all between tokens (strings escape theirs).
  yield indent && text.includes('\n') ? text.replaceAll('\n', `\n${indent}`) : text;
}

/** What JSON.stringify(, null, 2) writes around an array nested in `wrappers` objects `{"": ...}`, up to its first element. */
function wrapping(wrappers: number): { prefix: string; suffix: string } {
  let prefix = '';
  let suffix = `\n${'  '.repeat(wrappers)}]`;
  for (let k = 0; k < wrappers; k++) prefix += `{\n${'  '.repeat(k + 1)}"": `;
  for (let k = wrappers - 1; k >= 0; k--) suffix += `\n${'  '.repeat(k)}}`;
  return { prefix: `${prefix}[\n`, suffix };
}

function stringifiable(value: unknown): boolean {
  return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}
