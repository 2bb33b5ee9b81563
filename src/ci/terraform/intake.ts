// Terraform without a plan: the .tf sources of both revisions, compared block by block.
import { performance } from 'node:perf_hooks';
import type { IntakeResult } from '../../intake/types.js';
import { blobIds, readBlobs } from '../git.js';
import { unreadableFileAction } from '../failure.js';
import { diffConfigurations } from './diff.js';
import { placements } from './modules.js';
import { parseChangedBlocks } from './real-parse.js';
import { buildSnapshot, ParseCache, type SnapshotTimings } from './snapshot.js';
import { configurationWorld } from './world.js';

export interface TerraformChangeInput {
  cwd: string;
  from: string;
  head: string;
  /** Changed .tf paths (head path; for renames the base path too). */
  changed: Set<string>;
}

export interface TerraformIntakeTimings extends SnapshotTimings {
  gitMs: number;
  diffMs: number;
  worldMs: number;
}

const TF_FILE = /(^|\/)[^/]+\.tf$/;
const IGNORED = /(^|\/)\.terraform\//;

export async function terraformIntake(input: TerraformChangeInput): Promise<{ result: IntakeResult; timings: TerraformIntakeTimings }> {
  const timings: TerraformIntakeTimings = { gitMs: 0, scanMs: 0, parseMs: 0, diffMs: 0, worldMs: 0 };
  let start = performance.now();
  const [baseIds, headIds] = await Promise.all([blobIds(input.cwd, input.from), blobIds(input.cwd, input.head)]);
  const tfOnly = (ids: Map<string, string>) => new Map([...ids].filter(([path]) => TF_FILE.test(path) && !IGNORED.test(path)));
  const baseTf = tfOnly(baseIds);
  const headTf = tfOnly(headIds);
  const blobs = await readBlobs(input.cwd, [...baseTf.values(), ...headTf.values()]);
  const texts = (ids: Map<string, string>) => new Map([...ids].map(([path, id]) => [path, blobs.get(id) ?? '']));
  timings.gitMs = performance.now() - start;

  const cache = new ParseCache();
  const baseTexts = texts(baseTf);
  const headTexts = texts(headTf);
  start = performance.now();
  const [baseParsed, headParsed] = await Promise.all([
    parseChangedBlocks(input.changed, baseTexts, headTexts, cache),
    parseChangedBlocks(input.changed, headTexts, baseTexts, cache),
  ]);
  timings.parseMs += performance.now() - start;
  const base = await buildSnapshot(baseTexts, baseParsed, timings, cache);
  const head = await buildSnapshot(headTexts, headParsed, timings, cache);
  start = performance.now();
  const basePlacements = placements(base);
  const headPlacements = placements(head);
  const { actions, warnings } = diffConfigurations({ base, head, basePlacements, headPlacements, changedFiles: input.changed, baseRevision: input.from });
  timings.diffMs = performance.now() - start;

  for (const [file, reason] of new Map([...base.failures, ...head.failures])) {
    if (input.changed.has(file)) actions.push(unreadableFileAction(file, 'hcl', reason, lineOf(reason)));
    else warnings.push(`${file} (not changed) could not be read: ${reason}; its resources are missing from the dependency graph`);
  }
  start = performance.now();
  const world = configurationWorld(base, basePlacements);
  timings.worldMs = performance.now() - start;
  return { result: { kind: 'hcl', actions, world, warnings }, timings };
}

function lineOf(reason: string): number | undefined {
  const match = /\.tf:(\d+),/.exec(reason) ?? /at line (\d+)/.exec(reason);
  return match ? Number(match[1]) : undefined;
}
