// execFileSync with node:child_process loaded on first use. Importing it loads net and the stream
// modules, ~3 ms of CPU, which a hook call pays even when it never starts a process (docs/speed.md).
import type { ExecFileSyncOptionsWithStringEncoding } from 'node:child_process';
import { createRequire } from 'node:module';

type ChildProcess = typeof import('node:child_process');
let loaded: ChildProcess | undefined;

function childProcess(): ChildProcess {
  loaded ??= (process.getBuiltinModule?.('node:child_process') as ChildProcess | undefined) ?? (createRequire(import.meta.url)('node:child_process') as ChildProcess);
  return loaded;
}

export function execFileSync(file: string, args: readonly string[], options: ExecFileSyncOptionsWithStringEncoding): string {
  return childProcess().execFileSync(file, args, options);
}
