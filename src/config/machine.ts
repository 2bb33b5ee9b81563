// The operator's declaration about this machine: `ephemeral: true` says it is thrown away after the
// job (a CI runner, a devcontainer, a cloud sandbox), so changes to its own system state (packages,
// services, kernel modules, users, system folders) are recoverable machine setup. It lives only in
// Firebreak's per-user folder (file-names.ts userDir), which the guard protects from the agent's
// writes (intake/shell/guarded-paths.ts): never in a workspace's firebreak.yaml (the agent, or the
// repository it cloned, writes those) and never in an environment variable (an agent's command sets
// its own, and an agent's project settings can set the hook's: `.claude/settings.json` `env`).
// Written by `firebreak machine --ephemeral --reason TEXT` (src/cli/machine-commands.ts).
// What the declaration changes: src/predict/ephemeral-machine.ts. docs/environments.md explains it.
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { USER_FILES, userDir } from './file-names.js';

export interface MachineDeclaration {
  ephemeral: true;
  /** Why the operator says so (shown in every verdict it relaxes). */
  reason: string;
  /** Absolute path of the file, and the line of `ephemeral: true` in it. */
  file: string;
  line: number;
}

/** What reading the user folder found: a declaration, nothing (no file, or `ephemeral: false`), or a file
 *  that is there but not trusted or not understood (then nothing is declared, and the note says why). */
export type MachineReading = { declared: MachineDeclaration } | { none: true } | { ignored: string };

const MAX_BYTES = 4096;
const KEYS = new Set(['ephemeral', 'reason']);

export function machineFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDir(env), USER_FILES.machine);
}

/** The declaration in the per-user folder of this process's environment (the hook's, set by the operator). */
export function readMachineDeclaration(env: NodeJS.ProcessEnv = process.env): MachineReading {
  const file = machineFile(env);
  let text: string;
  try {
    // A link could lead to a file the agent can write (the guard protects the user folder's names, not
    // what a link there points at): only a plain file counts, read through the descriptor that was checked.
    const st = lstatSync(file);
    if (st.isSymbolicLink()) return { ignored: `${file} is a symbolic link: only a plain file in the user folder declares the machine` };
    if (!st.isFile()) return { ignored: `${file} is not a plain file` };
    const fd = openSync(file, 'r');
    try {
      const opened = fstatSync(fd);
      if (opened.ino !== st.ino || opened.dev !== st.dev) return { ignored: `${file} changed while it was read` };
      if ((opened.mode & 0o022) !== 0) return { ignored: `${file} is writable by other users (mode ${(opened.mode & 0o777).toString(8)}): only a file its owner alone can write declares the machine` };
      if (typeof process.getuid === 'function' && opened.uid !== process.getuid() && opened.uid !== 0) return { ignored: `${file} belongs to another user (uid ${opened.uid})` };
      if (opened.size > MAX_BYTES) return { ignored: `${file} is larger than ${MAX_BYTES} bytes` };
      const buffer = Buffer.alloc(opened.size);
      const read = readSync(fd, buffer, 0, opened.size, 0);
      text = buffer.subarray(0, read).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return { none: true };
    return { ignored: `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  return parseMachineText(text, file);
}

/** The file's few `key: value` lines (the writer's own format): anything else and nothing is declared. */
export function parseMachineText(text: string, file: string): MachineReading {
  let ephemeral: { value: boolean; line: number } | undefined;
  let reason: string | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.replace(/\r$/, '');
    if (/^\s*(#.*)?$/.test(line)) continue;
    const m = /^([a-z]+):\s*(.*?)\s*$/.exec(line);
    if (!m || !KEYS.has(m[1])) return { ignored: `${file}:${i + 1}: \`${line.slice(0, 60)}\` is not \`ephemeral: true|false\` or \`reason: TEXT\`` };
    if (m[1] === 'ephemeral') {
      if (m[2] !== 'true' && m[2] !== 'false') return { ignored: `${file}:${i + 1}: ephemeral must be true or false, not \`${m[2].slice(0, 40)}\`` };
      if (ephemeral) return { ignored: `${file}:${i + 1}: ephemeral is given twice` };
      ephemeral = { value: m[2] === 'true', line: i + 1 };
    } else {
      reason = unquote(m[2]);
    }
  }
  if (!ephemeral || !ephemeral.value) return { none: true };
  if (!reason) return { ignored: `${file}: ephemeral: true needs a reason (who declared it and why the machine is thrown away)` };
  return { declared: { ephemeral: true, reason, file, line: ephemeral.line } };
}

/** The text `firebreak machine --ephemeral --reason TEXT` writes. */
export function machineText(reason: string, now: Date): string {
  const clean = reason.replace(/[\r\n]+/g, ' ').trim();
  return `# Written by \`firebreak machine\` on ${now.toISOString()}. Only the operator sets this; the agent cannot.\nephemeral: true\nreason: ${JSON.stringify(clean)}\n`;
}

/** The words every relaxed verdict cites. */
export function declarationEvidence(machine: MachineDeclaration): string {
  return `the operator declared this machine ephemeral in ${machine.file}:${machine.line} (${machine.reason})`;
}

function unquote(value: string): string {
  if (/^"(.*)"$/.test(value)) {
    try {
      return String(JSON.parse(value));
    } catch {
      return value.slice(1, -1);
    }
  }
  return value.replace(/^'(.*)'$/, '$1');
}
