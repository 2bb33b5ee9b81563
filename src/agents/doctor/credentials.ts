// AWS profiles the agent could use, and which of them look like production: by name, or by
// firebreak.yaml's production environments' profile patterns.
import { join } from 'node:path';
import { readText } from './read.js';

const PRODUCTION_NAME = /(^|[-_.])(prod|prd|production|live)([-_.]|$)/i;

export interface ProfileFinding {
  profile: string;
  file: string;
  staticKeys: boolean;
  production: boolean;
  why?: string;
}

export async function awsProfiles(home: string, env: NodeJS.ProcessEnv, productionGlobs: (name: string) => boolean): Promise<ProfileFinding[]> {
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? join(home, '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? join(home, '.aws', 'config')];
  const found = new Map<string, ProfileFinding>();
  for (const file of files) {
    const text = await readText(file);
    if (!text) continue;
    let current: ProfileFinding | undefined;
    for (const line of text.split(/\r?\n/)) {
      const section = /^\s*\[\s*(?:profile\s+)?([^\]]+?)\s*\]\s*$/.exec(line);
      if (section) {
        const name = section[1];
        if (name.startsWith('sso-session ') || name.startsWith('services ')) {
          current = undefined;
          continue;
        }
        current = found.get(name) ?? { profile: name, file, staticKeys: false, production: false };
        found.set(name, current);
        continue;
      }
      if (current && /^\s*aws_access_key_id\s*=/.test(line)) current.staticKeys = true;
    }
  }
  for (const p of found.values()) {
    if (productionGlobs(p.profile)) Object.assign(p, { production: true, why: 'matches a production environment in firebreak.yaml' });
    else if (PRODUCTION_NAME.test(p.profile)) Object.assign(p, { production: true, why: 'named like production' });
  }
  return [...found.values()];
}
