import { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { registerSandboxCommands } from '../../src/cli/sandbox-commands.js';

describe('registerSandboxCommands', () => {
  it('adds sandbox install|up|down|status and discover', () => {
    const program = new Command('firebreak');
    registerSandboxCommands(program);
    const sandbox = program.commands.find((c) => c.name() === 'sandbox')!;
    expect(sandbox.commands.map((c) => c.name()).sort()).toEqual(['down', 'install', 'status', 'up']);
    const discover = program.commands.find((c) => c.name() === 'discover')!;
    expect(discover.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--profile', '--region', '--endpoint-url', '--out']));
  });

  it('`sandbox status --json` reports what is installed and that no warm sandbox runs', async () => {
    const program = new Command('firebreak').exitOverride();
    registerSandboxCommands(program);
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const home = process.env.FIREBREAK_HOME;
    process.env.FIREBREAK_HOME = '/nonexistent/firebreak-home';
    try {
      await program.parseAsync(['node', 'firebreak', 'sandbox', 'status', '--json']);
    } finally {
      spy.mockRestore();
      if (home === undefined) delete process.env.FIREBREAK_HOME;
      else process.env.FIREBREAK_HOME = home;
    }
    expect(JSON.parse(out.join(''))).toEqual({ installed: { localstack: false, moto: false, extension: false }, running: false, health: [] });
  });
});
