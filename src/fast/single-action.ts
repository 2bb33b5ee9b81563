// The pipeline for a hook call whose world is empty: commands (and tool calls) already read, no
// Terraform state, inventory or stack template in firebreak.yaml, no sandbox, no named environment.
// check() would build a dependency graph with nothing in it; this runs the same stages in the same
// order with the same functions over an empty world that needs no graph library, and reuses the
// parse the hook already made instead of parsing every command again. Anything else returns
// undefined and the caller runs check(): test/speed/single-action.test.ts judges every corpus case
// both ways and compares the whole reports and the hook's answers.
import type { IntakeResult } from '../intake/types.js';
import type { World, WorldGraph } from '../world/world.js';
import type { Config } from '../config/config.js';
import { judgeInWorld, loadContext, stageTimer, nothingToJudge, type CheckRequest, type CheckResult } from '../pipeline.js';

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
  const { timings, timed } = stageTimer();
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

  const config = await timed('config', () => loadContext(full, cwd));
  if (configuresWorld(config)) return undefined;
  // No world fragment anywhere: separateWorkspaces and buildWorld would return the inputs and an empty graph.
  return judgeInWorld({ request: full, given, intake: given, world: emptyWorld(), config, cwd, now, timings, timed });
}
