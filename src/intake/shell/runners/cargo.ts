// The cargo command. `cargo run` compiles and runs a binary of the workspace: its crate (the entry
// file and the `mod` tree it declares) is read and judged by what it does, as `go run` is. An alias
// from .cargo/config.toml (`xtask = "run --package xtask --"`) is expanded first, so `cargo xtask
// wipe` is judged as the xtask program it runs. Build scripts (build.rs) run before `build`, `check`,
// `test`, `run`, `clippy`...: the workspace members' committed ones are read too, as implicitly run
// code (known operations on targets the code names count); the changed ones are read by the
// implicit-code loader (implicit-loaders.ts) when cargo runs. Anything else is judged as before
// (local unless it publishes or runs a `cargo-<name>` program nobody modelled).
import { execFileSync } from '../../../util/exec-file-sync.js';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, unknownCommand, type Recogniser, type RecognisedCommand } from '../command.js';
import { isLocalCommand } from '../local.js';
import { runDirectory } from './project.js';
import { parseToml, tomlAt, type TomlNode } from '../../code/toml-values.js';
import { RUST_LIBRARY_LIMITS, RUST_LIMITS } from '../../../knowledge/code/rust.js';
import { LOCAL_SUBCOMMANDS } from '../../../knowledge/shell-commands.js';

/** cargo's flags that take a value (as a separate word), global or of run/build. */
const VALUE_FLAGS = new Set(['-C', '--manifest-path', '--config', '-Z', '--color', '--target-dir', '--profile', '-p', '--package', '--bin', '--example', '--features', '-F',
  '--target', '-j', '--jobs', '--exclude', '--test', '--bench', '--message-format', '--timings', '--lockfile-path', '--artifact-dir']);

/** cargo's own short names for its subcommands. */
const BUILT_IN_ALIASES: Readonly<Record<string, string>> = { b: 'build', c: 'check', t: 'test', r: 'run', d: 'doc', rm: 'remove' };

/** Subcommands that run the workspace's build scripts. */
const RUNS_BUILD_SCRIPTS = new Set(['build', 'check', 'test', 'run', 'bench', 'clippy', 'doc', 'install', 'nextest', 'rustc', 'rustdoc', 'fix']);

interface Parsed {
  sub: string;
  flags: Map<string, string[]>;
  /** Words after `--` (the program's arguments for `cargo run`). */
  programArgs: string[];
  rest: string[];
}

function parse(args: readonly string[]): Parsed {
  const flags = new Map<string, string[]>();
  const rest: string[] = [];
  let sub = '';
  let programArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { programArgs = args.slice(i + 1); break; }
    if (a.startsWith('+') && !sub) continue;
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : /^-[pFjZC]./.test(a) ? a.slice(0, 2) : a;
      const value = eq > 0 ? a.slice(eq + 1) : name !== a ? a.slice(2) : VALUE_FLAGS.has(name) ? args[++i] ?? '' : 'true';
      flags.set(name, [...(flags.get(name) ?? []), value]);
      continue;
    }
    if (!sub) sub = a;
    else rest.push(a);
  }
  return { sub, flags, programArgs, rest };
}

function flag(p: Parsed, ...names: string[]): string | undefined {
  for (const n of names) { const v = p.flags.get(n); if (v?.length) return v[v.length - 1]; }
  return undefined;
}

/** The `[alias]` table of the .cargo/config.toml files from `dir` up (the nearest wins), and cargo's home one. */
function aliasOf(dir: string, name: string): { words: string[]; file: string } | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    for (const f of ['.cargo/config.toml', '.cargo/config']) {
      const file = join(at, f);
      if (!existsSync(file)) continue;
      let table: TomlNode | undefined;
      try {
        table = parseToml(readFileSync(file, 'utf8'));
      } catch {
        return { words: [], file };
      }
      const value = tomlAt(table, 'alias', name);
      if (value?.kind === 'string') return { words: value.value.split(/\s+/).filter(Boolean), file };
      if (value?.kind === 'array') return { words: value.items.map((i) => (i.kind === 'string' ? i.value : '')), file };
    }
    if (dirname(at) === at) return undefined;
  }
}

/** Variables naming programs cargo runs on the way (the compiler, a wrapper around it, a runner). */
const PROGRAM_VARIABLES = /^(RUSTC|RUSTC_WRAPPER|RUSTC_WORKSPACE_WRAPPER|RUSTDOC|CARGO_BUILD_RUSTC|CARGO_BUILD_RUSTC_WRAPPER|CARGO_BUILD_RUSTC_WORKSPACE_WRAPPER|CARGO_BUILD_RUSTDOC|CARGO_TARGET_[A-Z0-9_]+_RUNNER|CARGO_TARGET_[A-Z0-9_]+_LINKER)$/;
/** Configuration keys naming such programs (`[build] rustc-wrapper`, `[target.x] runner`). */
const PROGRAM_KEYS = /^\s*(rustc|rustc-wrapper|rustc-workspace-wrapper|rustdoc|runner|linker)\s*=\s*(.*)$/m;

/** A program named by a file path (not a program found on PATH such as `sccache`, nor a system one). */
function programFile(value: string): boolean {
  const v = value.trim().replace(/^\[?\s*["']?|["']?\s*(,.*)?\]?$/g, '');
  if (!v.includes('/') || /^\/(usr\/(local\/)?|opt\/homebrew\/)?bin\/[\w.+-]+$/.test(v)) return false;
  // A compiler cache or linker installed where toolchains go (`/home/runner/.cargo/bin/sccache`).
  return !(/^(\/|~\/|\$\{?HOME\}?\/)/.test(v) && /\/(\.cargo|\.local|\.rustup)\/bin\/(sccache|ccache|cachepot|mold|ld\.mold|ld\.lld|lld|clang|gcc|cc)$/.test(v));
}

/** Why cargo would run a program nobody read on the way: a compiler wrapper, runner or linker given as a
 *  file, in the environment, a `--config` option or a configuration file from the folder up. */
function programOnTheWay(rc: RecognisedCommand, p: Parsed, dir: string): string | undefined {
  for (const [name, value] of Object.entries(rc.env)) {
    if (PROGRAM_VARIABLES.test(name) && value !== undefined && programFile(value)) return `${name}=${value} makes cargo run ${value}`;
  }
  for (const value of p.flags.get('--config') ?? []) {
    const m = /^\s*[\w.'"-]*\b(rustc|rustc-wrapper|rustc-workspace-wrapper|rustdoc|runner|linker)['"]?\s*=\s*(.*)$/.exec(value);
    if (m && (m[1] === 'runner' || programFile(m[2]))) return `--config ${value} makes cargo run ${m[2]}`;
    if (!m && /\.(toml)$/.test(value)) return `--config ${value} loads cargo settings from a file that may name programs cargo runs`;
  }
  for (let at = resolve(dir); ; at = dirname(at)) {
    for (const f of ['.cargo/config.toml', '.cargo/config']) {
      const file = join(at, f);
      if (!existsSync(file)) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return `${file} cannot be read, and cargo's settings may name programs it runs`;
      }
      for (const line of text.split('\n')) {
        const m = PROGRAM_KEYS.exec(line);
        if (m && m[1] !== 'runner' && programFile(m[2])) return `${relative(dir, file) || file} sets ${m[1]} = ${m[2].trim()}, a program cargo runs`;
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

/** A `runner` in cargo's configuration wraps every program `cargo run` starts: a program nobody read. */
function runnerOf(dir: string): string | undefined {
  for (let at = resolve(dir); ; at = dirname(at)) {
    for (const f of ['.cargo/config.toml', '.cargo/config']) {
      const file = join(at, f);
      if (!existsSync(file)) continue;
      try {
        const text = readFileSync(file, 'utf8');
        if (/^\s*runner\s*=/m.test(text)) return relative(dir, file) || file;
      } catch {
        return file;
      }
    }
    if (dirname(at) === at) return undefined;
  }
}

interface Member { name: string; dir: string; manifest: TomlNode }
interface Workspace { root: string; rootManifest: TomlNode; here?: Member; members: Member[] }

/** The library of a package (`[lib] path`, else src/lib.rs): a binary of the package uses it. */
function libraryOf(dir: string, manifest: TomlNode | undefined): string | undefined {
  const path = manifest && tomlAt(manifest, 'lib', 'path');
  if (path?.kind === 'string') return resolve(dir, path.value);
  return existsSync(join(dir, 'src/lib.rs')) ? join(dir, 'src/lib.rs') : undefined;
}

/** The libraries of a package's path dependencies (`x = { path = "../x" }`, or `x.workspace = true`
 *  where [workspace.dependencies] gives a path), and theirs in turn: the workspace's own code the
 *  program runs. `tables`: [dependencies], and [build-dependencies] for a build script. */
function pathDependencies(ws: Workspace, member: { dir: string; manifest: TomlNode }, tables: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>([member.dir]);
  const work = [member];
  while (work.length && seen.size <= RUST_LIMITS.members) {
    const m = work.pop()!;
    for (const table of tables) {
      const deps = tomlAt(m.manifest, table);
      if (deps?.kind !== 'table') continue;
      for (const [name, spec] of deps.entries) {
        let path = tomlAt(spec, 'path');
        let base = m.dir;
        const inherited = tomlAt(spec, 'workspace');
        if (!path && inherited?.kind === 'scalar' && inherited.value === 'true') { path = tomlAt(ws.rootManifest, 'workspace', 'dependencies', name, 'path'); base = ws.root; }
        if (path?.kind !== 'string') continue;
        const dir = resolve(base, path.value);
        if (seen.has(dir)) continue;
        seen.add(dir);
        let manifest: TomlNode | undefined;
        try {
          manifest = parseToml(readFileSync(join(dir, 'Cargo.toml'), 'utf8'));
        } catch {
          manifest = undefined;
        }
        const lib = libraryOf(dir, manifest);
        if (lib) out.push(lib);
        if (manifest) work.push({ dir, manifest });
      }
    }
  }
  return out;
}

/** The workspace a folder is in: the Cargo.toml with [workspace] at or above the nearest one, and its members. */
function workspaceOf(dir: string, manifestPath?: string): Workspace | { why: string; bound?: true } {
  let nearest: string | undefined = manifestPath ? dirname(resolve(dir, manifestPath)) : undefined;
  for (let at = resolve(dir); !nearest; at = dirname(at)) {
    if (existsSync(join(at, 'Cargo.toml'))) nearest = at;
    else if (dirname(at) === at) return { why: `no Cargo.toml at or above ${dir}` };
  }
  const read = (d: string): TomlNode | undefined => {
    try {
      return parseToml(readFileSync(join(d, 'Cargo.toml'), 'utf8'));
    } catch {
      return undefined;
    }
  };
  const nearManifest = read(nearest);
  if (!nearManifest) return { why: `${join(nearest, 'Cargo.toml')} cannot be read` };
  let root = nearest;
  let rootManifest = nearManifest;
  if (!tomlAt(nearManifest, 'workspace')) {
    for (let at = dirname(nearest); dirname(at) !== at; at = dirname(at)) {
      const m = existsSync(join(at, 'Cargo.toml')) ? read(at) : undefined;
      if (m && tomlAt(m, 'workspace')) { root = at; rootManifest = m; break; }
    }
  }
  const dirs = new Set<string>();
  if (tomlAt(rootManifest, 'package')) dirs.add(root);
  const members = tomlAt(rootManifest, 'workspace', 'members');
  for (const item of members?.kind === 'array' ? members.items : []) {
    if (item.kind !== 'string') continue;
    const m = /^(.*?)\/?\*$/.exec(item.value);
    if (!m) { dirs.add(resolve(root, item.value)); continue; }
    try {
      for (const d of readdirSync(resolve(root, m[1] || '.'))) if (existsSync(join(root, m[1], d, 'Cargo.toml'))) dirs.add(resolve(root, m[1], d));
    } catch {
      /* no such folder */
    }
    if (dirs.size > RUST_LIMITS.members) return { why: `its workspace has more than ${RUST_LIMITS.members} members`, bound: true };
  }
  dirs.add(nearest);
  const out: Member[] = [];
  for (const d of dirs) {
    const manifest = d === nearest ? nearManifest : d === root ? rootManifest : read(d);
    const name = manifest && tomlAt(manifest, 'package', 'name');
    if (manifest && name?.kind === 'string') out.push({ name: name.value, dir: d, manifest });
  }
  return { root, rootManifest, members: out, ...(out.find((m) => m.dir === nearest) ? { here: out.find((m) => m.dir === nearest)! } : {}) };
}

/** The build script of a package: `build = "..."` in [package], else build.rs when present. */
function buildScript(m: Member): string | undefined {
  const b = tomlAt(m.manifest, 'package', 'build');
  if (b?.kind === 'string') return resolve(m.dir, b.value);
  if (b?.kind === 'scalar' && b.value === 'false') return undefined;
  return existsSync(join(m.dir, 'build.rs')) ? join(m.dir, 'build.rs') : undefined;
}

/** The entry files `cargo run` picks: `--bin`, `--example`, the package's binaries. */
function runEntries(p: Parsed, ws: Workspace): { files: string[]; member: Member } | { why: string } {
  const pkgName = flag(p, '-p', '--package');
  const pkg = pkgName !== undefined ? ws.members.find((m) => m.name === pkgName) : ws.here;
  const example = flag(p, '--example');
  const bin = flag(p, '--bin');
  const candidates = pkg ? [pkg] : ws.members;
  if (!candidates.length) return { why: pkgName !== undefined ? `the package ${pkgName} is not a member of this workspace` : 'this workspace has no package cargo run could pick' };
  for (const m of candidates) {
    if (example !== undefined) {
      const f = [join(m.dir, 'examples', `${example}.rs`), join(m.dir, 'examples', example, 'main.rs')].find((x) => existsSync(x));
      const declared = exampleOrBinPath(m, 'example', example);
      if (declared ?? f) return { files: [declared ?? f!], member: m };
      continue;
    }
    const bins = binaries(m);
    if (bin !== undefined) {
      const b = bins.get(bin);
      if (b) return { files: [b], member: m };
      continue;
    }
    const def = tomlAt(m.manifest, 'package', 'default-run');
    if (def?.kind === 'string' && bins.has(def.value)) return { files: [bins.get(def.value)!], member: m };
    if (bins.size) return { files: [...bins.values()], member: m };
  }
  return { why: `cargo run finds no ${example !== undefined ? `example ${example}` : bin !== undefined ? `binary ${bin}` : 'binary'} Firebreak can locate` };
}

function exampleOrBinPath(m: Member, kind: 'example' | 'bin', name: string): string | undefined {
  const list = tomlAt(m.manifest, kind);
  for (const t of list?.kind === 'array' ? list.items : []) {
    const n = tomlAt(t, 'name');
    const path = tomlAt(t, 'path');
    if (n?.kind === 'string' && n.value === name && path?.kind === 'string') return resolve(m.dir, path.value);
  }
  return undefined;
}

/** A package's binaries: [[bin]] tables, src/main.rs, src/bin/*.rs and src/bin/x/main.rs. */
function binaries(m: Member): Map<string, string> {
  const out = new Map<string, string>();
  const list = tomlAt(m.manifest, 'bin');
  for (const t of list?.kind === 'array' ? list.items : []) {
    const n = tomlAt(t, 'name');
    const path = tomlAt(t, 'path');
    if (n?.kind !== 'string') continue;
    const file = path?.kind === 'string' ? resolve(m.dir, path.value) : [join(m.dir, 'src/bin', `${n.value}.rs`), join(m.dir, 'src/bin', n.value, 'main.rs'), join(m.dir, 'src/main.rs')].find((f) => existsSync(f));
    if (file) out.set(n.value, file);
  }
  const auto = tomlAt(m.manifest, 'package', 'autobins');
  if (auto?.kind === 'scalar' && auto.value === 'false') return out;
  if (existsSync(join(m.dir, 'src/main.rs')) && ![...out.values()].includes(join(m.dir, 'src/main.rs'))) out.set(m.name, join(m.dir, 'src/main.rs'));
  try {
    for (const e of readdirSync(join(m.dir, 'src/bin'), { withFileTypes: true })) {
      const name = e.name.replace(/\.rs$/, '');
      if (out.has(name)) continue;
      if (e.isFile() && e.name.endsWith('.rs')) out.set(name, join(m.dir, 'src/bin', e.name));
      else if (e.isDirectory() && existsSync(join(m.dir, 'src/bin', e.name, 'main.rs'))) out.set(name, join(m.dir, 'src/bin', e.name, 'main.rs'));
    }
  } catch {
    /* no src/bin */
  }
  return out;
}

/** Files with uncommitted changes under `root` (absolute); undefined when git cannot tell. */
function uncommitted(root: string): Set<string> | undefined {
  try {
    const top = execFileSync('git', ['-C', root, 'rev-parse', '--show-toplevel'], { encoding: 'utf8', timeout: 1500, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const out = new Set<string>();
    for (const entry of execFileSync('git', ['-C', top, 'status', '--porcelain', '-z', '--untracked-files=all', '--no-renames'], { encoding: 'utf8', timeout: 1500, stdio: ['ignore', 'pipe', 'ignore'] }).split('\0')) {
      if (entry.length > 3) out.add(join(top, entry.slice(3)));
    }
    return out;
  } catch {
    return undefined;
  }
}

function unknownCargo(rc: RecognisedCommand, why: string): PlannedAction {
  return unknownCommand(rc, why, 'run');
}

export const cargo: Recogniser = async (rc) => {
  let args = rc.argv.slice(1);
  let parsed = parse(args);
  const from = runDirectory(rc);
  let aliasNote: string | undefined;
  let sub = BUILT_IN_ALIASES[parsed.sub] ?? parsed.sub;
  // `cargo xtask build`: an alias from cargo's configuration, expanded as cargo does (once; cargo refuses loops).
  if (from.ok && sub && !LOCAL_SUBCOMMANDS.cargo.has(sub) && /^[a-z][a-z0-9_-]*$/.test(sub)) {
    const alias = aliasOf(resolve(from.value, flag(parsed, '-C') ?? '.'), sub);
    if (alias) {
      const name = parsed.sub;
      const at = args.indexOf(parsed.sub);
      args = [...args.slice(0, at), ...alias.words, ...args.slice(at + 1)];
      parsed = parse(args);
      sub = BUILT_IN_ALIASES[parsed.sub] ?? parsed.sub;
      aliasNote = `\`cargo ${name}\` is an alias in ${relative(from.value, alias.file) || alias.file}: cargo ${alias.words.join(' ')}`;
    }
  }
  const expanded = aliasNote ? { ...rc, argv: ['cargo', ...args] } : rc;
  const rest = isLocalCommand('cargo', expanded.argv) ? [] : await fallback(expanded);
  if (!RUNS_BUILD_SCRIPTS.has(sub) || parsed.flags.has('--help') || parsed.flags.has('-h')) return rest;
  // `cargo install NAME` builds a registry crate, not the workspace (installing is judged as before).
  if (sub === 'install' && !parsed.flags.has('--path')) return rest;
  if (!from.ok) return [...rest, unknownCargo(rc, `cargo ${sub}: ${from.why}`)];
  const dir = resolve(from.value, flag(parsed, '-C') ?? '.');
  const ws = workspaceOf(dir, flag(parsed, '--manifest-path'));
  // No manifest cargo can read: cargo stops before it builds or runs anything. Too large a workspace is unknown.
  if ('why' in ws) return ws.bound && sub === 'run' ? [...rest, unknownCargo(rc, `cargo run: ${ws.why}, so what it runs is not visible`)] : rest;
  const { judgeCrate, newRustSession } = await import('../../code/rust-crate.js');
  const onTheWay = programOnTheWay(rc, parsed, dir);
  if (onTheWay) return [...rest, unknownCargo(rc, `${onTheWay} on the way (a compiler wrapper, linker or runner given as a file): a program Firebreak has not read`)];
  const changed = uncommitted(ws.root);
  const out: PlannedAction[] = [...rest];
  const note = aliasNote ? [commandEvidence(aliasNote)] : [];
  let ran: Member | undefined;
  if (sub === 'run') {
    const runner = runnerOf(dir);
    if (runner) out.push(unknownCargo(rc, `${runner} sets a runner, a program cargo run starts the binary with: a program Firebreak has not read`));
    const entries = runEntries(parsed, ws);
    if ('why' in entries) out.push(unknownCargo(rc, entries.why));
    else {
      ran = entries.member;
      const shown = entries.files.map((f) => relative(rc.workspace ?? dir, f)).join(', ');
      const lib = libraryOf(ran.dir, ran.manifest);
      const libraries = [...(lib && !entries.files.includes(lib) ? [lib] : []), ...pathDependencies(ws, ran, ['dependencies'])];
      const session = newRustSession();
      const actions = await judgeCrate(rc, entries.files, session, { note: `cargo run builds and runs ${shown} (package ${entries.member.name}): read, and judged by what it does` });
      out.push(...actions.map((a) => ({ ...a, evidence: [...note, ...a.evidence] })));
      // The workspace libraries the program uses: committed code, read for what it names (a delete of
      // /srv in src/lib.rs), within a smaller bound past which the rest stays the project's own.
      // Their changed files are screened by the implicit-code loader as cargo builds them.
      const rest = libraries.filter((l) => !session.read.has(l));
      if (rest.length) {
        const libSession = newRustSession(RUST_LIBRARY_LIMITS);
        for (const f of session.read) libSession.read.add(f);
        const libs = await judgeCrate(rc, rest, libSession, { lenient: true, bestEffort: true, note: `${shown} uses the workspace's libraries (${rest.map((l) => relative(rc.workspace ?? dir, l)).join(', ')}): read for the operations they name` });
        out.push(...libs.map((a) => ({ ...a, evidence: [...note, ...a.evidence] })));
      }
      // An alias hides cargo run from the implicit-code loader: the changed files it would screen are screened here.
      if (aliasNote) {
        const { uncommittedCodeLoadedBy } = await import('../implicit-loaders.js');
        out.push(...(await uncommittedCodeLoadedBy(expanded, undefined)));
      }
    }
  }
  // Build scripts: the committed ones (changed ones are read by the implicit-code loader as cargo runs them).
  // `cargo run` builds the package it runs (its build script); the other subcommands build every member by default.
  const members = sub === 'run' ? (ran ? [ran] : []) : ws.members;
  for (const m of members) {
    const script = buildScript(m);
    if (!script || changed?.has(script)) continue;
    const shown = relative(rc.workspace ?? dir, script);
    // Each build script is a program of its own, read within its own bounds.
    out.push(...(await judgeCrate(rc, [script, ...pathDependencies(ws, m, ['build-dependencies'])], newRustSession(), { lenient: true, note: `cargo ${sub} runs ${shown}, the build script of ${m.name}, before it builds: read (known operations on targets the code names count)` })));
  }
  return out;
};

/** What the command is judged as without reading code: a publish, a `cargo-<name>` program. */
async function fallback(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const { unmodelledProgram } = await import('../unmodelled-program.js');
  return unmodelledProgram('cargo', rc);
}
