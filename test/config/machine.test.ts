// The operator's machine declaration (src/config/machine.ts): only a plain, owner-only file in the
// per-user folder declares the machine ephemeral; a workspace's firebreak.yaml, the command's own
// variables and anything the agent writes do not.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { machineText, parseMachineText, readMachineDeclaration } from '../../src/config/machine.js';
import { parseConfig } from '../../src/config/config.js';
import { check } from '../../src/pipeline.js';
import { toolActions } from '../../src/agents/hook/tool-actions.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { onMachine } from '../corpus/machine-env.js';
import { caseWorkspace } from '../corpus/workspace.js';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function userFolder(text?: string, mode = 0o600): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-machine-test-'));
  made.push(dir);
  if (text !== undefined) {
    writeFileSync(join(dir, 'machine.yaml'), text);
    chmodSync(join(dir, 'machine.yaml'), mode);
  }
  return dir;
}

describe('the declaration file', () => {
  it('reads what `firebreak machine --ephemeral` writes', () => {
    const dir = userFolder(machineText('GitHub Actions runner', new Date('2026-12-08T00:00:00Z')));
    const reading = readMachineDeclaration({ FIREBREAK_HOME: dir });
    expect(reading).toEqual({ declared: { ephemeral: true, reason: 'GitHub Actions runner', file: join(dir, 'machine.yaml'), line: 2 } });
  });

  it('is nothing when absent or false', () => {
    expect(readMachineDeclaration({ FIREBREAK_HOME: userFolder() })).toEqual({ none: true });
    expect(readMachineDeclaration({ FIREBREAK_HOME: userFolder('ephemeral: false\nreason: x\n') })).toEqual({ none: true });
  });

  it('is ignored without a reason, with other keys, or with a value that is not true or false', () => {
    expect(parseMachineText('ephemeral: true\n', '/f')).toHaveProperty('ignored');
    expect(parseMachineText('ephemeral: yes\nreason: x\n', '/f')).toHaveProperty('ignored');
    expect(parseMachineText('ephemeral: true\nreason: x\nproduction: false\n', '/f')).toHaveProperty('ignored');
    expect(parseMachineText('machine:\n  ephemeral: true\n', '/f')).toHaveProperty('ignored');
    expect(parseMachineText('ephemeral: true\nephemeral: true\nreason: x\n', '/f')).toHaveProperty('ignored');
  });

  it('is ignored when others can write it', () => {
    const dir = userFolder('ephemeral: true\nreason: x\n', 0o666);
    expect(readMachineDeclaration({ FIREBREAK_HOME: dir })).toHaveProperty('ignored', expect.stringMatching(/writable by other users/));
  });

  it('is ignored when it is a link (to a file the agent can write)', () => {
    const dir = userFolder();
    const workspace = userFolder();
    writeFileSync(join(workspace, 'm.yaml'), 'ephemeral: true\nreason: x\n', { mode: 0o600 });
    symlinkSync(join(workspace, 'm.yaml'), join(dir, 'machine.yaml'));
    expect(readMachineDeclaration({ FIREBREAK_HOME: dir })).toHaveProperty('ignored', expect.stringMatching(/symbolic link/));
  });

  it('is ignored when it is a folder', () => {
    const dir = userFolder();
    mkdirSync(join(dir, 'machine.yaml'));
    expect(readMachineDeclaration({ FIREBREAK_HOME: dir })).toHaveProperty('ignored');
  });
});

describe('where a declaration may come from', () => {
  const NOW = new Date('2026-06-01T12:00:00Z');

  it("a workspace's firebreak.yaml saying `machine:` is accepted, ignored and noted", () => {
    const config = parseConfig('version: 1\nmachine:\n  ephemeral: true\n  reason: CI\n', '/repo/firebreak.yaml');
    expect(config.machine).toBeUndefined();
    expect(config.notes?.[0]).toMatch(/machine:` is ignored/);
  });

  it("a workspace's firebreak.yaml does not relax machine setup, and the report says why", async () => {
    const cwd = caseWorkspace('machine-test', { 'firebreak.yaml': 'version: 1\nmachine:\n  ephemeral: true\n  reason: CI\n' });
    made.push(cwd);
    const { report } = await check({ commands: ['sudo systemctl stop docker'], cwd, now: NOW });
    expect(report.verdict).toBe('escalate');
    expect(report.warnings.join('\n')).toMatch(/machine:` is ignored/);
  });

  it('the per-user folder of the hook process does, naming the file in the evidence', async () => {
    const cwd = caseWorkspace('machine-test');
    made.push(cwd);
    const { report } = await onMachine('ephemeral', () => check({ commands: ['sudo systemctl stop docker'], cwd, implicitConfig: false, now: NOW }));
    expect(report.verdict).toBe('pass');
    expect(report.reasons[0].message).toMatch(/the operator declared this machine ephemeral in \/.*machine\.yaml:2 \(corpus case/);
  });

  it('writing the declaration with a file tool is a guard-file action', async () => {
    const dir = userFolder();
    const saved = process.env.FIREBREAK_HOME;
    process.env.FIREBREAK_HOME = dir;
    try {
      const actions = await toolActions({ agent: 'claude-code', tool: 'Write', commands: [], cwd: userFolder(), askSupported: true, humanPresent: true, files: [{ path: join(dir, 'machine.yaml'), access: 'write' }] });
      expect(actions.map((a) => a.target.type)).toContain('firebreak:guard-file');
    } finally {
      if (saved === undefined) delete process.env.FIREBREAK_HOME;
      else process.env.FIREBREAK_HOME = saved;
    }
  });

  it('`firebreak machine --ephemeral` run by the agent is a guard-file action', async () => {
    const actions = await parseShellCommand('firebreak machine --ephemeral --reason ci', { kind: 'shell', command: 'firebreak machine --ephemeral --reason ci' }, { cwd: userFolder() });
    expect(actions.some((a) => a.target.type === 'firebreak:guard-file' && /machine\.yaml$/.test(a.target.id))).toBe(true);
  });
});
