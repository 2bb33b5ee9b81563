// A command find (or xargs after it) runs on each file find finds: judged with the files on disk now,
// in real git workspaces, through the real parser and walk.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { findMatches, mayMakeFiles } from '../../src/intake/shell/find-matches.js';
import type { RecognisedCommand } from '../../src/intake/shell/command.js';
import { parseShell } from '../../src/intake/shell/parser.js';
import { committedWorkspace } from './committed-workspace.js';

const EXAMPLES = {
  'docs/examples/hello.py': "print('hello')\n",
  'docs/examples/nested/sums.py': 'print(sum([1, 2]))\n',
  'docs/examples/.hidden.py': 'print(0)\n',
  'docs/examples/notes.md': '# notes\n',
  'docs/index.md': '# docs\n',
};

/** What find-matches reads of a command: where it runs. */
function at(workspace: string, cwd?: string): RecognisedCommand {
  return { workspace, cwd, env: {} } as unknown as RecognisedCommand;
}

function matches(workspace: string, find: string, cwd?: string): string[] | undefined {
  const [cmd] = parseShell(find);
  const words = cmd.words.slice(1);
  const roots = words.filter((w, i) => !w.value.startsWith('-') && words.slice(0, i).every((x) => !x.value.startsWith('-')));
  return findMatches(at(workspace, cwd), roots, words.slice(roots.length).map((w) => w.value))?.printed.sort();
}

const ran = async (command: string, cwd: string) => (await parseShellCommand(command, {}, { cwd })).map((a) => `${a.operation} ${a.target.type} ${a.target.id}`);

describe('findMatches: what a find prints, worked out on disk now', () => {
  const ws = committedWorkspace('find-matches', EXAMPLES);

  it('evaluates name, type and depth tests as find does (`*` matches a leading dot)', () => {
    expect(matches(ws, "find docs/examples -type f -name '*.py'")).toEqual(['docs/examples/.hidden.py', 'docs/examples/hello.py', 'docs/examples/nested/sums.py']);
    expect(matches(ws, "find docs/examples/ -maxdepth 1 -name '*.py' ! -name '.*'")).toEqual(['docs/examples/hello.py']);
    expect(matches(ws, "find docs -path '*/nested/*'")).toEqual(['docs/examples/nested/sums.py']);
    expect(matches(ws, 'find docs -type d')).toEqual(['docs', 'docs/examples', 'docs/examples/nested']);
    expect(matches(ws, "find docs/examples -iname 'HELLO.PY'")).toEqual(['docs/examples/hello.py']);
  });

  it('follows a cd the line made', () => {
    expect(matches(ws, "find examples -name 'hello.py'", 'docs')).toEqual(['examples/hello.py']);
  });

  it('is not worked out for tests it does not evaluate, roots outside the workspace, a missing root', () => {
    expect(matches(ws, "find docs -name '*.py' -o -type f")).toBeUndefined();
    expect(matches(ws, 'find docs -newer docs/index.md')).toBeUndefined();
    expect(matches(ws, "find /etc -name 'hosts'")).toBeUndefined();
    expect(matches(ws, "find .. -name '*.py'")).toBeUndefined();
    expect(matches(ws, "find missing -name '*.py'")).toBeUndefined();
    expect(matches(ws, "find \"$DIR\" -name '*.py'")).toBeUndefined();
  });

  it('is not worked out when a match is a link or has a name a shell would read as more than a word', () => {
    const linked = committedWorkspace('find-matches-link', { 'ex/a.py': 'print(1)\n' });
    symlinkSync('/etc/hostname', join(linked, 'ex', 'b.py'));
    expect(matches(linked, "find ex -name '*.py'")).toBeUndefined();
    const odd = committedWorkspace('find-matches-odd', { 'ex/a.py': 'print(1)\n', 'ex/x;reboot;.py': 'print(2)\n' });
    expect(matches(odd, "find ex -name '*.py'")).toBeUndefined();
    expect(matches(odd, "find ex -name 'a.py'")).toEqual(['ex/a.py']);
  });

  it('gives up past the bound on matches', () => {
    const many = committedWorkspace('find-matches-many', Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`ex/f${i}.py`, 'print(1)\n'])));
    expect(matches(many, "find ex -name '*.py'")).toBeUndefined();
  });
});

describe('mayMakeFiles', () => {
  it('lets through programs that run the file they are given, or only print', () => {
    expect(mayMakeFiles('uv run python docs/a.py >/dev/null 2>&1 || (echo "docs/a.py failed")')).toBe(false);
    expect(mayMakeFiles("sh -c 'bash ex/a.sh > /dev/null || echo failed'")).toBe(false);
  });

  it('stops at a write, another program, or an interpreter told to run something else', () => {
    expect(mayMakeFiles('python3 a.py > out.py')).toBe(true);
    expect(mayMakeFiles("sh -c 'cp /tmp/x a.next.sh; bash a.sh'")).toBe(true);
    expect(mayMakeFiles('python3 -m runpy a.py')).toBe(true);
    expect(mayMakeFiles('tar -xf a.tar')).toBe(true);
    expect(mayMakeFiles('python3 "$(cat a)"')).toBe(true);
  });
});

describe('find -exec and find | xargs run on each match', () => {
  const ws = committedWorkspace('find-each', { ...EXAMPLES, 'docs/examples/nested/cleanup.py': "import shutil\nshutil.rmtree('/srv/data')\n" });

  it('judges each file the command gets: a harmful one among them is found', async () => {
    for (const command of [
      "find docs/examples -type f -name '*.py' | xargs -I'{}' sh -c 'python3 {} >/dev/null 2>&1 || (echo \"{} failed\")'",
      "find docs/examples -name '*.py' -exec python3 {} \\;",
      "find docs/examples -name '*.py' -print0 | xargs -0 -n1 python3",
    ]) {
      expect((await ran(command, ws)).join('\n'), command).toMatch(/delete fs:path \/srv\/data/);
    }
  });

  it('passes the same command over harmless files only', async () => {
    const clean = committedWorkspace('find-each-clean', EXAMPLES);
    expect(await ran("find docs/examples -type f -name '*.py' | xargs -I'{}' sh -c 'python3 {} >/dev/null 2>&1 || (echo \"{} failed\")'", clean)).toEqual([]);
    expect(await ran("find docs/examples -name '*.py' -exec python3 {} +", clean)).toEqual([]);
  });

  it('keeps the match unknown when the line may have written files before, or the runs write', async () => {
    const clean = committedWorkspace('find-each-written', EXAMPLES);
    const before = await ran("touch docs/examples/z.py; find docs/examples -name '*.py' | xargs -n1 python3", clean);
    expect(before.join('\n')).toMatch(/\$XARGS_INPUT/);
    const writes = committedWorkspace('find-each-writes', { 'ex/a.py': "open('ex/sub/z.py', 'w').write(open('/tmp/p.py').read())\n", 'ex/sub/k.py': 'print(1)\n' });
    expect((await ran("find ex -name '*.py' | xargs -n1 python3", writes)).join('\n')).toMatch(/\$XARGS_INPUT/);
  });
});
