// Commands that tools read from their configuration and run: tox's `commands` (tox.ini) and
// pre-commit's local hooks (.pre-commit-config.yaml). Rewritten as shell text with each command on
// the line it has in the file, so what the shell reader finds is reported at the file's own line.
// What the file runs that nobody can read (a hook repository downloaded at run time, a container
// image, a value tox computes) is listed as unknown, with its line.
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node } from 'yaml';

export type ToolCommandsKind = 'tox' | 'pre-commit';

export interface ToolCommands {
  /** Shell text, one command per line of the file that holds it; other lines empty. */
  shell: string;
  /** What runs that cannot be read, with the 1-based line. */
  unknown: { line: number; what: string }[];
}

/** `before`: the committed text of the same file, when there is one (what the project already runs). */
export function toolCommands(kind: ToolCommandsKind, text: string, before?: string): ToolCommands {
  return kind === 'tox' ? toxCommands(text) : preCommitCommands(text, before);
}

/** Lines an edit adds, without the file around them: each line that could be a command is taken as one
 *  (a tox value, a pre-commit `entry`), and a hook repository named there is unknown. */
export function fragmentCommands(kind: ToolCommandsKind, text: string): ToolCommands {
  const lines = text.split(/\r?\n/);
  const unknown: ToolCommands['unknown'] = [];
  const commands: { line: number; text: string }[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    if (kind === 'tox') {
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
    if (atProgram(at) && !['envpython', 'envbindir', 'env_bin_dir', 'posargs'].includes(name!) && !inner.startsWith('[')) {
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

function scalar(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}

function quoted(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
