// `firebreak` must run however it is installed: npm puts a symlink named `firebreak` in a bin
// folder (global install, npm link, npx / node_modules/.bin) that points at bin/firebreak.js.
// These tests install the real package into a temporary prefix with the real npm.
import { describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = resolve(new URL('../..', import.meta.url).pathname);

async function exec(file: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let prefix: string;
let work: string;
beforeAll(async () => {
  prefix = await mkdtemp(join(tmpdir(), 'firebreak-prefix-'));
  work = await mkdtemp(join(tmpdir(), 'firebreak-work-'));
  // What `npm link` and `npm install -g <folder>` do: a symlinked package and a bin symlink.
  await run('npm', ['install', '--global', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', ROOT], { cwd: work });
});

describe('firebreak from an installed bin symlink', () => {
  it('prints its version through the global bin symlink (it used to print nothing and exit 0)', async () => {
    const result = await exec(join(prefix, 'bin', 'firebreak'), ['--version'], work);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('judges through the global bin symlink: a home-directory delete is blocked with exit 2', async () => {
    const result = await exec(join(prefix, 'bin', 'firebreak'), ['check', '--command', 'rm -rf ~/'], work);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^BLOCK/);
  });

  it('runs from a project-local node_modules/.bin symlink (what npx runs)', async () => {
    const project = await mkdtemp(join(tmpdir(), 'firebreak-npx-'));
    await mkdir(join(project, 'node_modules', '.bin'), { recursive: true });
    await symlink(ROOT, join(project, 'node_modules', 'firebreak'));
    await symlink('../firebreak/bin/firebreak.js', join(project, 'node_modules', '.bin', 'firebreak'));
    await writeFile(join(project, 'package.json'), '{"name":"p","version":"1.0.0","private":true}\n');
    const result = await exec('npx', ['--offline', '--no', 'firebreak', 'check', '--command', 'ls -la'], project);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PASS/);
  });
});

describe('bad paths are bad input naming the path (exit 3), never an internal error', () => {
  it('a directory given as an input file', async () => {
    const result = await exec(join(prefix, 'bin', 'firebreak'), ['check', work], work);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${work}: is a directory`);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  it('a missing input file', async () => {
    const result = await exec(join(prefix, 'bin', 'firebreak'), ['check', '--plan', 'nope/plan.json'], work);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/nope\/plan\.json: no such file/);
  });

  it('an output file in a folder that does not exist, before any work is done', async () => {
    const result = await exec(join(prefix, 'bin', 'firebreak'), ['check', '--command', 'ls', '-o', 'missing/dir/report.json'], work);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/missing\/dir\/report\.json: the output folder .*missing\/dir does not exist/);
    expect(result.stderr).not.toMatch(/internal error/);
  });

  it('an output path that is a directory', async () => {
    const result = await exec(join(prefix, 'bin', 'firebreak'), ['check', '--command', 'ls', '--format', 'json', '-o', work], work);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/is a directory/);
  });

  it('ci output folders are checked before the gate runs', async () => {
    const result = await exec(join(prefix, 'bin', 'firebreak'), ['ci', '--base', 'HEAD', '--sarif', 'out/x.sarif'], work);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/out\/x\.sarif: the output folder/);
  });
});
