// Paths inside a fresh container (container-paths.ts): host paths only under a mount, the
// container's own files otherwise; a run-time path is judged under every mount it could start with.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { innerCommandAt } from '../../src/intake/shell/container-engine.js';
import type { ContainerView } from '../../src/intake/shell/container-paths.js';
import { resolvePathWord, type PathContext } from '../../src/intake/shell/path-resolve.js';
import { committedWorkspace } from './committed-workspace.js';

const home = mkdtempSync(join(tmpdir(), 'firebreak-cp-home-'));
process.env.HOME = home;

const view = (mounts: ContainerView['mounts'], more: Partial<ContainerView> = {}): ContainerView => ({ mounts, workdirMounted: false, ...more });
const inside = (container: ContainerView, vars: Record<string, string | undefined> = {}): PathContext => ({ workspace: '/w', vars, env: { HOME: '/home/u' }, container });
const target = { container: '/target', host: '/w/target', written: '$PWD/target' };

describe('a path inside a container', () => {
  it('is the host path under a mount, and nothing of the host outside every mount', () => {
    expect(resolvePathWord('/target/release/rg', inside(view([target]))).paths).toEqual(['/w/target/release/rg']);
    expect(resolvePathWord('/target', inside(view([target]))).paths).toEqual(['/w/target']);
    const own = resolvePathWord('/etc/passwd', inside(view([target])));
    expect(own.paths).toEqual([]);
    expect(own.unknown).toBeUndefined();
    // `..` is resolved inside the container's root: it does not climb out of the mount on the host.
    expect(resolvePathWord('/target/../etc/x', inside(view([target]))).paths).toEqual([]);
    // Without the view the same word is the host's /target.
    expect(resolvePathWord('/target/release/rg', { workspace: '/w', vars: {}, env: {} }).paths).toEqual(['/target/release/rg']);
  });

  it('reaches the host folders of the mounts a folder holds', () => {
    expect(resolvePathWord('/', inside(view([target, { container: '/h', host: '/home/u', written: '~' }]))).paths.sort()).toEqual(['/home/u', '/w/target']);
    expect(resolvePathWord('/srv', inside(view([{ container: '/srv/data', host: '/data', written: '/data' }]))).paths).toEqual(['/data']);
  });

  it('judges a run-time path under the one mount it could start with, or as a host path when it could be several', () => {
    const one = resolvePathWord('/$BIN', inside(view([target])));
    expect(one.paths).toEqual([]);
    expect(one.unknown?.within).toBe('/w/target');
    expect(resolvePathWord('/target/$BIN', inside(view([target]))).unknown?.within).toBe('/w/target');
    expect(resolvePathWord('/opt/$BIN', inside(view([target]))).unknown).toBeUndefined();
    const two = resolvePathWord('/$BIN', inside(view([target, { container: '/h', host: '/home/u', written: '~' }])));
    expect(two.unknown?.within).not.toBe('/w/target');
    expect(two.unknown?.within).not.toBe('/home/u');
    // A mount whose host side is not known (a variable, a named volume): as a host path.
    expect(resolvePathWord('/$BIN', inside(view([{ container: '/target', written: '$OUT' }]))).unknown?.within).not.toBe('/w/target');
    // A value at the start of the path could be any folder: unknown unless there is no mount at all.
    expect(resolvePathWord('$X/.bashrc', inside(view([target]))).unknown).toBeDefined();
    expect(resolvePathWord('$X/.bashrc', inside(view([])))).toEqual({ written: '$X/.bashrc', paths: [] });
  });

  it('resolves relative paths in the mounted workdir on the host, and in an unmounted one in the container', () => {
    expect(resolvePathWord('.claude/settings.json', { ...inside(view([{ container: '/src', host: '/w', written: '$PWD' }], { workdir: '/src', startCwd: '.', workdirMounted: true })), cwd: '.' }).paths).toEqual(['/w/.claude/settings.json']);
    expect(resolvePathWord('build/x', inside(view([target], { workdir: '/app' }))).paths).toEqual([]);
    expect(resolvePathWord('x', { ...inside(view([target], { workdir: '/app' })), cwd: '/target' }).paths).toEqual(['/w/target/x']);
  });
});

describe('the command a container engine runs', () => {
  it('starts after the image, container or service', () => {
    expect(innerCommandAt(['docker', 'run', '--rm', '-v', 'a:/b', 'img', 'strip', '/x'])).toBe(6);
    expect(innerCommandAt(['docker', 'run', '-itv', 'a:/b', 'img', 'sh'])).toBe(5);
    expect(innerCommandAt(['docker', 'container', 'run', 'img'])).toBe(4);
    expect(innerCommandAt(['docker', 'exec', '-w', '/x', 'web', 'rm', 'f'])).toBe(5);
    expect(innerCommandAt(['docker', 'compose', '-f', 'c.yml', 'run', '--rm', 'app', 'make'])).toBe(7);
    expect(innerCommandAt(['docker', 'cp', 'a', 'web:/x'])).toBeUndefined();
  });
});

describe('judged end to end', () => {
  const ws = committedWorkspace('cp', { 'go.mod': 'module x\n' });
  const verdict = async (command: string) => (await check({ commands: [command], cwd: ws, implicitConfig: false })).report.verdict;

  it('passes a run-time path under a workspace mount, and stops it under a mount of the home folder', async () => {
    expect(await verdict('docker run --rm -v "$PWD/target:/target:Z" "ghcr.io/cross-rs/target:main" "strip" "/$BIN"')).toBe('pass');
    expect(await verdict('docker run --rm -v "$HOME:/h" alpine strip "/$BIN"')).not.toBe('pass');
    expect(await verdict('docker exec web strip "/$BIN"')).not.toBe('pass');
    expect(await verdict('docker run --rm --volumes-from web alpine strip "/$BIN"')).not.toBe('pass');
  });
});
