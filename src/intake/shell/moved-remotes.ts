// Where a remote points, changed earlier in the same line. `git pull` from the shared remote passes
// (its commits are judged by `firebreak ci` in the pull request, and are not here to read before the
// fetch), but that holds only while the remote is the shared one: `git remote set-url origin /tmp/y &&
// git pull && sh b.sh` pulls from a repository nobody has read, and b.sh is not what is on disk now.
// Kept per line, by the map of files the line writes (shared by every command of the line), as
// moves.ts and local-clusters.ts do.

/** Set once a command of the line changed where a remote points (value: what did). */
const MOVED = '\u0000git:remote-moved';
/** Set once the line fetched from a repository nobody has read (value: from where). */
const FETCHED = '\u0000git:unread-fetch';

/** Settings that decide which repository a remote name reaches (or which refs a fetch moves). */
const REDIRECTING_KEY = /^(remote\..+\.(url|fetch)|url\..+\.insteadof|include\.path|includeif\..+\.path)$/i;
/** git config options that take the next word as their value. */
const CONFIG_VALUE_OPTIONS = /^(-f|--file|--blob|--type|--default|--comment|--value)$/;
/** Config files whose text decides where remotes point, written by the line (`>> .git/config`). */
const CONFIG_FILE = /(^|\/)(\.git\/config|\.gitconfig|\.config\/git\/config)$/;
/** Variables that give git more config (or another config file, home or repository) for one command. */
const CONFIG_VARIABLES = ['GIT_CONFIG_COUNT', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG', 'GIT_DIR', 'HOME', 'XDG_CONFIG_HOME'];

interface Line {
  files?: Map<string, string>;
  env?: Record<string, string | undefined>;
  /** The variables as the shell that started the line had them: a value still the same is not the line's. */
  inherited?: Record<string, string | undefined>;
}

/**
 * Records what this git command (`sub`, `rest`: after git's own options) does to where remotes point,
 * and returns why a pull or fetch it makes reaches a repository nobody has read, if it does.
 * `configs`: git's `-c` values; `assigned`: the variables set on the command itself.
 */
export function remoteMovedBefore(line: Line, sub: string, rest: readonly string[], configs: readonly string[], assigned: readonly string[], urlOf: (remote: string) => string | undefined): string | undefined {
  const files = line.files;
  if (!files) return undefined;
  if (sub === 'remote' && ['set-url', 'rename', 'add'].includes(rest[0] ?? '')) {
    // `git remote set-url origin git@github.com:octo/app.git`: the same repository by another transport.
    const operands = rest.slice(1).filter((a) => !a.startsWith('-'));
    if (rest[0] === 'set-url' && operands.length === 2 && !rest.includes('--push') && sameRepository(urlOf(operands[0]!), operands[1]!)) return undefined;
    files.set(MOVED, `git remote ${rest.join(' ')}`.slice(0, 200));
    return undefined;
  }
  if (sub === 'config') {
    const words: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      if (CONFIG_VALUE_OPTIONS.test(rest[i]!)) i++;
      else if (!rest[i]!.startsWith('-')) words.push(rest[i]!);
    }
    // `git config set KEY VALUE` (git 2.46) names the action first.
    const name = ['set', 'unset'].includes(words[0] ?? '') ? words[1] : words[0];
    const same = name !== undefined && words.length === 2 && /^remote\..+\.url$/i.test(name) && sameRepository(urlOf(name.slice(7, -4)), words[1]!);
    if (name !== undefined && !same && REDIRECTING_KEY.test(name) && (words.length > 1 || rest.some((a) => /^--(unset|unset-all|remove-section|rename-section)$/.test(a)))) {
      files.set(MOVED, `git config ${rest.join(' ')}`.slice(0, 200));
    }
    return undefined;
  }
  if (sub !== 'pull' && sub !== 'fetch') return undefined;
  const why = movedFor(line, configs, assigned);
  if (why !== undefined && sub === 'fetch') files.set(FETCHED, why);
  return why;
}

function movedFor(line: Line, configs: readonly string[], assigned: readonly string[]): string | undefined {
  const files = line.files!;
  const moved = files.get(MOVED);
  if (moved !== undefined) return `\`${moved}\` earlier in this command points a remote elsewhere`;
  const written = [...files.keys()].find((k) => CONFIG_FILE.test(k));
  if (written !== undefined) return `${written}, written earlier in this command, may point a remote elsewhere`;
  const config = configs.find((c) => REDIRECTING_KEY.test(c.split('=')[0] ?? ''));
  if (config !== undefined) return `\`-c ${config}\` points a remote elsewhere`;
  const variable = CONFIG_VARIABLES.find((v) => assigned.includes(v) || (line.env?.[v] !== undefined && line.env[v] !== line.inherited?.[v] && line.env[v] !== process.env[v]));
  if (variable !== undefined) return `${variable}, set by this command line, gives git another configuration, which may point a remote elsewhere`;
  return undefined;
}

/** The line fetched earlier from a repository nobody has read: what names a fetched revision now holds its commits. */
export function unreadFetchBefore(files: Map<string, string> | undefined): string | undefined {
  return files?.get(FETCHED);
}

/** A fetch from another repository on this machine (`git fetch /tmp/y main`): its commits are nobody's to have read. */
export function recordUnreadFetch(files: Map<string, string> | undefined, why: string): void {
  files?.set(FETCHED, why);
}

/** Two URLs of one hosted repository (`https://github.com/o/r.git`, `git@github.com:o/r`): not a path on this machine. */
function sameRepository(before: string | undefined, after: string): boolean {
  if (before === undefined || /[$`]/.test(after)) return false;
  const norm = (u: string) => (/^(\.|\/|~|file:)/.test(u) ? undefined : u.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]+@/, '').replace(/^([^/:]+):(?!\d)/, '$1/').replace(/^([^/:]+):\d+\//, '$1/').replace(/(\.git)?\/*$/, '').toLowerCase());
  const a = norm(before);
  return a !== undefined && a.includes('/') && a === norm(after);
}
