// Where a machine's team-server connection lives: `server.json` in the per-user Firebreak folder
// (FIREBREAK_HOME, else $XDG_CONFIG_HOME/firebreak, else ~/.config/firebreak). Its own module so
// the hook can look for it on every call without loading anything else.
import { join, resolve } from 'node:path';

export function serverConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FIREBREAK_SERVER_CONFIG) return resolve(env.FIREBREAK_SERVER_CONFIG);
  const dir = env.FIREBREAK_HOME ? resolve(env.FIREBREAK_HOME) : env.XDG_CONFIG_HOME ? join(resolve(env.XDG_CONFIG_HOME), 'firebreak') : join(env.HOME || '/', '.config', 'firebreak');
  return join(dir, 'server.json');
}
