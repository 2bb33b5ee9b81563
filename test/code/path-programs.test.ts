// Programs written into folders on PATH (knowledge/implicit-code.ts programOnPathTarget): which files
// the shell runs as scripts, checked against the real shell, and which folders count.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runsAsBinary } from '../../src/intake/code/implicit.js';
import { programFolders, programOnPathTarget } from '../../src/knowledge/implicit-code.js';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

const scratch = mkdtempSync(join(tmpdir(), 'firebreak-path-programs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** What the shell makes of the file when a command runs it by path: its output, or undefined when it refuses it. */
function runByShell(text: string): string | undefined {
  const file = join(scratch, `p${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  chmodSync(file, 0o755);
  try {
    return execFileSync('bash', ['-c', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

describe('a file with a NUL is a binary only where the shell takes it for one', () => {
  const cases: [string, string][] = [
    ['#!/bin/sh\n\0\necho ran\n', 'a #! line: the interpreter runs it'],
    ['echo ran\n\0\n', 'no #!, a NUL past the first line'],
    ['echo ran \0\n', 'no #!, a NUL in the first line'],
    ['\x7fELF\x02\x01\x01\0\0\0', 'an ELF header'],
  ];
  for (const [text, what] of cases) {
    it(what, () => {
      const ran = runByShell(text);
      expect(runsAsBinary(text)).toBe(ran === undefined || !ran.includes('ran'));
    });
  }
});

describe('folders on PATH', () => {
  it('includes the folders installers put on PATH, whatever PATH Firebreak started with', () => {
    const folders = programFolders('/usr/bin', '/h');
    for (const f of ['/h/bin', '/h/.local/bin', '/h/go/bin', '/h/.cargo/bin', '/usr/local/bin']) expect(folders.has(f)).toBe(true);
    expect(folders.has('/h/projects')).toBe(false);
  });
  it("includes the project's tool folders, not others of the project", () => {
    const ws = '/w/app';
    expect(programOnPathTarget('node_modules/.bin/vitest', ws, ws)).toBeDefined();
    expect(programOnPathTarget('.venv/bin/pytest', ws, ws)).toBeDefined();
    expect(programOnPathTarget('packages/a/node_modules/.bin/jest', ws, ws)).toBeDefined();
    expect(programOnPathTarget('bin/tool', ws, ws)).toBeUndefined();
    expect(programOnPathTarget('node_modules/.bin/sub/x', ws, ws)).toBeUndefined();
  });
});

describe('a program written onto PATH', () => {
  const ws = caseWorkspace('path-programs', { 'nuke.sh': '#!/bin/sh\nrm -rf /srv/data\n', 'greet.sh': '#!/bin/sh\necho "hello $1"\n' });
  afterAll(() => rmSync(ws, { recursive: true, force: true }));
  const verdict = async (command: string) => (await check({ commands: [command], cwd: ws, implicitConfig: false })).report.verdict;

  it('is read with its NULs when the shell would run it as a script', async () => {
    expect(await verdict("printf '#!/bin/sh\\n\\0\\nrm -rf /srv/data\\n' > ~/.local/bin/tidy")).not.toBe('pass');
    expect(await verdict("printf '\\177ELF\\2\\1\\1\\0\\0\\0' > ~/.local/bin/tidy")).toBe('pass');
  });
  it('copied by cat is read as a copy', async () => {
    expect(await verdict('cat nuke.sh > ~/.local/bin/tidy')).toBe('block');
    expect(await verdict('cat greet.sh > ~/.local/bin/greet')).toBe('pass');
  });
  it('made by a command out of sight, or downloaded under the name of a system program, is unknown', async () => {
    expect(await verdict('base64 -d x.b64 > ~/.local/bin/tidy')).not.toBe('pass');
    expect(await verdict('curl -sSL https://example.com/git -o ~/.local/bin/git')).not.toBe('pass');
    expect(await verdict('curl -sSL https://example.com/mytool -o ~/.local/bin/mytool')).toBe('pass');
  });
  it('downloaded under the name of a tool judged by name is that tool only from its release address', async () => {
    // Later `aws ...`, `kubectl ...` are judged as the tool, so what stands in its place must be it.
    expect(await verdict('curl -sSL https://example.com/aws -o ~/.local/bin/aws')).not.toBe('pass');
    expect(await verdict('curl -sSLo ~/.local/bin/kubectl https://dl.k8s.io.example.com/kubectl')).not.toBe('pass');
    expect(await verdict('curl -fsSL -o ~/.local/bin/kubectl "$URL"')).not.toBe('pass');
    expect(await verdict('curl -fsSLo ~/.local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl')).toBe('pass');
  });
  it('that runs a file nobody has read is unknown, whatever its name', async () => {
    expect(await verdict("printf '#!/bin/sh\\n. /tmp/payload.sh\\n' > ~/bin/tidy")).not.toBe('pass');
    expect(await verdict("printf '#!/bin/sh\\nexec go run ./cmd/tool \"$@\"\\n' > ~/bin/tool")).toBe('pass');
  });
});

describe('a program the project builds onto PATH', () => {
  const files = {
    'go.mod': 'module example.com/app\n\ngo 1.21\n',
    'cmd/app/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("v1") }\n',
    'evil/main.go': 'package main\n\nimport "os"\n\nfunc main() { os.RemoveAll("/srv/data") }\n',
  };
  // The agent's own change (evil/ not committed), and the project as committed.
  const changed = caseWorkspace('path-programs-go', files, ['evil/main.go']);
  const committed = caseWorkspace('path-programs-go-committed', files);
  afterAll(() => [changed, committed].forEach((d) => rmSync(d, { recursive: true, force: true })));
  const verdictIn = (ws: string) => async (command: string) => (await check({ commands: [command], cwd: ws, implicitConfig: false })).report.verdict;
  const verdict = verdictIn(changed);

  it('is read as go run reads it when the agent changed its code: a later run by name is not read', async () => {
    expect(await verdict('go install ./evil')).toBe('block');
    expect(await verdict('go build -o ~/.local/bin/deploy ./evil')).toBe('block');
    expect(await verdict('go install ./cmd/app')).toBe('pass');
    expect(await verdict('go build -o bin/app ./evil')).toBe('pass');
  });
  it("committed, it is the project's own program, unless it takes a name judged as another tool", async () => {
    const inCommitted = verdictIn(committed);
    expect(await inCommitted('go install ./evil')).toBe('pass');
    expect(await inCommitted('go build -o ~/.local/bin/kubectl ./evil')).toBe('block');
    expect(await inCommitted('go build -o ~/.local/bin/ls ./evil')).toBe('block');
  });
  it('run by name through a PATH the line sets is that build', async () => {
    expect(await verdict('go build -o bin/app ./evil && PATH=$PWD/bin:$PATH app')).toBe('block');
    expect(await verdict('cd evil && go build && PATH=.:$PATH evil')).toBe('block');
    expect(await verdict('go build -o bin/app ./cmd/app && PATH=$PWD/bin:$PATH app')).toBe('pass');
  });
});
