// The go command. `go run` compiles and runs a package: its code (and the workspace packages it
// imports) is read and judged by what it does. `go generate` runs the commands its `//go:generate`
// lines name, judged as shell in the package's folder. `go test` runs the test files with the code
// under test: the files with uncommitted changes are read when it runs (implicit-loaders.ts, as for
// pytest), the committed ones are the project's own. `go build`, `vet`, `mod`, `fmt`... run no project
// code (cgo runs no command of the code's choosing: the go tool refuses #cgo flags that could).
// Options that make the go tool run another program (`-exec`, `-toolexec`, `-vettool`) or build other
// files (`-overlay`), here or in GOFLAGS, run code nobody has read.
import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { programFolders } from '../../../knowledge/implicit-code.js';
import { scriptPath } from '../../code/source.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, unknownCommand, type Recogniser, type RecognisedCommand } from '../command.js';
import { GO_PROGRAM_FLAGS, GO_VALUE_FLAGS, GO_WELL_KNOWN_TOOLS } from '../../../knowledge/code/go.js';
import { unmodelledConcern } from '../unmodelled.js';
import { runDirectory } from './project.js';
import { quoteWord } from '../unwrap.js';

interface Parsed {
  sub: string;
  flags: Map<string, string>;
  /** Words after the subcommand's flags. */
  rest: string[];
}

/** `go [-C dir] SUB [flags] rest`: flags with values as the go tool reads them (`-tags x`, `-tags=x`). */
function parse(argv: readonly string[]): Parsed {
  const flags = new Map<string, string>();
  let i = 1;
  if (argv[i] === '-C' && argv[i + 1] !== undefined) { flags.set('-C', argv[i + 1]); i += 2; }
  const sub = argv[i++] ?? '';
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    const name = a.replace(/^--/, '-');
    const eq = name.indexOf('=');
    if (eq > 0) flags.set(name.slice(0, eq), name.slice(eq + 1));
    else if (GO_VALUE_FLAGS.has(name)) flags.set(name, argv[++i] ?? '');
    else flags.set(name, 'true');
  }
  return { sub, flags, rest: argv.slice(i) };
}

/** GOFLAGS's words, as flags of every go command. */
function goflags(rc: RecognisedCommand): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of (rc.env.GOFLAGS ?? '').split(/\s+/).filter(Boolean)) {
    const name = w.replace(/^--/, '-');
    const eq = name.indexOf('=');
    out.set(eq > 0 ? name.slice(0, eq) : name, eq > 0 ? name.slice(eq + 1) : 'true');
  }
  return out;
}

/** Variables naming programs the go tool runs when it builds cgo code. */
const PROGRAM_VARIABLES: ReadonlySet<string> = new Set(['CC', 'CXX', 'FC', 'AR', 'PKG_CONFIG', 'GCCGO']);

function unknownGo(rc: RecognisedCommand, why: string): PlannedAction {
  return unknownCommand(rc, why, rc.argv[1] ?? 'go');
}

export const go: Recogniser = async (rc) => {
  const parsed = parse(rc.argv);
  const { sub, flags, rest } = parsed;
  for (const [source, set] of [['GOFLAGS', goflags(rc)], ['the command', flags]] as const) {
    for (const flag of GO_PROGRAM_FLAGS) {
      if (!set.has(flag)) continue;
      const value = set.get(flag);
      return [unknownGo(rc, flag === '-overlay'
        ? `${flag} in ${source} replaces the package's files with others (${value}): the code that runs is not the code in the workspace`
        : `${flag} in ${source} makes the go tool run ${value} on what it builds: a program Firebreak has not read`)];
    }
  }
  const ldflags = [flags.get('-ldflags'), goflags(rc).get('-ldflags')].filter((v): v is string => v !== undefined).join(' ');
  const linkerSet = [...ldflags.matchAll(/-X[= ]?['"]?([\w./-]+)\.(\w+)=/g)].map((m) => m[2]);
  const toolchain = unreadToolchain(rc);
  if (toolchain) return [toolchain];
  let from = runDirectory(rc);
  if (from.ok && flags.has('-C')) from = runDirectory(rc, flags.get('-C'));
  switch (sub) {
    case 'run':
      if (flags.has('-n')) return []; // prints the commands, runs nothing
      if (!from.ok) return [unknownGo(rc, `go run: ${from.why}`)];
      return goRun(rc, from.value, rest, flags, linkerSet);
    case 'generate': {
      if (flags.has('-n')) return [];
      if (!from.ok) return [unknownGo(rc, `go generate: ${from.why}`)];
      const { judgeGenerate } = await import('../../code/go-package.js');
      return judgeGenerate(rc, rest, from.value);
    }
    case 'env': {
      // `go env -w GOFLAGS=-toolexec=x`, `go env -w CC=x`: every later go command runs that program.
      if (!flags.has('-w')) break;
      for (const assignment of rest) {
        const [name, ...value] = assignment.split('=');
        const text = value.join('=');
        if (PROGRAM_VARIABLES.has(name) || (name === 'GOFLAGS' && [...GO_PROGRAM_FLAGS].some((f) => text.includes(f)))) {
          return [unknownGo(rc, `go env -w ${name}=${text} makes every later go command run ${text}: a program Firebreak has not read`)];
        }
      }
      break;
    }
    case 'build':
    case 'install': {
      // A program built onto PATH runs later by its name, unread then: its code is read now, as `go run`.
      const onPath = builtOntoPath(rc, sub, flags, rest, from.ok ? from.value : undefined);
      if (!onPath) break;
      if (!from.ok) return [unknownGo(rc, `go ${sub}: ${from.why}`)];
      if (!(await readWhereBuilt(from.value, onPath))) break;
      const note = commandEvidence(`go ${sub} puts the program ${onPath.at} on PATH, where a later command runs it by name without reading it: judged as go run ${onPath.pkg}`, 'output', onPath.at);
      return (await goRun(rc, from.value, [onPath.pkg], flags, linkerSet)).map((a) => ({ ...a, evidence: [note, ...a.evidence] }));
    }
    case 'test':
      // The uncommitted test files and code under test are read by implicit-loaders.ts when it runs.
      break;
    case 'clean': {
      // `go clean -modcache` deletes wherever GOMODCACHE, GOPATH or Go's settings file say.
      const { goCleanCaches } = await import('./go-clean.js');
      return [...(await goCleanCaches(rc)), ...(localGo(rc) ? [] : [unknownGo(rc, whyNotLocal(rc))])];
    }
  }
  return localGo(rc) ? [] : [unknownGo(rc, whyNotLocal(rc))];
};

/** The package `go build -o DIR_ON_PATH/x` or `go install` of a local package makes into a program on
 *  PATH (go install puts it in GOBIN, else GOPATH/bin: on PATH by Go's setup). One package only;
 *  more, a pattern, or a module@version (a tool's release, as a download) are left as they were. */
function builtOntoPath(rc: RecognisedCommand, sub: string, flags: Map<string, string>, rest: readonly string[], from: string | undefined): { pkg: string; at: string; name?: string } | undefined {
  if (rest.length > 1 || rest.some((p) => p.includes('@') || p.includes('...') || p.endsWith('.go'))) return undefined;
  const pkg = rest[0] ?? '.';
  // A package folder that is not there builds nothing (the go tool stops): nothing is put on PATH.
  const local = pkg === '.' || pkg.startsWith('./') || pkg.startsWith('../');
  if (local && (from === undefined || !holdsGoFiles(resolve(from, pkg)))) return undefined;
  if (sub === 'install') return local ? { pkg, at: rc.env.GOBIN ?? '$GOPATH/bin' } : undefined;
  // `-o $HOME/.local/bin/x`: the home folder, unless the line set HOME to something not known here.
  const out = flags.get('-o')?.replace(/^\$(\{HOME\}|HOME)(?=\/|$)/, () => rc.env.HOME ?? '~');
  if (out === undefined || from === undefined || /[$`]/.test(out)) return undefined;
  const path = scriptPath({ workspace: from }, out);
  const folders = programFolders();
  const intoFolder = out.endsWith('/') || folders.has(path);
  const folder = intoFolder ? path : dirname(path);
  return folders.has(folder) ? { pkg, at: out, ...(intoFolder ? {} : { name: basename(path) }) } : undefined;
}

/**
 * Whether a program the go tool puts on PATH is read now, where it is built: a later command runs it
 * by name and never reads it. Code the agent changed is read, as for every file tools run unnamed
 * (implicit-code.ts); so is code under a name Firebreak judges by name (`aws`, `ls`), since that name
 * would be judged as the tool. Committed code under another name is the project's own program, as a
 * committed conftest.py is its own test setup (`go install ./cmd/promtool` in CI). A modelled tool's
 * own main package, built from its upstream module (flyctl's repository building flyctl), is that tool.
 */
async function readWhereBuilt(from: string, onPath: { pkg: string; at: string; name?: string }): Promise<boolean> {
  const [{ judgedByName }, { findModule }, { builtTool, lastElement, uncommittedGoSources }] = await Promise.all([
    import('../recognisers/index.js'), import('../../code/go-package.js'), import('./build-products.js'),
  ]);
  const dir = resolve(from, onPath.pkg);
  const module = findModule(dir);
  if (!module) return true;
  if (uncommittedGoSources(module.root)) return true;
  const rel = relative(module.root, dir) || '.';
  const name = onPath.name ?? (rel === '.' ? lastElement(module.path) : basename(dir));
  return judgedByName(name) && builtTool(module, rel)?.tool !== name;
}

function holdsGoFiles(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.endsWith('.go'));
  } catch {
    return false;
  }
}

/** The go tool acts on the workspace, as a toolchain does, unless its arguments say otherwise (a remote target, a path outside). */
function localGo(rc: RecognisedCommand): boolean {
  return unmodelledConcern('go', rc.argv, { workspaceTool: true }) === undefined;
}

/** `CC=./tools/cc go build`: a C toolchain that is a file, not a compiler on the PATH or in a system folder. */
function unreadToolchain(rc: RecognisedCommand): PlannedAction | undefined {
  for (const name of PROGRAM_VARIABLES) {
    const value = rc.env[name];
    if (value === undefined || !value.includes('/') || /^\/(usr\/(local\/)?|opt\/homebrew\/)?bin\/[\w.+-]+$/.test(value)) continue;
    return unknownGo(rc, `${name}=${value} makes the go tool run ${value} (the C toolchain cgo uses): a program Firebreak has not read`);
  }
  return undefined;
}

function whyNotLocal(rc: RecognisedCommand): string {
  return unmodelledConcern('go', rc.argv, { env: rc.env, ...(rc.cwd !== undefined ? { cwd: rc.cwd } : {}), workspaceTool: true })?.why ?? `go ${rc.argv[1] ?? ''} is not a go command Firebreak knows to stay in the workspace`;
}

/** `go run [flags] (file.go... | package) [arguments]`. */
async function goRun(rc: RecognisedCommand, from: string, rest: readonly string[], flags: Map<string, string>, linkerSet: string[]): Promise<PlannedAction[]> {
  const tags = (flags.get('-tags') ?? '').split(/[,\s]+/).filter(Boolean);
  const files: string[] = [];
  let i = 0;
  while (i < rest.length && rest[i].endsWith('.go')) files.push(rest[i++]);
  const target = files.length ? undefined : rest[i++];
  const wordAt = (k: number) => rc.words[rc.words.length - rest.length + k];
  const args = rest.slice(i).map((a, k) => {
    const w = rc.argsFromStdin ? undefined : wordAt(i + k);
    return w && w.value === a ? (w.dynamic || w.glob ? null : a) : /[$`*?[{]/.test(a) ? null : a;
  });
  const pkg = await import('../../code/go-package.js');
  const { unreadable } = await import('../../code/index.js');
  const session = pkg.newGoSession();
  if (files.length) {
    if (files.some((f) => /[$`*?[]/.test(f))) return [unreadable(rc, files.join(' '), 'the files go run compiles are named at run time')];
    return pkg.judgeGoFiles(rc, files.map((f) => (isAbsolute(f) ? f : resolve(from, f))), session, { args, linkerSet, tags });
  }
  if (target === undefined) return [unknownGo(rc, 'go run without a package builds the package in the current folder, which Firebreak could not find')];
  if (/[$`*?[]/.test(target)) return [unreadable(rc, target, 'the package go run builds is named at run time')];
  const at = target.indexOf('@');
  if (at > 0) {
    const path = target.slice(0, at);
    const tool = GO_WELL_KNOWN_TOOLS[path];
    if (tool) return rc.nested([tool, ...rest.slice(i)].map(quoteWord).join(' '), { evidence: [commandEvidence(`go run ${target} builds and runs ${tool}, a well-known tool, judged as that program`)] });
    return [unreadable(rc, target, `go run ${target} downloads and runs a module nobody here has read`)];
  }
  const module = pkg.findModule(from);
  const resolved = pkg.resolvePatterns([target], from, module);
  if (!resolved.ok) {
    const tool = GO_WELL_KNOWN_TOOLS[target];
    if (tool) return rc.nested([tool, ...rest.slice(i)].map(quoteWord).join(' '), { evidence: [commandEvidence(`go run ${target} runs ${tool}, a well-known tool, judged as that program`)] });
    return [unreadable(rc, target, resolved.why)];
  }
  const dir = resolved.dirs[0];
  const found = pkg.packageFiles(dir, { tags, goos: pkg.targetGoOs(rc) });
  const written = pkg.writtenInFolder(rc, dir).filter((f) => !found.files.includes(f));
  const all = [...found.files, ...written];
  if (!all.length) return [unreadable(rc, target, `${target} holds no Go files Firebreak can read: what go run builds is not visible`)];
  return pkg.judgeGoFiles(rc, all, session, { args, linkerSet, tags });
}
