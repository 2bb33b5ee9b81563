// Judging a command must run nothing the workspace's git config names. Firebreak reads the work tree
// with git, and git runs programs its config names: core.fsmonitor and a filter's clean command at
// `git status`, an external diff or textconv at `git diff`, hooks when the index is written, the
// ssh command, credential helper and askpass at a fetch. An agent that writes .git/config (one
// `echo >>`, or a repository it cloned) would otherwise have the guard run its program, unjudged.
// Each setting here is a marker program that touches a file; commands are judged through the CLI
// (a real process in the repository) and the CI gate, and no marker may appear.
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, symlinkSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCi } from '../../src/ci/gate.js';
import { safeGit } from '../../src/util/safe-git.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const TSX = createRequire(import.meta.url).resolve('tsx');
/** The folder of the git the tests' PATH finds. */
const PATH_OF_GIT = dirname(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim());

let dir: string;
let repo: string;
let marks: string;
let base: string;
let head: string;

const git = (...args: string[]) => execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
const marked = () => readdirSync(marks).sort();
const unmark = () => readdirSync(marks).forEach((name) => rmSync(join(marks, name)));

/** Every program the config can name, as `mark NAME`: touches marks/NAME, then passes data through. */
function plant(): void {
  const mark = join(dir, 'mark');
  writeFileSync(mark, `#!/bin/sh\nname=$1; shift\ntouch "${marks}/$name"\nif [ $# -gt 0 ] && [ -f "$1" ]; then exec cat "$1"; fi\nexec cat\n`);
  chmodSync(mark, 0o755);
  const settings: Record<string, string> = {
    'core.fsmonitor': `${mark} fsmonitor`,
    'filter.evil.clean': `${mark} clean`,
    'filter.evil.smudge': `${mark} smudge`,
    'filter.evil.required': 'true',
    'filter.proc.process': `${mark} process`,
    'diff.external': `${mark} diff-external`,
    'diff.evil.textconv': `${mark} textconv`,
    'diff.evil.command': `${mark} diff-command`,
    'core.sshCommand': `${mark} ssh`,
    'credential.helper': `!${mark} credential`,
    'core.askPass': `${mark} askpass`,
    'core.pager': `${mark} pager`,
    'core.editor': `${mark} editor`,
    'sequence.editor': `${mark} sequence-editor`,
    'gpg.program': `${mark} gpg`,
    'log.showSignature': 'true',
    'remote.origin.url': 'ssh://git@example.invalid/x.git',
    'remote.origin.fetch': '+refs/heads/*:refs/remotes/origin/*',
  };
  for (const [key, value] of Object.entries(settings)) git('config', key, value);
  execFileSync('git', ['-C', join(repo, 'sub'), 'config', 'filter.subf.clean', `${mark} sub-clean`]);
  // Through an include too: the filter's name is read from git, not only from .git/config's text.
  writeFileSync(join(dir, 'included.gitconfig'), `[filter "inc"]\n\tclean = ${mark} included-clean\n`);
  git('config', 'include.path', join(dir, 'included.gitconfig'));
  // A program named git where the agent's PATH runs through the workspace (a virtualenv, a relative entry).
  for (const folder of [join(repo, '.venv', 'bin'), repo]) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'git'), `#!/bin/sh\ntouch "${marks}/path-git"\nexec ${join(PATH_OF_GIT, 'git')} "$@"\n`);
    chmodSync(join(folder, 'git'), 0o755);
  }
  for (const hook of ['post-index-change', 'reference-transaction', 'pre-auto-gc', 'post-checkout', 'post-merge', 'pre-commit', 'post-rewrite', 'fsmonitor-watchman']) {
    writeFileSync(join(repo, '.git/hooks', hook), `#!/bin/sh\ntouch "${marks}/hook-${hook}"\n`);
    chmodSync(join(repo, '.git/hooks', hook), 0o755);
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'firebreak-runs-nothing-'));
  repo = join(dir, 'ws');
  marks = join(dir, 'marks');
  mkdirSync(repo);
  mkdirSync(marks);
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Dev Person');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'commit.gpgsign', 'false');
  const files: Record<string, string> = {
    '.gitattributes': 'a.txt filter=evil diff=evil\np.txt filter=proc\ni.txt filter=inc\ndeploy.sh diff=evil\n',
    'a.txt': 'alpha\n',
    'p.txt': 'process\n',
    'i.txt': 'included\n',
    'deploy.sh': '#!/bin/sh\necho deploying\n',
    'package.json': '{"name":"x","scripts":{"test":"node test.js"}}\n',
    'test.js': 'console.log("ok")\n',
  };
  for (const [path, text] of Object.entries(files)) writeFileSync(join(repo, path), text);
  // A repository made inside and added as a submodule: git status runs itself in it, with its own config.
  const sub = join(repo, 'sub');
  mkdirSync(sub);
  const inSub = (...args: string[]) => execFileSync('git', ['-C', sub, ...args], { stdio: 'ignore' });
  inSub('init', '-q', '-b', 'main');
  writeFileSync(join(sub, '.gitattributes'), 's.txt filter=subf\n');
  writeFileSync(join(sub, 's.txt'), 'sub\n');
  inSub('add', '-A');
  inSub('-c', 'user.name=x', '-c', 'user.email=x@example.com', 'commit', '-q', '-m', 'sub');
  writeFileSync(join(repo, '.gitmodules'), '[submodule "sub"]\n\tpath = sub\n\turl = ./sub\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  base = git('rev-parse', 'HEAD').trim();
  git('branch', 'upstream');
  git('branch', 'feature');
  writeFileSync(join(repo, 'deploy.sh'), '#!/bin/sh\necho deploying\nrm -rf /srv/data\n');
  writeFileSync(join(repo, 'a.txt'), 'alpha\nbeta\n');
  git('commit', '-q', '-am', 'ahead of upstream');
  head = git('rev-parse', 'HEAD').trim();
  git('branch', '--set-upstream-to=upstream');
  plant();
  // Stat data newer than the index, content the same: git must read (clean) each file to compare.
  const later = new Date(Date.now() + 60_000);
  for (const file of ['a.txt', 'p.txt', 'i.txt', 'deploy.sh', 'package.json', 'sub/s.txt']) utimesSync(join(repo, file), later, later);
  writeFileSync(join(repo, 'untracked.txt'), 'new\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COMMANDS = [
  'git status',
  'rm -rf a.txt p.txt i.txt',
  'rm -rf *.txt',
  'git reset --hard',
  'git checkout -- a.txt',
  'git clean -fdx',
  'git stash drop',
  'git commit -am wip',
  'npm test',
  'git merge feature',
  'git branch -D feature',
  'bash deploy.sh',
  'git push origin main',
];

describe('judging runs nothing the workspace configures', () => {
  it('commands judged through the CLI start no program the repository names', () => {
    const driver = join(dir, 'drive.mjs');
    writeFileSync(driver, `const { main } = await import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))});\nfor (const command of process.argv.slice(2)) process.stderr.write(\`\${command} -> \${await main(['node', 'firebreak', 'check', '--command', command, '--format', 'json'])}\\n\`);\n`);
    const out = execFileSync(process.execPath, ['--import', TSX, driver, ...COMMANDS], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, FIREBREAK_RESIDENT: '0', GIT_CONFIG_NOSYSTEM: '1', PATH: `${join(repo, '.venv', 'bin')}:.:${process.env.PATH}` }, timeout: 120_000 });
    void out;
    expect(marked()).toEqual([]);
  }, 180_000);

  it('the CI gate over a change to a script (a patch diff) starts none either', async () => {
    unmark();
    const path = process.env.PATH;
    process.env.PATH = `${join(repo, '.venv', 'bin')}:${path}`;
    const { report } = await runCi({ cwd: repo, base, head, failOn: 'escalate', noFetch: true }).finally(() => (process.env.PATH = path));
    expect(marked()).toEqual([]);
    expect(report.actions.some((a) => a.source?.file === 'deploy.sh')).toBe(true);
  }, 120_000);

  it('the markers are live: git itself, unguarded, runs them', () => {
    // Last, since it refreshes the index (and runs its hook).
    unmark();
    execFileSync('git', ['-C', repo, 'status', '--porcelain'], { stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
    try {
      execFileSync('git', ['-C', repo, 'diff', base, head], { stdio: 'ignore' });
    } catch {
      // the marker diff prints what it likes
    }
    expect(marked()).toEqual(expect.arrayContaining(['fsmonitor', 'clean', 'included-clean', 'process', 'diff-command', 'hook-post-index-change', 'sub-clean']));
    execFileSync('git', ['-C', repo, 'status', '--porcelain'], { stdio: 'ignore', env: { ...process.env, PATH: `${join(repo, '.venv', 'bin')}:${process.env.PATH}` } });
    expect(marked()).toContain('path-git');
  });
});

describe('what is left as the workspace has it', () => {
  it('git config and git var read the real values; rev-parse keeps core.hooksPath', () => {
    for (const args of [['config', 'core.hooksPath'], ['-C', '.', 'var', 'GIT_PAGER']]) {
      const call = safeGit(args, { env: { PATH: PATH_OF_GIT } });
      expect(call).toEqual({ file: join(PATH_OF_GIT, 'git'), args, env: { PATH: PATH_OF_GIT } });
    }
    const revParse = safeGit(['rev-parse', '--git-path', 'hooks'], { cwd: ROOT });
    expect(Object.entries(revParse.env).filter(([k, v]) => k.startsWith('GIT_CONFIG_KEY_') && v === 'core.hooksPath')).toEqual([]);
  });

  it('diff flags go after the subcommand, and only where git can diff', () => {
    expect(safeGit(['-C', 'x', '-c', 'a.b=c', 'show', 'HEAD:./f']).args).toEqual(['-C', 'x', '-c', 'a.b=c', 'show', '--no-ext-diff', '--no-textconv', 'HEAD:./f']);
    expect(safeGit(['stash', 'show', '-p']).args).toEqual(['stash', 'show', '--no-ext-diff', '--no-textconv', '-p']);
    expect(safeGit(['stash', 'list']).args).toEqual(['stash', 'list']);
    expect(safeGit(['status', '--porcelain']).args).toEqual(['status', '--porcelain']);
  });

  it('the settings come after the environment\'s own, and after GIT_CONFIG_PARAMETERS when set', () => {
    const env = safeGit(['status'], { cwd: ROOT, env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: 'evil', GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='evil'" } }).env;
    expect(env.GIT_CONFIG_KEY_0).toBe('core.fsmonitor');
    expect(env.GIT_CONFIG_VALUE_0).toBe('evil');
    expect(env.GIT_CONFIG_KEY_1).toBe('core.fsmonitor');
    expect(env.GIT_CONFIG_VALUE_1).toBe('false');
    expect(env.GIT_CONFIG_PARAMETERS).toMatch(/^'core\.fsmonitor'='evil' .*'core\.fsmonitor'='false'/);
  });

  it('the CI gate keeps its remote for fetches; reading the workspace has none', () => {
    const keys = (env: NodeJS.ProcessEnv) => Object.entries(env).filter(([k]) => k.startsWith('GIT_CONFIG_KEY_')).map(([, v]) => v);
    expect(keys(safeGit(['fetch', 'origin'], { cwd: ROOT, remote: true }).env)).not.toContain('protocol.allow');
    expect(keys(safeGit(['status'], { cwd: ROOT }).env)).toEqual(expect.arrayContaining(['protocol.allow', 'credential.helper', 'core.askPass']));
  });
});

describe('the git program', () => {
  it('is never one inside the repository, nor one a link outside points into it, even after it was chosen', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const link = join(bin, 'git');
    symlinkSync(join(PATH_OF_GIT, 'git'), link);
    const env = { PATH: `${join(repo, '.venv', 'bin')}:.:${bin}:${PATH_OF_GIT}` };
    expect(safeGit(['status'], { cwd: repo, env }).file).toBe(link);
    rmSync(link);
    symlinkSync(join(repo, '.venv', 'bin', 'git'), link);
    expect(safeGit(['status'], { cwd: repo, env }).file).toBe(join(PATH_OF_GIT, 'git'));
    expect(() => safeGit(['status'], { cwd: repo, env: { PATH: `${join(repo, '.venv', 'bin')}:.` } })).toThrow(/no git on PATH outside the repository/);
  });
});

describe('filter drivers are learned again when the config changes', () => {
  it('a driver added after git was asked is emptied too', () => {
    const other = mkdtempSync(join(tmpdir(), 'firebreak-filters-'));
    try {
      execFileSync('git', ['init', '-q', other]);
      const drivers = () => new Set(Object.entries(safeGit(['status'], { cwd: other }).env).filter(([k, v]) => k.startsWith('GIT_CONFIG_KEY_') && v?.startsWith('filter.')).map(([, v]) => v!.split('.')[1]));
      appendFileSync(join(other, '.git', 'config'), '[filter "one"]\n\tclean = cat\n');
      expect(drivers()).toEqual(new Set(['one']));
      expect(drivers()).toEqual(new Set(['one']));
      appendFileSync(join(other, '.git', 'config'), '[filter "two"]\n\tclean = cat\n');
      expect(drivers()).toEqual(new Set(['one', 'two']));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('no git escapes the module', () => {
  it('every file that starts git from node:child_process goes through safe-git', () => {
    const offenders: string[] = [];
    const walk = (folder: string) => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          const text = readFileSync(path, 'utf8');
          if (/^import \{[^}]*\b(spawn|spawnSync|execFile|execFileSync|exec|execSync)\b[^}]*\} from 'node:child_process'/m.test(text) && /\b(spawn|spawnSync|execFile|execFileSync|exec|execSync)\(\s*'git'/.test(text) && !text.includes('safeGit(')) offenders.push(path);
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(offenders).toEqual([]);
  });
});
