// Where a machine's team-server connection lives: `server.json` in the per-user Firebreak folder
// (config/file-names.ts: the same folder the guard protects). Its own module so the hook can look
// for it on every call without loading anything else.
import { join, resolve } from 'node:path';
import { USER_FILES, userDir } from '../../config/file-names.js';

export function serverConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FIREBREAK_SERVER_CONFIG) return resolve(env.FIREBREAK_SERVER_CONFIG);
  return join(userDir(env), USER_FILES.serverConnection);
}
