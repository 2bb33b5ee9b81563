// The binaries a cargo workspace builds, by name, with the package and main source of each: what
// target/<profile>/<name> is a build of. Read from the Cargo.toml files as cargo reads them:
// workspace members (a trailing `*` matched against folders), each package's [[bin]] tables and,
// unless autobins is off, src/main.rs (named after the package), src/bin/*.rs and src/bin/*/main.rs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseToml, tomlAt, type TomlNode } from '../../code/toml-values.js';
import type { Proof } from './binary-provenance.js';

export interface CargoBinary { pkg: string; dir: string; main: string }

const MAX_MEMBERS = 500;

function text(node: TomlNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

function readManifest(path: string): Proof<TomlNode & { kind: 'table' }> {
  try {
    return { ok: true, value: parseToml(readFileSync(path, 'utf8')) };
  } catch (e) {
    return { ok: false, why: `${path} cannot be read (${(e as Error).message})` };
  }
}

/** Folders a members entry names: `crates/*` is every folder there holding a Cargo.toml. */
function memberDirs(root: string, pattern: string): string[] | undefined {
  if (!pattern.includes('*')) return [resolve(root, pattern)];
  const m = /^(.*?)\/?\*$/.exec(pattern);
  if (!m || m[1].includes('*') || /[?[]/.test(pattern)) return undefined;
  const base = resolve(root, m[1] || '.');
  try {
    return readdirSync(base).map((n) => join(base, n)).filter((d) => existsSync(join(d, 'Cargo.toml')));
  } catch {
    return [];
  }
}

export function cargoBinaries(root: string): Proof<Map<string, CargoBinary>> {
  const top = readManifest(join(root, 'Cargo.toml'));
  if (!top.ok) return top;
  const dirs: string[] = [];
  if (tomlAt(top.value, 'package')) dirs.push(root);
  const members = tomlAt(top.value, 'workspace', 'members');
  if (members?.kind === 'array') {
    const excluded = new Set(((tomlAt(top.value, 'workspace', 'exclude') as TomlNode & { kind: 'array' } | undefined)?.items ?? []).map((n) => text(n)).filter((s): s is string => s !== undefined).map((s) => resolve(root, s)));
    for (const item of members.items) {
      const pattern = text(item);
      if (pattern === undefined) return { ok: false, why: 'its workspace members are not all plain paths' };
      const found = memberDirs(root, pattern);
      if (!found) return { ok: false, why: `its workspace member pattern ${pattern} is one Firebreak does not expand` };
      dirs.push(...found.filter((d) => !excluded.has(d)));
    }
  }
  if (dirs.length > MAX_MEMBERS) return { ok: false, why: `its workspace has more than ${MAX_MEMBERS} members` };
  const out = new Map<string, CargoBinary>();
  for (const dir of new Set(dirs)) {
    const manifest = dir === root ? top : readManifest(join(dir, 'Cargo.toml'));
    if (!manifest.ok) return manifest;
    const pkg = text(tomlAt(manifest.value, 'package', 'name'));
    if (pkg === undefined) continue;
    const add = (name: string, main: string) => { if (!out.has(name)) out.set(name, { pkg, dir, main: resolve(dir, main) }); };
    const bins = tomlAt(manifest.value, 'bin');
    for (const b of bins?.kind === 'array' ? bins.items : []) {
      const name = text(tomlAt(b, 'name'));
      if (name === undefined) continue;
      const path = text(tomlAt(b, 'path')) ?? (existsSync(join(dir, 'src/bin', `${name}.rs`)) ? `src/bin/${name}.rs` : existsSync(join(dir, 'src/bin', name, 'main.rs')) ? `src/bin/${name}/main.rs` : 'src/main.rs');
      add(name, path);
    }
    if (text(tomlAt(manifest.value, 'package', 'autobins')) === 'false' || tomlAt(manifest.value, 'package', 'autobins')?.kind === 'scalar' && (tomlAt(manifest.value, 'package', 'autobins') as { value: string }).value === 'false') continue;
    if (existsSync(join(dir, 'src/main.rs'))) add(pkg, 'src/main.rs');
    let entries: string[] = [];
    try {
      entries = readdirSync(join(dir, 'src/bin'));
    } catch {
      /* no src/bin */
    }
    for (const e of entries) {
      const path = join(dir, 'src/bin', e);
      if (e.endsWith('.rs')) add(basename(e, '.rs'), path);
      else if (existsSync(join(path, 'main.rs')) && statSync(path).isDirectory()) add(e, join(path, 'main.rs'));
    }
  }
  return { ok: true, value: out };
}
