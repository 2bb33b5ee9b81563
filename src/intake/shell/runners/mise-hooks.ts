// mise runs shell text from its configuration besides tasks: `[hooks]` (enter, leave, cd, preinstall,
// postinstall), `[env] _.source` (a script sourced to compute the environment) and `{{ exec(command=...) }}`
// templates in any value. They run when mise loads the folder's configuration to install tools, run a
// task, exec a command, trust or activate the folder (enter hooks when a shell with mise activated
// enters it). Before wave 17 `mise install` passed with `enter = "rm -rf /srv/data"` in mise.toml. Here a
// mise command that loads the configuration judges that text as shell run in the configuration's folder.
import { readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseToml, tomlAt, type TomlNode } from '../../code/toml-values.js';
import { OPAQUE_CONTENT } from '../../code/source.js';
import { quoteWord } from '../unwrap.js';
import type { PlannedAction } from '../../types.js';
import { commandEvidence, toolName, unknownCommand, type RecognisedCommand } from '../command.js';
import { textOf } from './project-scripts.js';

/** mise's subcommands that load the configuration and run its hooks, sourced env scripts and templates. */
const LOADS = new Set(['install', 'i', 'run', 'r', 'tasks', 't', 'exec', 'x', 'trust', 'use', 'u', 'watch', 'w', 'env', 'e', 'activate', 'hook-env',
  'shell', 'sh', 'upgrade', 'up', 'en', 'install-into']);
/** Subcommands that read the configuration without running its hooks or computing the environment. */
const READS = new Set(['sync', 'set', 'unset', 'where', 'which', 'bin-paths', 'ls', 'list', 'current', 'doctor', 'dr', 'outdated', 'prune', 'reshim']);
/** Subcommands that only print or manage mise itself (and `--version`/`--help`). */
const ONLY_MISE = new Set(['version', '--version', '-v', 'help', '--help', '-h', 'self-update', 'completion', 'implode', 'plugins', 'p', 'registry', 'backends', 'cache',
  'settings', 'config', 'alias', 'search', 'ls-remote', 'latest', 'usage', 'generate', 'mcp', 'test-tool', 'tool', 'fmt', 'edit', 'link', 'unuse', 'uninstall', 'deactivate', 'lock']);

const HOOKS = ['enter', 'leave', 'cd', 'preinstall', 'postinstall'];
const FIXED_FILES = ['mise.toml', '.mise.toml', 'mise.local.toml', '.mise.local.toml', '.config/mise.toml', '.config/mise/config.toml', 'mise/config.toml', '.mise/config.toml', '.tool-versions'];

/** Whether `mise ARGS` (argv after `mise`) loads the configuration: a hook-running subcommand or a task shorthand. */
export function miseLoadsConfig(args: readonly string[]): boolean {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) {
    if (ONLY_MISE.has(args[i])) return false;
    i += ['-C', '--cd', '-E', '--env', '-j', '--jobs', '--log-level'].includes(args[i]) ? 2 : 1;
  }
  const sub = args[i];
  if (sub === undefined) return false;
  if (ONLY_MISE.has(sub) || READS.has(sub)) return false;
  // A task shorthand (`mise build`) loads the configuration as `mise run build` does.
  return LOADS.has(sub) || /^[\w:.-]+$/.test(sub);
}

export interface HookText { text: string; where: string; cwd: string; unknown?: string }

/** The shell text mise's configuration files around `folder` (up to `top`) run when it loads them. */
export function miseHookTexts(folder: string, top: string, written: ReadonlyMap<string, string> | undefined): HookText[] {
  const out: HookText[] = [];
  for (let dir = folder; ; dir = dirname(dir)) {
    for (const name of configFiles(dir, top, written)) {
      const path = join(dir, name);
      const shown = relative(top, path) || name;
      const text = textOf(path, top, written);
      if (text === undefined) continue;
      const cwd = relative(top, dir) || '.';
      if (text === null) { out.push({ text: '', where: shown, cwd, unknown: `${shown} is written earlier in this command with text that is not visible` }); continue; }
      // Templates run commands in any value: `{{ exec(command="...") }}`.
      for (const m of text.matchAll(/\{\{[^}]*?\bexec\s*\(([^)]*)\)/g)) {
        const line = text.slice(0, m.index).split('\n').length;
        const cmd = /command\s*=\s*("([^"\\]|\\.)*"|'[^']*')/.exec(m[1]);
        if (cmd) out.push({ text: cmd[1].slice(1, -1).replace(/\\"/g, '"'), where: `${shown}:${line} (template exec)`, cwd });
        else out.push({ text: '', where: `${shown}:${line}`, cwd, unknown: `${shown}:${line} runs a template command Firebreak cannot spell out` });
      }
      if (name === '.tool-versions') continue;
      let doc: TomlNode;
      try {
        doc = parseToml(text);
      } catch {
        if (/\bhooks\b|_\.source|\bsource\b/.test(text)) out.push({ text: '', where: shown, cwd, unknown: `${shown} does not read as TOML, and may hold hooks` });
        continue;
      }
      for (const hook of HOOKS) {
        const v = tomlAt(doc, 'hooks', hook);
        if (v !== undefined) out.push(...hookValue(v, `${shown}:${v.line} (hooks.${hook})`, cwd));
      }
      const source = tomlAt(doc, 'env', '_', 'source');
      if (source !== undefined) {
        for (const p of paths(source)) {
          if (p === undefined) out.push({ text: '', where: `${shown}:${source.line}`, cwd, unknown: `${shown}:${source.line} sources a script Firebreak cannot name (env._.source)` });
          else out.push({ text: `. ${quoteWord(p)}`, where: `${shown}:${source.line} (env._.source)`, cwd });
        }
      }
    }
    if (dir === top || relative(top, dir).startsWith('..') || dirname(dir) === dir) break;
  }
  // The user's global configuration, when the line itself writes it (`>> ~/.config/mise/config.toml`).
  for (const [key, text] of written ?? []) {
    if (!/(^|\/)\.config\/mise\/(config(\.local)?|conf\.d\/[^/]+)\.toml$/.test(key) || relative(top, join(top, key)).split('/')[0] !== '..' && !key.startsWith('~') && !key.startsWith('/')) continue;
    const shown = key;
    if (text.startsWith(OPAQUE_CONTENT) || text.startsWith('\u0000')) { out.push({ text: '', where: shown, cwd: '.', unknown: `${shown} is written earlier in this command with text that is not visible` }); continue; }
    if (/\bhooks\b|_\.source|\{\{/.test(text)) out.push({ text: '', where: shown, cwd: '.', unknown: `${shown}, mise's global configuration, is written in this command with hooks or scripts` });
  }
  return out;
}

function hookValue(v: TomlNode, where: string, cwd: string): HookText[] {
  if (v.kind === 'string') return [{ text: v.value, where, cwd }];
  if (v.kind === 'array') return v.items.flatMap((x) => hookValue(x, where, cwd));
  if (v.kind === 'table') {
    const script = tomlAt(v, 'script');
    const shell = tomlAt(v, 'shell');
    if (script?.kind === 'string' && (shell === undefined || (shell.kind === 'string' && /^(ba|z|da|k)?sh$/.test(shell.value.trim())))) return [{ text: script.value, where, cwd }];
    if (script?.kind === 'string' && shell?.kind === 'string') return [{ text: '', where, cwd, unknown: `${where} runs its script in ${shell.value}, which Firebreak does not read here` }];
  }
  return [{ text: '', where, cwd, unknown: `${where} is a hook Firebreak cannot read` }];
}

function paths(v: TomlNode): (string | undefined)[] {
  if (v.kind === 'string') return [v.value.includes('{{') ? undefined : v.value];
  if (v.kind === 'array') return v.items.flatMap(paths);
  if (v.kind === 'table') { const p = tomlAt(v, 'path'); return p ? paths(p) : [undefined]; }
  return [undefined];
}

/** mise's fixed file names and its environment variants (`mise.production.toml`, `.mise.dev.local.toml`). */
function configFiles(dir: string, top: string, written: ReadonlyMap<string, string> | undefined): string[] {
  const names = new Set(FIXED_FILES);
  try {
    for (const f of readdirSync(dir)) if (/^\.?mise\.[\w.-]+\.toml$/.test(f)) names.add(f);
  } catch { /* a folder that does not read has no files to add */ }
  for (const k of written?.keys() ?? []) {
    const abs = join(top, k);
    if (dirname(abs) === dir && /^\.?mise(\.[\w.-]+)?\.toml$/.test(k.split('/').pop() ?? '')) names.add(relative(dir, abs));
  }
  return [...names];
}


const MARK = 'mise hook';

/**
 * The hooks, sourced scripts and template commands a mise command runs (`mise install`, `mise run x`,
 * `mise exec -- cmd`, `sudo mise trust`): `words` is the command as written (before a task is looked up),
 * `peeled` the wrappers taken off it. Nothing when no mise command loads the configuration.
 */
export async function miseHookActions(rc: RecognisedCommand, words: readonly string[], peeled: readonly string[] | undefined, folder: string, top: string, written: ReadonlyMap<string, string> | undefined): Promise<PlannedAction[]> {
  const at = words.findIndex((w) => toolName(w) === 'mise');
  const runs = peeled?.some((p) => p === 'mise exec' || p === 'mise x') === true || (at >= 0 && miseLoadsConfig(words.slice(at + 1)));
  // A hook's own text that runs mise again is not followed again.
  if (!runs || rc.evidence.some((e) => e.key === MARK)) return [];
  const out: PlannedAction[] = [];
  for (const h of miseHookTexts(folder, top, written)) {
    if (h.unknown) { out.push(unknownCommand(rc, `mise: ${h.unknown}`, 'hook')); continue; }
    if (!h.text.trim()) continue;
    out.push(...(await rc.nested(h.text, { cwd: h.cwd, evidence: [commandEvidence(`mise runs ${h.where} when it loads the folder's configuration: ${h.text.trim().split('\n')[0].slice(0, 120)}`, MARK, h.where)] })));
  }
  return out;
}
