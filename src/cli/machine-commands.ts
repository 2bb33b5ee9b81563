// commander wiring for `firebreak machine`: the operator's declaration that this machine is thrown
// away after the job (src/config/machine.ts has the file, src/predict/ephemeral-machine.ts its effect).
import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../errors.js';

export function registerMachineCommands(program: Command): void {
  program
    .command('machine')
    .summary("declare this machine ephemeral (a CI runner, devcontainer or sandbox thrown away after the job)")
    .description(
      "Show or set the operator's declaration about this machine, kept in Firebreak's per-user folder where the agent cannot write it. " +
        'Declared ephemeral, changes to the machine\'s own system state (system packages, local services, kernel modules, users, files inside /etc, /usr, /opt) pass as recoverable machine setup; ' +
        'remote systems, the workspace, databases\' data, credentials, guard files and bind or network mounts are judged as before. Without options it shows the declaration.',
    )
    .option('--ephemeral', 'declare the machine ephemeral (needs --reason)')
    .option('--reason <text>', 'who declares it and why the machine is thrown away (shown in every verdict it relaxes)')
    .option('--not-ephemeral', 'remove the declaration')
    .action(async (flags: { ephemeral?: boolean; reason?: string; notEphemeral?: boolean }) => {
      const { machineFile, machineText, readMachineDeclaration } = await import('../config/machine.js');
      const file = machineFile();
      if (flags.ephemeral || flags.notEphemeral) {
        const { agentToolMarker } = await import('../agents/protocol/presence.js');
        const marker = agentToolMarker(process.env);
        if (marker) throw new InputError(`firebreak machine refuses to run inside an agent's tool (${marker} is set): the operator declares the machine, in a job step or their own terminal`);
      }
      if (flags.ephemeral && flags.notEphemeral) throw new InputError('--ephemeral and --not-ephemeral contradict each other');
      if (flags.notEphemeral) {
        rmSync(file, { force: true });
        process.stdout.write(`${file} removed: this machine is judged as a developer's machine\n`);
        return;
      }
      if (flags.ephemeral) {
        if (!flags.reason?.trim()) throw new InputError('--ephemeral needs --reason TEXT (who declares it and why the machine is thrown away)');
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, machineText(flags.reason, new Date()), { mode: 0o600 });
        chmodSync(temporary, 0o600);
        renameSync(temporary, file);
      }
      const reading = readMachineDeclaration();
      if ('declared' in reading) process.stdout.write(`this machine is declared ephemeral in ${reading.declared.file}:${reading.declared.line}: ${reading.declared.reason}\n`);
      else if ('ignored' in reading) process.stdout.write(`no declaration is in force: ${reading.ignored}\n`);
      else process.stdout.write(`this machine is not declared ephemeral (${file} is absent or says ephemeral: false)\n`);
    });
}
