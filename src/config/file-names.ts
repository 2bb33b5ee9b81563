// The names Firebreak reads its own context from. The config loader, the hook's state directory
// and the guard (which protects these files from the agent) all use these, so what the guard
// protects is always what the loader reads.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Config file names, in the order the loader tries them in each folder. */
export const CONFIG_FILE_NAMES = ['firebreak.yaml', 'firebreak.yml', '.firebreak.yaml', '.firebreak.yml'] as const;

/** The per-repository state folder: settings, approvals, audit log, gateway counters. */
export const STATE_DIR_NAME = '.firebreak';

/** Overrides the state folder (tests, unusual layouts). */
export const STATE_DIR_VARIABLE = 'FIREBREAK_STATE_DIR';

/** The nearest config file in `startDir` or a parent folder, if any. */
export function findConfigFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Per-user files that must live outside every workspace the agent can write to: the approval
 * key, the ledger of spent approvals, the record of installed hooks, the machine declaration.
 * FIREBREAK_HOME, else $XDG_CONFIG_HOME/firebreak, else ~/.config/firebreak.
 */
export function userDir(env: NodeJS.ProcessEnv = process.env, home = env.HOME ?? ''): string {
  if (env.FIREBREAK_HOME) return resolve(env.FIREBREAK_HOME);
  if (env.XDG_CONFIG_HOME) return join(resolve(env.XDG_CONFIG_HOME), 'firebreak');
  return join(home || '/', '.config', 'firebreak');
}

/** What lives in the user folder. */
export const USER_FILES = {
  /** HMAC key that seals approval records (secret: reads are guarded too). */
  approvalKey: 'approval.key',
  /** One file per spent once-only approval: replaying an old record finds it here. */
  spent: 'spent',
  /** What `hook install` registered, with the sha256 of the entry file. */
  installs: 'installs.json',
  /** The team server this machine is connected to, with its pinned public key. */
  serverConnection: 'server.json',
  /** The operator's declaration that this machine is thrown away after the job (config/machine.ts). */
  machine: 'machine.yaml',
} as const;
