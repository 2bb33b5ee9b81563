// Commands that tools read from their configuration and run: tox's `commands` (tox.ini, setup.cfg's
// `[tox:tox]`, pyproject.toml's `[tool.tox]` as `legacy_tox_ini` or native TOML, tox.toml) and
// pre-commit's local hooks (.pre-commit-config.yaml). Rewritten as shell text with each command on
// the line it has in the file, so what the shell reader finds is reported at the file's own line.
// What the file runs that nobody can read (a hook repository downloaded at run time, a container
// image, a value tox computes) is listed as unknown, with its line.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';
import { parseToml, TomlError, tomlAt, type TomlNode } from './toml-values.js';

/** `tox`: tox.ini; `tox-setup-cfg`, `tox-pyproject`, `tox-toml`: the other files tox reads its configuration from. */
export type ToolCommandsKind = 'tox' | 'tox-setup-cfg' | 'tox-pyproject' | 'tox-toml' | 'pre-commit' | 'mcp';

export interface ToolCommands {
  /** Shell text, one command per line of the file that holds it; other lines empty. */
  shell: string;
  /** What runs that cannot be read, with the 1-based line. */
  unknown: { line: number; what: string }[];
}

/** `before`: the committed text of the same file, when there is one (what the project already runs).
 *  `path`: where the file is, for tox's choice among its configuration files. */
export function toolCommands(kind: ToolCommandsKind, text: string, before?: string, path?: string): ToolCommands {
  switch (kind) {
    case 'tox': return toxCommands(text);
    case 'pre-commit': return preCommitCommands(text, before);
    case 'mcp': return mcpCommands(text, before);
    default: {
      const lines = text.split(/\r?\n/).length;
      if (path !== undefined && toxReadsAnother(kind, dirname(path))) return { shell: placed(lines, []), unknown: [] };
      return kind === 'tox-setup-cfg' ? (/^\[tox:tox\]\s*$/m.test(text) ? toxCommands(text) : { shell: placed(lines, []), unknown: [] }) : tomlToxCommands(kind, text);
    }
  }
}

/**
 * tox reads the first of tox.ini, setup.cfg (with `[tox:tox]`), pyproject.toml (`[tool.tox]`: its
 * `legacy_tox_ini`, else the native tables) and tox.toml (tox.wiki, "Discovery and file types"): the
 * commands of a later one do not run while an earlier one is there.
 */
function toxReadsAnother(kind: ToolCommandsKind, dir: string): boolean {
  const text = (name: string) => {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  if (existsSync(join(dir, 'tox.ini'))) return true;
  if (kind === 'tox-setup-cfg') return false;
  if (/^\[tox:tox\]\s*$/m.test(text('setup.cfg') ?? '')) return true;
  if (kind === 'tox-pyproject') return false;
  return /^\s*\[tool\.tox[\].]/m.test(text('pyproject.toml') ?? '');
}

/** Lines an edit adds, without the file around them: each line that could be a command is taken as one
 *  (a tox value, a pre-commit `entry`), and a hook repository named there is unknown. */
export function fragmentCommands(kind: ToolCommandsKind, text: string): ToolCommands {
  const lines = text.split(/\r?\n/);
  const unknown: ToolCommands['unknown'] = [];
  if (kind === 'mcp') {
    // Part of a server's definition: what the agent will start cannot be put together from it.
    const at = lines.findIndex((l) => /"(command|args|env)"\s*:/.test(l));
    return { shell: '', unknown: at < 0 ? [] : [{ line: at + 1, what: 'an edit to an MCP server\'s command, arguments or environment, in a file that could not be read whole' }] };
  }
  const commands: { line: number; text: string }[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (kind !== 'pre-commit' && kind !== 'tox' && kind !== 'tox-setup-cfg') {
      // TOML: an array of strings is a command (`["rm", "-rf", "dist"]`); INI-style lines only where the
      // fragment is tox's (a legacy_tox_ini string, a [testenv] header, a commands key).
      const arrays = [...raw.matchAll(/\[\s*((?:"(?:[^"\\]|\\.)*"|'[^']*')(?:\s*,\s*(?:"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*,?\s*\]/g)];
      for (const a of arrays) {
        const words = [...a[1]!.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((w) => w[2] ?? w[1]!.replace(/\\(.)/g, '$1'));
        commands.push({ line, text: words.map((w) => toxArg(toxSubstituted(w, line, new Map(), unknown, 0))).join(' ') });
      }
      if (arrays.length || !/legacy_tox_ini|\[testenv|commands/.test(text)) continue;
    }
    if (kind !== 'pre-commit') {
      const value = raw.replace(/^\s*[A-Za-z_][\w.-]*\s*[=:]\s*/, '').replace(/\\$/, '').trim();
      if (value && !/^[[#;]/.test(value)) commands.push({ line, text: toxSubstituted(value.replace(/^[-!]\s*/, ''), line, new Map(), unknown, 0) });
      continue;
    }
    const entry = /^\s*-?\s*entry\s*:\s*(.+)$/.exec(raw);
    if (entry) commands.push({ line, text: entry[1]!.trim().replace(/^(['"])(.*)\1$/, '$2') });
    const repo = /^\s*-?\s*repo\s*:\s*(.+)$/.exec(raw);
    if (repo && !/^(local|meta)$/.test(repo[1]!.trim())) unknown.push({ line, what: `hooks from ${repo[1]!.trim()}, code pre-commit downloads and runs that nobody has read` });
  }
  return { shell: placed(lines.length, commands), unknown };
}

function placed(lineCount: number, commands: { line: number; text: string }[]): string {
  const lines = new Array<string>(Math.max(lineCount, 1)).fill('');
  for (const c of commands) lines[c.line - 1] = lines[c.line - 1] ? `${lines[c.line - 1]}; ${c.text}` : c.text;
  return lines.join('\n');
}

// --- tox (tox.ini) -----------------------------------------------------------------------------

const TOX_KEYS = /^(commands|commands_pre|commands_post)$/;

interface IniValue { line: number; lines: { line: number; text: string }[] }

/** Sections and keys with each value's lines (an indented line continues the value above). */
function iniValues(lines: string[]): Map<string, Map<string, IniValue>> {
  const sections = new Map<string, Map<string, IniValue>>();
  let keys: Map<string, IniValue> | undefined;
  let current: IniValue | undefined;
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (/^\s*[#;]/.test(raw) || !raw.trim()) continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      keys = new Map();
      sections.set(header[1]!.trim(), keys);
      current = undefined;
      continue;
    }
    const key = /^([A-Za-z_][\w.-]*)\s*[=:]\s*(.*)$/.exec(raw);
    if (key && !/^\s/.test(raw)) {
      current = { line, lines: key[2]!.trim() ? [{ line, text: key[2]!.trim() }] : [] };
      keys?.set(key[1]!, current);
      continue;
    }
    current?.lines.push({ line, text: raw.trim() });
  }
  return sections;
}

/** tox 4 runs each line of `commands` as a program with arguments (no shell); `-` ignores its exit code. */
function toxCommands(text: string): ToolCommands {
  const lines = text.split(/\r?\n/);
  const sections = iniValues(lines);
  const commands: { line: number; text: string }[] = [];
  const unknown: ToolCommands['unknown'] = [];
  for (const [section, keys] of sections) {
    if (!/^testenv(:|$)/.test(section)) continue;
    for (const [key, value] of keys) {
      if (!TOX_KEYS.test(key)) continue;
      for (const c of joinedLines(value.lines)) {
        const command = toxSubstituted(c.text, c.line, sections, unknown, 0).replace(/^\s*[-!]\s*/, '').trim();
        if (/^\S*\.\.\//.test(command) && !/^\.\.?\//.test(c.text.trim())) unknown.push({ line: c.line, what: `tox runs ${command.split(/\s/)[0]}, a program outside the environment tox builds` });
        else if (command) commands.push({ line: c.line, text: command });
      }
    }
  }
  return { shell: placed(lines.length, commands), unknown };
}

/** pyproject.toml's `[tool.tox]` (or tox.toml): `legacy_tox_ini` read as tox.ini at its own lines, else the
 *  native tables `env_run_base`, `env_pkg_base` and `env.<name>` with `commands` as lists of arguments. */
function tomlToxCommands(kind: ToolCommandsKind, text: string): ToolCommands {
  const lineCount = text.split(/\r?\n/).length;
  let doc: TomlNode;
  try {
    doc = parseToml(text);
  } catch (e) {
    // A file tox cannot read runs nothing; one Firebreak cannot read may hold commands.
    if (!(e instanceof TomlError)) throw e;
    const mentions = kind === 'tox-toml' || /^\s*\[tool\.tox|tool\.tox\s*=|legacy_tox_ini/m.test(text);
    return { shell: placed(lineCount, []), unknown: mentions ? [{ line: e.line, what: `the file is not TOML Firebreak can read (${e.message})` }] : [] };
  }
  const tox = kind === 'tox-pyproject' ? tomlAt(doc, 'tool', 'tox') : doc;
  if (tox?.kind !== 'table') return { shell: placed(lineCount, []), unknown: [] };
  const legacy = tox.entries.get('legacy_tox_ini');
  if (legacy) {
    if (legacy.kind !== 'string') return { shell: placed(lineCount, []), unknown: [{ line: legacy.line, what: '`legacy_tox_ini` is not a string' }] };
    // Read as tox.ini, then moved down to the lines the string is on.
    const inner = toxCommands(legacy.value);
    const shift = legacy.contentLine - 1;
    const commands = inner.shell.split('\n').flatMap((t, i) => (t ? [{ line: i + 1 + shift, text: t }] : []));
    return { shell: placed(lineCount, commands), unknown: inner.unknown.map((u) => ({ line: u.line + shift, what: u.what })) };
  }
  const commands: { line: number; text: string }[] = [];
  const unknown: ToolCommands['unknown'] = [];
  const envs: TomlNode[] = [];
  for (const base of ['env_run_base', 'env_pkg_base']) { const t = tox.entries.get(base); if (t) envs.push(t); }
  const named = tox.entries.get('env');
  if (named?.kind === 'table') envs.push(...named.entries.values());
  for (const env of envs) {
    if (env.kind !== 'table') continue;
    for (const key of ['commands_pre', 'commands', 'commands_post']) {
      const list = env.entries.get(key);
      if (list) nativeCommands(list, tox, commands, unknown, 0);
    }
  }
  return { shell: placed(lineCount, commands), unknown };
}

/** A native `commands` list: each item a list of arguments, or a `{ replace = "ref" }` to other commands. */
function nativeCommands(list: TomlNode, tox: TomlNode, commands: { line: number; text: string }[], unknown: ToolCommands['unknown'], depth: number, atLine?: number): void {
  if (list.kind === 'table' && depth < 5) {
    // Commands taken from elsewhere run here: reported at the line that takes them.
    const target = replacementRef(list, tox);
    if (target) return nativeCommands(target, tox, commands, unknown, depth + 1, atLine ?? list.line);
  }
  if (list.kind !== 'array') { unknown.push({ line: list.line, what: 'commands tox builds at run time, which Firebreak cannot read' }); return; }
  for (const command of list.items) {
    if (command.kind === 'table') { nativeCommands(command, tox, commands, unknown, depth + 1, atLine); continue; }
    // A string is one command line, split by tox into arguments (no shell).
    if (command.kind === 'string') {
      const text = toxSubstituted(command.value, command.line, new Map(), unknown, 0).replace(/^\s*[-!]\s*/, '').trim();
      if (text) commands.push({ line: atLine ?? command.line, text });
      continue;
    }
    if (command.kind !== 'array') { unknown.push({ line: command.line, what: 'a command that is not a list of arguments' }); continue; }
    const words: string[] = [];
    for (const [i, arg] of command.items.entries()) {
      const value = nativeArg(arg, i === 0 && !words.length, tox, unknown);
      if (value === undefined) { words.length = 0; break; }
      words.push(...value);
    }
    const text = words.join(' ').replace(/^\s*[-!]\s*/, '').trim();
    if (text) commands.push({ line: atLine ?? command.line, text });
  }
}

/** The words one argument of a native command stands for (`{ replace = "posargs", default = [...] }` ...), or
 *  undefined when the program itself is a value tox computes (then listed as unknown). */
function nativeArg(arg: TomlNode, atProgram: boolean, tox: TomlNode, unknown: ToolCommands['unknown']): string[] | undefined {
  // Substituted as the program, or as an argument after one (`{tox_root}` is a value, not a program, there).
  if (arg.kind === 'string') return [toxArg(atProgram ? toxSubstituted(arg.value, arg.line, new Map(), unknown, 0) : toxSubstituted(`_ ${arg.value}`, arg.line, new Map(), unknown, 0).slice(2))];
  if (arg.kind === 'scalar') return [toxArg(arg.value)];
  const replace = arg.kind === 'table' ? arg.entries.get('replace') : undefined;
  const how = replace?.kind === 'string' ? replace.value : undefined;
  if (arg.kind === 'table' && how === 'posargs') {
    const d = arg.entries.get('default');
    if (d?.kind !== 'array') return [];
    return d.items.flatMap((x) => nativeArg(x, false, tox, unknown) ?? ['${TOX_VALUE}']);
  }
  if (arg.kind === 'table' && how === 'env') {
    const name = arg.entries.get('name');
    const d = arg.entries.get('default');
    if (atProgram) { unknown.push({ line: arg.line, what: 'tox runs a program it takes from the environment at run time' }); return undefined; }
    return [`"\${${name?.kind === 'string' && /^\w+$/.test(name.value) ? name.value : 'TOX_ENV'}${d?.kind === 'string' ? `:-${d.value.replace(/["\\$`}]/g, '')}` : ''}}"`];
  }
  if (atProgram) { unknown.push({ line: arg.line, what: 'tox runs a program it computes at run time' }); return undefined; }
  return ['"${TOX_VALUE}"'];
}

/** `{ replace = "ref", of = ["env_run_base", "commands"] }` / `{ replace = "ref", env = "x", key = "commands" }`. */
function replacementRef(node: TomlNode & { kind: 'table' }, tox: TomlNode): TomlNode | undefined {
  const replace = node.entries.get('replace');
  if (replace?.kind !== 'string' || replace.value !== 'ref') return undefined;
  const of = node.entries.get('of');
  if (of?.kind === 'array') return tomlAt(tox, ...of.items.map((i) => (i.kind === 'string' ? i.value : '')));
  const env = node.entries.get('env');
  const key = node.entries.get('key');
  if (env?.kind === 'string' && key?.kind === 'string') return tomlAt(tox, 'env', env.value, key.value);
  return undefined;
}

/** One argument as the shell would see it: literal, except the run-time values it stands for. */
function toxArg(word: string): string {
  if (!word.includes('${')) return quoted(word);
  return `"${word.replace(/["\\`]/g, '\\$&').replace(/\$(?!\{)/g, '\\$')}"`;
}

/** A line ending in `\\` goes on with the next one. */
function joinedLines(lines: { line: number; text: string }[]): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  for (const l of lines) {
    const last = out.at(-1);
    if (last?.text.endsWith('\\')) last.text = `${last.text.slice(0, -1)} ${l.text}`;
    else out.push({ ...l });
  }
  return out;
}

/** tox's `{...}` substitutions as the shell would see the values. A value tox computes stands as a
 *  run-time value; one in the program's place makes the command unknown. */
function toxSubstituted(command: string, line: number, sections: Map<string, Map<string, IniValue>>, unknown: ToolCommands['unknown'], depth: number): string {
  const atProgram = (at: number) => !command.slice(0, at).replace(/^\s*[-!]\s*/, '').trim();
  return command.replace(/\{([^{}]*)\}/g, (whole, inner: string, at: number) => {
    const [name, ...rest] = inner.split(':');
    // The program itself from the environment or a computed value: nothing here says what runs.
    if (atProgram(at) && !['envpython', 'envbindir', 'env_bin_dir', 'posargs', 'toxinidir', 'tox_root'].includes(name!) && !inner.startsWith('[')) {
      unknown.push({ line, what: `tox runs a program it takes from ${whole} at run time` });
      return '${TOX_VALUE}';
    }
    const reference = /^\[([^\]]*)\](.+)$/.exec(inner);
    if (reference) {
      const value = sections.get(reference[1] || 'testenv')?.get(reference[2]!);
      if (value && depth < 5) return toxSubstituted(value.lines.map((l) => l.text).join(' '), line, sections, unknown, depth + 1);
    }
    switch (reference ? undefined : name) {
      case 'posargs': return toxSubstituted(rest.join(':'), line, sections, unknown, depth + 1);
      case 'envpython': return 'python';
      case 'envbindir': case 'env_bin_dir': return '.tox/env/bin';
      case 'toxinidir': case 'tox_root': return '.';
      case 'envdir': case 'env_dir': return '.tox/env';
      case 'envtmpdir': case 'env_tmp_dir': return '.tox/env/tmp';
      case 'envname': case 'env_name': return 'env';
      case '/': return '/';
      case ':': return ':';
      case 'env': return `\${${rest[0] || 'TOX_ENV'}${rest.length > 1 ? `:-${rest.slice(1).join(':')}` : ''}}`;
      default:
        if (atProgram(at)) unknown.push({ line, what: `tox runs a program it computes at run time (${whole})` });
        return '${TOX_VALUE}';
    }
  });
}

// --- pre-commit (.pre-commit-config.yaml) ------------------------------------------------------

/** Languages whose `entry` is a command or a script of the repository, run as written. */
const COMMAND_LANGUAGES = new Set(['system', 'script', 'unsupported', 'unsupported_script', 'fail', 'pygrep']);

function preCommitCommands(text: string, before?: string): ToolCommands {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const lineCount = text.split(/\r?\n/).length;
  const unknown: ToolCommands['unknown'] = [];
  const lineOf = (node: Node | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
  if (doc.errors.length) return { shell: '', unknown: [{ line: doc.errors[0]!.linePos?.[0]?.line ?? 1, what: `the file is not YAML pre-commit can read (${doc.errors[0]!.message.split('\n')[0]})` }] };
  const repos = doc.get('repos', true);
  if (repos === undefined || repos === null) return { shell: '', unknown: [] };
  if (!isSeq(repos)) return { shell: '', unknown: [{ line: lineOf(repos as Node), what: '`repos` is not a list' }] };
  const committedRemotes = remotesOf(before);
  const commands: { line: number; text: string }[] = [];
  for (const repo of repos.items) {
    if (!isMap(repo)) { unknown.push({ line: lineOf(repo as Node), what: 'a repository entry that is not a mapping' }); continue; }
    const url = scalar(repo.get('repo', true));
    if (url === 'meta') continue;
    if (url !== 'local') {
      // Hooks from a repository are code pre-commit downloads; the ones the project already ran are its own choice.
      const id = `${url}@${scalar(repo.get('rev', true))}`;
      if (!committedRemotes.has(id)) unknown.push({ line: lineOf(repo), what: `hooks from ${url ?? 'a repository'} at ${scalar(repo.get('rev', true)) ?? 'no revision'}, code pre-commit downloads and runs that nobody has read` });
      continue;
    }
    const hooks = repo.get('hooks', true);
    if (!isSeq(hooks)) continue;
    for (const hook of hooks.items) {
      if (!isMap(hook)) continue;
      const entryNode = hook.get('entry', true) as Node | undefined;
      const entry = scalar(entryNode);
      const language = scalar(hook.get('language', true)) ?? 'system';
      const line = lineOf(entryNode ?? hook);
      if (!entry) { unknown.push({ line, what: `local hook ${scalar(hook.get('id', true)) ?? ''} without an entry` }); continue; }
      if (language === 'pygrep' || language === 'fail') continue;
      if (!COMMAND_LANGUAGES.has(language)) { unknown.push({ line, what: `local hook ${scalar(hook.get('id', true)) ?? entry} runs \`${entry}\` in a ${language} environment pre-commit builds at run time` }); continue; }
      const args = hook.get('args', true);
      const words = isSeq(args) ? args.items.map((a) => scalar(a as Node) ?? '').map(quoted) : [];
      commands.push({ line, text: [entry, ...words].join(' ') });
    }
  }
  return { shell: placed(lineCount, commands), unknown };
}

function remotesOf(text: string | undefined): Set<string> {
  const ids = new Set<string>();
  if (!text) return ids;
  try {
    const repos = parseDocument(text).get('repos', true);
    if (isSeq(repos)) for (const r of repos.items) if (isMap(r)) ids.add(`${scalar(r.get('repo', true))}@${scalar(r.get('rev', true))}`);
  } catch {
    // An unreadable committed file vouches for nothing.
  }
  return ids;
}

// --- MCP servers (.mcp.json, .cursor/mcp.json, .vscode/mcp.json, .kiro/settings/mcp.json) -------------

/** The servers a coding agent starts when a session begins: each local server's command with its
 *  arguments and environment. One the committed file already starts as it is is the project's own. */
function mcpCommands(text: string, before?: string): ToolCommands {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const lineOf = (node: Node | null | undefined) => (node?.range ? counter.linePos(node.range[0]).line : 1);
  if (doc.errors.length) return { shell: '', unknown: [{ line: doc.errors[0]!.linePos?.[0]?.line ?? 1, what: `the file is not JSON the agent can read (${doc.errors[0]!.message.split('\n')[0]})` }] };
  if (!isMap(doc.contents)) return { shell: '', unknown: [{ line: 1, what: 'the file is not a JSON object the agent can read' }] };
  const servers = doc.get('mcpServers', true) ?? doc.get('servers', true);
  if (servers === undefined || servers === null) return { shell: '', unknown: [] };
  if (!isMap(servers)) return { shell: '', unknown: [{ line: lineOf(servers as Node), what: 'the servers are not an object' }] };
  const committed = new Set(mcpServerKeys(before));
  const commands: { line: number; text: string }[] = [];
  const unknown: ToolCommands['unknown'] = [];
  for (const pair of servers.items) {
    const name = scalar(pair.key) ?? '';
    const server = pair.value;
    if (!isMap(server)) { unknown.push({ line: lineOf(pair.key as Node), what: `MCP server ${name} that is not an object` }); continue; }
    const json = JSON.stringify(server.toJSON());
    if (committed.has(`${name}\0${json}`)) continue;
    const commandNode = server.get('command', true) as Node | undefined;
    const command = scalar(commandNode);
    // A server reached over HTTP runs elsewhere; the agent starts nothing for it.
    if (command === undefined) { if (scalar(server.get('url', true)) === undefined) unknown.push({ line: lineOf(server), what: `MCP server ${name} with neither a command nor a url` }); continue; }
    const args = server.get('args', true);
    const env = server.get('env', true);
    const assignments = isMap(env) ? env.items.map((e) => `${scalar(e.key)}=${quoted(scalar(e.value) ?? '')}`).filter((a) => /^[A-Za-z_]\w*=/.test(a)) : [];
    const words = isSeq(args) ? args.items.map((a) => quoted(scalar(a as Node) ?? '')) : [];
    commands.push({ line: lineOf(commandNode), text: [...assignments, quoted(command), ...words].join(' ') });
  }
  return { shell: placed(text.split(/\r?\n/).length, commands), unknown };
}

function mcpServerKeys(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const doc = JSON.parse(text) as { mcpServers?: Record<string, unknown>; servers?: Record<string, unknown> };
    return Object.entries(doc.mcpServers ?? doc.servers ?? {}).map(([name, server]) => `${name}\0${JSON.stringify(server)}`);
  } catch {
    return [];
  }
}

function scalar(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function quoted(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
