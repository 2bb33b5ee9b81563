// A pull request that weakens the guard is a permission change, shown as exactly what got looser:
// a hook registration removed or narrowed (or hooks switched off, or a bypass mode switched on), a
// production environment made non-production or removed, a policy rule removed or lowered, a pass
// rule added, a freeze window removed or shortened, a gateway control turned off. Files are found
// with the same facts the guard uses (knowledge/agent-hook-files.ts, config/file-names.ts).
import type { Evidence, Decision, Report } from '../model.js';
import type { IntakeResult, PlannedAction } from '../intake/types.js';
import { AGENT_HOOK_FILES, HOOKED_TOOLS } from '../knowledge/agent-hook-files.js';
import { CONFIG_FILE_NAMES, STATE_DIR_NAME } from '../config/file-names.js';
import { parse as parseYaml } from 'yaml';
import { blobIds, listFiles, readBlobs, type ChangedFile } from './git.js';

export interface Loosening {
  /** What got looser, in plain words. */
  what: string;
  /** The value before and after, when there is one. */
  before?: unknown;
  after?: unknown;
}

type FileKind = { kind: 'hooks'; agent: string } | { kind: 'config' } | { kind: 'policy' } | { kind: 'settings' };

const RANK: Record<Decision, number> = { pass: 0, escalate: 1, block: 2 };

/** Which guard file a repository path is, if any. */
export function guardFileKind(path: string, policies: ReadonlySet<string> = new Set()): FileKind | undefined {
  const name = path.split('/').pop() ?? '';
  if ((CONFIG_FILE_NAMES as readonly string[]).includes(name)) return { kind: 'config' };
  if (path === `${STATE_DIR_NAME}/settings.json` || path.endsWith(`/${STATE_DIR_NAME}/settings.json`)) return { kind: 'settings' };
  if (policies.has(path)) return { kind: 'policy' };
  for (const [agent, files] of Object.entries(AGENT_HOOK_FILES)) {
    for (const f of files) {
      if (f.scope !== 'project' && f.scope !== 'local') continue;
      const at = path === f.path || path.endsWith(`/${f.path}`) || (f.folder && (path.startsWith(`${f.path}/`) || path.includes(`/${f.path}/`)));
      if (at) return { kind: 'hooks', agent };
    }
  }
  return undefined;
}

export interface GuardWeakeningInput {
  cwd: string;
  from: string;
  head: string;
  changed: ChangedFile[];
}

/** The loosenings in a change, as permission actions the gate judges (undefined: none). */
export async function guardWeakening(o: GuardWeakeningInput): Promise<IntakeResult | undefined> {
  // Policies named by a config on either side (changed or not) are guard files too.
  const isConfig = (p: string) => guardFileKind(p)?.kind === 'config';
  const [baseFiles, headFiles] = await Promise.all([listFiles(o.cwd, o.from), listFiles(o.cwd, o.head)]);
  const [configBase, configHead] = await Promise.all([blobs(o.cwd, o.from, baseFiles.filter(isConfig)), blobs(o.cwd, o.head, headFiles.filter(isConfig))]);
  const policies = new Set<string>();
  for (const [path, text] of [...configBase, ...configHead]) {
    const named = /^policy\s*:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
    if (named && !named.startsWith('/')) policies.add(normalise(`${dirOf(path)}${named}`));
  }
  const relevant = o.changed.filter((f) => guardFileKind(f.path, policies) || (f.oldPath && guardFileKind(f.oldPath, policies)));
  if (!relevant.length) return undefined;
  const [base, head] = await Promise.all([
    blobs(o.cwd, o.from, relevant.filter((f) => f.status !== 'A').map((f) => f.oldPath ?? f.path)),
    blobs(o.cwd, o.head, relevant.filter((f) => f.status !== 'D').map((f) => f.path)),
  ]);
  const actions: PlannedAction[] = [];
  for (const f of relevant) {
    const kind = guardFileKind(f.path, policies) ?? guardFileKind(f.oldPath!, policies)!;
    const before = f.status === 'A' ? undefined : base.get(f.oldPath ?? f.path);
    const after = f.status === 'D' ? undefined : head.get(f.path);
    const found = compare(kind, before, after, f.path);
    if (found.length) actions.push(action(f.path, kind, found));
  }
  return actions.length ? { kind: 'shell', actions, warnings: [] } : undefined;
}

async function blobs(cwd: string, rev: string, paths: string[]): Promise<Map<string, string>> {
  if (!paths.length) return new Map();
  const ids = await blobIds(cwd, rev, paths);
  const texts = await readBlobs(cwd, [...ids.values()]);
  return new Map([...ids].map(([path, id]) => [path, texts.get(id) ?? '']));
}

function compare(kind: FileKind, before: string | undefined, after: string | undefined, path: string): Loosening[] {
  switch (kind.kind) {
    case 'hooks':
      return compareHooks(kind.agent, before, after, path);
    case 'config':
      return compareConfig(before, after, path);
    case 'policy':
      return comparePolicy(before, after, path);
    case 'settings':
      return compareSettings(before, after);
  }
}

// ---- hook registrations --------------------------------------------------------------------

interface Entry {
  event: string;
  matcher?: string;
  command: string;
}

const OURS = /firebreak(\.js)?\b.*\bhook\b.*--agent/;

function entries(agent: string, text: string | undefined): Entry[] {
  if (!text) return [];
  let doc: Record<string, any>;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: Entry[] = [];
  if (agent === 'kiro' && typeof doc.command === 'string' && OURS.test(doc.command)) out.push({ event: 'preToolUse', ...(doc.matcher ? { matcher: doc.matcher } : {}), command: doc.command });
  for (const [event, list] of Object.entries((doc.hooks ?? {}) as Record<string, unknown>)) {
    if (!Array.isArray(list)) continue;
    for (const e of list) {
      if (Array.isArray(e?.hooks)) for (const h of e.hooks) if (OURS.test(String(h?.command ?? ''))) out.push({ event, ...(e.matcher ? { matcher: e.matcher } : {}), command: h.command });
      const c = e?.command ?? e?.bash;
      if (typeof c === 'string' && OURS.test(c)) out.push({ event, ...(e.matcher ? { matcher: e.matcher } : {}), command: c });
    }
  }
  return out;
}

function covers(agent: string, matcher: string | undefined, name: string): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*') return true;
  if (agent === 'kiro') return new RegExp(`^${matcher.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(name);
  if (/^[A-Za-z0-9_|, -]+$/.test(matcher)) return matcher.split(/[|,]/).map((m) => m.trim()).includes(name);
  try {
    return new RegExp(matcher).test(name);
  } catch {
    return false;
  }
}

function compareHooks(agent: string, before: string | undefined, after: string | undefined, path: string): Loosening[] {
  const out: Loosening[] = [];
  if (path.endsWith('.toml')) {
    const off = (t: string | undefined) => !!t && /^\s*(codex_hooks|hooks)\s*=\s*false/m.test(t);
    const on = (t: string | undefined) => !!t && /^\s*(codex_hooks|hooks)\s*=\s*true/m.test(t);
    if (on(before) && !on(after)) out.push({ what: `${agent}: hooks are no longer turned on (codex_hooks = true removed): Codex stops running the Firebreak hook` });
    if (!off(before) && off(after)) out.push({ what: `${agent}: hooks are turned off under [features]` });
    if (!/approval_policy\s*=\s*"never"/.test(before ?? '') && /approval_policy\s*=\s*"never"/.test(after ?? '')) out.push({ what: `${agent}: approval_policy = "never" (nothing is asked)` });
    return out;
  }
  const was = entries(agent, before);
  const now = entries(agent, after);
  for (const e of was) {
    const sameEvent = now.filter((n) => n.event === e.event);
    if (!sameEvent.length) {
      out.push({ what: `${agent}: the Firebreak hook on ${e.event} is removed${after === undefined ? ' (the file is deleted)' : ''}`, before: e.command });
      continue;
    }
    const names = (HOOKED_TOOLS[agent] ?? []).filter((g) => g.event.toLowerCase() === e.event.toLowerCase()).flatMap((g) => g.names);
    const lost = names.filter((n) => covers(agent, e.matcher, n) && !sameEvent.some((s) => covers(agent, s.matcher, n)));
    if (lost.length) out.push({ what: `${agent}: the hook's matcher no longer covers ${lost.join(', ')} on ${e.event}`, before: e.matcher, after: sameEvent.map((s) => s.matcher).join(' | ') });
    if (!sameEvent.some((s) => s.command === e.command)) out.push({ what: `${agent}: the hook command on ${e.event} changed`, before: e.command, after: sameEvent[0].command });
  }
  const json = (t: string | undefined) => {
    try {
      return t ? JSON.parse(t) : {};
    } catch {
      return {};
    }
  };
  const b = json(before);
  const a = json(after);
  if (b.disableAllHooks !== true && a.disableAllHooks === true) out.push({ what: `${agent}: disableAllHooks = true turns every hook off` });
  if (b.permissions?.defaultMode !== 'bypassPermissions' && a.permissions?.defaultMode === 'bypassPermissions') out.push({ what: `${agent}: permissions.defaultMode = bypassPermissions (asks are approved without a person)` });
  if (b.hooks?.enabled !== false && a.hooks?.enabled === false) out.push({ what: `${agent}: hooks.enabled = false` });
  const mode = (d: any) => d.general?.defaultApprovalMode ?? d.defaultApprovalMode;
  if (mode(b) !== 'yolo' && mode(a) === 'yolo') out.push({ what: `${agent}: defaultApprovalMode = yolo` });
  return out;
}

// ---- firebreak.yaml ------------------------------------------------------------------------

/** The YAML library the loader uses; the schema is not needed to see what got looser. */
function parseYamlLoose(text: string | undefined): Record<string, any> | undefined {
  if (!text) return undefined;
  try {
    const doc = parseYaml(text) as unknown;
    return doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}

function compareConfig(beforeText: string | undefined, afterText: string | undefined, path: string): Loosening[] {
  const before = parseYamlLoose(beforeText) ?? {};
  const after = parseYamlLoose(afterText) ?? {};
  const out: Loosening[] = [];
  if (beforeText && !afterText) out.push({ what: `${path} is deleted: every environment it named is unknown again, and its freezes and policy no longer apply` });
  const envs = (d: any) => (d.environments && typeof d.environments === 'object' ? (d.environments as Record<string, any>) : {});
  for (const [name, env] of Object.entries(envs(before))) {
    if (env?.production !== true) continue;
    const now = envs(after)[name];
    if (afterText && !now) out.push({ what: `production environment "${name}" is removed`, before: env.match });
    else if (now && now.production !== true) out.push({ what: `environment "${name}" is no longer production`, before: true, after: now.production });
    else if (now) {
      for (const [key, values] of Object.entries((env.match ?? {}) as Record<string, unknown>)) {
        const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : v && typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}=${JSON.stringify(x)}`) : v === undefined ? [] : [String(v)]);
        const dropped = list(values).filter((v) => !list(now.match?.[key]).includes(v));
        if (dropped.length) out.push({ what: `production environment "${name}" no longer matches ${key}: ${dropped.join(', ')}`, before: values, after: now.match?.[key] });
      }
    }
  }
  // A non-production environment that now claims what a production one matched: the same patterns, another name.
  const claimed = new Map<string, string>();
  for (const [name, env] of Object.entries(envs(before))) if (env?.production === true) for (const [key, v] of Object.entries((env.match ?? {}) as Record<string, unknown>)) for (const x of Array.isArray(v) ? v : [v]) claimed.set(`${key}=${JSON.stringify(x)}`, name);
  for (const [name, env] of Object.entries(envs(after))) {
    if (env?.production === true) continue;
    const wasSame = envs(before)[name];
    for (const [key, v] of Object.entries((env?.match ?? {}) as Record<string, unknown>)) {
      for (const x of Array.isArray(v) ? v : [v]) {
        const prod = claimed.get(`${key}=${JSON.stringify(x)}`);
        const had = wasSame?.match?.[key] && (Array.isArray(wasSame.match[key]) ? wasSame.match[key] : [wasSame.match[key]]).some((y: unknown) => JSON.stringify(y) === JSON.stringify(x));
        if (prod && prod !== name && !had) out.push({ what: `non-production environment "${name}" now matches ${key}: ${String(x)}, which production environment "${prod}" matched` });
      }
    }
  }
  const freezes = (d: any) => (Array.isArray(d.freezes) ? (d.freezes as Record<string, any>[]) : []);
  for (const f of freezes(before)) {
    const now = freezes(after).find((x) => x.name === f.name);
    if (!now) {
      if (afterText) out.push({ what: `freeze window "${f.name}" is removed`, before: { start: f.start, end: f.end } });
      continue;
    }
    if (Date.parse(now.start) > Date.parse(f.start) || Date.parse(now.end) < Date.parse(f.end)) out.push({ what: `freeze window "${f.name}" is shortened`, before: { start: f.start, end: f.end }, after: { start: now.start, end: now.end } });
    const envList = (x: any) => (x.environments === 'all' ? ['all'] : Array.isArray(x.environments) ? x.environments.map(String) : []);
    const dropped = envList(f).filter((e: string) => !envList(now).includes(e) && !envList(now).includes('all'));
    if (dropped.length) out.push({ what: `freeze window "${f.name}" no longer covers ${dropped.join(', ')}`, before: f.environments, after: now.environments });
  }
  if (before.policy !== after.policy && afterText) out.push({ what: `the policy changed from ${before.policy ?? 'the default policy'} to ${after.policy ?? 'the default policy'}`, before: before.policy, after: after.policy });
  const autonomy = (d: any) => d.agent?.autonomy ?? 'supervised';
  if (autonomy(before) !== autonomy(after) && afterText) out.push({ what: `agent autonomy changed from ${autonomy(before)} to ${autonomy(after)}`, before: autonomy(before), after: autonomy(after) });
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (['version', 'environments', 'freezes', 'policy', 'agent', 'world'].includes(key) || !afterText) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out.push({ what: `${key} changed (it can let more through: review it)`, before: before[key], after: after[key] });
  }
  return out;
}

// ---- policies ------------------------------------------------------------------------------

function comparePolicy(beforeText: string | undefined, afterText: string | undefined, path: string): Loosening[] {
  const before = parseYamlLoose(beforeText);
  const after = parseYamlLoose(afterText);
  if (!before) return [];
  if (!after) return [{ what: `${path} is ${afterText === undefined ? 'deleted' : 'no longer a readable policy'}` }];
  const out: Loosening[] = [];
  const rank = (d: unknown) => RANK[(String(d) as Decision)] ?? 1;
  if (rank(after.default) < rank(before.default)) out.push({ what: `the default decision is lowered from ${before.default} to ${after.default}`, before: before.default, after: after.default });
  const rules = (d: any) => new Map<string, any>((Array.isArray(d.rules) ? d.rules : []).map((r: any) => [String(r?.id), r]));
  const was = rules(before);
  const now = rules(after);
  for (const [id, r] of was) {
    const n = now.get(id);
    if (!n) {
      if (rank(r.decision) > 0) out.push({ what: `rule ${id} (${r.decision}) is removed`, before: r.match });
      continue;
    }
    if (rank(n.decision) < rank(r.decision)) out.push({ what: `rule ${id} is lowered from ${r.decision} to ${n.decision}`, before: r.decision, after: n.decision });
    else if (JSON.stringify(n.match) !== JSON.stringify(r.match)) {
      if (rank(r.decision) > 0) out.push({ what: `rule ${id} (${r.decision}) now matches something else: what it stops may be less`, before: r.match, after: n.match });
      else out.push({ what: `pass rule ${id} now matches something else: what it lets through may be more`, before: r.match, after: n.match });
    }
  }
  for (const [id, n] of now) if (!was.has(id) && rank(n.decision) === 0) out.push({ what: `new pass rule ${id}`, after: n.match });
  return out;
}

// ---- .firebreak/settings.json --------------------------------------------------------------

function compareSettings(beforeText: string | undefined, afterText: string | undefined): Loosening[] {
  const parse = (t: string | undefined) => {
    try {
      return t ? (JSON.parse(t) as Record<string, any>) : {};
    } catch {
      return {};
    }
  };
  const b = parse(beforeText);
  const a = parse(afterText);
  const out: Loosening[] = [];
  if (b.gateway?.firstDestructive !== false && a.gateway?.firstDestructive === false) out.push({ what: 'the first-destructive-operation control is turned off', before: true, after: false });
  const max = (d: any) => (typeof d.gateway?.productionWrites?.max === 'number' ? d.gateway.productionWrites.max : 20);
  if (max(a) === 0 && max(b) !== 0) out.push({ what: 'the production write rate limit is turned off', before: max(b), after: 0 });
  else if (max(a) > max(b) && max(b) !== 0) out.push({ what: `the production write rate limit is raised from ${max(b)} to ${max(a)}`, before: max(b), after: max(a) });
  if (b.emitAllow !== true && a.emitAllow === true) out.push({ what: "emitAllow = true: passes skip the agent's own permission prompt", before: false, after: true });
  if (b.humanPresent !== true && a.humanPresent === true) out.push({ what: 'humanPresent = true: escalations are asked even where nobody may be watching', before: b.humanPresent, after: true });
  for (const key of ['approvalTtl', 'requestTtl', 'approvalsDir']) if (JSON.stringify(b[key]) !== JSON.stringify(a[key]) && a[key] !== undefined) out.push({ what: `${key} changed`, before: b[key], after: a[key] });
  return out;
}

// ---- the action the gate judges ------------------------------------------------------------

function action(path: string, kind: FileKind, found: Loosening[]): PlannedAction {
  const what = kind.kind === 'hooks' ? `${kind.agent}'s hook registration` : kind.kind === 'config' ? 'the Firebreak config' : kind.kind === 'policy' ? 'a Firebreak policy' : "Firebreak's hook settings";
  const evidence: Evidence[] = found.map((l) => ({
    kind: 'config',
    message: `${l.what}${l.before !== undefined || l.after !== undefined ? ` (was ${short(l.before)}, now ${short(l.after)})` : ''}`,
  }));
  return {
    source: { kind: 'shell', file: path },
    operation: 'permissions',
    verb: 'weaken guard',
    tool: 'firebreak',
    target: { type: 'firebreak:guard-file', id: path },
    scope: 'resource',
    hints: {},
    evidence: [{ kind: 'config', message: `${path} is ${what}: this change makes the guard looser` }, ...evidence],
    details: { guardWeakening: found.map((l) => l.what) },
  };
}

function short(v: unknown): string {
  if (v === undefined) return 'unset';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/**
 * The pull request's own policy may be the one it loosens: a weakening is never passed by it.
 * A passing verdict becomes an escalation that names every loosening.
 */
export function enforceWeakening(report: Report, weakening: IntakeResult | undefined): void {
  if (!weakening || report.verdict !== 'pass') return;
  report.verdict = 'escalate';
  for (const a of weakening.actions) {
    const what = (a.details?.guardWeakening as string[] | undefined) ?? [];
    report.reasons.push({ rule: 'guard-weakening', decision: 'escalate', message: `${a.target.id} loosens the guard: ${what.join('; ')}`, resource: a.target.id });
  }
}
