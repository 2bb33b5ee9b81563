// The one pipeline every entry point runs: intake -> world -> predict -> sandbox -> judge -> rollback -> report.
// Heavy modules (CloudFormation diff, service spec, IAM data, SDK) are imported only when an input needs them.
import { existsSync } from 'node:fs';
import { dirname, resolve as resolvePath } from 'node:path';
import type { Action, Decision, Report, Resource, SandboxSummary } from './model.js';
import type { IntakeResult, PlannedAction } from './intake/types.js';
import type { WorldFragment } from './world/world.js';
import { readTextInput } from './intake/read-file.js';
import { detectKind } from './intake/detect.js';
import { stackNameFromFile, templatePairStackName } from './intake/stack-name.js';
import { resolveTarget, resolvedTarget } from './world/resolve.js';
import type { Config } from './config/config.js';
import { VERSION } from './version.js';
import { InputError } from './errors.js';
import { monotonicMs } from './util/clock.js';

export interface CheckRequest {
  /** Shell commands as the agent would run them. */
  commands?: string[];
  /** Any input files; their kind is detected from content. */
  files?: string[];
  plan?: string;
  state?: string[];
  /** `firebreak discover` inventories: what exists in a live account. */
  inventory?: string[];
  /** Stack NAME currently runs the template in FILE. */
  stacks?: { name: string; file: string }[];
  templateBefore?: string;
  templateAfter?: string;
  /** Stack name for the before/after pair (default: the after file's base name). */
  stackName?: string;
  /** CloudFormation parameter values for the templates (`--parameters`): evaluated into the resources. */
  parameters?: Record<string, string>;
  changeSet?: string;
  /** AWS API call list (JSON). */
  actionsFile?: string;
  /** firebreak.yaml path; default: ./firebreak.yaml in cwd when present. */
  config?: string;
  /** false: never pick up ./firebreak.yaml implicitly (scenarios, tests). */
  implicitConfig?: boolean;
  policy?: string;
  /** Terraform workspace the plan was made in (default: TF_WORKSPACE, else .terraform/environment). */
  workspace?: string;
  /** Environment every action is in, named outright (must be one in firebreak.yaml). */
  environment?: string;
  /** Evaluation time (freeze windows). */
  now?: Date;
  cwd?: string;
  /** Replays in the sandbox when set (see src/sandbox). */
  sandbox?: SandboxRequestOptions;
  /** Inputs already read by the caller (the CI gate's git-revision intake), judged with the rest. */
  intake?: IntakeResult[];
  /** false: do not read inline accepts from the files given (the CI gate reads reviewed ones itself). */
  inlineAccepts?: boolean;
  /** Accepts the caller read itself (the CI gate: those the base revision already had). */
  accepts?: import('./model.js').RiskException[];
  /** Accepts added by the change under review: listed in the report, not applied. */
  proposedAccepts?: import('./model.js').RiskException[];
}

export interface SandboxRequestOptions {
  provider?: 'auto' | 'endpoint' | 'docker' | 'host';
  /** Progress lines for slow steps (start, seed, replay). */
  log?: (line: string) => void;
}

export interface CheckResult {
  report: Report;
  exitCode: 0 | 1 | 2;
}

/** Heap in use after reading the inputs above which a full collection pays (plans of ~35,000 changes and more). */
const LARGE_INTAKE_HEAP = 256 * 1024 * 1024;

export const EXIT_CODES: Record<Decision, 0 | 1 | 2> = { pass: 0, escalate: 1, block: 2 };

/** Milliseconds each stage took, for the report, and the wrapper that records them. */
export function stageTimer(): { timings: Record<string, number>; timed: Timed } {
  const timings: Record<string, number> = {};
  const timed: Timed = async (stage, work) => {
    const start = monotonicMs();
    try {
      return await work();
    } finally {
      timings[stage] = Math.round((monotonicMs() - start) * 100) / 100;
    }
  };
  return { timings, timed };
}

export async function check(request: CheckRequest): Promise<CheckResult> {
  const { timings, timed } = stageTimer();
  const cwd = request.cwd ?? process.cwd();
  const now = request.now ?? new Date();
  const given = await timed('intake', () => readRequestInputs(request, cwd));
  // A large plan leaves its text and the unused parts of its JSON behind: collected once, here.
  if (process.memoryUsage().heapUsed > LARGE_INTAKE_HEAP) (await import('./util/collect-garbage.js')).collectGarbage();
  if (nothingToJudge(given, request)) return { report: emptyReport(given, now, timings), exitCode: 0 };

  // The stages after the world load in parallel with it (judgeInWorld imports them again from the module cache).
  const [{ buildWorld }] = await timed('load', () =>
    Promise.all([
      import('./world/build.js'),
      import('./config/environment.js'),
      import('./judge/evaluate.js'),
      import('./predict/index.js'),
      import('./rollback/plan.js'),
    ]),
  );
  const config = await timed('config', () => loadContext(request, cwd));
  const { separateWorkspaces, workspacesOf } = await import('./intake/terraform/workspaces.js');
  const named = namedEnvironment(request, config);
  const configured = await timed('world-sources', () => readConfiguredWorld(config, workspacesOf(given), new Set(named ? [named] : [])));
  const intake = separateWorkspaces([...configured, ...(named ? given.map((r) => namedWorld(r, named)) : given)]);
  const world = await timed('world', () => buildWorld(intake.flatMap((r) => (r.world ? [r.world] : [])) as WorldFragment[]));

  const sandboxStage = request.sandbox
    ? (prediction: import('./predict/index.js').Prediction, rollback: Report['rollback']) =>
        timed('sandbox', async () => {
          const { runSandboxStage } = await import('./pipeline-sandbox.js');
          return runSandboxStage({ request, world, prediction, rollback, stateFiles: worldFiles(intake, 'terraform-state'), stackFiles: stackFiles(request, config) });
        })
    : undefined;
  return judgeInWorld({ request, given, intake, world, config, named, cwd, now, timings, timed, ...(sandboxStage ? { sandbox: sandboxStage } : {}) });
}

export type Timed = <T>(stage: string, work: () => Promise<T> | T) => Promise<T>;

/** What check() has once the world is built: the stages after it, shared with the hook's single-action path (src/fast/single-action.ts). */
export interface WorldStage {
  request: CheckRequest;
  /** The inputs as read (inline accepts are looked for in their files). */
  given: IntakeResult[];
  /** The inputs placed in their workspaces, with the configured world's sources. */
  intake: IntakeResult[];
  world: import('./world/world.js').World;
  config: Config;
  named?: string;
  cwd: string;
  now: Date;
  timings: Record<string, number>;
  timed: Timed;
  sandbox?: (prediction: import('./predict/index.js').Prediction, rollback: Report['rollback']) => Promise<SandboxSummary>;
}

/** Numbering, environments, prediction, rollback, the sandbox when asked, the policy and the report. */
export async function judgeInWorld({ request, given, intake, world, config, named, cwd, now, timings, timed, sandbox: sandboxStage }: WorldStage): Promise<CheckResult> {
  const [{ applicableActions, applyContext, environmentNameOf, resolveEnvironment }, { evaluate }, { predict }, { planRollback }, { scopeMembers }, { placeWorkspaceDeletes }, { placeOnEphemeralMachine }] = await Promise.all([
    import('./config/environment.js'),
    import('./judge/evaluate.js'),
    import('./predict/index.js'),
    import('./rollback/plan.js'),
    import('./predict/scope.js'),
    import('./predict/workspace-files.js'),
    import('./predict/ephemeral-machine.js'),
  ]);
  const planned = intake.flatMap((r) => r.actions);
  const applicable = applicableActions(named ? planned.map((action) => ({ ...action, hints: { ...action.hints, environment: named } })) : planned, config);
  // Each action is copied once here, then numbered and given what the world knows of its target
  // in place (assignments keep the keys where spreading them would put them).
  const resolved: Action[] = [];
  for (const planned of applicable) {
    const action: Action = { ...planned, id: `a${resolved.length + 1}` };
    const resourceId = resolveTarget(action, world);
    if (resourceId) {
      const resource = world.graph.getNodeAttributes(resourceId);
      action.hints = { ...hintsOf(resource), ...action.hints };
      action.target = resolvedTarget(action.target, resourceId, resource);
    }
    resolved.push(action);
  }
  const environmentOf = (resource: Resource) => environmentNameOf(hintsOf(resource), config);
  // A destroy or stack delete is in the environment of what it removes: a production member wins.
  const placed = resolved.map((action) => {
    if (action.scope !== 'environment') return action;
    const known = (scopeMembers(action, world) ?? [])
      .map((id) => hintsOf(world.graph.getNodeAttributes(id)))
      .map((hints) => ({ hints, env: resolveEnvironment(hints, config) }))
      .filter(({ env }) => !env.assumed);
    const representative = known.find(({ env }) => env.production) ?? known[0];
    return representative ? { ...action, hints: { ...representative.hints, ...action.hints } } : action;
  });
  const contextual = placeOnEphemeralMachine(placeWorkspaceDeletes(applyContext(placed, config, now), cwd), config.machine, { cwd });
  const prediction = await timed('predict', () => predict(contextual, world, environmentOf));
  const rollback = await timed('rollback', () => planRollback(prediction.actions, world));
  const sandbox: SandboxSummary = sandboxStage ? await sandboxStage(prediction, rollback) : { status: 'not-run' };

  const policy = await timed('policy', () => loadPolicyFor(request.policy ?? config.policy));
  const inline = await timed('accepts', () => inlineAccepts(request, given, cwd));
  const judged = await timed('judge', () =>
    evaluate(
      {
        actions: prediction.actions,
        blastRadius: prediction.blastRadius,
        sandbox,
        autonomy: config.agent?.autonomy,
        environments: config.environments,
        exceptions: [...intake.flatMap((r) => r.accepts ?? []), ...inline.accepts, ...(request.accepts ?? [])],
        now,
      },
      policy,
    ),
  );

  const { changeSummary } = await import('./report/summary.js');
  const base = emptyReport(intake, now, timings);
  const report: Report = {
    ...base,
    summary: changeSummary(prediction.blastRadius, prediction.actions),
    verdict: judged.verdict,
    reasons: judged.reasons,
    actions: prediction.actions,
    blastRadius: prediction.blastRadius,
    rollback,
    sandbox,
    accepted: judged.accepted,
    policy: citedPolicy(policy, judged),
    ...(request.proposedAccepts?.length ? { proposedAccepts: [...(base.proposedAccepts ?? []), ...request.proposedAccepts] } : {}),
    warnings: [...base.warnings, ...inline.warnings, ...judged.expired, ...(config.notes ?? [])],
  };
  return { report, exitCode: EXIT_CODES[report.verdict] };
}

/** The policy's file and the rules the verdict cites, so renderers can say what each rule is for. */
export function citedPolicy(policy: import('./judge/policy.js').Policy, judged: { reasons: { rule: string }[]; accepted: { rule: string }[] }): NonNullable<Report['policy']> {
  const cited = new Set([...judged.reasons.map((r) => r.rule), ...judged.accepted.map((a) => a.rule)]);
  return {
    ...(policy.file ? { file: policy.file } : {}),
    ...(policy.extends ? { extends: policy.extends } : {}),
    rules: policy.rules.filter((r) => cited.has(r.id)).map((r) => ({ id: r.id, description: r.description, decision: r.decision })),
  };
}

/** Inline accepts in the files given (never in --command text): see src/judge/collect-accepts.ts. */
export async function inlineAccepts(request: CheckRequest, given: IntakeResult[], cwd: string): Promise<{ accepts: import('./model.js').RiskException[]; warnings: string[] }> {
  if (request.inlineAccepts === false) return { accepts: [], warnings: [] };
  const at = (file: string) => resolvePath(cwd, file);
  const templates = [request.templateBefore, request.templateAfter, ...(request.stacks ?? []).map((s) => s.file)].filter((f): f is string => !!f).map(at);
  const { acceptSourcesOf, collectAccepts } = await import('./judge/collect-accepts.js');
  const sources = acceptSourcesOf(given.filter((r) => !(request.intake ?? []).includes(r)), templates, cwd);
  if (sources.terraformDirs.length + sources.templates.length + sources.scripts.length === 0) return { accepts: [], warnings: [] };
  return collectAccepts(sources);
}

/** Only local, non-infrastructure commands and no world or explicit context: nothing can be at stake. */
export function nothingToJudge(intake: IntakeResult[], request: CheckRequest): boolean {
  return (
    intake.every((r) => r.actions.length === 0 && !r.world && (r.drift ?? []).length === 0) &&
    !request.config &&
    !request.policy &&
    !request.sandbox
  );
}

export function emptyReport(intake: IntakeResult[], now: Date, timings: Record<string, number>): Report {
  const proposed = intake.flatMap((r) => r.proposedAccepts ?? []);
  return {
    schemaVersion: '2.0',
    summary: { add: 0, change: 0, destroy: 0, replace: 0, text: 'No changes: 0 to add, 0 to change, 0 to destroy, 0 to replace.' },
    tool: { name: 'firebreak', version: VERSION },
    generatedAt: now.toISOString(),
    inputs: intake.map((r) => ({ kind: r.kind, ...(r.file ? { file: r.file } : {}) })),
    verdict: 'pass',
    reasons: [
      {
        rule: 'no-infrastructure-actions',
        decision: 'pass',
        message: 'nothing infrastructure-related was found: only local commands that Firebreak recognises as safe',
      },
    ],
    actions: [],
    blastRadius: {
      resources: [],
      counts: { total: 0, deleted: 0, replaced: 0, modified: 0, created: 0, disrupted: 0, stateful: 0, dataLoss: 0, irreversible: 0 },
      unknownScope: [],
    },
    rollback: { steps: [], irreversible: [] },
    sandbox: { status: 'not-run' },
    drift: intake.flatMap((r) => r.drift ?? []),
    accepted: [],
    ...(proposed.length ? { proposedAccepts: proposed } : {}),
    warnings: intake.flatMap((r) => r.warnings),
    timings,
  };
}

function worldFiles(intake: IntakeResult[], kind: IntakeResult['kind']): string[] {
  return intake.filter((r) => r.kind === kind && r.file).map((r) => r.file!);
}

function stackFiles(request: CheckRequest, config: Config & { baseDir: string }): { name: string; file: string }[] {
  const cwd = request.cwd ?? process.cwd();
  return [
    ...Object.entries(config.world?.templates ?? {}).map(([name, file]) => ({ name, file: resolvePath(config.baseDir, file) })),
    ...(request.stacks ?? []).map((s) => ({ name: s.name, file: resolvePath(cwd, s.file) })),
  ];
}

export function hintsOf(resource: Resource): Action['hints'] {
  return {
    ...resource.hints,
    ...(resource.stack ? { stackName: resource.stack } : {}),
    ...(resource.source.startsWith('terraform') ? { terraformAddress: resource.workspace && resource.id.startsWith(`${resource.workspace}/`) ? resource.id.slice(resource.workspace.length + 1) : resource.id } : {}),
    ...(resource.workspace ? { workspace: resource.workspace } : {}),
    ...(resource.tags ? { tags: { ...resource.hints?.tags, ...resource.tags } } : {}),
  };
}

/** What the given inputs say exists is in the named environment too (configured world sources keep their own). */
function namedWorld(result: IntakeResult, environment: string): IntakeResult {
  if (!result.world) return result;
  return { ...result, world: { ...result.world, resources: result.world.resources.map((r) => ({ ...r, hints: { ...r.hints, environment } })) } };
}

/** `--environment NAME`: it must be an environment firebreak.yaml describes. */
function namedEnvironment(request: CheckRequest, config: Config): string | undefined {
  const name = request.environment;
  if (name === undefined) return undefined;
  if (!config.environments[name]) {
    const known = Object.keys(config.environments);
    throw new InputError(`--environment ${name}: no such environment in ${config.file ?? 'firebreak.yaml (none was found)'}${known.length ? `; known: ${known.join(', ')}` : ''}`);
  }
  return name;
}

export async function loadContext(request: CheckRequest, cwd: string): Promise<Config & { baseDir: string }> {
  const explicit = request.config ? resolvePath(cwd, request.config) : undefined;
  const implicit = resolvePath(cwd, 'firebreak.yaml');
  const file = explicit ?? (request.implicitConfig !== false && existsSync(implicit) ? implicit : undefined);
  const machine = await machineOf();
  if (!file) {
    const { defaultConfig } = await import('./config/default-config.js');
    return { ...defaultConfig(), ...machine, baseDir: cwd };
  }
  const { loadConfigCached } = await import('./config/config-cache.js');
  const config = await loadConfigCached(file);
  const notes = [...(config.notes ?? []), ...(machine.notes ?? [])];
  return { ...config, ...(machine.machine ? { machine: machine.machine } : {}), ...(notes.length ? { notes } : {}), baseDir: dirname(file) };
}

/** The operator's declaration in the per-user folder of this process (never the workspace's config). */
async function machineOf(): Promise<Pick<Config, 'machine' | 'notes'>> {
  const { readMachineDeclaration } = await import('./config/machine.js');
  const reading = readMachineDeclaration(process.env);
  if ('declared' in reading) return { machine: reading.declared };
  return 'ignored' in reading ? { notes: [`no machine declaration: ${reading.ignored}`] } : {};
}

/** A policy file is parsed and validated; the shipped default comes precompiled. */
export async function loadPolicyFor(file: string | undefined): Promise<import('./judge/policy.js').Policy> {
  if (file === undefined) return (await import('./judge/default-policy.js')).loadDefaultPolicy();
  return (await import('./judge/policy.js')).loadPolicy(file);
}

/** World sources named in firebreak.yaml (state files, stack templates); per-workspace states only for the run's workspaces. */
async function readConfiguredWorld(config: Config & { baseDir: string }, workspaces: Set<string>, environments: Set<string>): Promise<IntakeResult[]> {
  const fromConfig = (file: string) => resolvePath(config.baseDir, file);
  const results: IntakeResult[] = [];
  for (const file of (config.world?.terraformState ?? []).map(fromConfig)) {
    const { readTerraformState } = await import('./intake/terraform/state.js');
    results.push(readTerraformState(await readTextInput(file), file));
  }
  if (config.world?.terraformStateByWorkspace) {
    const [{ statesForRun }, { readWorkspaceState }] = await Promise.all([import('./config/workspace-states.js'), import('./intake/terraform/state.js')]);
    for (const state of statesForRun(config, workspaces, environments)) {
      const file = fromConfig(state.file);
      results.push(readWorkspaceState(await readTextInput(file), file, state));
    }
  }
  for (const file of (config.world?.inventory ?? []).map(fromConfig)) {
    const { readInventory } = await import('./intake/inventory.js');
    results.push(readInventory(await readTextInput(file), file));
  }
  for (const [name, file] of Object.entries(config.world?.templates ?? {})) {
    const { readTemplate } = await import('./intake/cloudformation/index.js');
    results.push(await readTemplate(await readTextInput(fromConfig(file)), fromConfig(file), name));
  }
  return results;
}

/** Reads every input of the request in a stable order: world sources first, then planned changes. */
async function readRequestInputs(request: CheckRequest, cwd: string): Promise<IntakeResult[]> {
  const at = (file: string) => resolvePath(cwd, file);
  const results: IntakeResult[] = [];
  for (const file of (request.state ?? []).map(at)) {
    const { readTerraformState } = await import('./intake/terraform/state.js');
    results.push(readTerraformState(await readTextInput(file), file));
  }
  for (const file of (request.inventory ?? []).map(at)) {
    const { readInventory } = await import('./intake/inventory.js');
    results.push(readInventory(await readTextInput(file), file));
  }
  for (const stack of request.stacks ?? []) {
    const { readTemplate } = await import('./intake/cloudformation/index.js');
    const file = at(stack.file);
    results.push(await readTemplate(await readTextInput(file), file, stack.name));
  }
  if (request.plan) results.push(await inPlanWorkspace(await readByKind('terraform-plan', at(request.plan)), request, cwd));
  if (request.templateBefore || request.templateAfter) results.push(await readTemplatePair(request, at));
  if (request.changeSet) results.push(await readByKind('cloudformation-changeset', at(request.changeSet)));
  if (request.actionsFile) results.push(await readByKind('aws-api-calls', at(request.actionsFile)));
  for (const file of request.files ?? []) results.push(await inPlanWorkspace(await readByKind(undefined, at(file), cwd, { parameters: await templateParameters(request, at) }), request, cwd));
  results.push(...(request.intake ?? []));
  for (const command of request.commands ?? []) {
    const { parseShellCommand } = await import('./intake/shell/index.js');
    const actions: PlannedAction[] = await parseShellCommand(command, { kind: 'shell', command }, { cwd });
    results.push({ kind: 'shell', actions, warnings: [] });
  }
  return results;
}

/** A plan is made in one Terraform workspace: said outright, or found as Terraform finds it. */
async function inPlanWorkspace(result: IntakeResult, request: CheckRequest, cwd: string): Promise<IntakeResult> {
  if (result.kind !== 'terraform-plan') return result;
  const { inWorkspace, planWorkspace } = await import('./intake/terraform/workspaces.js');
  const choice = planWorkspace(request.workspace, [cwd, ...(result.file ? [dirname(result.file)] : [])]);
  return choice ? inWorkspace(result, choice) : result;
}

async function readByKind(expected: ReturnType<typeof detectKind> | undefined, file: string, cwd?: string, templateOptions: { parameters?: Record<string, string> } = {}): Promise<IntakeResult> {
  const text = await readTextInput(file);
  const kind = expected ?? detectKind(text, file);
  switch (kind) {
    case 'terraform-plan': {
      const { readTerraformPlan } = await import('./intake/terraform/plan.js');
      return readTerraformPlan(text, file);
    }
    case 'terraform-state': {
      const { readTerraformState } = await import('./intake/terraform/state.js');
      return readTerraformState(text, file);
    }
    case 'cloudformation-changeset': {
      const { readChangeSet } = await import('./intake/cloudformation/index.js');
      return readChangeSet(text, file);
    }
    case 'cloudformation-template': {
      // A template on its own is what the agent is about to deploy: a new stack named after the file.
      const { diffTemplates } = await import('./intake/cloudformation/index.js');
      return diffTemplates(undefined, { text, file }, stackNameFromFile(file), templateOptions);
    }
    case 'inventory': {
      const { readInventory } = await import('./intake/inventory.js');
      return readInventory(text, file);
    }
    case 'aws-api-calls': {
      const { readAwsApiCalls } = await import('./intake/aws/api-calls.js');
      return readAwsApiCalls(text, file);
    }
    case 'shell': {
      const { parseShellCommand } = await import('./intake/shell/index.js');
      return { kind: 'shell', file, actions: await parseShellCommand(text, { kind: 'shell', file }, { cwd: cwd ?? dirname(file) }), warnings: [] };
    }
  }
}

async function readTemplatePair(request: CheckRequest, at: (f: string) => string): Promise<IntakeResult> {
  const { diffTemplates } = await import('./intake/cloudformation/index.js');
  const before = request.templateBefore ? { text: await readTextInput(at(request.templateBefore)), file: at(request.templateBefore) } : undefined;
  const after = request.templateAfter ? { text: await readTextInput(at(request.templateAfter)), file: at(request.templateAfter) } : undefined;
  return diffTemplates(before, after, templatePairStackName(request), { parameters: await templateParameters(request, at) });
}

/** Parameter values for templates: --parameters, else the Parameters of a change set given alongside. */
async function templateParameters(request: CheckRequest, at: (f: string) => string): Promise<Record<string, string> | undefined> {
  if (request.parameters) return request.parameters;
  if (!request.changeSet) return undefined;
  try {
    const data = JSON.parse(await readTextInput(at(request.changeSet))) as { Parameters?: { ParameterKey?: string; ParameterValue?: string }[] };
    const entries = (data.Parameters ?? []).filter((p) => typeof p.ParameterKey === 'string' && p.ParameterValue !== undefined);
    return entries.length ? Object.fromEntries(entries.map((p) => [p.ParameterKey!, String(p.ParameterValue)])) : undefined;
  } catch {
    return undefined; // the change set's own intake reports what is wrong with it
  }
}
