import { execFileSync } from '../util/exec-file-sync.js';
import { committedClean, gitTopLevel, insideWorkTree, tracksUnder } from '../fast/git-status.js';
import { closeSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, relative, resolve } from 'node:path';
import { walkFolders } from '../util/folder-walk.js';
import { findPattern } from '../util/find-pattern.js';
import { SCRATCH_ENVIRONMENT, WORKSPACE_ENVIRONMENT } from '../knowledge/workspace-files.js';
import {
  CONTENT_SCAN_LIMIT, DATA_DIRECTORY_NAMES, DATA_OR_SECRET_NAMES, IGNORED_OUTPUT_DIRECTORIES, IGNORED_OUTPUT_NAME_PATTERNS, INSTALL_TREES,
  OUTPUT_DIRECTORIES, OUTPUT_NAME_PATTERNS, TOOL_OWNED_DIRECTORIES,
} from '../knowledge/regenerable-output.js';
import { MACHINE_ENVIRONMENT } from '../knowledge/system-packages.js';
import type { Action, Evidence, Reversibility } from '../model.js';
import { present } from '../util/present.js';

/**
 * Deleting files inside the working directory is not a production change: it is placed in the
 * `workspace` environment, and whether it can be undone is checked against git and the list of
 * directories tools regenerate. Scratch space (/tmp, $TMPDIR, mktemp results) is placed in the
 * `scratch` environment: recoverable by definition. Paths outside both, `~` or `/` are left as
 * they are (judged like production data).
 */
export function placeWorkspaceDeletes(actions: Action[], cwd: string): Action[] {
  return actions.map((action) => {
    // A new program under /usr/local (src/intake/shell/recognisers/file-writes.ts): this machine, not a deployed environment.
    if (action.target.type === 'fs:path' && action.details?.machineInstall === true) {
      return { ...action, environment: MACHINE_ENVIRONMENT, environmentAssumed: false, production: false,
        evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is an install on this machine, not a deployed environment` }] };
    }
    // A cluster kind made earlier in the line (src/intake/shell/local-clusters.ts), unless firebreak.yaml places it.
    if (typeof action.details?.localCluster === 'string' && action.environmentAssumed !== false) {
      return { ...action, environment: MACHINE_ENVIRONMENT, environmentAssumed: false, production: false,
        evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is on a cluster this command made on this machine, not a deployed environment` }] };
    }
    if (action.target.type !== 'fs:path' || action.intrinsic) return action;
    // The backup an in-place edit earlier in the line made (src/intake/shell/edit-backups.ts), or what a tool's
    // download cache in the home folder holds (knowledge/home-caches.ts): only a copy goes.
    const copy = action.details?.editBackup ?? action.details?.toolCache;
    if (typeof copy === 'string') {
      return {
        ...action,
        environment: action.details?.withinWorkspace === true ? WORKSPACE_ENVIRONMENT : MACHINE_ENVIRONMENT,
        environmentAssumed: false,
        production: false,
        intrinsic: { reversibility: 'recoverable', evidence: [{ kind: 'input', message: copy }] },
      };
    }
    if (action.details?.scratch === true) {
      return {
        ...action,
        environment: SCRATCH_ENVIRONMENT,
        environmentAssumed: false,
        production: false,
        intrinsic: { reversibility: 'recoverable', evidence: [{ kind: 'knowledge', message: `${action.target.id} is scratch space: what is kept there is meant to be thrown away` }] },
        evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is scratch space, not a deployed environment` }],
      };
    }
    if (action.details?.withinWorkspace !== true) return action;
    if (action.details.absent === true) {
      return {
        ...action,
        environment: WORKSPACE_ENVIRONMENT,
        environmentAssumed: false,
        production: false,
        intrinsic: { reversibility: 'recoverable', evidence: [{ kind: 'input', message: `nothing is at ${action.target.id} now, and nothing earlier in the command makes it: the delete removes nothing` }] },
        evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is inside the working directory: the local workspace, not a deployed environment` }],
      };
    }
    const bounded = typeof action.details.boundedBy === 'string' ? action.details.boundedBy : undefined;
    const path = bounded ?? (typeof action.details.path === 'string' ? action.details.path : action.target.id);
    const filter = action.details.findFilter as FindFilter | undefined;
    const { reversibility, evidence } = filter ? matchesReversibility(path, filter, cwd) : workspaceReversibility(path, cwd, action);
    return {
      ...action,
      environment: WORKSPACE_ENVIRONMENT,
      environmentAssumed: false,
      production: false,
      intrinsic: { reversibility, evidence },
      evidence: [...action.evidence, { kind: 'input', message: `${action.target.id} is inside the working directory: the local workspace, not a deployed environment` }],
    };
  });
}

/** A name a build, an install or a test run brings back: the path itself or a folder above it
 *  (`tool`: a tool's own folder; `output`: output by convention; `ignored-output`: output only when git
 *  also ignores it). The first folder that is a tool's wins, then the outermost output folder. */
export function regenerableByName(relativePath: string): { head: string; kind: 'tool' | 'output' | 'ignored-output' } | undefined {
  const parts = relativePath.split('/').filter((p) => p && p !== '.');
  let output: { head: string; kind: 'output' | 'ignored-output' } | undefined;
  for (let i = 1; i <= parts.length; i++) {
    const head = parts.slice(0, i).join('/');
    const name = parts[i - 1];
    const is = (d: string) => head === d || head.endsWith(`/${d}`);
    if (TOOL_OWNED_DIRECTORIES.some(is)) return { head, kind: 'tool' };
    if (output?.kind === 'output') continue;
    if (OUTPUT_DIRECTORIES.some(is) || OUTPUT_NAME_PATTERNS.some((re) => re.test(name))) output = { head, kind: 'output' };
    else if (!output && (IGNORED_OUTPUT_DIRECTORIES.some(is) || IGNORED_OUTPUT_NAME_PATTERNS.some((re) => re.test(name)))) output = { head, kind: 'ignored-output' };
  }
  return output;
}

/** Kept for callers that only ask "is this name regenerable". */
export function isRegenerable(relativePath: string): string | undefined {
  return regenerableByName(relativePath)?.head;
}

interface Judgement { reversibility: Reversibility; evidence: Evidence[] }

const unknown = (message: string): Judgement => ({ reversibility: 'unknown', evidence: [{ kind: 'input', message }] });

function workspaceReversibility(path: string, cwd: string, action: Action): Judgement {
  // `build/*` empties build/: judge the folder.
  const relativePath = normalize(isAbsolute(path) ? relative(cwd, path) : path).replace(/\/+$/, '').replace(/(\/[^/]*[*?[][^/]*)+$/, '');
  const root = relativePath === '' || relativePath === '.';
  // `rm "$packageFile"` can only name something in the working directory (boundedBy): restorable
  // when git holds everything there and what it ignores is output. The directory itself never is.
  if (relativePath.startsWith('..') || (root && typeof action.details?.boundedBy !== 'string')) return unknown(`${path} is the working directory itself (or above it)`);
  const absolute = resolve(cwd, relativePath);
  const glob = /[*?[]/.test(relativePath);
  const dataName = dataOrSecretName(relativePath);
  // Output by name with nothing on disk (and no link on the way): no tracked file there to lose, so
  // git is not asked (four processes a hook call would otherwise start for `rm -rf build`).
  const byName = glob || dataName ? undefined : regenerableByName(relativePath);
  if (byName && byName.kind !== 'ignored-output' && !present(absolute) && !linkOnTheWay(relativePath, cwd)) {
    return { reversibility: 'recoverable', evidence: [{ kind: 'knowledge', message: `nothing is at ${relativePath} now, and ${byName.head} is named like ${byName.kind === 'tool' ? 'a folder its tool fills' : 'build, test or docs output'}: the delete loses nothing a build does not make again` }] };
  }
  const repo = gitRepository(cwd);
  // A glob is a git pathspec too: `rm .kiro/*/dev.json` is restorable when git holds every match.
  const git = repo ? gitState(absolute, cwd) : undefined;

  if (glob) {
    // `rm -rf .[cgk]*` matches .git: a glob is judged by what it matches on disk too.
    const hit = globMatches(relativePath, cwd).find((m) => dataOrSecretName(m));
    if (hit) return unknown(`${relativePath} matches ${hit}, which holds data or secrets (or is a version-control store) by its name`);
  }
  if (root && !git?.tracked) return unknown(`${path} is not a git working copy: what a path computed at run time names in it cannot be restored`);
  if (git?.tracked) {
    if (git.dirty) return unknown(`${relativePath || '.'} has uncommitted or untracked files in git: they would be lost`);
    const lost = git.ignored.filter((f) => !regenerableByName(f) || dataOrSecretName(f));
    if (lost.length) return unknown(`${relativePath || '.'} is committed in git, but ${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ` and ${lost.length - 3} more` : ''} under it ${lost.length === 1 ? 'is' : 'are'} ignored by git and would be lost`);
    return { reversibility: 'recoverable', evidence: [{ kind: 'input', message: `every file under ${relativePath || '.'} is committed and unmodified in git: \`git checkout -- ${relativePath || '.'}\` restores it` }] };
  }
  if (dataName) {
    return unknown(/^\.(git|svn|hg)$/.test(dataName)
      ? `${relativePath} is (inside) a version-control store (${dataName}): history and commits not pushed would be lost`
      : `${relativePath} is not (or not wholly) tracked by git and holds data or secrets by its name (${dataName}): no build makes it again`);
  }
  if (glob) {
    // `rm -f *.o`: only names that are output by their shape.
    const byName = regenerableByName(relativePath.replace(/[*?]/g, 'x'));
    return byName && byName.kind !== 'ignored-output'
      ? { reversibility: 'recoverable', evidence: [{ kind: 'knowledge', message: `${relativePath} names files that builds and tools regenerate` }] }
      : unknown(`${relativePath} is not (or not wholly) tracked by git: whether it can be restored is unknown`);
  }
  const link = linkOnTheWay(relativePath, cwd);
  if (link) return unknown(`${link.at === relativePath ? relativePath : `${relativePath} is reached through ${link.at}, which`} is a link to ${link.to}: the delete acts on what it points at, whose name says nothing`);

  const why = regeneratedBecause(relativePath, absolute, cwd, action, repo, git);
  if (!why) return unknown(`${relativePath} is not (or not wholly) tracked by git: whether it can be restored is unknown`);
  // Install trees hold packages' own files (`.env` samples, test certificates): not read.
  const scan = relativePath.split('/').some((n) => INSTALL_TREES.includes(n)) ? undefined : scanContents(absolute, cwd);
  if (scan) return unknown(`${relativePath} looks like regenerable output (${why.what}), but ${scan}`);
  return { reversibility: 'recoverable', evidence: [{ kind: why.kind, message: `${relativePath} is regenerable output: ${why.what}; to undo, ${why.undo}` }] };
}

interface Regenerated { kind: 'knowledge' | 'input'; what: string; undo: string }

/** Why an untracked workspace path is output something makes again, or undefined. */
function regeneratedBecause(relativePath: string, absolute: string, cwd: string, action: Action, repo: boolean, git: GitState | undefined): Regenerated | undefined {
  const byName = regenerableByName(relativePath);
  const inside = (head: string) => head === relativePath ? relativePath : `inside ${head}`;
  if (byName?.kind === 'tool') return { kind: 'knowledge', what: `${inside(byName.head)}, a folder its tool fills (installs, caches)`, undo: 're-run the install or the tool' };
  const ignored = git?.ignoredBy ? `git ignores it (${git.ignoredBy.rule})` : repo ? 'git does not ignore it' : 'not a git repository';
  // Output by convention counts by its name, ignored or not (projects often do not list `*.egg-info`,
  // `build`; the data names and the content scan guard what sits in it).
  if (byName?.kind === 'output') return { kind: 'knowledge', what: `${inside(byName.head)}, named like build, test or docs output; ${ignored}`, undo: 're-run the build that makes it' };
  // Any other name is output only when the project told git to ignore it, by a rule it committed.
  if (!repo || !git?.ignoredBy?.trusted) return undefined;
  if (byName) return { kind: 'knowledge', what: `${inside(byName.head)}, named like output; ${ignored}`, undo: 're-run the build that makes it' };
  if (compiledProgram(absolute)) return { kind: 'input', what: `a compiled program; ${ignored}`, undo: 're-run the build that makes it' };
  const made = makeTarget(absolute, cwd, action) ?? scriptRemakes(absolute, cwd, action) ?? codeRewrites(cwd, action);
  return made ? { kind: 'input', what: `${made.what}; ${ignored}`, undo: made.undo } : undefined;
}

/** The first name in the path that holds data or secrets (the path, a folder above it). */
function dataOrSecretName(relativePath: string): string | undefined {
  for (const name of relativePath.split('/')) {
    if (DATA_OR_SECRET_NAMES.some((re) => re.test(name)) || DATA_DIRECTORY_NAMES.some((re) => re.test(name))) return name;
  }
  return undefined;
}

/** What a simple glob (`*`, `?`, `[...]` in any segment) matches below cwd now, as the shell would
 *  (a leading dot is matched only by a pattern that starts with one). At most a few hundred. */
function globMatches(pattern: string, cwd: string): string[] {
  let found = [''];
  for (const segment of pattern.split('/')) {
    if (!/[*?[]/.test(segment)) {
      found = found.map((f) => (f ? `${f}/${segment}` : segment));
      continue;
    }
    const re = new RegExp(`^${segment.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.').replace(/\[!/g, '[^')}$`);
    const next: string[] = [];
    for (const f of found) {
      try {
        for (const name of readdirSync(join(cwd, f))) {
          if ((name.startsWith('.') && !segment.startsWith('.')) || !re.test(name)) continue;
          next.push(f ? `${f}/${name}` : name);
          if (next.length > 500) return next;
        }
      } catch {
        // not a folder: no match below it
      }
    }
    found = next;
  }
  return found;
}

/** The first folder on the way to the path, or the path itself, that is a symbolic link. */
function linkOnTheWay(relativePath: string, cwd: string): { at: string; to: string } | undefined {
  const parts = relativePath.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const at = parts.slice(0, i).join('/');
    try {
      if (lstatSync(join(cwd, at)).isSymbolicLink()) return { at, to: readlinkSync(join(cwd, at)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** What in a folder stops it being thrown away: data or secret files, a nested repository, links out
 *  of it, more than can be read in time. Install trees are not read (their files are packages'). */
function scanContents(root: string, cwd: string): string | undefined {
  let stat;
  try {
    stat = lstatSync(root);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return undefined;
  let found: string | undefined;
  const walk = walkFolders(root, { limit: CONTENT_SCAN_LIMIT, unreadable: 'stop' }, (entry, full, dir) => {
    const shown = relative(cwd, full);
    if (entry.name === '.git') found = `${shown} is a git repository inside it: commits not pushed would be lost`;
    else if (DATA_OR_SECRET_NAMES.some((re) => re.test(entry.name))) found = `${shown} holds data or secrets by its name`;
    else if (entry.isSymbolicLink()) {
      let to: string;
      try {
        to = resolve(dir, readlinkSync(full));
      } catch {
        found = `${shown} is a link that cannot be read`;
        return 'stop';
      }
      const within = (base: string) => to === base || to.startsWith(`${base}/`);
      if (!within(root) && (!within(cwd) || dataOrSecretName(relative(cwd, to)))) found = `${shown} is a link to ${to}: a delete that follows links removes what it points at`;
      return found ? 'stop' : 'next';
    }
    if (found) return 'stop';
    return INSTALL_TREES.includes(entry.name) ? 'next' : 'enter';
  });
  if (walk.end === 'limit') return `it holds more than ${CONTENT_SCAN_LIMIT} files: not all were checked for data`;
  if (walk.end === 'unreadable') return `${relative(cwd, walk.folder)} cannot be read`;
  return found;
}

interface Made { what: string; undo: string }

/** `clean: rm -rf dashboards_out` where the same (committed) Makefile has a rule that makes dashboards_out. */
function makeTarget(absolute: string, cwd: string, action: Action): Made | undefined {
  const recipe = action.evidence.find((e) => e.key === 'recipe' && typeof e.value === 'string' && /(^|\/)(GNUmakefile|[Mm]akefile|[^/]*\.mk):\d+/.test(e.value as string));
  if (!recipe) return undefined;
  const file = /^(.*?):\d+/.exec(recipe.value as string)![1];
  const makefile = resolve(cwd, file);
  if (!committedUnmodified(makefile, cwd)) return undefined;
  let text: string;
  try {
    text = readFileSync(makefile, 'utf8');
  } catch {
    return undefined;
  }
  const dir = dirname(makefile);
  const phony = new Set([...text.matchAll(/^\.PHONY\s*:(.*)$/gm)].flatMap((m) => m[1].trim().split(/\s+/)));
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const rule = /^([^\t#\s=:][^=:]*?)\s*::?(?!=)/.exec(line);
    if (!rule || rule[1].includes('$') || rule[1].includes('%')) continue;
    const target = rule[1].trim().split(/\s+/).find((t) => !phony.has(t) && resolve(dir, t) === absolute);
    if (target) {
      const where = relative(cwd, dir) || '.';
      return { what: `${relative(cwd, makefile)}:${i + 1} has a rule that makes it`, undo: `re-run \`make${where === '.' ? '' : ` -C ${where}`} ${target}\`` };
    }
  }
  return undefined;
}

/** The (committed) shell script that deletes it makes it again further down: `rm -rf $OUT; mkdir -p $OUT`,
 *  `rm -rf static/app; mv app/build static/app`, `> $OUT/x`, `-o $OUT`. */
function scriptRemakes(absolute: string, cwd: string, action: Action): Made | undefined {
  const { file, line, command } = action.source;
  if (!file || !line || !command) return undefined;
  // The script's name is relative to where it ran: the workspace, a `cd` earlier, a runner's folder.
  const folders = [cwd, ...action.evidence.flatMap((e) => typeof e.value !== 'string' ? [] : e.key === 'cwd' ? [resolve(cwd, e.value)] : e.key === 'recipe' ? [dirname(resolve(cwd, e.value.replace(/:\d+.*$/, '')))] : [])];
  for (const folder of [...new Set(folders)]) {
    const script = resolve(folder, file);
    let lines: string[];
    try {
      lines = readFileSync(script, 'utf8').split('\n');
    } catch {
      continue;
    }
    // The line on disk must be the line judged (a line that rewrote the script first is judged on what it wrote).
    if (!lines[line - 1]?.includes(command.trim()) || !committedUnmodified(script, cwd)) continue;
    return remadeBelow(lines, line, command, action.target.id, relative(cwd, script));
  }
  return undefined;
}

function remadeBelow(lines: string[], line: number, command: string, target: string, shown: string): Made | undefined {
  const operand = deletedOperand(command, target);
  if (!operand) return undefined;
  const word = `["']?${operand.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?`;
  const end = `(?=$|[\\s;|&)"'/])`;
  const remakes = [
    new RegExp(`^\\s*mkdir\\s+(-\\S+\\s+)*${word}${end}`),
    new RegExp(`^\\s*(mv|cp)\\s+(-\\S+\\s+)*\\S+\\s+${word}/?\\s*($|[;|&])`),
    new RegExp(`>>?\\s*${word}/`),
    new RegExp(`\\s(-o|-d|--out|--output|--outdir|--out-dir|--output-dir|--dest)[=\\s]+${word}${end}`),
  ];
  for (let i = line; i < lines.length; i++) {
    if (remakes.some((re) => re.test(lines[i]))) {
      return { what: `${shown}:${i + 1} makes it again after the delete (\`${lines[i].trim().slice(0, 80)}\`)`, undo: `re-run ${shown}` };
    }
  }
  return undefined;
}

/** The operand of `rm` that names this action's target, as written. */
function deletedOperand(command: string, target: string): string | undefined {
  const words = command.trim().split(/\s+/);
  if (!/(^|\/)rm$/.test(words[0] ?? '')) return undefined;
  const operands = words.slice(1).filter((w) => !w.startsWith('-'));
  if (operands.includes(target)) return target;
  return operands.length === 1 ? operands[0].replace(/^["']|["']$/g, '') : undefined;
}

/** A script's delete the same (committed) script follows with a write into what it deleted
 *  (src/intake/code/effects.ts records it as `regeneratedBy`). */
function codeRewrites(cwd: string, action: Action): Made | undefined {
  const by = action.details?.regeneratedBy as { file?: string; line?: number; call?: string } | undefined;
  if (!by?.file || !by.line) return undefined;
  if (!committedUnmodified(resolve(cwd, by.file), cwd)) return undefined;
  return { what: `${by.file}:${by.line} writes it again after the delete (\`${(by.call ?? '').slice(0, 80)}\`)`, undo: `re-run ${by.file}` };
}

/** `splitNames`: the matches reach rm split at blanks and quotes (`find | xargs rm`, `rm $(find)`). */
/** `caseless`: an -iname / -ipath test, which ignores case. */
interface FindFilter { names: string[]; paths: string[]; splitNames?: boolean; caseless?: boolean }

/** Names a shell or xargs would split into other paths. */
const SPLITS = /[\s'"\\]/;
/** Entries looked at below a folder git does not list (an ignored one), or for split names; past this the matches are not known. */
const MAX_WALKED = 20_000;

/** find ROOT -name X -delete: recoverable when X names regenerable files, or git holds every match. */
function matchesReversibility(root: string, filter: FindFilter, cwd: string): { reversibility: Reversibility; evidence: Evidence[] } {
  const names = filter.names;
  const at = isAbsolute(root) ? root : resolve(cwd, root);
  const nameRes = names.map((n) => findPattern(n, filter.caseless === true));
  const pathRes = filter.paths.map((p) => findPattern(p, filter.caseless === true, true));
  const matches = (f: string) => nameRes.some((re) => re.test(f.split('/').pop() ?? '')) || pathRes.some((re) => re.test(`./${f}`) || re.test(f));
  // git lists neither its own folder nor (without --ignored) ignored files: a match there is not in git.
  if (matches('.git') || matches('.git/HEAD') || matches('.git/objects')) {
    return { reversibility: 'irreversible', evidence: [{ kind: 'input', message: `${[...names, ...filter.paths].join(', ')} matches .git: the repository itself, with every commit, stash and branch not pushed anywhere` }] };
  }
  if (filter.splitNames) {
    const split = walkMatches(at, cwd, matches, (f) => SPLITS.test(f.split('/').pop() ?? ''));
    if (split !== undefined) return { reversibility: 'unknown', evidence: [{ kind: 'input', message: split === null ? `more than ${MAX_WALKED} entries under ${relative(cwd, at) || '.'}: whether a match has a blank or quote in its name (which rm would get as other paths) is not known` : `${split} matches, and its name is split at a blank or quote into paths that are not matches` }] };
  }
  if (names.length && !filter.paths.length && !filter.caseless && names.every((n) => !/[[\\]/.test(n) && isRegenerable(n.replace(/\*/g, 'x').replace(/\?/g, 'x')))) {
    return { reversibility: 'recoverable', evidence: [{ kind: 'knowledge', message: `${names.join(', ')} names files that builds and tools regenerate` }] };
  }
  try {
    const out = execFileSync('git', ['-C', cwd, 'status', '--porcelain', '-z', '--untracked-files=all', '--ignored=matching', '--', at], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    const tracked = execFileSync('git', ['-C', cwd, 'ls-files', '--', at], { encoding: 'utf8', timeout: 2000, stdio: ['ignore', 'pipe', 'ignore'] });
    if (tracked.trim() === '' && out.trim() === '') throw new Error('not in git');
    const entries = out.split('\0').filter(Boolean);
    const loose = entries.map((e) => e.slice(3).replace(/\/$/, ''));
    // An ignored match that builds and tools make again (`__pycache__`, `dist`) loses nothing.
    let hit = loose.find((f) => matches(f) && !(out.includes(`!! ${f}`) && isRegenerable(f)));
    // git lists an ignored folder, not what is in it: its matches are looked for on disk (a regenerable one's are output).
    for (const dir of entries.filter((e) => e.startsWith('!! ') && e.endsWith('/')).map((e) => e.slice(3, -1))) {
      if (hit !== undefined || isRegenerable(dir)) continue;
      const found = walkMatches(resolve(showTopLevel(cwd) ?? cwd, dir), cwd, matches, () => true);
      if (found !== undefined) hit = found ?? `${dir} (more than ${MAX_WALKED} entries, ignored by git)`;
    }
    if (!hit) return { reversibility: 'recoverable', evidence: [{ kind: 'input', message: `every file matching ${[...names, ...filter.paths].join(', ')} under ${relative(cwd, at) || '.'} is committed and unmodified in git` }] };
    return { reversibility: 'unknown', evidence: [{ kind: 'input', message: `${hit} matches and has uncommitted changes or is untracked: it would be lost` }] };
  } catch {
    return { reversibility: 'unknown', evidence: [{ kind: 'input', message: `the matches under ${root} are not tracked by git: whether they can be restored is unknown` }] };
  }
}

/** The first file or folder below `at` that matches and passes `also` (its path relative to cwd), undefined
 *  when none does, null when there are more entries than are looked at. git's own folder is not entered. */
function walkMatches(at: string, cwd: string, matches: (f: string) => boolean, also: (f: string) => boolean): string | null | undefined {
  let found: string | undefined;
  const walk = walkFolders(at, { limit: MAX_WALKED, breadthFirst: true }, (entry, path) => {
    const rel = relative(cwd, path);
    if (matches(rel) && also(rel)) {
      found = rel;
      return 'stop';
    }
    return entry.name === '.git' ? 'next' : 'enter';
  });
  return walk.end === 'limit' ? null : found;
}

/** A compiled program (ELF, Mach-O, PE): ignored by git, it is what the project's build made. */
function compiledProgram(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4);
    if (readSync(fd, head, 0, 4, 0) < 4) return false;
    const magic = head.toString('hex');
    return magic === '7f454c46' || ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(magic) || head.subarray(0, 2).toString('latin1') === 'MZ';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

// \`ls-files\` of a large repository's root lists every file (4 MB for pulumi's): past Node's 1 MB default
// the call failed and the repository read as no git working copy at all.
const gitIn = (cwd: string, args: string[]) => execFileSync('git', ['-C', cwd, ...args], { encoding: 'utf8', timeout: 2000, maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });

// The facts below come from the repository's files where src/fast/git-status.ts can read them the
// plain way (a workspace delete would otherwise start git up to seven times), and from git otherwise.

function gitRepository(cwd: string): boolean {
  if (insideWorkTree(cwd)) return true;
  try {
    return gitIn(cwd, ['rev-parse', '--is-inside-work-tree']).trim() === 'true';
  } catch {
    return false;
  }
}

interface GitState {
  /** git has files under the path. */
  tracked: boolean;
  /** Tracked files changed, or untracked files git does not ignore. */
  dirty: boolean;
  /** Ignored files and folders under a tracked path (lost with it). */
  ignored: string[];
  /** The ignore rule that covers an untracked path; trusted when the project committed it. */
  ignoredBy?: { rule: string; trusted: boolean };
}

function gitState(path: string, cwd: string): GitState | undefined {
  try {
    if (tracksUnder(cwd, path) ?? gitIn(cwd, ['ls-files', '--', path]).trim() !== '') {
      const dirty = gitIn(cwd, ['status', '--porcelain', '--untracked-files=all', '--', path]).trim() !== '';
      const ignored = gitIn(cwd, ['ls-files', '--others', '--ignored', '--exclude-standard', '--directory', '-z', '--', path]).split('\0').filter(Boolean).map((f) => f.replace(/\/$/, ''));
      const top = showTopLevel(cwd);
      return { tracked: true, dirty, ignored: ignored.map((f) => relative(cwd, resolve(top, f))) };
    }
    return untracked(path, cwd);
  } catch {
    return undefined;
  }
}

/** An untracked path: which ignore rule covers it is asked of git only when a judgment reads it (a
 *  tool's folder, `node_modules`, never does). An error there reads as no rule, as an error in
 *  gitState reads as no state. */
function untracked(path: string, cwd: string): GitState {
  let rule: Pick<GitState, 'ignoredBy'> | undefined | null = null;
  return {
    tracked: false,
    dirty: false,
    ignored: [],
    get ignoredBy() {
      if (rule === null) {
        try {
          rule = ignoreRule(path, cwd);
        } catch {
          rule = undefined;
        }
      }
      return rule?.ignoredBy;
    },
  };
}

function showTopLevel(cwd: string): string {
  return gitTopLevel(cwd) ?? gitIn(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/** `git check-ignore -v`: which rule ignores the path (a folder is also asked with a trailing slash,
 *  for `dir/` rules). Only a rule from a .gitignore committed as it is counts: any other may have just
 *  been added (`echo data/ >> .gitignore`, `.git/info/exclude`). */
function ignoreRule(path: string, cwd: string): Pick<GitState, 'ignoredBy'> | undefined {
  let isDirectory = true;
  try {
    isDirectory = lstatSync(path).isDirectory();
  } catch {
    // Nothing there: ask both ways.
  }
  for (const asked of isDirectory ? [path, `${path}/`] : [path]) {
    let out = '';
    try {
      out = gitIn(cwd, ['check-ignore', '-v', '--', asked]);
    } catch {
      continue;
    }
    const m = /^(.*?):(\d+):(.*)\t/.exec(out);
    if (!m || m[3].startsWith('!')) continue;
    const [, source, line, pattern] = m;
    const top = showTopLevel(cwd);
    const file = isAbsolute(source) ? source : resolve(top, source);
    // .git/info/exclude and the global excludes file are not committed: anything with a shell can add to them.
    const trusted = file.startsWith(`${top}/`) && !file.startsWith(`${top}/.git/`) && committedUnmodified(file, cwd);
    return { ignoredBy: { rule: `${isAbsolute(source) ? source : relative(cwd, file)}:${line} \`${pattern}\``, trusted } };
  }
  return undefined;
}

/** The file is in git's last commit and has not been changed since. */
function committedUnmodified(file: string, cwd: string): boolean {
  if (committedClean(cwd, resolve(cwd, file))) return true;
  try {
    if (gitIn(cwd, ['ls-files', '--error-unmatch', '--', file]).trim() === '') return false;
    return gitIn(cwd, ['status', '--porcelain', '--', file]).trim() === '';
  } catch {
    return false;
  }
}
