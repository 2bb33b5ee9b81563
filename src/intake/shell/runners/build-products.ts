// A program the project builds, run by its output path: judged as that code run by its build tool.
// `./bin/app version` after `go build -o bin/app ./cmd/app` is `go run ./cmd/app version` (the package
// is read); `target/release/uv --version` is `cargo run --bin uv -- --version`; a tool Firebreak models
// built from its own repository (`./bin/flux check` in fluxcd/flux2) is judged by the tool's model.
//
// What runs is the build's product only when that is shown: the line builds it (and writes nothing
// else there after), or the file on disk is a real ELF executable whose own records (Go's build
// info, cargo's dep-info) name this project's package, and which is newer than every source. A
// script or another binary put at that path, or a file the line writes there, is not: it is judged
// as the file it is (runPathScript), which for a binary is unknown.
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, type RecognisedCommand } from '../command.js';
import { pathContext } from '../guard-files.js';
import { currentDir, isWithin } from '../path-resolve.js';
import { literalWord, quoteWord } from '../unwrap.js';
import { writtenFileKey } from '../../code/source.js';
import { GO_BUILT_TOOLS, GO_DEFAULT_OUTPUT_FOLDERS, TARGET_TRIPLE, type BuiltTool } from '../../../knowledge/built-tools.js';
import { cargoBuildsIn, goBuildOf } from './build-outputs.js';
import { filledOutOfSight } from './folder-writes.js';
import { cargoDepInfo, goBuildInfo, holdsText, isElf, olderThanSources, sourcesUnder } from './binary-provenance.js';
import { cargoBinaries } from './cargo-targets.js';
import type { ShellState } from '../walk.js';
import type { Evidence } from '../../../model.js';
import { execFileSync } from '../../../util/exec-file-sync.js';

/** The judgment of a run of `rc.argv[0]` as the build product it is, or undefined when the path is
 *  not where a Go or Rust build puts a program (then it is read as the file it is). */
export async function builtProductRun(rc: RecognisedCommand, state: Pick<ShellState, 'files'>): Promise<PlannedAction[] | undefined> {
  const program = rc.argv[0];
  if (!program || rc.words[0]?.dynamic && /[$`]/.test(program)) return undefined;
  const workspace = rc.workspace ?? process.cwd();
  const here = currentDir(pathContext(rc));
  if (here === undefined) return undefined;
  const full = resolve(here, program);
  const key = writtenFileKey(program, rc.cwd);
  // Written by the line (`cp x bin/app`, `curl -o target/debug/x`): judged on what the line put there.
  if (rc.files.has(key)) return undefined;
  // A Makefile of the workspace may build a tool out of it (`$(REPO_ROOT)/bin/hugo` from site/Makefile).
  if (!isWithin(full, workspace)) return madeByRule(rc, here, full, workspace);
  // `tar -xf x.tar -C bin`, `curl -O` in bin: what is at the path may be a file the line brought there.
  const filled = filledOutOfSight(state, key);
  if (filled !== undefined) return unknownRun(rc, `${program} is in ${filled}, which the line fills earlier with files it does not name: what runs may be one of them, not the build`);
  return (await cargoProduct(rc, state, full, workspace)) ?? (await goProduct(rc, state, full, key, workspace)) ?? (await madeByRule(rc, here, full, workspace));
}

/** Nothing at the path yet, and a rule of the project's Makefile builds a tool there (make/rule-products.ts). */
async function madeByRule(rc: RecognisedCommand, here: string, full: string, workspace: string): Promise<PlannedAction[] | undefined> {
  if (!rc.firstToTouchFiles || existsSync(full)) return undefined;
  const { ruleProduct } = await import('./make/rule-products.js');
  const made = ruleProduct(full, [here, workspace].filter((d) => isWithin(d, workspace)), workspace);
  if (!made) return undefined;
  if (!made.ok) return unknownRun(rc, made.why);
  const { tool, pkg, where } = made.value;
  return rc.nested([tool, ...rc.words.slice(1).map((w) => w.raw)].join(' '), {
    evidence: [commandEvidence(`${rc.argv[0]} is not built yet; when it is, ${where} builds it with go build from ${pkg}, which the folder's go.mod pins: judged as ${tool}`)],
  });
}

async function unknownRun(rc: RecognisedCommand, why: string): Promise<PlannedAction[]> {
  const { unreadable } = await import('../../code/index.js');
  return [unreadable(rc, rc.argv[0], why)];
}

// ---------------------------------------------------------------- Go

async function goProduct(rc: RecognisedCommand, state: Pick<ShellState, 'files'>, full: string, key: string, workspace: string): Promise<PlannedAction[] | undefined> {
  const program = rc.argv[0];
  const line = goBuildOf(state, key);
  // The Go package reader is loaded only for a Go build: a script run by its path does not pay for it.
  if (line) {
    const pkg = await import('../../code/go-package.js');
    const from = resolve(workspace, line.from ?? '.');
    const module = pkg.findModule(from);
    const resolved = pkg.resolvePatterns([line.pkg], from, module);
    if (!module || !resolved.ok || resolved.dirs.length !== 1) return unknownRun(rc, `${program} is built earlier in this command from ${line.pkg}, which is not a package of this workspace's module`);
    const dir = resolved.dirs[0];
    // If the build fails, whatever was at the path runs instead: it must be a build of the same package.
    if (existsSync(full)) {
      const info = goBuildInfo(full);
      if (!info.ok || info.value.module !== module.path || pkg.folderOfImport(module, info.value.path) !== dir) {
        return unknownRun(rc, `${program} is built earlier in this command, but the file there now ${info.ok ? `is a build of ${info.value.path}` : `is not a Go build (${info.why})`}: if that build fails, it is what runs`);
      }
    }
    return judgeGoPackage(rc, module, dir, line.flags, commandEvidence(`${program} is built earlier in this command by go build from ${line.pkg}`));
  }
  if (!existsSync(full)) return rc.firstToTouchFiles ? await defaultGoOutput(rc, full, workspace) : undefined;
  const info = goBuildInfo(full);
  if (!info.ok) return undefined; // not a Go program: read as the file it is
  const pkg = await import('../../code/go-package.js');
  const module = pkg.findModule(dirname(full));
  if (!module || !isWithin(module.root, workspace)) return unknownRun(rc, `${program} is a Go program (${info.value.path}) outside any Go module of this workspace`);
  if (info.value.module !== module.path) return unknownRun(rc, `${program} is a Go program built from the module ${info.value.module}, not this workspace's module ${module.path}: it is not this project's build`);
  const dir = pkg.folderOfImport(module, info.value.path);
  if (!dir || !existsSync(dir)) return unknownRun(rc, `${program} says it is a build of ${info.value.path}, a package not in this workspace`);
  const where = relative(module.root, dirname(full)) || '.';
  const named = basename(full) === lastElement(info.value.path);
  if (!(named && GO_DEFAULT_OUTPUT_FOLDERS.includes(where)) && !makeRuleBuilds(module.root, workspace, full)) {
    return unknownRun(rc, `${program} is a build of ${info.value.path}, but not where that package's build is put (the module's root or bin/, or a Makefile rule for that path)`);
  }
  // The build info's module path is only a name: a build of other code under that name elsewhere, copied
  // here, says the same. The binary also names the folder its files were compiled in (unless -trimpath).
  if (info.value.trimpath) return unknownRun(rc, `${program} was built with -trimpath, so it does not show which folder it was compiled from; build it in this command to run it`);
  // Go records the folder as the build saw it: through a link to the workspace, or its real path.
  if (!holdsText(full, `${dir}/`) && !holdsText(full, `${realFolder(dir)}/`)) return unknownRun(rc, `${program} was not compiled from ${relative(workspace, dir) || '.'} in this workspace: the binary does not name that folder`);
  const sources = sourcesUnder(module.root, /\.go$|^go\.(mod|sum|work)$/, /^(testdata|node_modules)$/);
  if (!sources) return unknownRun(rc, `${program}'s module holds more files than Firebreak compares against the binary`);
  const stale = olderThanSources(full, sources.filter((f) => !f.endsWith('_test.go')), (p) => relative(workspace, p));
  if (stale) return unknownRun(rc, stale);
  return judgeGoPackage(rc, module, dir, info.value.flags, commandEvidence(`${program} is a build of ${info.value.path} (its Go build info says so) and newer than every Go source of the module`));
}

/**
 * Nothing at the path, and nothing earlier in the line could have put a file there: as the agent's
 * command, it finds nothing to run. Where an earlier step builds it (a workflow's `make build`, then
 * `./bin/flux check`), the path a main package's build is put at by convention is judged as that
 * package: the module's root or bin/, named after cmd/<name>, <name>/ or the module; or a main
 * package's own folder, named as `go build` there names it (after the package's import path, or
 * `go build <name>.go` after a file of the package).
 */
async function defaultGoOutput(rc: RecognisedCommand, full: string, workspace: string): Promise<PlannedAction[] | undefined> {
  const pkg = await import('../../code/go-package.js');
  const folder = dirname(full);
  const module = pkg.findModule(folder);
  if (!module || !isWithin(module.root, workspace)) return undefined;
  const name = basename(full);
  const where = relative(module.root, folder) || '.';
  const own = isMainPackage(pkg, folder) && (name === lastElement(importPathOf(module, where)) || pkg.packageFiles(folder).files.includes(join(folder, `${name}.go`)));
  const candidates = GO_DEFAULT_OUTPUT_FOLDERS.includes(where)
    ? [join(module.root, 'cmd', name), join(module.root, name), ...(lastElement(module.path) === name ? [module.root] : [])]
    : [];
  const mains = own ? [folder] : candidates.filter((d) => isMainPackage(pkg, d));
  if (mains.length !== 1) return undefined;
  const shown = relative(workspace, mains[0]) || '.';
  const why = own
    ? `${rc.argv[0]} is not built yet; when it is, by convention it is what go build puts in the main package's own folder ${shown}`
    : `${rc.argv[0]} is not built yet; when it is, by convention it is the build of ${shown}, this module's main package named ${name}`;
  return judgeGoPackage(rc, module, mains[0], [], commandEvidence(why));
}

function importPathOf(module: { path: string }, rel: string): string {
  return rel === '.' ? module.path : `${module.path}/${rel}`;
}

/**
 * A folder whose package is main. Files built under every build tag set (no `//go:build` line) are always
 * in the package, so they decide; a file only some tags build (`//go:build ignore_build_go` on restic's
 * build.go) does not make the folder a main package when they say otherwise.
 */
function isMainPackage(pkg: typeof import('../../code/go-package.js'), dir: string): boolean {
  const { files } = pkg.packageFiles(dir);
  let heads: { main: boolean; constrained: boolean }[];
  try {
    heads = files.map((f) => {
      const text = readFileSync(f, 'utf8').slice(0, 16_384);
      const clause = /^\s*package\s+(\w+)/m.exec(text);
      const before = clause ? text.slice(0, clause.index) : text;
      return { main: clause?.[1] === 'main', constrained: /^\/\/(go:build|\s*\+build)\s/m.test(before) };
    });
  } catch {
    return false;
  }
  const always = heads.filter((h) => !h.constrained);
  return always.length ? always.every((h) => h.main) : heads.some((h) => h.main);
}

/** `k8s.io/kops/cmd/kops` -> kops; `example.com/tool/v2` -> tool. */
/** The name the go tool gives a main package's program: its import path's last element, without a /vN. */
export function lastElement(importPath: string): string {
  return importPath.split('/').filter((s) => !/^v\d+$/.test(s)).at(-1) ?? '';
}

/** A Makefile at the module's or workspace's root with a rule whose target is this path, built by go build. */
function makeRuleBuilds(moduleRoot: string, workspace: string, full: string): boolean {
  for (const root of new Set([moduleRoot, workspace])) {
    for (const name of ['GNUmakefile', 'makefile', 'Makefile']) {
      let text: string;
      try {
        text = readFileSync(join(root, name), 'utf8');
      } catch {
        continue;
      }
      const target = relative(root, full);
      const lines = text.split('\n');
      for (const [i, line] of lines.entries()) {
        const m = /^([^\s:#=][^:#=]*?)\s*::?(?!=)/.exec(line);
        if (!m || !m[1].split(/\s+/).some((t) => t.replace(/^\.\//, '') === target)) continue;
        // The recipe: the tab-indented lines after the rule.
        for (let j = i + 1; j < lines.length && /^\t/.test(lines[j]); j++) if (/\bgo\s+build\b/.test(lines[j])) return true;
      }
    }
  }
  return false;
}

async function judgeGoPackage(rc: RecognisedCommand, module: { root: string; path: string }, dir: string, flags: string[], why: Evidence): Promise<PlannedAction[]> {
  const rel = relative(module.root, dir) || '.';
  const tool = builtTool(module, rel);
  const args = rc.words.slice(1);
  if (tool) {
    const changed = uncommittedGoSources(module.root);
    if (!changed) {
      const { recogniserFor } = await import('../recognisers/index.js');
      const recognise = recogniserFor(tool.tool);
      if (recognise) {
        const evidence = [...rc.evidence, why, commandEvidence(`${rel} of ${module.path} is ${tool.tool}'s own main package, as committed: judged as ${tool.tool}`)];
        return (await recognise)({ ...rc, argv: [tool.tool, ...rc.argv.slice(1)], words: [literalWord(tool.tool), ...args], evidence });
      }
    }
  }
  const { go } = await import('./go.js');
  const lead = ['go', 'run', ...flags, rel === '.' ? '.' : `./${rel}`];
  return go({
    ...rc,
    argv: [...lead, ...rc.argv.slice(1)],
    words: [...lead.map(literalWord), ...args],
    cwd: module.root,
    evidence: [...rc.evidence, why, commandEvidence(`judged as go run ./${rel}: the package's code is read`)],
  });
}

export function builtTool(module: { path: string }, rel: string): BuiltTool | undefined {
  const path = module.path.replace(/\/v\d+$/, '');
  return GO_BUILT_TOOLS.find((t) => t.module === path && t.pkg === rel);
}

/** Whether git holds the module's Go sources as they are (an error, or no git, is "changed"). */
export function uncommittedGoSources(root: string): boolean {
  try {
    const out = execFileSync('git', ['-C', root, 'status', '--porcelain', '--untracked-files=all', '--', '*.go', 'go.mod', 'go.sum', 'go.work'], { encoding: 'utf8', timeout: 3000, stdio: ['ignore', 'pipe', 'ignore'] });
    return out.trim() !== '';
  } catch {
    return true;
  }
}

// ---------------------------------------------------------------- Rust

/** `target/<profile>/<bin>` or `target/<triple>/<profile>/<bin>` of a cargo workspace. */
function cargoPath(full: string): { root: string; triple?: string; profile: string; bin: string } | undefined {
  const parts = full.split('/');
  for (let at = parts.length - 3; at >= 1 && at >= parts.length - 4; at--) {
    if (parts[at] !== 'target') continue;
    const rest = parts.slice(at + 1);
    const triple = rest.length === 3 ? rest[0] : undefined;
    if (triple !== undefined && !TARGET_TRIPLE.test(triple)) continue;
    const [profile, bin] = rest.slice(-2);
    if (profile === 'deps' || profile === 'build' || profile === '.fingerprint' || profile === 'incremental') return undefined;
    return { root: parts.slice(0, at).join('/') || '/', ...(triple ? { triple } : {}), profile, bin };
  }
  return undefined;
}

async function cargoProduct(rc: RecognisedCommand, state: Pick<ShellState, 'files'>, full: string, workspace: string): Promise<PlannedAction[] | undefined> {
  const at = cargoPath(full);
  if (!at || !existsSync(join(at.root, 'Cargo.toml'))) return undefined;
  const program = rc.argv[0];
  const bins = cargoBinaries(at.root);
  if (!bins.ok) return unknownRun(rc, `${program} is in cargo's target folder, but ${bins.why}`);
  const bin = bins.value.get(at.bin);
  if (!bin) return unknownRun(rc, `${program} is in cargo's target folder, but ${at.bin} is not a binary of any package of this cargo workspace`);
  const built = cargoBuildsIn(state).some((b) => {
    const from = resolve(workspace, b.from ?? '.');
    return isWithin(from, at.root) && b.profile === at.profile && b.triple === at.triple;
  });
  let why: Evidence;
  if (built) {
    why = commandEvidence(`${program} is built earlier in this command by cargo build (the bin ${at.bin} of ${bin.pkg})`);
  } else if (!existsSync(full)) {
    // Nothing there and nothing earlier in the line could make it: see defaultGoOutput.
    if (!rc.firstToTouchFiles) return undefined;
    why = commandEvidence(`${program} is not built yet; when it is, it is cargo's build of the bin ${at.bin} of ${bin.pkg}`);
  } else {
    if (!isElf(full)) return unknownRun(rc, `${program} is not an ELF executable: a file put in cargo's target folder, not cargo's build`);
    const deps = cargoDepInfo(`${full}.d`);
    if (!deps.ok) return unknownRun(rc, `${program} cannot be shown to be cargo's build: ${deps.why}`);
    if (!deps.value.includes(bin.main)) return unknownRun(rc, `${program}.d does not list ${relative(workspace, bin.main)}: ${program} is not cargo's build of the bin ${at.bin}`);
    // cargo records each build of a bin in .fingerprint/<package>-<hash>/bin-<bin>, written just after the
    // binary: a file put there later (over cargo's, keeping its dep-info) is newer than all of them.
    if (!fingerprinted(full, at.bin)) return unknownRun(rc, `${program} is newer than cargo's record of its last build of ${at.bin}: the file was put there after cargo built it`);
    const ours = deps.value.filter((d) => isWithin(d, at.root));
    const stale = olderThanSources(full, [...ours, join(bin.dir, 'Cargo.toml')], (p) => relative(workspace, p));
    if (stale) return unknownRun(rc, stale);
    why = commandEvidence(`${program} is cargo's build of the bin ${at.bin} of ${bin.pkg} (its dep-info lists the package's sources, all older than it)`);
  }
  const options = [`--bin ${quoteWord(at.bin)}`, at.profile === 'release' ? '--release' : at.profile === 'debug' ? '' : `--profile ${quoteWord(at.profile)}`, at.triple ? `--target ${at.triple}` : ''].filter(Boolean);
  const args = rc.argv.slice(1).map(quoteWord);
  const text = `cargo run ${options.join(' ')}${args.length ? ` -- ${args.join(' ')}` : ''}`;
  return rc.nested(text, { cwd: at.root, evidence: [why, commandEvidence(`judged as ${text}`)] });
}

const FINGERPRINT_SLACK_MS = 2000;

function fingerprinted(full: string, bin: string): boolean {
  const folder = join(dirname(full), '.fingerprint');
  let built: number;
  try {
    // Its change time too: a copy over it, even with its date set back, changes the ctime. The two
    // are written within moments of each other.
    const st = statSync(full);
    built = Math.max(st.mtimeMs, st.ctimeMs) - FINGERPRINT_SLACK_MS;
    // .fingerprint/<package>-<hash>/bin-<bin>: the package's name is not the bin's (src/bin/helper.rs).
    return readdirSync(folder).some((d) => {
      try {
        return statSync(join(folder, d, `bin-${bin}`)).mtimeMs >= built;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

function realFolder(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return dir;
  }
}
