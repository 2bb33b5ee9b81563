// `uv run build`, `poetry run mytool`, `pdm run NAME`, `hatch run NAME`: when NAME is a console script
// of the project (`[project.scripts]`, `[tool.poetry.scripts]`, setup.cfg `console_scripts`), the runner
// puts the project's environment first on PATH, and NAME runs `module:function` from the workspace.
// Before wave 17 the name was judged as a program nobody models (`uv run build` passed whatever its
// function did). Here the words become `python3 -c 'import module as _m; _m.function()'`, which the
// Python reader follows into the project (src layout too: src/intake/code/resolve.ts).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseToml, tomlAt, type TomlNode } from '../../code/toml-values.js';
import { literalWord, quoteWord } from '../unwrap.js';
import { forgetPerCall } from '../../../util/per-call.js';
import type { Word } from '../syntax.js';
import { textOf } from './project-scripts.js';

/** Wrappers that run a name in the project's own environment, where its console scripts are installed. */
const PROJECT_ENVIRONMENTS = new Set(['uv run', 'poetry run', 'pdm run', 'hatch run', 'rye run', 'pipenv run']);

/** Whether the wrappers peeled put the project's environment first on PATH. */
export function inProjectEnvironment(peeled: readonly string[] | undefined): boolean {
  return peeled?.some((p) => PROJECT_ENVIRONMENTS.has(p)) === true;
}

export interface EntryPoint { spec: string; file: string; /** The folder of the configuration that names it (absolute). */ dir: string }

/** The console script NAME of the project around `folder` (up to `top`), as `module:function`. */
export function entryPoint(name: string, folder: string, top: string, written?: ReadonlyMap<string, string>): EntryPoint | null | undefined {
  const own = projectEntryPoint(name, folder, top, written);
  if (own !== undefined) return own;
  // A uv workspace installs its members into the one environment: their console scripts run by name too.
  for (const member of workspaceMembers(top, written)) {
    const found = projectEntryPoint(name, member, member, written, top);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The folders `[tool.uv.workspace] members` names (`packages/*`), from the workspace's pyproject.toml. */
function workspaceMembers(top: string, written: ReadonlyMap<string, string> | undefined): string[] {
  const text = textOf(join(top, 'pyproject.toml'), top, written);
  if (!text) return [];
  let members: TomlNode | undefined;
  try {
    members = tomlAt(parsed(text), 'tool', 'uv', 'workspace', 'members');
  } catch {
    return [];
  }
  if (members?.kind !== 'array') return [];
  const out: string[] = [];
  for (const m of members.items) {
    const glob = str(m);
    if (glob === undefined || glob.includes('..')) continue;
    const parts = glob.split('/');
    const last = parts.pop()!;
    const parent = join(top, ...parts);
    if (!/[*?[]/.test(last)) { out.push(join(parent, last)); continue; }
    const re = new RegExp(`^${last.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}$`);
    try {
      for (const d of readdirSync(parent)) if (re.test(d)) out.push(join(parent, d));
    } catch { /* a members folder that is not there has no members */ }
  }
  return out.slice(0, 200);
}

function projectEntryPoint(name: string, folder: string, top: string, written: ReadonlyMap<string, string> | undefined, root = top): EntryPoint | null | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    const py = textOf(join(dir, 'pyproject.toml'), root, written);
    if (py === null) return null;
    if (py !== undefined) {
      try {
        const doc = parsed(py);
        for (const path of [['project', 'scripts'], ['project', 'gui-scripts'], ['tool', 'poetry', 'scripts']]) {
          const v = tomlAt(doc, ...path, name);
          if (v === undefined) continue;
          const spec = v && typeof v === 'object' && (v as TomlNode).kind === 'string' ? (v as { value: string }).value
            : v && typeof v === 'object' && (v as TomlNode).kind === 'table' ? str(tomlAt(v as TomlNode, 'callable')) ?? str(tomlAt(v as TomlNode, 'reference')) : undefined;
          return spec === undefined ? null : { spec, file: relative(root, join(dir, 'pyproject.toml')), dir };
        }
      } catch {
        if (py.includes(name)) return null;
      }
    }
    const cfg = textOf(join(dir, 'setup.cfg'), root, written);
    if (cfg === null) return null;
    if (cfg !== undefined) {
      const spec = setupCfgScript(cfg, name);
      if (spec !== undefined) return spec === null ? null : { spec, file: relative(root, join(dir, 'setup.cfg')), dir };
    }
    if (dir === top || relative(top, dir).startsWith('..') || dirname(dir) === dir) return undefined;
  }
}

/** Parsed configurations by their text, for the intake call: a script naming many programs reads pyproject.toml once. */
const docs = new Map<string, TomlNode | Error>();
forgetPerCall(() => docs.clear());
function parsed(text: string): TomlNode {
  let doc = docs.get(text);
  if (doc === undefined) {
    try {
      doc = parseToml(text) as TomlNode;
    } catch (e) {
      doc = e instanceof Error ? e : new Error(String(e));
    }
    if (docs.size > 64) docs.clear();
    docs.set(text, doc);
  }
  if (doc instanceof Error) throw doc;
  return doc;
}

const str = (n: unknown): string | undefined => (n && typeof n === 'object' && (n as TomlNode).kind === 'string' ? (n as { value: string }).value : undefined);

/** `[options.entry_points]` `console_scripts =` lines `name = module:func`. */
function setupCfgScript(text: string, name: string): string | null | undefined {
  let section = '';
  let inScripts = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s*[#;].*$/, '');
    const sec = /^\[(.+)\]\s*$/.exec(line.trim());
    if (sec) { section = sec[1].trim(); inScripts = false; continue; }
    if (section !== 'options.entry_points') continue;
    const key = /^(\w[\w-]*)\s*=\s*(.*)$/.exec(line);
    if (key && !/^\s/.test(line)) { inScripts = key[1] === 'console_scripts' || key[1] === 'gui_scripts'; if (!inScripts) continue; }
    if (!inScripts) continue;
    const entry = /^\s*([\w.-]+)\s*=\s*(.+)$/.exec(key && !/^\s/.test(line) ? key[2] : line);
    if (entry && entry[1] === name) return entry[2].trim();
  }
  return undefined;
}


/** The words that judge `NAME ARGS...` as the entry point it is (undefined when NAME is none of the project's). */
export function entryPointWords(words: readonly Word[], folder: string, top: string, written?: ReadonlyMap<string, string>, inProject = true): { words: Word[]; why: string; file: string } | undefined {
  const name = words[0]?.value;
  if (!name || words[0].dynamic || !/^[\w.-]+$/.test(name)) return undefined;
  const found = entryPoint(name, folder, top, written);
  // A configuration that does not read makes every name under `uv run` unknown; a bare name is judged as before.
  if (found === undefined || (found === null && !inProject)) return undefined;
  // A configuration that does not read, or an entry that is not `module:function`: what runs is not known.
  const m = found === null ? null : /^\s*([\w.]+)\s*(?::\s*([\w.]+))?\s*(\[.*\])?\s*$/.exec(found.spec);
  const code = m ? (m[2] ? `import ${m[1]} as _m; _m.${m[2]}()` : `import ${m[1]}`) : undefined;
  const args = words.slice(1);
  const file = found?.file ?? 'pyproject.toml';
  if (code === undefined) {
    return { words: [{ raw: '"$FIREBREAK_UNREAD_ENTRY_POINT"', value: '$FIREBREAK_UNREAD_ENTRY_POINT', dynamic: true, glob: false, substitutions: [] }, ...args], why: `${name} is a console script of the project whose target is not read (${found?.spec ?? 'its configuration does not read'})`, file };
  }
  const why = `${name} is the project's console script ${found!.spec} (${file})`;
  // Imports resolve from the command's folder, the workspace and its src/; a member of a uv workspace
  // (packages/x, packages/x/src) is where its own package is: the code is read from there.
  const top0 = m![1].split('.')[0];
  const roots = [join(found!.dir, 'src'), found!.dir];
  const root = roots.find((r) => existsSync(join(r, top0)) || existsSync(join(r, `${top0}.py`))) ?? found!.dir;
  if ([folder, top, join(top, 'src')].includes(root) || !existsSync(root)) return { words: [literalWord('python3'), literalWord('-c'), literalWord(code), ...args], why, file };
  const rest = args.map((a) => a.raw).join(' ');
  return { words: [literalWord('sh'), literalWord('-c'), literalWord(`cd ${quoteWord(relative(folder, root) || '.')} && python3 -c ${quoteWord(code)}${rest ? ` ${rest}` : ''}`)], why, file };
}
