// `AWS_PROFILE=prod pytest`, `KUBECONFIG=~/.kube/prod go test ./e2e/...`: a test runner is local,
// but the project code it runs (which Firebreak does not read) acts with the credentials the
// environment names. One action says so; it matters only where that environment is production or
// cannot be told (config/environment.ts `applicableActions` drops it for a known non-production
// environment), so `AWS_PROFILE=dev pytest` in a project that marks dev as non-production passes.
import { PROJECT_CODE_RUNNERS } from '../../knowledge/shell-commands.js';
import type { PlannedAction } from '../types.js';
import { commandEvidence, makeAction, toolName, type RecognisedCommand } from './command.js';

/** Database hosts that are this machine or a CI service container, not a remote server. */
const LOCAL_HOST = /^(localhost|127(\.\d+){3}|\[?::1\]?|0\.0\.0\.0|host\.docker\.internal|db|database|postgres(ql)?|mysql|mariadb|redis|mongo(db)?)(\/|$)/i;

export function projectCodeUnderCredentials(rc: RecognisedCommand): PlannedAction[] {
  const program = toolName(rc.argv[0] ?? '');
  // `python -m pytest` runs the module as its program does.
  const module = /^python(\d+(\.\d+)?)?$/.test(program) ? rc.argv[rc.argv.indexOf('-m') + 1] : undefined;
  const name = module && rc.argv.includes('-m') ? module : program;
  const runs = Object.hasOwn(PROJECT_CODE_RUNNERS, name) ? PROJECT_CODE_RUNNERS[name] : undefined;
  if (!runs || (runs !== true && !runs.includes(rc.argv.slice(1).find((a) => !a.startsWith('-')) ?? ''))) return [];
  const { profile, kubeContext, endpoint } = rc.hints;
  const named = [
    profile !== undefined ? `the AWS profile ${profile}` : undefined,
    kubeContext !== undefined ? `the cluster of ${kubeContext}` : undefined,
    endpoint !== undefined && !LOCAL_HOST.test(endpoint) ? `the database at ${endpoint}` : undefined,
  ].filter((n): n is string => n !== undefined);
  if (!named.length) return [];
  return [makeAction(rc, {
    operation: 'unknown',
    verb: 'run project code',
    tool: name,
    target: { type: 'code:project', id: name },
    scope: 'unknown',
    evidence: [commandEvidence(`${name} runs the project's code, which Firebreak has not read, with ${named.join(' and ')}: what it does there is not known`)],
    details: { appliesIn: 'production' },
  })];
}
