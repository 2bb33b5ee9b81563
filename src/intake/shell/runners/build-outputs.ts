// Programs the line itself builds before it runs them: `go build -o bin/app ./cmd/app && ./bin/app
// version` runs the build of ./cmd/app, whatever was at bin/app before; `cargo build --release &&
// target/release/uv --version` the build of the bin uv. Recorded beside the files the line writes
// (written-files.ts), keyed by the same map, so a later write to the path (`cp x bin/app`, `curl -o
// bin/app`) is seen: the file is then what that write put there, and stays unknown.
import { posix } from 'node:path';
// Not knowledge/code/go.js: this module is in every shell judgment, the code reader's tables are not.
import { CARGO_PROFILE_FOLDERS, GO_BUILD_NOT_AS_WRITTEN, GO_BUILD_VALUE_FLAGS } from '../../../knowledge/built-tools.js';
import { writtenFileKey } from '../../code/source.js';
import type { ShellState } from '../walk.js';
import { noteRebuilt } from './folder-writes.js';

export type LineBuild =
  /** `go build`: the package pattern as written, the folder it was built from, the flags that shape the program. */
  | { tool: 'go'; pkg: string; from: string | undefined; flags: string[] }
  /** `cargo build`: the folder it ran in, the profile folder and target triple it builds into. */
  | { tool: 'cargo'; from: string | undefined; profile: string; triple?: string };

/** The builds of each line, by the key of the file they make (cargo's by `cargo:<folder>`). */
const builds = new WeakMap<Map<string, string>, Map<string, LineBuild>>();

function buildsOf(state: ShellState): Map<string, LineBuild> {
  const files = (state.files ??= new Map());
  let found = builds.get(files);
  if (!found) builds.set(files, (found = new Map()));
  return found;
}

/** Records what a `go build` or `cargo build` in the line makes. */
export function recordBuilds(name: string, argv: readonly string[], state: ShellState): void {
  if (name === 'go') recordGoBuild(argv, state);
  else if (name === 'cargo') recordCargoBuild(argv, state);
}

function recordGoBuild(argv: readonly string[], state: ShellState): void {
  let i = 1;
  let from = state.cwd;
  if (argv[i] === '-C' && argv[i + 1] !== undefined) { from = join(from, argv[i + 1]); i += 2; }
  if (argv[i++] !== 'build') return;
  let out: string | undefined;
  const flags: string[] = [];
  for (; i < argv.length; i++) {
    const a = argv[i].replace(/^--/, '-');
    if (a === '-') break;
    if (!a.startsWith('-')) break;
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = eq > 0 ? a.slice(eq + 1) : GO_BUILD_VALUE_FLAGS.has(flag) ? argv[++i] : undefined;
    if (GO_BUILD_NOT_AS_WRITTEN.has(flag)) return;
    if (flag === '-o') out = value;
    else if (flag === '-tags' || flag === '-ldflags') flags.push(`${flag}=${value ?? ''}`);
  }
  const pkgs = argv.slice(i);
  if (pkgs.length > 1 || pkgs.some((p) => p.endsWith('.go') || p.includes('...') || /[$`*?[]/.test(p))) return;
  const pkg = pkgs[0] ?? '.';
  // The program is named after the package's last element: `go build` in cmd/app makes app.
  const folder = pkg === '.' || pkg.startsWith('./') || pkg.startsWith('../') ? posix.resolve(state.workspace ?? process.cwd(), from ?? '.', pkg) : pkg.replace(/@.*$/, '');
  const name = posix.basename(posix.normalize(folder)).replace(/^v\d+$/, '');
  if (out === undefined || out.endsWith('/')) {
    // Without -o (or into a folder) the program is named after the package's last element.
    if (!name || name === '.' || name === '..') return;
    out = out === undefined ? name : `${out}${name}`;
  }
  if (/[$`]/.test(out)) return;
  buildsOf(state).set(writtenFileKey(out, from), { tool: 'go', pkg, from, flags });
  noteRebuilt(state, writtenFileKey(out, from));
}

function recordCargoBuild(argv: readonly string[], state: ShellState): void {
  const args = argv.slice(1).filter((a) => !a.startsWith('+'));
  if (args[0] !== 'build' && args[0] !== 'b') return;
  let profile = 'debug';
  let triple: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? args[++i];
    if (flag === '--release' || flag === '-r') profile = 'release';
    else if (flag === '--profile') { const p = value() ?? ''; profile = Object.hasOwn(CARGO_PROFILE_FOLDERS, p) ? CARGO_PROFILE_FOLDERS[p] : p; }
    else if (flag === '--target') triple = value();
    // Another target folder, manifest or config: the products are elsewhere, or built otherwise.
    else if (flag === '--target-dir' || flag === '--manifest-path' || flag === '--config' || flag === '-Z' || flag === '--artifact-dir' || flag === '--out-dir') return;
  }
  if (!profile || /[$`/]/.test(profile) || (triple !== undefined && /[$`/]/.test(triple))) return;
  buildsOf(state).set(`cargo:${writtenFileKey('.', state.cwd)}`, { tool: 'cargo', from: state.cwd, profile, ...(triple ? { triple } : {}) });
}

/** The `go build` in this line that makes `key`, unless the line wrote the file otherwise since. */
export function goBuildOf(state: Pick<ShellState, 'files'>, key: string): (LineBuild & { tool: 'go' }) | undefined {
  if (!state.files || state.files.has(key)) return undefined;
  const b = builds.get(state.files)?.get(key);
  return b?.tool === 'go' ? b : undefined;
}

/** The programs `go build` made earlier in this line (keys as written files are keyed). */
export function goBuildOutputs(state: Pick<ShellState, 'files'>): string[] {
  const all = state.files ? builds.get(state.files) : undefined;
  return [...(all?.entries() ?? [])].filter(([k, b]) => b.tool === 'go' && !state.files!.has(k)).map(([k]) => k);
}

/** The `cargo build`s earlier in this line. */
export function cargoBuildsIn(state: Pick<ShellState, 'files'>): (LineBuild & { tool: 'cargo' })[] {
  const all = state.files ? builds.get(state.files) : undefined;
  return [...(all?.values() ?? [])].filter((b): b is LineBuild & { tool: 'cargo' } => b.tool === 'cargo');
}

function join(cwd: string | undefined, dir: string): string {
  return dir.startsWith('/') || cwd === undefined ? dir : posix.join(cwd, dir);
}
