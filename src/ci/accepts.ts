// Inline accepts in a pull request: only those the base revision already had (reviewed and
// merged) and the head still has apply. Accepts the change itself adds are listed for the
// reviewer as proposed; they apply once merged. So a change cannot wave itself through.
import type { RiskException } from '../model.js';
import { ACCEPT_MARKER, acceptsInScript, acceptsInTerraform, sameAccept, type InlineAccepts } from '../judge/inline-accepts.js';
import { templateAccepts } from '../judge/collect-accepts.js';
import { classifyPath, looksLikeTemplate } from './classify.js';
import { blobIds, readBlobs, tryGit } from './git.js';

export interface CiAccepts {
  accepts: RiskException[];
  proposed: RiskException[];
  warnings: string[];
}

/** Files of a revision that mention the marker (git grep: no work tree, one process). */
async function filesWithMarker(cwd: string, rev: string): Promise<string[]> {
  const out = await tryGit(cwd, ['grep', '-l', '-I', '-F', ACCEPT_MARKER, rev, '--']);
  return (out ?? '').split('\n').filter(Boolean).map((line) => line.slice(rev.length + 1));
}

async function acceptsIn(path: string, text: string): Promise<InlineAccepts> {
  if (path.endsWith('.tf')) return acceptsInTerraform(text, path);
  const kind = classifyPath(path);
  if (kind === 'template' || ((path.endsWith('.json') || path.endsWith('.yaml') || path.endsWith('.yml')) && looksLikeTemplate(text))) return templateAccepts(text, path);
  return acceptsInScript(text, path);
}

async function acceptsAt(cwd: string, rev: string): Promise<{ byFile: Map<string, RiskException[]>; warnings: string[] }> {
  const paths = await filesWithMarker(cwd, rev);
  const ids = await blobIds(cwd, rev, paths);
  const blobs = await readBlobs(cwd, [...ids.values()]);
  const byFile = new Map<string, RiskException[]>();
  const warnings: string[] = [];
  for (const path of paths) {
    const text = blobs.get(ids.get(path) ?? '');
    if (text === undefined) continue;
    const found = await acceptsIn(path, text);
    byFile.set(path, found.accepts);
    warnings.push(...found.problems.map((p) => p.message));
  }
  return { byFile, warnings };
}

export async function ciAccepts(cwd: string, from: string, head: string): Promise<CiAccepts> {
  const [base, next] = await Promise.all([acceptsAt(cwd, from), acceptsAt(cwd, head)]);
  const accepts: RiskException[] = [];
  const proposed: RiskException[] = [];
  for (const [path, list] of next.byFile) {
    const reviewed = base.byFile.get(path) ?? [];
    for (const accept of list) (reviewed.some((r) => sameAccept(r, accept)) ? accepts : proposed).push(accept);
  }
  return { accepts, proposed, warnings: next.warnings };
}
