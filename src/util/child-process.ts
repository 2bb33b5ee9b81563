// node:child_process loaded on first use. Importing it loads net and the stream modules, ~3 ms of
// CPU, which a hook call pays even when it never starts a process (docs/speed.md).
import { createRequire } from 'node:module';

export type ChildProcess = typeof import('node:child_process');
let loaded: ChildProcess | undefined;

export function childProcess(): ChildProcess {
  loaded ??= (process.getBuiltinModule?.('node:child_process') as ChildProcess | undefined) ?? (createRequire(import.meta.url)('node:child_process') as ChildProcess);
  return loaded;
}
