// Everything a change between two revisions does to infrastructure, as pipeline inputs.
import { performance } from 'node:perf_hooks';
import type { IntakeResult } from '../intake/types.js';
import { classifyPath, hasShellShebang, looksLikeTemplate, type ChangeKind } from './classify.js';
import { templateIntake } from './cloudformation.js';
import { addedLines, blobIds, changedFiles, readBlobs, type ChangedFile } from './git.js';
import { scriptIntake } from './scripts.js';
import { terraformIntake, type TerraformIntakeTimings } from './terraform/intake.js';

export interface CiIntakeOptions {
  cwd: string;
  from: string;
  head: string;
  /** A Terraform plan JSON is given: .tf sources are not compared (the plan is preferred). */
  havePlan?: boolean;
}

export interface CiIntake {
  results: IntakeResult[];
  changed: (ChangedFile & { kind?: ChangeKind })[];
  timings: { git: number; hclParse: number; hclScan: number; terraform: number; templates: number; scripts: number };
  terraform?: TerraformIntakeTimings;
}

export async function ciIntake(options: CiIntakeOptions): Promise<CiIntake> {
  const { cwd, from, head } = options;
  let start = performance.now();
  const files = await changedFiles(cwd, from, head);
  const changed = files.map((f) => ({ ...f, kind: classifyPath(f.path) }));
  const timings: CiIntake['timings'] = { git: performance.now() - start, hclParse: 0, hclScan: 0, terraform: 0, templates: 0, scripts: 0 };
  const results: IntakeResult[] = [];

  const tf = changed.filter((f) => f.kind === 'terraform');
  let terraform: TerraformIntakeTimings | undefined;
  if (tf.length > 0 && !options.havePlan) {
    start = performance.now();
    const paths = new Set(tf.flatMap((f) => (f.oldPath ? [f.path, f.oldPath] : [f.path])));
    const out = await terraformIntake({ cwd, from, head, changed: paths });
    results.push(out.result);
    terraform = out.timings;
    timings.git += out.timings.gitMs;
    timings.hclParse = out.timings.parseMs;
    timings.hclScan = out.timings.scanMs;
    timings.terraform = performance.now() - start;
  }

  // Templates and scripts: read both sides of every candidate in one batch.
  const candidates = changed.filter((f) => f.kind && f.kind !== 'terraform');
  start = performance.now();
  const unknownKind = changed.filter((f) => !f.kind && f.status !== 'D');
  const [baseIds, headIds] = await Promise.all([
    blobIds(cwd, from, candidates.filter((f) => f.status !== 'A').map((f) => f.oldPath ?? f.path)),
    blobIds(cwd, head, [...candidates, ...unknownKind].filter((f) => f.status !== 'D').map((f) => f.path)),
  ]);
  const blobs = await readBlobs(cwd, [...baseIds.values(), ...headIds.values()]);
  const before = (f: ChangedFile) => blobs.get(baseIds.get(f.oldPath ?? f.path) ?? '');
  const after = (f: ChangedFile) => blobs.get(headIds.get(f.path) ?? '');
  for (const f of unknownKind) if (hasShellShebang(after(f))) candidates.push({ ...f, kind: 'script' });
  timings.git += performance.now() - start;

  for (const f of candidates) {
    if (f.kind === 'template') {
      const old = before(f);
      const next = after(f);
      if (!looksLikeTemplate(old) && !looksLikeTemplate(next)) continue;
      start = performance.now();
      results.push(await templateIntake({ path: f.path, oldPath: f.oldPath, before: looksLikeTemplate(old) ? old : undefined, after: next, baseRevision: from }));
      timings.templates += performance.now() - start;
    } else if (f.kind && f.kind !== 'terraform' && f.status !== 'D') {
      const text = after(f);
      if (text === undefined) continue;
      start = performance.now();
      const touched = f.status === 'A' ? undefined : await addedLines(cwd, from, head, f.path, f.oldPath);
      results.push(await scriptIntake({ path: f.path, kind: f.kind, text, ...(touched ? { touched } : {}) }));
      timings.scripts += performance.now() - start;
    }
  }
  return { results, changed, timings, ...(terraform ? { terraform } : {}) };
}
