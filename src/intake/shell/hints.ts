// Environment hints from environment variables (AWS_PROFILE=prod, PGHOST, TF_WORKSPACE...).
import type { EnvironmentHints } from '../../model.js';
import { ENVIRONMENT_VARIABLE_HINTS } from '../../knowledge/shell-commands.js';

export function hintsFromEnv(env: Record<string, string | undefined>): EnvironmentHints {
  const hints: EnvironmentHints = {};
  let pgHost: string | undefined;
  let pgDatabase: string | undefined;
  for (const name in ENVIRONMENT_VARIABLE_HINTS) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    switch (ENVIRONMENT_VARIABLE_HINTS[name]) {
      case 'profile': hints.profile = value; break;
      case 'region': hints.region = value; break;
      case 'workspace': hints.workspace = value; break;
      // the table lists FIREBREAK_KUBE_CONTEXT (an explicit use-context) after KUBECONFIG: it wins
      case 'kubeContext': hints.kubeContext = value; break;
      case 'pgHost': pgHost = value; break;
      case 'pgDatabase': pgDatabase = value; break;
      case 'endpointUrl': hints.endpoint ??= endpointFromUrl(value) ?? value; break;
    }
  }
  if (pgHost || pgDatabase) hints.endpoint = [pgHost, pgDatabase].filter(Boolean).join('/');
  return hints;
}

/** `postgres://user:pw@host:5432/db?x` -> `host/db` (never the credentials). */
export function endpointFromUrl(url: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:?#]+)(?::\d+)?(?:\/([^?#]*))?/i.exec(url);
  if (!m) return undefined;
  return m[2] ? `${m[1]}/${m[2]}` : m[1];
}
