// Firebreak judged on peer guards' own test suites: the commands cc-safety-net's tests assert it
// blocks or allows, and the cases of destructive_command_guard's (dcg) regression corpus, read from a
// checkout of that project at run time (never copied into this
// repository: Firebreak is measured on corpora it does not hold), each judged by `check` in a git
// workspace with work in progress (committed files with uncommitted edits, an untracked file, a
// stash, an unmerged branch), because a guard that looks at the repository passes `git reset --hard`
// in a clean tree where it loses nothing.
//
//   npx tsx bench/peer-suite.ts PEER_CHECKOUT [--list]
//
// PEER_CHECKOUT: a checkout (or a `fetch` mirror's git directory) of kenryu42/claude-code-safety-net
// (its tests/**/*.test.ts) or of Dicklesworthstone/destructive_command_guard (its tests/corpus/**/*.toml,
// read with Python's tomllib). For cc-safety-net, cases whose verdict depends on its modes (paranoid,
// strict, worktree, custom rules set in the environment) are left out. The two guards answer different questions, so disagreement is not
// error by itself: `--list` prints every case where they differ, to be read.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { check } from '../src/pipeline.js';
import { caseWorkspace, gitIn } from '../test/corpus/workspace.js';

interface PeerCase { file: string; line: number; peer: 'blocked' | 'allowed'; run: string }
type Files = { path: string; text: string }[];

const [source, ...flags] = process.argv.slice(2);
if (!source) { console.error('usage: npx tsx bench/peer-suite.ts PEER_CHECKOUT [--list]'); process.exit(3); }

/** Files under tests/ ending in `suffix`, from a work tree or from a bare git directory's HEAD. */
function testFiles(dir: string, suffix: string): Files {
  const bare = !existsSync(join(dir, 'tests'));
  const git = (...args: string[]) => execFileSync('git', bare ? ['--git-dir', dir, ...args] : ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return git('ls-tree', '-r', '--name-only', 'HEAD', 'tests').split('\n').filter((p) => p.endsWith(suffix))
    .map((path) => ({ path, text: git('show', `HEAD:${path}`) }));
}

/** dcg's corpus: `[[case]] command = "..." expected = "deny"|"allow"` (or expected_decision). */
function dcgCases(files: Files): PeerCase[] {
  const script = 'import json,sys,tomllib\nout=[]\nfor f in json.load(sys.stdin):\n  for c in tomllib.loads(f["text"]).get("case",[]):\n    if "command" in c: out.append([f["path"],c["command"],c.get("expected") or c.get("expected_decision")])\nprint(json.dumps(out))';
  const rows = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 64 << 20 })) as [string, string, string][];
  return rows.map(([file, run, expected]) => ({ file, line: 0, peer: expected === 'deny' ? 'blocked' : 'allowed', run }));
}

const MODE_DEPENDENT = /paranoid|strict|worktree|withEnv|SAFETY_NET|custom|config/i;

/** `assertBlocked('cmd', ...)` / `assertAllowed('cmd')` with a literal command, outside mode-dependent tests. */
function safetyNetCases(files: Files): PeerCase[] {
  const out: PeerCase[] = [];
  for (const { path, text } of files) {
    const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node, context: string[]): void => {
      let inner = context;
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
        const name = n.expression.text;
        const first = n.arguments[0];
        if (['describe', 'test', 'it'].includes(name) && first && ts.isStringLiteralLike(first)) inner = [...context, first.text];
        if ((name === 'assertBlocked' || name === 'assertAllowed') && first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first)) && !MODE_DEPENDENT.test(inner.join(' '))) {
          out.push({ file: path, line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1, peer: name === 'assertBlocked' ? 'blocked' : 'allowed', run: first.text });
        }
      }
      ts.forEachChild(n, (k) => visit(k, inner));
    };
    visit(sf, []);
  }
  return out;
}

/** A repository in the middle of work: what git commands can lose is really there. */
function workInProgress(home: string): string {
  const names = ['file.txt', 'file1.txt', 'file2.txt', 'a.txt', 'b.txt', 'foo', 'paths.txt', 'src/app.js'];
  const cwd = caseWorkspace('peer-suite', Object.fromEntries(names.map((f) => [f, 'committed\n'])));
  gitIn(cwd, 'branch', '-M', 'main');
  gitIn(cwd, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(cwd, 'feature.txt'), 'unmerged work\n');
  gitIn(cwd, 'add', '.');
  gitIn(cwd, 'commit', '-q', '-m', 'feature work');
  gitIn(cwd, 'checkout', '-q', 'main');
  writeFileSync(join(cwd, 'file.txt'), 'stashed\n');
  gitIn(cwd, 'stash', '-q');
  for (const f of names) writeFileSync(join(cwd, f), 'uncommitted edit\n');
  writeFileSync(join(cwd, 'notes.txt'), 'untracked work\n');
  mkdirSync(join(home, 'projects', 'site'), { recursive: true });
  writeFileSync(join(home, 'projects', 'site', 'index.html'), '<p>work</p>\n');
  return cwd;
}

const toml = testFiles(source, '.toml').filter((f) => f.path.startsWith('tests/corpus/'));
const peer = toml.length ? 'destructive_command_guard' : 'cc-safety-net';
const cases = toml.length ? dcgCases(toml) : safetyNetCases(testFiles(source, '.test.ts'));
// A home folder outside the temp folder: under it, deleting `~/projects` would be scratch.
mkdirSync(join(homedir(), '.cache'), { recursive: true });
const home = mkdtempSync(join(homedir(), '.cache', 'firebreak-peer-home-'));
process.on('exit', () => rmSync(home, { recursive: true, force: true }));
process.env.HOME = home;
const cwd = workInProgress(home);
const NOW = new Date('2026-06-01T12:00:00Z');
const judged: (PeerCase & { verdict: string; why: string })[] = [];
for (const c of cases) {
  const { report } = await check({ commands: [c.run], cwd, implicitConfig: false, now: NOW });
  judged.push({ ...c, verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ') });
}

const rate = (xs: typeof judged, stop: boolean) => {
  const n = xs.filter((x) => (x.verdict !== 'pass') === stop).length;
  return `${n}/${xs.length} = ${xs.length ? ((100 * n) / xs.length).toFixed(1) : '-'}%`;
};
const blocked = judged.filter((x) => x.peer === 'blocked');
const allowed = judged.filter((x) => x.peer === 'allowed');
console.log(`${peer}'s test commands judged by Firebreak (${cases.length} cases${peer === 'cc-safety-net' ? ' with a literal command, mode-dependent ones left out' : ''}; workspace with work in progress under ${tmpdir()}, HOME a fresh folder in ~/.cache)\n`);
console.log('| the peer\'s test says | cases | Firebreak stops | Firebreak passes |\n|---|---:|---:|---:|');
console.log(`| blocked | ${blocked.length} | ${rate(blocked, true)} | ${rate(blocked, false)} |`);
console.log(`| allowed | ${allowed.length} | ${rate(allowed, true)} | ${rate(allowed, false)} |`);
if (flags.includes('--list')) {
  for (const [title, xs] of [['blocked by the peer, passed by Firebreak', blocked.filter((x) => x.verdict === 'pass')], ['allowed by the peer, stopped by Firebreak', allowed.filter((x) => x.verdict !== 'pass')]] as const) {
    console.log(`\n${title} (${xs.length}):`);
    for (const x of xs) console.log(`  ${x.file}${x.line ? `:${x.line}` : ''}  ${JSON.stringify(x.run)}${x.why ? `\n      ${x.verdict}: ${x.why.slice(0, 200)}` : ''}`);
  }
}
