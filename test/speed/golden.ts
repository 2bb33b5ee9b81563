// What every judgment comes to, in a form that can be compared across versions of the code:
// verdict, reasons, blast radius, actions as judged and the rollback plan, for every scenario,
// every corpus case, every public fixture (as a new stack, and as a template diff against a
// mutated copy of itself) and a synthetic Terraform plan. Speed work must not change any of it;
// test/speed/golden.test.ts compares these records with the ones written before the work began.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import type { Report } from '../../src/model.js';
import { check, type CheckRequest } from '../../src/pipeline.js';
import { listScenarios, runScenario, SCENARIOS_DIR } from '../../src/scenarios/run.js';
import { parseTemplate } from '../../src/intake/cloudformation/index.js';
import { generateTerraformPlan, generateTerraformState } from '../../bench/generate-terraform.js';
import { PUBLIC } from '../terraform/helpers.js';
import { caseWorkspace } from '../corpus/workspace.js';
import { onMachine, type MachineKind } from '../corpus/machine-env.js';

export interface GoldenEntry {
  verdict: string;
  /** `rule:decision` of every reason, in order: readable in a failing test's diff. */
  rules: string[];
  /** Blast radius total and irreversible count, readable likewise. */
  radius: string;
  /** sha256 (16 hex) of the whole normalised record below. */
  digest: string;
}

export type Golden = Record<string, GoldenEntry>;

const NOW = new Date('2026-06-01T12:00:00Z');
const ROOT = join(import.meta.dirname, '..', '..');

/**
 * Judgments of paths outside the workspace depend on the machine (what is in HOME, who owns /):
 * every record is made with HOME set to an empty folder of its own, named <home> in the records.
 */
export async function withQuietHome<T>(work: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  const home = mkdtempSync(join(tmpdir(), 'firebreak-golden-home-'));
  process.env.HOME = home;
  // How the tests were started (`npm test`, `npx vitest`, a bare vitest) must not change a record:
  // npm's variables name the global prefix where an installed Firebreak would be guarded.
  for (const k of Object.keys(process.env)) if (k.startsWith('npm_') || k === 'INIT_CWD') delete process.env[k];
  try {
    return await work();
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    rmSync(home, { recursive: true, force: true });
  }
}

/** Paths that differ between runs and machines, replaced by names. */
function normaliser(places: Record<string, string>): (text: string) => string {
  const pairs = Object.entries(places).sort((a, b) => b[1].length - a[1].length);
  return (text) => {
    let out = text;
    for (const [name, path] of pairs) out = out.split(path).join(name);
    // Rollback names carry the wall clock (snapshot and backup names): not judgment.
    const home = process.env.HOME;
    if (home) out = out.split(home).join('<home>');
    // A glob over a machine folder (`cd /; rm -rf *`) lists what that machine has there.
    out = out.replace(/(glob [^"]*? matches )\/[^"]*/g, '$1<machine listing>');
    return out.replace(/\/tmp\/firebreak-[A-Za-z0-9-]+/g, '<tmp>').replace(/\b\d{8}T\d{6}\b/g, '<stamp>');
  };
}

/** The parts of a report that are judgment (not timings, versions or clock). */
export function judgment(report: Report, normalise: (text: string) => string): unknown {
  const record = {
    verdict: report.verdict,
    summary: report.summary.text,
    reasons: report.reasons.map((r) => ({ rule: r.rule, decision: r.decision, message: r.message, actionId: r.actionId, resource: r.resource, evidence: r.evidence })),
    actions: report.actions.map((a) => ({
      id: a.id,
      operation: a.operation,
      tool: a.tool,
      verb: a.verb,
      target: a.target,
      scope: a.scope,
      environment: a.environment,
      production: a.production,
      environmentAssumed: a.environmentAssumed,
      freeze: a.freeze,
      reversibility: a.reversibility,
      stateful: a.stateful,
      dataLoss: a.dataLoss,
      iam: a.iam,
      source: a.source,
    })),
    blastRadius: {
      counts: report.blastRadius.counts,
      unknownScope: report.blastRadius.unknownScope,
      resources: report.blastRadius.resources,
      edges: report.blastRadius.edges,
      edgesOmitted: report.blastRadius.edgesOmitted,
    },
    rollback: report.rollback,
    accepted: report.accepted.map((a) => ({ rule: a.rule, decision: a.decision, actionId: a.actionId, resource: a.resource })),
    drift: report.drift,
    warnings: report.warnings,
  };
  return JSON.parse(normalise(JSON.stringify(record)));
}

/**
 * A path nothing bounds (`"/$BIN"`) may be any guarded file, and the guard lists the ones this
 * machine has: the installed Firebreak, `node_modules/.bin` in every folder above the checkout.
 * Those actions differ between machines; the entry keeps their worst decision, not their list.
 */
/**
 * Actions on what a machine folder holds: 20 or more paths outside the case's workspace under the temp
 * folder (what other runs left there) or a system folder (`$(wildcard /etc/*.conf)`: what the
 * machine's packages installed). Outside both, paths are the case's own words.
 */
function machineFolderActions(report: Report, cwd?: string): Report['actions'] {
  const own = cwd ? resolve(cwd) : undefined;
  const roots = [resolve(tmpdir()), '/etc', '/usr', '/var', '/opt', '/lib', '/sys', '/proc'];
  const listed = report.actions.filter((a) => roots.some((r) => a.target.id.startsWith(`${r}/`)) && !(own && (a.target.id === own || a.target.id.startsWith(`${own}/`))));
  return listed.length >= 20 ? listed : [];
}

/** Whether the report lists a machine folder's contents (see machineFolderActions). */
function listsTempFolder(report: Report, cwd?: string): boolean {
  return machineFolderActions(report, cwd).length > 0;
}

function machineGuardActions(report: Report, cwd?: string): Set<string> {
  // A guard file a delete may reach (`"/$BIN"`), or one this machine has under a folder the case deletes
  // (`cd /; rm -rf *` takes ~/.config/firebreak when an earlier run made it): outside the case's workspace.
  const own = cwd ? resolve(cwd) : undefined;
  const guards = report.actions.filter((a) => {
    const guard = (a.details as { guard?: { relation?: string; guarded?: string } } | undefined)?.guard;
    if (a.target.type !== 'firebreak:guard-file' || !guard) return false;
    return guard.relation === 'may-be' || (guard.relation === 'contains' && !!guard.guarded && !(own && (guard.guarded === own || guard.guarded.startsWith(`${own}/`))));
  });
  // A listing of the temp folder (the folder above a case's workspace) holds whatever other runs
  // left there, and the guard files in it; a system folder's, what the machine installed.
  return new Set([...guards, ...machineFolderActions(report, cwd)].map((a) => a.id));
}

/** Whether a report depends on what this machine holds or how loaded it is: it lists the temp folder or
 *  guard files outside the case, or a reading was cut short by its time budget. Two judgings of such a
 *  case are compared by whether they stop, not by their whole reports. */
export function dependsOnMachine(report: Report, cwd?: string): boolean {
  return machineGuardActions(report, cwd).size > 0 || report.actions.some((a) => a.evidence.some((e) => /took longer than|longer than one check may/.test(e.message)));
}

/** The blast radius of a record whose actions list what this machine holds. */
export const MACHINE_LISTING = 'lists the guard files this machine has';
/** The digest of a record whose actions list the temp folder's contents. */
export const TEMP_LISTING = "the temp folder's contents";

export function entryOf(report: Report, normalise: (text: string) => string, cwd?: string): GoldenEntry {
  const machine = machineGuardActions(report, cwd);
  if (machine.size) {
    const rest = { ...report, actions: report.actions.filter((a) => !machine.has(a.id)), reasons: report.reasons.filter((r) => !r.actionId || !machine.has(r.actionId)) };
    const record = judgment(rest, normalise) as Record<string, unknown>;
    delete record.blastRadius;
    delete record.summary;
    // The rules of what the machine holds depend on what it holds: the verdict keeps their worst.
    const rules = [...new Set(rest.reasons.map((r) => `${r.rule}:${r.decision}`))].sort();
    // A listing of the temp folder also changes the rest (counts in messages, the blast radius's
    // reach): only its verdict and rules are comparable between runs.
    const digest = listsTempFolder(report, cwd) ? TEMP_LISTING : createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 16);
    return { verdict: report.verdict, rules, radius: MACHINE_LISTING, digest };
  }
  const record = judgment(report, normalise);
  return {
    verdict: report.verdict,
    rules: report.reasons.map((r) => `${r.rule}:${r.decision}`),
    radius: `${report.blastRadius.counts.total} total, ${report.blastRadius.counts.irreversible} irreversible`,
    digest: createHash('sha256').update(JSON.stringify(record)).digest('hex').slice(0, 16),
  };
}

function failure(error: unknown): GoldenEntry {
  const message = error instanceof Error ? error.message : String(error);
  return { verdict: 'error', rules: [], radius: '', digest: createHash('sha256').update(message.replace(/\/tmp\/firebreak-[A-Za-z0-9-]+/g, '<tmp>')).digest('hex').slice(0, 16) };
}

async function judged(request: CheckRequest, normalise: (text: string) => string): Promise<GoldenEntry> {
  try {
    return entryOf((await check({ implicitConfig: false, now: NOW, ...request })).report, normalise, request.cwd);
  } catch (error) {
    return failure(error);
  }
}

export async function scenarioGolden(): Promise<Golden> {
  const golden: Golden = {};
  for (const name of await listScenarios()) {
    const dir = join(SCENARIOS_DIR, name);
    const outcome = await runScenario(dir);
    golden[name] = outcome.report ? entryOf(outcome.report, normaliser({ '<scenario>': dir, '<root>': ROOT })) : failure(outcome.mismatches.join('; '));
  }
  return golden;
}

interface CorpusCase { run: string; files?: Record<string, string>; uncommitted?: string[]; modified?: Record<string, string>; machine?: MachineKind }

/** The workspace test/corpus/corpus.test.ts gives a case: a git repository with its files. */
const workspace = (files: Record<string, string> = {}, uncommitted: string[] = [], modified: Record<string, string> = {}) => caseWorkspace('golden', files, uncommitted, modified);

export const CORPUS_DIR = join(ROOT, 'test', 'corpus', 'cases');

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.yaml')).sort();
}

/** One corpus file's cases, judged as corpus.test.ts judges them. */
export async function corpusGolden(file: string): Promise<Golden> {
  const parsed = parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as { cases?: CorpusCase[] };
  const golden: Golden = {};
  let shared: string | undefined;
  const made: string[] = [];
  try {
    for (const c of parsed.cases ?? []) {
      // A glob over the machine's /tmp lists whatever else runs there: not comparable between runs.
      if (/(^|[\s'"])\/tmp\/\*/.test(c.run)) continue;
      const cwd = c.files ? workspace(c.files, c.uncommitted, c.modified) : (shared ??= workspace());
      if (cwd !== shared) made.push(cwd);
      // Keyed by the command (and its files), not its position: cases added elsewhere in the file do not shift the keys.
      let key = `${file}: ${c.run.slice(0, 160)}${c.files ? ` [${createHash('sha256').update(JSON.stringify(c.modified ? [c.files, c.uncommitted ?? [], c.modified] : [c.files, c.uncommitted ?? []])).digest('hex').slice(0, 8)}]` : ''}`;
      // A case on a machine declared ephemeral is keyed apart from the same command on a developer's machine.
      if (c.machine) key = `${key} [machine: ${c.machine}]`;
      for (let n = 2; key in golden; n++) key = `${key.replace(/ #\d+$/, '')} #${n}`;
      golden[key] = await onMachine(c.machine, () => judged({ commands: [c.run], cwd }, normaliser({ '<cwd>': cwd, '<root>': ROOT })));
    }
  } finally {
    for (const dir of [...made, ...(shared ? [shared] : [])]) rmSync(dir, { recursive: true, force: true });
  }
  return golden;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesUnder(path, pattern);
      return pattern.test(name) ? [path] : [];
    });
}

/** Every string property of every resource changed, every third resource removed: each property's replacement rule is consulted. */
function mutated(body: Record<string, unknown>): Record<string, unknown> {
  const resources = (body.Resources ?? {}) as Record<string, { Properties?: Record<string, unknown> }>;
  const next: Record<string, unknown> = {};
  for (const [index, [id, resource]] of Object.entries(resources).entries()) {
    if (index % 3 === 2) continue;
    const properties = Object.fromEntries(Object.entries(resource?.Properties ?? {}).map(([k, v]) => [k, typeof v === 'string' ? `${v}-changed` : typeof v === 'number' ? v + 1 : typeof v === 'boolean' ? !v : v]));
    next[id] = { ...resource, ...(resource?.Properties ? { Properties: properties } : {}) };
  }
  return { ...body, Resources: next };
}

/** Public CloudFormation templates: each as a new stack, and as an update to a mutated copy. */
export async function templateGolden(): Promise<Golden> {
  const root = join(PUBLIC, 'cloudformation');
  const golden: Golden = {};
  const scratch = mkdtempSync(join(tmpdir(), 'firebreak-golden-cfn-'));
  try {
    for (const path of filesUnder(root, /\.(ya?ml|json|template)$/i)) {
      const name = relative(root, path);
      const normalise = normaliser({ '<fixtures>': root, '<scratch>': scratch, '<root>': ROOT });
      golden[`new ${name}`] = await judged({ files: [path], cwd: scratch }, normalise);
      let after: string;
      try {
        after = join(scratch, `${name.replace(/[/\\]/g, '_')}.after.json`);
        writeFileSync(after, JSON.stringify(mutated(parseTemplate(readFileSync(path, 'utf8'), path).body)));
      } catch (error) {
        golden[`diff ${name}`] = failure(error);
        continue;
      }
      golden[`diff ${name}`] = await judged({ templateBefore: path, templateAfter: after, stackName: 'golden', cwd: scratch }, normalise);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return golden;
}

/** Public Terraform plan / state JSON, and a synthetic 1,000-change plan over its state. */
export async function terraformGolden(): Promise<Golden> {
  const golden: Golden = {};
  const scratch = mkdtempSync(join(tmpdir(), 'firebreak-golden-tf-'));
  try {
    for (const folder of ['terraform-json', 'infracost']) {
      const root = join(PUBLIC, folder);
      for (const path of filesUnder(root, /\.json$/i)) {
        golden[`${folder}/${relative(root, path)}`] = await judged({ files: [path], cwd: scratch }, normaliser({ '<fixtures>': root, '<root>': ROOT }));
      }
    }
    for (const size of [100, 1000]) {
      const plan = join(scratch, `plan-${size}.json`);
      const state = join(scratch, `state-${size}.json`);
      writeFileSync(plan, JSON.stringify(generateTerraformPlan(size)));
      writeFileSync(state, JSON.stringify(generateTerraformState(size)));
      const normalise = normaliser({ '<scratch>': scratch, '<root>': ROOT });
      golden[`synthetic plan ${size}`] = await judged({ plan, cwd: scratch }, normalise);
      golden[`synthetic plan ${size} over state`] = await judged({ plan, state: [state], cwd: scratch }, normalise);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return golden;
}
