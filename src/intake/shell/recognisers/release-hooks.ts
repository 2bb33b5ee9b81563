// goreleaser runs the commands of its configuration's `before: hooks:` (and each build's
// `hooks: pre/post`) on every release and build, `--snapshot` and `--skip=publish` included. A
// configuration the project committed is its own; one changed since (or written by the line) holds
// commands nobody has read: they are read as shell commands (as tox's and pre-commit's are), so a
// changed hook that runs `go mod tidy` passes and one that runs `rm -rf ~` stops. A template
// (`{{ .Version }}`) is a value known only when goreleaser runs; a hook this does not read (not a
// string or `cmd:`, a file that is not YAML) leaves the run unknown.
import { execFileSync } from '../../../util/exec-file-sync.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { dirname, resolve } from 'node:path';
import { committedClean } from '../../../fast/git-status.js';
import { firstExisting, readProjectFile, runDirectory } from '../runners/project.js';
import type { RecognisedCommand } from '../command.js';

const CONFIG_NAMES = ['.goreleaser.yml', '.goreleaser.yaml', 'goreleaser.yml', 'goreleaser.yaml'];
/** goreleaser commands that run the hooks (the root command is `release`). */
const RUNS_HOOKS = new Set(['', 'release', 'build']);
const HOOKS = /^\s*(?:hooks|pre|post)\s*:/m;

/** The hook commands of a changed release configuration, each with its line; `why` when they cannot be read. */
export interface ReleaseHooks { file: string; commands: { line: number; text: string }[]; why?: string }

/** The hooks of a changed release configuration, when goreleaser runs them; undefined when they are the project's own (or there are none). */
export function changedReleaseHooks(cmd: RecognisedCommand, path: readonly string[], options: readonly (readonly [string, string])[]): ReleaseHooks | undefined {
  if (!RUNS_HOOKS.has(path[0] ?? '')) return undefined;
  const dir = runDirectory(cmd);
  if (!dir.ok) return undefined;
  const given = options.find(([o]) => o === '--config' || o === '-f')?.[1];
  const file = given ? resolve(dir.value, given) : firstExisting(cmd, dir.value, CONFIG_NAMES);
  if (!file) return undefined;
  const read = readProjectFile(cmd, file);
  if (!read.ok) return read.missing ? undefined : { file, commands: [], why: `goreleaser runs the hooks of ${read.why}` };
  if (!HOOKS.test(read.value.text)) return undefined;
  if (cmd.workspace && committedAsIs(cmd.workspace, file)) return undefined;
  const shown = read.value.shown;
  const hooks = hookCommands(read.value.text);
  return 'why' in hooks ? { file: shown, commands: [], why: `${shown} has hooks goreleaser runs on every release and build (snapshots included), changed since they were committed, and ${hooks.why}` } : { file: shown, commands: hooks.commands };
}

/** `before.hooks`, `after.hooks` and every build's `hooks.pre`/`hooks.post`: a string, a list of strings, or `cmd:` entries. */
export function hookCommands(text: string): { commands: { line: number; text: string }[] } | { why: string } {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  if (doc.errors.length) return { why: `it is not YAML goreleaser can read (${doc.errors[0]!.message.split('\n')[0]})` };
  const lineOf = (n: Node | null | undefined) => (n?.range ? counter.linePos(n.range[0]).line : 1);
  const commands: { line: number; text: string }[] = [];
  let unread: string | undefined;
  const take = (node: unknown, where: string) => {
    if (node === undefined || node === null) return;
    const items = isSeq(node) ? node.items : [node];
    for (const item of items) {
      const cmdNode = isMap(item) ? item.get('cmd', true) : item;
      if (isScalar(cmdNode) && typeof cmdNode.value === 'string') {
        // A template is a value goreleaser fills in when it runs.
        commands.push({ line: lineOf(cmdNode as Node), text: cmdNode.value.replace(/\{\{[^}]*\}\}/g, '"$GORELEASER_TEMPLATE_VALUE"') });
        if (isMap(item) && item.get('dir') !== undefined) unread ??= `the hook at line ${lineOf(item as Node)} runs in a folder of its own`;
      } else unread ??= `the ${where} hook at line ${lineOf(item as Node)} is not a command Firebreak reads`;
    }
  };
  for (const key of ['before', 'after']) {
    const section = doc.get(key, true);
    if (isMap(section)) take(section.get('hooks', true), key);
  }
  const builds = doc.get('builds', true);
  if (isSeq(builds)) {
    for (const build of builds.items) {
      const hooks = isMap(build) ? build.get('hooks', true) : undefined;
      if (isMap(hooks)) for (const k of ['pre', 'post']) take(hooks.get(k, true), `build ${k}`);
    }
  }
  return unread ? { why: unread } : { commands };
}

/** Whether git holds `file` as it is on disk: the index's stat data, else git itself (an error or a timeout is "no"). */
function committedAsIs(workspace: string, file: string): boolean {
  if (committedClean(workspace, file)) return true;
  try {
    const git = (args: string[]) => execFileSync('git', ['-C', dirname(file), ...args], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    git(['ls-files', '--error-unmatch', '--', file]);
    return git(['status', '--porcelain', '--', file]).trim() === '';
  } catch {
    return false;
  }
}
