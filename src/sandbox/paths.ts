import { join, resolve } from 'node:path';

/** Where Firebreak keeps its emulator venvs, warm-sandbox state and logs. */
export function firebreakHome(): string {
  return resolve(process.env.FIREBREAK_HOME ?? join(process.cwd(), '.firebreak'));
}

export const sandboxPaths = {
  venv: (name: 'localstack' | 'moto') => join(firebreakHome(), 'venv', name),
  venvBin: (name: 'localstack' | 'moto', bin: string) => join(firebreakHome(), 'venv', name, 'bin', bin),
  stateFile: () => join(firebreakHome(), 'sandbox', 'state.json'),
  logs: () => join(firebreakHome(), 'sandbox', 'logs'),
  runs: () => join(firebreakHome(), 'sandbox', 'runs'),
};
