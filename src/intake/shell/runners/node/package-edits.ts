// `npm pkg set scripts.test='rm -rf /srv/data' && npm test` edits package.json and then runs the
// edit. The edit is applied to the text the line sees, so the later run is judged on the new script;
// an edit Firebreak cannot apply (workspaces, a --json value that does not parse, `pkg fix`, an
// unreadable package.json) leaves the file's content unknown for the rest of the line.
import { join } from 'node:path';
import { scriptPath } from '../../../code/source.js';
import type { RecognisedCommand } from '../../command.js';
import { readProjectFile, runDirectory } from '../project.js';
import { nearestPackage } from './package-json.js';

type Files = Pick<RecognisedCommand, 'workspace' | 'cwd' | 'files'>;

/** A package.json the command edits (absolute path): its new text, or why that is not known. */
export type PackageEdit = { path: string; text: string } | { path: string; hidden: string };

const MANAGERS = new Set(['npm', 'pnpm', 'bun']);
/** Options of npm and pnpm that take the next word as their value. */
const VALUED = new Set(['--prefix', '-C', '--dir', '-w', '--workspace', '--filter', '-F', '--userconfig', '--loglevel', '--registry', '--cache']);

export function packageJsonEdits(name: string, argv: readonly string[], rc: Files): PackageEdit[] {
  if (!MANAGERS.has(name)) return [];
  const words: string[] = [];
  const options: string[] = [];
  let prefix: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (VALUED.has(a)) {
      const v = argv[++i] ?? '';
      if (a === '--prefix' || a === '-C' || a === '--dir') prefix = v;
      else options.push(a);
    } else if (/^--(prefix|dir)=/.test(a)) prefix = a.slice(a.indexOf('=') + 1);
    else if (a.startsWith('-')) options.push(a);
    else words.push(a);
  }
  // `bun pm pkg set` is bun's spelling of `npm pkg set`.
  if (name === 'bun' && words[0] === 'pm') words.shift();
  else if (name === 'bun') return [];
  const [command, action, ...rest] = words;
  let edit: ((pkg: Record<string, unknown>) => string | undefined) | undefined;
  if (command === 'set-script' && action !== undefined && rest.length) edit = (pkg) => setKey(pkg, `scripts.${action}`, rest.join(' '));
  else if (command === 'pkg' && (action === 'set' || action === 'delete' || action === 'fix')) {
    const json = options.includes('--json');
    edit = (pkg) => {
      if (action === 'fix') return 'npm pkg fix, which rewrites it by npm\'s own rules';
      for (const arg of rest) {
        const why = action === 'delete' ? deleteKey(pkg, arg) : setPair(pkg, arg, json);
        if (why) return why;
      }
      return undefined;
    };
  }
  if (!edit) return [];
  const base = prefix !== undefined ? { ok: true as const, value: scriptPath(rc, prefix) } : runDirectory(rc);
  const fallback = join(base.ok ? base.value : scriptPath(rc, '.'), 'package.json');
  const hidden = (why: string): PackageEdit[] => [{ path: fallback, hidden: `an edit by ${name} ${command}: ${why}` }];
  if (!base.ok) return hidden(base.why);
  if (options.some((o) => /^(-w|--workspaces?|-ws|--filter|-F|-r|--recursive)(=|$)/.test(o) || /^--(workspace|filter)=/.test(o))) {
    // Which workspace files change is not worked out: the root and every package the line runs become unknown.
    return hidden('it edits workspace packages Firebreak does not follow');
  }
  const found = nearestPackage(rc, base.value);
  if (!found.ok) return hidden(found.why);
  const path = join(found.value.dir, 'package.json');
  const read = readProjectFile(rc, path);
  if (!read.ok) return [{ path, hidden: `an edit by ${name} ${command}: ${read.why}` }];
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(read.value.text) as Record<string, unknown>;
  } catch {
    return [{ path, hidden: `an edit by ${name} ${command} of a file that is not valid JSON` }];
  }
  const why = edit(pkg);
  return why ? [{ path, hidden: `an edit by ${name} ${command}: ${why}` }] : [{ path, text: `${JSON.stringify(pkg, null, 2)}\n` }];
}

function setPair(pkg: Record<string, unknown>, arg: string, json: boolean): string | undefined {
  const eq = arg.indexOf('=');
  if (eq <= 0) return `${arg} is not KEY=VALUE`;
  const raw = arg.slice(eq + 1);
  let value: unknown = raw;
  if (json) {
    try {
      value = JSON.parse(raw);
    } catch {
      return `the --json value of ${arg.slice(0, eq)} does not parse`;
    }
  }
  return setKey(pkg, arg.slice(0, eq), value);
}

/** npm's key paths: `scripts.test`, `files[0]`, `contributors[].name` (append). */
function keyPath(key: string): string[] | undefined {
  const parts = key.replace(/\[(\d*)\]/g, '.[$1]').split('.').filter((p) => p !== '');
  return parts.length && parts.every((p) => !/[[\]]/.test(p) || /^\[\d*\]$/.test(p)) ? parts : undefined;
}

function setKey(pkg: Record<string, unknown>, key: string, value: unknown): string | undefined {
  const parts = keyPath(key);
  if (!parts) return `the key ${key} is not one Firebreak can follow`;
  let at: Record<string, unknown> | unknown[] = pkg;
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    const part = parts[i]!;
    const index = /^\[(\d*)\]$/.exec(part);
    if (index && !Array.isArray(at)) return `${key} indexes something that is not a list`;
    const slot: string | number = index ? (index[1] === '' ? (at as unknown[]).length : Number(index[1])) : part;
    if (!index && (Array.isArray(at) || part === '__proto__' || part === 'constructor' || part === 'prototype')) return `${key} is not a plain key path`;
    const container = at as Record<string | number, unknown>;
    if (last) {
      container[slot] = value;
      return undefined;
    }
    const next = container[slot];
    if (next === undefined || next === null || typeof next !== 'object') container[slot] = /^\[\d*\]$/.test(parts[i + 1]!) ? [] : {};
    at = container[slot] as Record<string, unknown> | unknown[];
  }
  return undefined;
}

function deleteKey(pkg: Record<string, unknown>, key: string): string | undefined {
  const parts = keyPath(key);
  if (!parts || parts.some((p) => /^\[/.test(p))) return `the key ${key} is not one Firebreak can follow`;
  let at: unknown = pkg;
  for (const part of parts.slice(0, -1)) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  if (at && typeof at === 'object') delete (at as Record<string, unknown>)[parts.at(-1)!];
  return undefined;
}
