// Writes INTO a scratch root (docs/commands.md, "Scratch space"): copying or extracting into /tmp adds
// entries and passes; a name a running service keeps there, a delete option, or changing the root stops.
// Real archives made with the real tar and zip in real git workspaces.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { committedWorkspace } from './committed-workspace.js';

process.env.HOME = mkdtempSync(join(tmpdir(), 'firebreak-srw-home-'));

async function judged(command: string, cwd: string): Promise<{ verdict: string; why: string }> {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  return { verdict: report.verdict, why: report.reasons.filter((r) => r.decision !== 'pass').map((r) => r.message).join(' | ') };
}

/** A workspace holding `name`, an archive (made by `tool`) whose members are `members`. */
function withArchive(name: string, members: string[], tool: 'tar' | 'zip'): string {
  const src = mkdtempSync(join(tmpdir(), 'firebreak-srw-src-'));
  for (const m of members) {
    mkdirSync(join(src, m, '..'), { recursive: true });
    writeFileSync(join(src, m), 'x\n');
  }
  const ws = committedWorkspace('srw', { 'README.md': 'x\n' });
  if (tool === 'tar') execFileSync('tar', ['-czf', join(ws, name), '-C', src, ...members]);
  else execFileSync('zip', ['-qr', join(ws, name), ...members], { cwd: src });
  execFileSync('git', ['-C', ws, 'add', '-A']);
  execFileSync('git', ['-C', ws, '-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'a']);
  return ws;
}

describe('extracting into the scratch root', () => {
  it('an archive of plain names passes, in every spelling of tar', async () => {
    const ws = withArchive('tool.tgz', ['tool/bin/tool', 'README'], 'tar');
    for (const c of ['tar -xzf tool.tgz -C /tmp', 'tar xzf tool.tgz -C /tmp', 'tar -C /tmp -x -z -f tool.tgz', 'tar --extract --gzip --file=tool.tgz --directory=/tmp']) {
      expect((await judged(c, ws)).verdict, c).toBe('pass');
    }
  });

  it('an archive holding a service\'s name in /tmp stops, wherever that name sits in a member', async () => {
    for (const members of [['.X11-unix/X0'], ['tmux-1000/default'], ['pkg/ssh-agent.sock'], ['ok/file', 'systemd-private-abc/tmp/x']]) {
      const ws = withArchive('a.tgz', members, 'tar');
      const r = await judged('tar -xzf a.tgz -C /tmp', ws);
      expect(r.verdict, members.join(',')).not.toBe('pass');
      expect(r.why).toMatch(/a name a running service keeps in scratch space|belongs to a running service/);
    }
  });

  it('unzip -d /tmp is judged on the zip\'s names the same way', async () => {
    expect((await judged('unzip -o tool.zip -d /tmp', withArchive('tool.zip', ['bin/tool'], 'zip'))).verdict).toBe('pass');
    const evil = withArchive('evil.zip', ['.ICE-unix/1'], 'zip');
    for (const c of ['unzip -o evil.zip -d /tmp', 'unzip -P secret evil.zip -d /tmp', 'unzip -d /tmp evil.zip']) expect((await judged(c, evil)).verdict, c).not.toBe('pass');
  });

  it('an archive given on stdin from a file is read as that file', async () => {
    const evil = withArchive('evil.tar', ['.X11-unix/X0'], 'tar');
    for (const c of ['tar -x -C /tmp < evil.tar', 'cat evil.tar | tar -xf - -C /tmp']) expect((await judged(c, evil)).verdict, c).not.toBe('pass');
    expect((await judged('tar -xz -C /tmp < tool.tgz', withArchive('tool.tgz', ['tool/bin/tool'], 'tar'))).verdict).toBe('pass');
  });

  it('an archive downloaded earlier (not on disk now) passes into /tmp, and still stops into a test folder', async () => {
    const ws = committedWorkspace('srw', { 'README.md': 'x\n' });
    expect((await judged('tar -xzf /tmp/firebreak-absent-doctl.tgz -C /tmp', ws)).verdict).toBe('pass');
    expect((await judged('tar -xzf /tmp/firebreak-absent-doctl.tgz -C tests', ws)).verdict).not.toBe('pass');
  });
});

describe('copying into the scratch root', () => {
  it('a copy adds an entry named after its source; a service\'s name stops', async () => {
    const ws = committedWorkspace('srw', { 'build/out.txt': 'x\n', '.X11-unix/X0': 'x\n', 'tmux-1000/default': 'x\n' });
    expect((await judged('cp -R build /tmp', ws)).verdict).toBe('pass');
    expect((await judged('cp -R ${ROOTDIR} ${TMPDIR}', ws)).verdict).toBe('pass');
    expect((await judged('cp -R .X11-unix /tmp', ws)).verdict).not.toBe('pass');
    expect((await judged('mv tmux-1000 /tmp', ws)).verdict).not.toBe('pass');
  });

  it('a copy of a folder\'s contents is judged on the entries it holds', async () => {
    const ws = committedWorkspace('srw', { 'evil/.X11-unix/X0': 'x\n', 'ok/bin/tool': 'x\n' });
    for (const c of ['cp -rT evil /tmp', 'cp -r evil/. /tmp', 'rsync -a evil/ /tmp', 'cp --no-target-directory -r evil /tmp']) {
      expect((await judged(c, ws)).verdict, c).not.toBe('pass');
    }
    for (const c of ['cp -rT ok /tmp', 'rsync -a ok/ /tmp', 'cp -r evil /tmp']) expect((await judged(c, ws)).verdict, c).toBe('pass');
  });

  it('deleting, syncing with --delete, moving from or locking the root is not a write into it', async () => {
    const ws = committedWorkspace('srw', { 'dist/app.js': 'x\n' });
    for (const c of ['rm -rf /tmp', 'rsync -a --delete dist/ /tmp', 'rsync -a --del dist/ /tmp', 'chmod -R 000 /tmp', 'chown -R nobody /tmp', 'mv /tmp /tmp.old']) {
      expect((await judged(c, ws)).verdict, c).not.toBe('pass');
    }
  });
});
