// The pipeline for a hook call whose world is empty: commands (and tool calls) already read, no
// Terraform state, inventory or stack template in firebreak.yaml, no sandbox, no named environment.
// check() would build a dependency graph with nothing in it; this runs the same stages in the same
// order with the same functions over an empty world that needs no graph library, and reuses the
// parse the hook already made instead of parsing every command again. Anything else returns
// undefined and the caller runs check(): test/speed/single-action.test.ts judges every corpus case
// both ways and compares the whole reports and the hook's answers.
import type { Action, Report, Resource, SandboxSummary } from '../model.js';
import type { IntakeResult } from '../intake/types.js';
import type { World, WorldGraph } from '../world/world.js';
import type { Config } from '../config/config.js';
import {
  EXIT_CODES,
  citedPolicy,
  emptyReport,
  hintsOf,
  inlineAccepts,
  loadContext,
  loadPolicyFor,
  nothingToJudge,
  type CheckRequest,
  type CheckResult,
} from '../pipeline.js';
import { resolveTarget, withResolvedTarget } from '../world/resolve.js';

/** What check() would be asked, with every command's intake already read (in the order check() reads them). */
export interface SingleActionRequest extends Pick<CheckRequest, 'cwd' | 'now' | 'config' | 'implicitConfig' | 'policy'> {
  /** check()'s `intake`: inputs the caller read itself (the hook's file and MCP tools). */
  intake: IntakeResult[];
  /** check()'s `commands`, one intake result each, as parseShellCommand returned them. */
  commands: IntakeResult[];
}

/** The world check() builds from no fragments, answering the graph calls the stages make as an empty graph does. */
export function emptyWorld(): World {
  const missing = (method: string) => (id: string) => {
    throw new Error(`Graph.${method}: could not find the "${id}" node in the graph.`);
  };
  const graph = {
    order: 0,
    size: 0,
    hasNode: () => false,
    filterNodes: () => [],
    mapNodes: () => [],
    forEachNode: () => undefined,
    getNodeAttributes: missing('getNodeAttributes'),
    forEachInEdge: missing('forEachInEdge'),
    forEachOutEdge: missing('forEachOutEdge'),
    inNeighbors: missing('inNeighbors'),
  };
  return { graph: graph as unknown as WorldGraph, byName: new Map() };
}

/** Whether firebreak.yaml puts anything in the world (then check() builds it). */
function configuresWorld(config: Config): boolean {
  const world = config.world;
  if (!world) return false;
  return (
    (world.terraformState?.length ?? 0) > 0 ||
    world.terraformStateByWorkspace !== undefined ||
    (world.inventory?.length ?? 0) > 0 ||
    Object.keys(world.templates ?? {}).length > 0
  );
}

/** check()'s result for this request, or undefined when it needs what only check() does. */
export async function checkSingleAction(request: SingleActionRequest): Promise<CheckResult | undefined> {
  const timings: Record<string, number> = {};
  const timed = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings[stage] = Math.round((performance.now() - start) * 100) / 100;
    }
  };
  const cwd = request.cwd ?? process.cwd();
  const now = request.now ?? new Date();
  // check() reads the caller's intake before the commands.
  const given = [...request.intake, ...request.commands];
  if (given.some((r) => r.world || (r.drift ?? []).length > 0 || r.kind !== 'shell')) return undefined;
  const full: CheckRequest = {
    intake: request.intake,
    ...(request.cwd !== undefined ? { cwd: request.cwd } : {}),
    ...(request.now ? { now: request.now } : {}),
    ...(request.config !== undefined ? { config: request.config } : {}),
    ...(request.implicitConfig !== undefined ? { implicitConfig: request.implicitConfig } : {}),
    ...(request.policy !== undefined ? { policy: request.policy } : {}),
  };
  if (nothingToJudge(given, full)) return undefined;

  const [{ applicableActions, applyContext, resolveEnvironment }, { evaluate }, { predict }, { planRollback }, { scopeMembers }, { placeWorkspaceDeletes }] = await timed('load', () =>
    Promise.all([
      import('../config/environment.js'),
      import('../judge/evaluate.js'),
      import('../predict/index.js'),
      import('../rollback/plan.js'),
      import('../predict/scope.js'),
      import('../predict/workspace-files.js'),
    ]),
  );
  const config = await timed('config', () => loadContext(full, cwd));
  if (configuresWorld(config)) return undefined;
  // No world fragment anywhere: separateWorkspaces and buildWorld would return the inputs and an empty graph.
  const intake = given;
  const world = emptyWorld();

  const numbered = applicableActions(intake.flatMap((r) => r.actions), config).map((action, index): Action => ({ ...action, id: `a${index + 1}` }));
  const resolved = numbered.map((action) => {
    const resourceId = resolveTarget(action, world);
    if (!resourceId) return action;
    const resource = world.graph.getNodeAttributes(resourceId);
    return withResolvedTarget({ ...action, hints: { ...hintsOf(resource), ...action.hints } }, resourceId, resource);
  });
  const environmentOf = (resource: Resource) => {
    const env = resolveEnvironment(hintsOf(resource), config);
    return env.assumed ? undefined : env.name;
  };
  const placed = resolved.map((action) => {
    if (action.scope !== 'environment') return action;
    const known = (scopeMembers(action, world) ?? [])
      .map((id) => hintsOf(world.graph.getNodeAttributes(id)))
      .map((hints) => ({ hints, env: resolveEnvironment(hints, config) }))
      .filter(({ env }) => !env.assumed);
    const representative = known.find(({ env }) => env.production) ?? known[0];
    return representative ? { ...action, hints: { ...representative.hints, ...action.hints } } : action;
  });
  const contextual = placeWorkspaceDeletes(applyContext(placed, config, now), cwd);
  const prediction = await timed('predict', () => predict(contextual, world, environmentOf));
  const rollback = await timed('rollback', () => planRollback(prediction.actions, world));
  const sandbox: SandboxSummary = { status: 'not-run' };

  const policy = await timed('policy', () => loadPolicyFor(request.policy ?? config.policy));
  const inline = await timed('accepts', () => inlineAccepts(full, given, cwd));
  const judged = await timed('judge', () =>
    evaluate(
      {
        actions: prediction.actions,
        blastRadius: prediction.blastRadius,
        sandbox,
        autonomy: config.agent?.autonomy,
        environments: config.environments,
        exceptions: [...intake.flatMap((r) => r.accepts ?? []), ...inline.accepts],
        now,
      },
      policy,
    ),
  );

  const { changeSummary } = await import('../report/summary.js');
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
    warnings: [...base.warnings, ...inline.warnings, ...judged.expired],
  };
  return { report, exitCode: EXIT_CODES[report.verdict] };
}
