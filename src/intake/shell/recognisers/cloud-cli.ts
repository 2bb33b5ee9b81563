// Other cloud and platform CLIs (gcloud, az, doctl, fly, railway, vercel, heroku, pulumi, cdk,
// serverless, sam, ...): a generic verb table over their positional words.
import type { Operation } from '../../../model.js';
import { commandEvidence, makeAction, toolName, type Recogniser } from '../command.js';

/** Verb -> operation. Matched against each positional word (and `apps:destroy` halves). */
const VERBS: Record<string, Operation> = {
  delete: 'delete', destroy: 'delete', remove: 'delete', rm: 'delete', terminate: 'delete', purge: 'delete', prune: 'delete', drop: 'delete',
  uninstall: 'delete', nuke: 'delete', wipe: 'delete', erase: 'delete', teardown: 'delete', kill: 'delete', unset: 'delete', down: 'delete',
  list: 'read', ls: 'read', get: 'read', describe: 'read', show: 'read', status: 'read', info: 'read', logs: 'read', log: 'read', whoami: 'read',
  version: 'read', help: 'read', inspect: 'read', diff: 'read', preview: 'read', synth: 'read', view: 'read', search: 'read', open: 'read',
  create: 'create', new: 'create', add: 'create', init: 'create',
  update: 'update', set: 'update', deploy: 'update', up: 'update', scale: 'update', restart: 'update', redeploy: 'update', rollback: 'update',
  promote: 'update', stop: 'update', start: 'update', suspend: 'update', resume: 'update', edit: 'update', patch: 'update', apply: 'update',
  refresh: 'update', import: 'update', link: 'update', login: 'read', logout: 'read', auth: 'read', config: 'read',
};

/** Whole-environment verbs of tools that act on a stack/app (cdk destroy, sls remove, sam delete). */
const ENVIRONMENT_VERBS: Record<string, Set<string>> = {
  cdk: new Set(['destroy', 'deploy']), pulumi: new Set(['destroy', 'up', 'refresh']), serverless: new Set(['remove', 'deploy']), sls: new Set(['remove', 'deploy']),
  sam: new Set(['delete', 'deploy']), copilot: new Set(['delete']), railway: new Set(['down', 'delete']), eb: new Set(['terminate']),
};

const STACK_OPTIONS = ['--stack', '-s', '--stack-name', '--app', '-a', '--project', '--resource-group', '-g', '--environment', '--env', '-e', '--service', '--name', '--cluster'];
const ACCOUNT_OPTIONS = ['--project', '--subscription', '--account', '--org', '--team', '--scope'];
const REGION_OPTIONS = ['--region', '--zone', '--location'];
const CONFIRM_SKIPS = new Set(['--yes', '-y', '--force', '-f', '--quiet', '-q', '--auto-approve', '--skip-confirmation', '--confirm', '--no-prompt', '--non-interactive', '--no-confirm', '--skip-preview']);

export const cloudCli: Recogniser = (cmd) => {
  const tool = toolName(cmd.argv[0]);
  const args = cmd.argv.slice(1);
  const positionals: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      const eq = a.indexOf('=');
      if (eq > 0) options.set(a.slice(0, eq), a.slice(eq + 1));
      else if (args[i + 1] !== undefined && !args[i + 1].startsWith('-') && (STACK_OPTIONS.includes(a) || ACCOUNT_OPTIONS.includes(a) || REGION_OPTIONS.includes(a))) options.set(a, args[++i]);
      else options.set(a, '');
      continue;
    }
    positionals.push(a);
  }
  let verbIndex = -1;
  let operation: Operation = 'unknown';
  for (let i = 0; i < positionals.length && verbIndex < 0; i++) {
    for (const part of positionals[i].split(':').reverse()) {
      const op = VERBS[part.toLowerCase()];
      if (op) { verbIndex = i; operation = op; break; }
    }
  }
  const verb = verbIndex >= 0 ? positionals[verbIndex] : positionals[0] ?? tool;
  // `eksctl delete cluster --name prod`: verb first, then the kind, the name in --name.
  const named = options.get('--name') || undefined;
  const kindAfterVerb = verbIndex === 0 && named !== undefined && positionals.length > 1;
  const resourcePath = kindAfterVerb ? positionals[1] : positionals.slice(0, Math.max(verbIndex, 0)).join('/');
  const name = named ?? (verbIndex >= 0 ? positionals[verbIndex + 1] : undefined);
  const stack = STACK_OPTIONS.map((o) => options.get(o)).find((v) => v);
  const account = ACCOUNT_OPTIONS.map((o) => options.get(o)).find((v) => v);
  const region = REGION_OPTIONS.map((o) => options.get(o)).find((v) => v);
  const environmentWide = ENVIRONMENT_VERBS[tool]?.has(verb) ?? false;
  const id = name ?? stack ?? (environmentWide ? '(default stack)' : verb);
  const evidence = [commandEvidence(`${tool} ${positionals.slice(0, verbIndex + 1).join(' ')}: ${operation === 'unknown' ? 'not a verb Firebreak recognises' : `a ${operation} by its verb`}`, 'verb', verb)];
  const skips = [...options.keys()].filter((o) => CONFIRM_SKIPS.has(o));
  if (skips.length && operation !== 'read') evidence.push(commandEvidence(`${skips.join(' ')}: runs without asking for confirmation`, skips[0]));
  if (environmentWide) evidence.push(commandEvidence(`${tool} ${verb} acts on every resource of the stack / app`, verb));
  return [makeAction(cmd, {
    operation, verb, tool,
    target: { type: `${tool}:${resourcePath || (environmentWide ? 'stack' : 'resource')}`, id },
    scope: environmentWide ? 'environment' : name || stack ? 'resource' : operation === 'read' ? 'resource' : 'unknown',
    hints: { ...(stack ? { stackName: stack } : {}), ...(account ? { accountId: account } : {}), ...(region ? { region } : {}) },
    evidence,
  })];
};
