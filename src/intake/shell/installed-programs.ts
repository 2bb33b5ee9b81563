// The programs an install command puts on PATH, read from the package it installs. `npm link ./pkg`
// with `"bin": {"firebreak": ...}`, `pip install -e .` with a `firebreak` console script, `cargo
// install --path .` of a crate named firebreak, `go install ./cmd/firebreak`: each writes a program
// named firebreak into a folder on PATH (npm's global bin, ~/.local/bin, ~/.cargo/bin, GOBIN), where
// the agents' hook command (`firebreak hook --agent X`) may find it before the real one. The file is
// written by the installer, not by the line, so the guard's file checks never see it: the names are
// read from the manifest here. A local package whose manifest cannot be read (a tarball, a wheel)
// installs names nobody knows.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { BIN_NAME, isFirebreakManifest } from '../../config/installation.js';
import { DENO_GENERIC_ENTRY, INSTALLER_OPTIONS_WITH_VALUE, NODE_INSTALL_VERBS, NODE_LINK_VERBS, NODE_PACKAGE_MANAGERS, PIP, PYTHON } from '../../knowledge/program-installers.js';
import { toolName, type RecognisedCommand } from './command.js';
import { expandText, type PathContext } from './path-resolve.js';
import { isDir } from '../../util/present.js';

/** What one install puts on PATH: the names it installs, or why they are unknown. */
export interface InstalledPrograms {
  /** The package as written (`./pkg`, `.`, `firebreak`). */
  from: string;
  /** Program names the manifest declares. */
  names: string[];
  /** Set when the names cannot be read (a tarball, a wheel): then any name may be installed. */
  unread?: string;
  /** The manifest the names were read from. */
  manifest?: string;
  /** Installed into a folder on the user's PATH (a global install, a link, a tool install), not a project's. */
  global?: boolean;
}

const CASE_INSENSITIVE = process.platform === 'darwin' || process.platform === 'win32';

/** A program name the hook command would find: `firebreak` (any case where the file system ignores it). */
export function isGuardProgramName(name: string): boolean {
  const n = name.replace(/\.(exe|cmd|bat|ps1)$/i, '');
  return n === BIN_NAME || (CASE_INSENSITIVE && n.toLowerCase() === BIN_NAME);
}

/** A cheap test for the commands this module reads (the guard pass builds its set only for these). */
export function mayInstallPrograms(rc: RecognisedCommand): boolean {
  const tool = toolName(rc.argv[0] ?? '');
  const words = operands(rc.argv.slice(1));
  if (NODE_PACKAGE_MANAGERS.has(tool)) return NODE_LINK_VERBS.has(words[0] ?? '') || (words[0] === 'global' && words[1] === 'add') || (NODE_INSTALL_VERBS.has(words[0] ?? '') && words.length > 1);
  if (PIP.test(tool) || tool === 'pipx' || tool === 'cargo' || tool === 'volta' || tool === 'gem' || tool === 'brew') return /^(install|add|pin)$/.test(words[0] ?? '');
  if (PYTHON.test(tool)) return rc.argv[1] === '-m' && PIP.test(rc.argv[2] ?? '') && operands(rc.argv.slice(3))[0] === 'install';
  if (tool === 'uv') return ((words[0] === 'pip' || words[0] === 'tool') && words[1] === 'install') || words[0] === 'sync';
  // The project's own scripts installed into its environment (an activated virtualenv is first on PATH).
  if (tool === 'poetry' || tool === 'pdm') return words[0] === 'install' || words[0] === 'sync';
  if (tool === 'go' || tool === 'deno') return words[0] === 'install';
  if (tool === 'dotnet') return words[0] === 'tool' && (words[1] === 'install' || words[1] === 'update');
  return false;
}

/** What the install command `rc` puts on PATH, package by package. */
export function installedPrograms(rc: RecognisedCommand, ctx: PathContext): InstalledPrograms[] {
  if (!mayInstallPrograms(rc)) return [];
  const tool = toolName(rc.argv[0] ?? '');
  const cwd = resolve(ctx.workspace, ctx.cwd ?? '.');
  // A word whose value is known only at run time (`"$PWD/pkg"`, `$(pwd)`) resolves to no folder: its manifest is unread.
  const path = (word: string) => {
    const text = expandText(word, ctx).text;
    if (text === undefined && /[$`]/.test(word)) return '\0unknown';
    return resolve(cwd, (text ?? word).replace(/^file:/, '').replace(/^~(?=\/|$)/, ctx.env.HOME ?? '~'));
  };
  const args = rc.argv.slice(1);
  const words = operands(args);
  if (NODE_PACKAGE_MANAGERS.has(tool)) return nodePackages(words, args, path);
  if (tool === 'poetry' || tool === 'pdm' || (tool === 'uv' && words[0] === 'sync')) {
    if (args.includes('--no-root') || args.includes('--no-self') || args.includes('--no-install-project')) return [];
    return [pythonPackage('.', cwd)];
  }
  if (PIP.test(tool) || PYTHON.test(tool) || tool === 'pipx' || tool === 'uv') {
    // `python -m pip install ...`, `uv tool install ...`, `pip install ...`: the packages follow `install`.
    const rest = PYTHON.test(tool) ? rc.argv.slice(3) : args;
    const tools = tool === 'pipx' || (tool === 'uv' && words[0] === 'tool') || rest.includes('--user');
    return pythonPackages(rest, operands(rest).slice(tool === 'uv' ? 2 : 1), path).map((p) => ({ ...p, global: tools }));
  }
  if (tool === 'cargo') return cargoPackages(args, words.slice(1), path).map((p) => ({ ...p, global: true }));
  if (tool === 'go') return words.slice(1).map((w) => ({ ...goPackage(w, path), global: true }));
  if (tool === 'deno') return [{ ...denoScript(args, words.slice(1)), global: true }];
  // volta install firebreak@x, dotnet tool install -g firebreak, gem install firebreak, brew install firebreak: the name is the program's.
  const named = tool === 'dotnet' ? words.slice(2) : words.slice(1);
  return named.map((w) => ({ from: w, names: [w.replace(/@.*$/, '').replace(/^.*\//, '')] }));
}

/** Arguments that are not options nor options' values. */
function operands(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.push(...args.slice(i + 1)); break; }
    if (a.startsWith('-')) {
      if (!a.includes('=') && INSTALLER_OPTIONS_WITH_VALUE.has(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** A word naming a package on disk rather than in a registry. */
function isLocal(word: string): boolean {
  return /^(\.|\/|~|file:|\$)/.test(word) || /\.(tgz|tar\.gz|tar|zip|whl|gem|crate)$/.test(word);
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}


// --- npm, pnpm, yarn, bun ------------------------------------------------------------------------

function nodePackages(words: string[], args: readonly string[], path: (w: string) => string): InstalledPrograms[] {
  const verb = words[0] ?? '';
  const global = args.some((a) => /^(-g|--global(=true)?|--location=global)$/.test(a)) || (verb === 'global' && words[1] === 'add');
  const pkgs = words.slice(verb === 'global' ? 2 : 1);
  if (NODE_LINK_VERBS.has(verb)) {
    // `npm link` (no operand) links the current folder globally; `npm link NAME` links a globally
    // linked package into this project (its bins land in node_modules/.bin).
    if (!pkgs.length) return [{ ...nodePackage('.', path('.')), global: true }];
    // `npm link NAME` of a registry name: guard-files.ts packageHits judges Firebreak's own name.
    return pkgs.filter((w) => isLocal(w) || isDir(path(w))).map((w) => ({ ...nodePackage(w, path(w)), global: true }));
  }
  if (!NODE_INSTALL_VERBS.has(verb) && verb !== 'global') return [];
  return pkgs.flatMap((w) => {
    // A registry package named like Firebreak, installed from somewhere else or globally, is handled
    // by the guard's package check (guard-files.ts packageHits); another registry name is not read.
    return isLocal(w) || (w.includes('/') && isDir(path(w))) ? [{ ...nodePackage(w, path(w)), global }] : [];
  });
}

function nodePackage(word: string, dir: string): InstalledPrograms {
  if (dir === '\0unknown') return { from: word, names: [], unread: `${word} is a folder known only at run time` };
  if (/\.(tgz|tar\.gz|tar|zip)$/.test(dir) && !isDir(dir)) return existsSync(dir) ? { from: word, names: [], unread: `${basename(dir)} is an archive whose package.json is not read` } : { from: word, names: [] };
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return { from: word, names: [] }; // not a package: the install fails
  const doc = readJson(manifest) as { name?: unknown; bin?: unknown; directories?: { bin?: unknown } } | undefined;
  if (!doc) return { from: word, names: [], unread: `${manifest} is not JSON the guard can read`, manifest };
  const names: string[] = [];
  if (isFirebreakManifest(doc)) names.push(BIN_NAME);
  if (typeof doc.bin === 'string' && typeof doc.name === 'string') names.push(doc.name.replace(/^@[^/]+\//, ''));
  else if (doc.bin && typeof doc.bin === 'object') names.push(...Object.keys(doc.bin));
  else if (typeof doc.directories?.bin === 'string') {
    // `directories.bin`: every file in that folder becomes a program of its name.
    try {
      names.push(...readdirSync(join(dir, doc.directories.bin)));
    } catch {
      /* no such folder: nothing linked */
    }
  }
  return { from: word, names, manifest };
}

// --- pip, pipx, uv -------------------------------------------------------------------------------

function pythonPackages(args: readonly string[], words: string[], path: (w: string) => string): InstalledPrograms[] {
  const editable: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e' || a === '--editable') editable.push(args[i + 1] ?? '');
    else if (a.startsWith('--editable=')) editable.push(a.slice(11));
    else if (/^-e./.test(a)) editable.push(a.slice(2));
  }
  return [...editable.filter(Boolean), ...words].flatMap((w) => {
    if (isLocal(w) || isDir(path(w))) return [pythonPackage(w, path(w))];
    const name = w.replace(/[[<>=!~;@ ].*$/, '').toLowerCase();
    return name === BIN_NAME ? [{ from: w, names: [BIN_NAME] }] : [];
  });
}

/** Console and GUI scripts a Python project declares (pyproject, setup.cfg, setup.py). */
function pythonPackage(word: string, dir: string): InstalledPrograms {
  if (dir === '\0unknown') return { from: word, names: [], unread: `${word} is a folder known only at run time` };
  if (!isDir(dir)) return existsSync(dir) && /\.(whl|zip|tar\.gz|tgz|tar)$/.test(dir) ? { from: word, names: [], unread: `${basename(dir)} is an archive whose entry points are not read` } : { from: word, names: [] };
  const names: string[] = [];
  let manifest: string | undefined;
  const pyproject = readText(join(dir, 'pyproject.toml'));
  if (pyproject !== undefined) {
    manifest = join(dir, 'pyproject.toml');
    names.push(...tomlSectionKeys(pyproject, /^\[\s*(project\.(scripts|gui-scripts)|tool\.poetry\.scripts|project\.entry-points\."?console_scripts"?)\s*\]$/));
    // Inline tables: `scripts = { firebreak = "m:f" }` under [project].
    for (const m of pyproject.matchAll(/^\s*(?:gui-)?scripts\s*=\s*\{([^}]*)\}/gm)) names.push(...[...m[1].matchAll(/["']?([\w.-]+)["']?\s*=/g)].map((k) => k[1]));
  }
  const cfg = readText(join(dir, 'setup.cfg'));
  if (cfg !== undefined) {
    manifest ??= join(dir, 'setup.cfg');
    const section = /^\[options\.entry_points\]\s*$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(cfg)?.[1] ?? '';
    names.push(...[...section.matchAll(/^\s+([\w.-]+)\s*=/gm)].map((m) => m[1]));
    names.push(...[...cfg.matchAll(/^\s*scripts\s*=\s*((?:.*\n?)(?:[ \t]+.*\n?)*)/gm)].flatMap((m) => m[1].split(/[\s,]+/).filter(Boolean).map((s) => basename(s))));
  }
  const setup = readText(join(dir, 'setup.py'));
  if (setup !== undefined) {
    manifest ??= join(dir, 'setup.py');
    // `'firebreak=mod:main'`, `"firebreak = mod:main"` in entry_points; `scripts=['bin/firebreak']`.
    names.push(...[...setup.matchAll(/["']\s*([\w.-]+)\s*=\s*[\w.]+(?::[\w.]+)?\s*["']/g)].map((m) => m[1]));
    names.push(...[...setup.matchAll(/["'](?:[^"'\s]*\/)?([\w.-]+)["']/g)].map((m) => m[1]).filter((n) => isGuardProgramName(n)));
  }
  return { from: word, names: [...new Set(names)], ...(manifest ? { manifest } : {}) };
}

/** The keys of the TOML tables whose header matches. */
function tomlSectionKeys(text: string, header: RegExp): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.startsWith('[')) { inside = header.test(t); continue; }
    if (!inside) continue;
    const m = /^["']?([\w.-]+)["']?\s*=/.exec(t);
    if (m) out.push(m[1]);
  }
  return out;
}

// --- cargo ---------------------------------------------------------------------------------------

function cargoPackages(args: readonly string[], words: string[], path: (w: string) => string): InstalledPrograms[] {
  const out: InstalledPrograms[] = [];
  const bins: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--path') out.push(cratePackage(args[i + 1] ?? '.', path(args[i + 1] ?? '.')));
    else if (a.startsWith('--path=')) out.push(cratePackage(a.slice(7), path(a.slice(7))));
    else if (a === '--bin') bins.push(args[i + 1] ?? '');
    else if (a.startsWith('--bin=')) bins.push(a.slice(6));
  }
  if (bins.length) out.push({ from: `--bin ${bins.join(' ')}`, names: bins });
  for (const w of words) if (w.replace(/@.*$/, '') === BIN_NAME) out.push({ from: w, names: [BIN_NAME] });
  return out;
}

/** The binaries a crate builds: `[[bin]]` names, the package name for src/main.rs, src/bin/*. */
function cratePackage(word: string, dir: string): InstalledPrograms {
  if (dir === '\0unknown') return { from: word, names: [], unread: `${word} is a folder known only at run time` };
  const manifest = join(dir, 'Cargo.toml');
  const text = readText(manifest);
  if (text === undefined) return { from: word, names: [] };
  const names: string[] = [];
  let section = '';
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t.startsWith('[')) { section = t; continue; }
    const m = /^name\s*=\s*["']([^"']+)["']/.exec(t);
    if (m && (section === '[package]' || section === '[[bin]]')) names.push(m[1]);
  }
  try {
    for (const f of readdirSync(join(dir, 'src', 'bin'))) names.push(f.replace(/\.rs$/, ''));
  } catch {
    /* no src/bin */
  }
  return { from: word, names, manifest };
}

// --- go, deno ------------------------------------------------------------------------------------

/** `go install PKG[@v]`: the binary is named after the package's last path element (not a `/vN` suffix). */
function goPackage(word: string, path: (w: string) => string): InstalledPrograms {
  const pkg = word.replace(/@.*$/, '').replace(/\/$/, '');
  if (pkg.endsWith('/...') || pkg === '...') {
    // Every main package below: a folder named firebreak among them installs firebreak.
    const root = path(pkg.replace(/\/?\.\.\.$/, '') || '.');
    return { from: word, names: folderNamed(root, BIN_NAME, 6) ? [BIN_NAME] : [] };
  }
  const parts = (pkg === '.' || pkg === '' ? basename(path('.')) : pkg.startsWith('.') ? basename(path(pkg)) : pkg).split('/');
  const last = parts.length > 1 && /^v\d+$/.test(parts[parts.length - 1]) ? parts[parts.length - 2] : parts[parts.length - 1];
  return { from: word, names: [last] };
}

function folderNamed(root: string, name: string, depth: number): boolean {
  if (depth < 0) return false;
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'vendor' || e.name === 'testdata') continue;
    if (e.name === name || folderNamed(join(root, e.name), name, depth - 1)) return true;
  }
  return false;
}

/** `deno install -g -n NAME script`: the name given, else the script's (or its folder's, for main/mod/index/cli). */
function denoScript(args: readonly string[], words: string[]): InstalledPrograms {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--name' || /^-[a-zA-Z]+n$/.test(a)) return { from: `${a} ${args[i + 1] ?? ''}`, names: [args[i + 1] ?? ''] };
    if (/^-[a-zA-Z]*n=?[^=]/.test(a) && !a.startsWith('--') && /n=?(.+)$/.test(a)) return { from: a, names: [/n=?(.+)$/.exec(a)![1]] };
    if (a.startsWith('--name=')) return { from: a, names: [a.slice(7)] };
  }
  const script = words[0];
  if (!script) return { from: 'deno install', names: [] };
  const stem = basename(script.replace(/[?#].*$/, '')).replace(/@[^/]*$/, '').replace(/\.[jt]sx?$|\.m[jt]s$/, '');
  return { from: script, names: [DENO_GENERIC_ENTRY.test(stem) ? basename(dirname(script)) : stem] };
}
