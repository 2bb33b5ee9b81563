// The Terraform configuration at one revision: blocks per module directory, with real parsed
// bodies for the files the change touches and scanned facts for the rest.
import { posix } from 'node:path';
import { parseHcl, type HclJson, type ParsedFile } from './parse.js';
import { scanTerraform, type ScannedBlock } from './scan.js';

export interface TfBlock {
  kind: 'resource' | 'data' | 'module';
  /** Resource type; `module` for module calls. */
  type: string;
  name: string;
  /** `aws_s3_bucket.logs`, `data.aws_ami.x`, `module.net`. */
  address: string;
  dir: string;
  file: string;
  line: number;
  endLine?: number;
  /** The hcl2json body, when the file was parsed for real. */
  body?: Record<string, unknown>;
  literals: Record<string, string | number | boolean>;
  references: string[];
}

export interface TfMoved {
  from: string;
  to: string;
  file: string;
  line: number;
}

export interface TfRemoved {
  from: string;
  destroy: boolean;
  file: string;
  line: number;
}

export interface TfDir {
  blocks: Map<string, TfBlock>;
  moved: TfMoved[];
  removed: TfRemoved[];
}

export interface TfSnapshot {
  dirs: Map<string, TfDir>;
  /** Files that did not parse: path -> reason. */
  failures: Map<string, string>;
  /** Files read with the real parser. */
  parsed: Set<string>;
}

export interface SnapshotTimings {
  scanMs: number;
  parseMs: number;
}

/**
 * Builds the snapshot from file texts. `parsed` holds the real parser's reading of the files the
 * change touches (their changed blocks, or the whole file); every other file is scanned only.
 */
export async function buildSnapshot(files: Map<string, string>, parsed: Map<string, ParsedFile>, timings: SnapshotTimings, cache: ParseCache): Promise<TfSnapshot> {
  const snapshot: TfSnapshot = { dirs: new Map(), failures: new Map(), parsed: new Set() };
  for (const [file, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const start = performance.now();
    const scanned = cache.scan(file, text);
    timings.scanMs += performance.now() - start;
    const real = parsed.get(file);
    if (real) {
      snapshot.parsed.add(file);
      if (!real.ok) {
        snapshot.failures.set(file, real.reason);
        continue;
      }
    } else if (scanned.problem) {
      snapshot.failures.set(file, scanned.problem);
    }
    addBlocks(snapshot, file, scanned.blocks, real?.ok ? real.json : undefined);
  }
  return snapshot;
}

/** Parse and scan results by content: a file unchanged between revisions is read once. */
export class ParseCache {
  private readonly results = new Map<string, ReturnType<typeof parseHcl>>();
  private readonly scans = new Map<string, ReturnType<typeof scanTerraform>>();
  parse(file: string, text: string): ReturnType<typeof parseHcl> {
    const key = `${file}\0${text}`;
    let result = this.results.get(key);
    if (!result) this.results.set(key, (result = parseHcl(file, text)));
    return result;
  }
  scan(file: string, text: string): ReturnType<typeof scanTerraform> {
    const key = `${file}\0${text}`;
    let result = this.scans.get(key);
    if (!result) this.scans.set(key, (result = scanTerraform(text)));
    return result;
  }
}

export function dirOf(file: string): string {
  return posix.dirname(file);
}

function dirEntry(snapshot: TfSnapshot, dir: string): TfDir {
  let entry = snapshot.dirs.get(dir);
  if (!entry) snapshot.dirs.set(dir, (entry = { blocks: new Map(), moved: [], removed: [] }));
  return entry;
}

function addBlocks(snapshot: TfSnapshot, file: string, blocks: ScannedBlock[], json: HclJson | undefined): void {
  const dir = dirEntry(snapshot, dirOf(file));
  const movedBodies = Array.isArray(json?.moved) ? (json.moved as Record<string, unknown>[]) : [];
  let movedIndex = 0;
  for (const block of blocks) {
    const common = { dir: dirOf(file), file, line: block.line, endLine: block.endLine, literals: block.literals, references: block.references };
    if ((block.kind === 'resource' || block.kind === 'data') && block.labels.length === 2) {
      const [type, name] = block.labels;
      const address = `${block.kind === 'data' ? 'data.' : ''}${type}.${name}`;
      const body = firstBody(json, block.kind, type, name);
      dir.blocks.set(address, { kind: block.kind, type, name, address, ...common, ...(body ? { body } : {}) });
    } else if (block.kind === 'module' && block.labels.length === 1) {
      const name = block.labels[0];
      const body = firstBody(json, 'module', name);
      dir.blocks.set(`module.${name}`, { kind: 'module', type: 'module', name, address: `module.${name}`, ...common, ...(body ? { body } : {}) });
    } else if (block.kind === 'moved') {
      const body = movedBodies[movedIndex++];
      const from = traversal(body?.from) ?? rawAssignment(block.body, 'from');
      const to = traversal(body?.to) ?? rawAssignment(block.body, 'to');
      if (from && to) dir.moved.push({ from, to, file, line: block.line });
    } else if (block.kind === 'removed') {
      const from = rawAssignment(block.body, 'from');
      if (from) dir.removed.push({ from, destroy: !/destroy\s*=\s*false/.test(block.body), file, line: block.line });
    }
  }
}

function firstBody(json: HclJson | undefined, ...path: string[]): Record<string, unknown> | undefined {
  let value: unknown = json;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  const first = Array.isArray(value) ? value[0] : undefined;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

function traversal(value: unknown): string | undefined {
  return typeof value === 'string' ? value.replace(/^\$\{(.*)\}$/s, '$1') : undefined;
}

function rawAssignment(body: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}\\s*=\\s*([^\\s#]+)`, 'm').exec(body)?.[1];
}
