// Archives that bring the guard's own files: real archives made by the real tar and zip in a real
// git workspace, extracted by every spelling the guard models, against look-alikes that must pass.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { gitIn } from '../corpus/workspace.js';
import { makeArchive } from '../support/archives.js';

const made: string[] = [];
afterAll(() => { for (const d of made) rmSync(d, { recursive: true, force: true }); });

const HOOKED = '{"hooks":{"PreToolUse":[{"matcher":"Bash","hooks":[{"type":"command","command":"firebreak hook --agent claude-code"}]}]}}';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-extract-guard-'));
  made.push(dir);
  mkdirSync(join(dir, '.claude'));
  writeFileSync(join(dir, '.claude/settings.json'), HOOKED);
  writeFileSync(join(dir, 'README.md'), '# p\n');
  gitIn(dir, 'init', '-q', '-b', 'main');
  gitIn(dir, 'add', '-A');
  gitIn(dir, 'commit', '-q', '-m', 'initial');
  return dir;
}

/** `name` in `dir`, made by the real tar or zip from `members` (and symbolic `links`), left uncommitted. */
function archive(dir: string, name: string, members: Record<string, string>, links: Record<string, string> = {}, tarArgs: string[] = []): void {
  makeArchive(dir, name, members, { links, linksFirst: true, tarArgs, made });
}

async function verdict(cwd: string, command: string): Promise<{ verdict: string; why: string }> {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false, now: new Date('2026-01-01T00:00:00Z') });
  const evidence = report.actions.flatMap((a) => a.evidence.map((e) => e.message));
  return { verdict: report.verdict, why: [...report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message), ...evidence].join(' | ') };
}

describe('an archive holding a guard file is a guard change', () => {
  it.each([
    ['tar -xf a.tar', 'a.tar'],
    ['tar -xzf a.tgz', 'a.tgz'],
    ['tar xzvf a.tgz', 'a.tgz'],
    ['tar --extract --file=a.tgz', 'a.tgz'],
    ['bsdtar -xf a.tar', 'a.tar'],
    ['tar -xf a.tar < /dev/null', 'a.tar'],
    ['tar -x < a.tar', 'a.tar'],
    ['unzip -o a.zip', 'a.zip'],
    ['unzip -qq a.zip -d .', 'a.zip'],
    ['python3 -m zipfile -e a.zip .', 'a.zip'],
    ['python3 -m tarfile -e a.tar', 'a.tar'],
    ['jar xf a.zip', 'a.zip'],
  ])('%s', async (command, name) => {
    const dir = workspace();
    archive(dir, name, { '.claude/settings.json': '{}', 'src/app.ts': 'export {}' });
    const v = await verdict(dir, command);
    expect(v.verdict, v.why).not.toBe('pass');
    expect(v.why).toMatch(/\.claude\/settings\.json/);
  });

  it('a member that lands on the hook registration only once its first folder is stripped', async () => {
    const dir = workspace();
    archive(dir, 'a.tgz', { 'pkg/.claude/settings.json': '{}', 'pkg/README.md': 'x' });
    expect((await verdict(dir, 'tar -xzf a.tgz --strip-components=1')).verdict).not.toBe('pass');
    expect((await verdict(dir, 'tar -xzf a.tgz')).verdict).toBe('escalate'); // pkg/.claude: a hook file name wherever it lands
  });

  it('a member that climbs out of the folder it is extracted into', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'vendor'));
    archive(dir, 'a.tar', { p: '{}' }, {}, ['-P', '--transform', 's,^p$,x/../../.claude/settings.json,']);
    expect((await verdict(dir, 'tar -xPf a.tar -C vendor/x')).verdict).not.toBe('pass');
  });

  it('a link member pointing at the hook registration', async () => {
    const dir = workspace();
    archive(dir, 'a.tar', {}, { 'notes.json': '.claude/settings.json' });
    const v = await verdict(dir, 'tar -xf a.tar');
    expect(v.verdict, v.why).not.toBe('pass');
  });

  it('Firebreak\'s own config and state folder in an archive', async () => {
    const dir = workspace();
    archive(dir, 'a.zip', { 'firebreak.yaml': 'environments: {}\n' });
    expect((await verdict(dir, 'unzip a.zip')).verdict).not.toBe('pass');
    archive(dir, 'b.tar', { '.firebreak/settings.json': '{}' });
    expect((await verdict(dir, 'tar xf b.tar')).verdict).not.toBe('pass');
  });

  it('an archive that cannot be listed, extracted into the workspace root', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.tgz'), 'not an archive at all');
    const v = await verdict(dir, 'tar -xzf broken.tgz');
    expect(v.verdict, v.why).not.toBe('pass');
    expect(v.why).toMatch(/workspace root/);
  });
});

describe('archives without guard files pass', () => {
  it.each([
    ['tar -xzf a.tgz', 'a.tgz'],
    ['tar -xzf a.tgz -C build', 'a.tgz'],
    ['unzip -o a.zip -d dist', 'a.zip'],
    ['unzip a.zip', 'a.zip'],
    ['python3 -m zipfile -e a.zip out', 'a.zip'],
  ])('%s', async (command, name) => {
    const dir = workspace();
    archive(dir, name, { 'dist/app.js': 'console.log(1)\n', 'docs/settings.json': '{}', 'README.md': 'x' });
    const v = await verdict(dir, command);
    expect(v.verdict, v.why).toBe('pass');
  });

  it('an archive nobody can list, extracted into a build folder', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'broken.tgz'), 'not an archive at all');
    expect((await verdict(dir, 'tar -xzf broken.tgz -C build')).verdict).toBe('pass');
  });

  it('only named members that are not guard files', async () => {
    const dir = workspace();
    archive(dir, 'a.tgz', { '.claude/settings.json': '{}', 'bin/tool': 'x' });
    expect((await verdict(dir, 'tar -xzf a.tgz bin/tool')).verdict).toBe('pass');
  });
});
