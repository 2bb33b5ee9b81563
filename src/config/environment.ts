// Which environment an action's target lives in, and whether a code freeze covers it.
//
// Precedence (strongest evidence first): named (--environment, a world state keyed by
// environment) > account > profile > stack > Terraform address or workspace > tags >
// endpoint / kube context / namespace > region.
// The strongest level that matches anything decides. When several environments match at that
// level, a production one wins (fail closed) and the evidence says so. Matches at weaker
// levels that disagree are recorded in the evidence but do not change the result.
// Nothing matches -> `unknown`, treated as production.
import type { Action, EnvironmentHints, Evidence } from '../model.js';
import type { Config, EnvironmentMatch, Freeze } from './config.js';
import { firstMatchingGlob } from './glob.js';

export interface EnvironmentResolution {
  name: string;
  production: boolean;
  assumed: boolean;
  evidence: Evidence[];
}

export const UNKNOWN_ENVIRONMENT = 'unknown';

interface Level {
  name: string;
  /** Each check: which hint it reads, its value, and the globs that may match it. */
  checks: (hints: EnvironmentHints, match: EnvironmentMatch) => { hint: string; value: string | undefined; globs: string[] | undefined }[];
}

const LEVELS: Level[] = [
  { name: 'account', checks: (h, m) => [{ hint: 'account', value: h.accountId, globs: m.accounts }] },
  { name: 'profile', checks: (h, m) => [{ hint: 'profile', value: h.profile, globs: m.profiles }] },
  { name: 'stack', checks: (h, m) => [{ hint: 'stack', value: h.stackName, globs: m.stacks }] },
  {
    name: 'terraform',
    checks: (h, m) => [
      { hint: 'Terraform address', value: h.terraformAddress, globs: m.terraform?.addresses },
      { hint: 'Terraform workspace', value: h.workspace, globs: m.terraform?.workspaces },
    ],
  },
  {
    name: 'tags',
    checks: (h, m) =>
      Object.entries(m.tags ?? {}).map(([key, glob]) => ({ hint: `tag ${key}`, value: tagValue(h.tags, key), globs: [glob] })),
  },
  {
    name: 'endpoint',
    checks: (h, m) => [
      { hint: 'endpoint', value: h.endpoint, globs: m.endpoints },
      { hint: 'kube context', value: h.kubeContext, globs: m.kubeContexts },
      { hint: 'namespace', value: h.namespace, globs: m.namespaces },
    ],
  },
  { name: 'region', checks: (h, m) => [{ hint: 'region', value: h.region, globs: m.regions }] },
];

interface Match {
  environment: string;
  production: boolean;
  level: number;
  evidence: Evidence;
}

export function resolveEnvironment(hints: EnvironmentHints, config: Config): EnvironmentResolution {
  const matches = findMatches(hints ?? {}, config);
  const named = hints?.environment;
  if (named !== undefined && config.environments[named]) return resolveNamed(named, matches, config);
  if (matches.length === 0) {
    return {
      name: UNKNOWN_ENVIRONMENT,
      production: true,
      assumed: true,
      evidence: [{ kind: 'config', message: `environment could not be determined: treated as production${describeHints(hints)}` }],
    };
  }
  const strongest = Math.min(...matches.map((m) => m.level));
  const deciding = matches.filter((m) => m.level === strongest);
  const chosen = deciding.find((m) => m.production) ?? deciding[0];
  const evidence: Evidence[] = deciding.filter((m) => m.environment === chosen.environment).map((m) => m.evidence);
  const rivals = unique(deciding.filter((m) => m.environment !== chosen.environment).map((m) => m.environment));
  if (rivals.length > 0) {
    evidence.push({
      kind: 'config',
      message: `the ${LEVELS[strongest].name} also matches ${rivals.join(', ')}: conflicting matches, the production environment ${chosen.environment} wins`,
    });
  }
  const weaker = unique(matches.filter((m) => m.level > strongest && m.environment !== chosen.environment).map((m) => m.environment));
  if (weaker.length > 0) {
    evidence.push({
      kind: 'config',
      message: `weaker hints point to ${weaker.join(', ')}; the ${LEVELS[strongest].name} takes precedence`,
    });
  }
  return { name: chosen.environment, production: chosen.production, assumed: false, evidence };
}

/**
 * An environment named outright decides, unless other hints place the target in a production
 * environment it is not: a name given on the command line must not talk a production account
 * into staging (fail closed, the evidence says why).
 */
function resolveNamed(named: string, matches: Match[], config: Config): EnvironmentResolution {
  const env = config.environments[named];
  const evidence: Evidence[] = [{ kind: 'config', key: 'environment', value: named, message: `named as environment ${named}${env.production ? ' (production)' : ''}` }];
  const contradicting = env.production ? [] : matches.filter((m) => m.production && m.environment !== named);
  if (contradicting.length > 0) {
    const strongest = contradicting.reduce((a, b) => (b.level < a.level ? b : a));
    evidence.push(strongest.evidence, {
      kind: 'config',
      message: `named as ${named}, but the ${LEVELS[strongest.level].name} places it in production environment ${strongest.environment}: production wins`,
    });
    return { name: strongest.environment, production: true, assumed: false, evidence };
  }
  return { name: named, production: env.production, assumed: false, evidence };
}

/**
 * The environment name resolveEnvironment would give, or undefined where it would assume one
 * (nothing matches): the same decision without spelling the evidence, for the blast radius,
 * which asks this of every resource it reaches and keeps only the name.
 */
export function environmentNameOf(hints: EnvironmentHints, config: Config): string | undefined {
  const matches = findMatches(hints ?? {}, config, false);
  const named = hints?.environment;
  if (named !== undefined && config.environments[named]) {
    if (config.environments[named].production) return named;
    const contradicting = matches.filter((m) => m.production && m.environment !== named);
    return contradicting.length ? contradicting.reduce((a, b) => (b.level < a.level ? b : a)).environment : named;
  }
  if (matches.length === 0) return undefined;
  const strongest = Math.min(...matches.map((m) => m.level));
  const deciding = matches.filter((m) => m.level === strongest);
  return (deciding.find((m) => m.production) ?? deciding[0]).environment;
}

const NO_EVIDENCE = undefined as unknown as Evidence;

function findMatches(hints: EnvironmentHints, config: Config, withEvidence = true): Match[] {
  const matches: Match[] = [];
  for (const [name, env] of Object.entries(config.environments)) {
    LEVELS.forEach((level, index) => {
      for (const check of level.checks(hints, env.match ?? {})) {
        const glob = firstMatchingGlob(check.globs, check.value);
        if (glob === undefined) continue;
        matches.push({
          environment: name,
          production: env.production,
          level: index,
          evidence: withEvidence
            ? {
                kind: 'config',
                message: `${check.hint} ${check.value} matches ${glob} of environment ${name}${env.production ? ' (production)' : ''}`,
                key: check.hint,
                value: check.value,
              }
            : NO_EVIDENCE,
        });
        break;
      }
    });
  }
  return matches;
}

/** The freeze in force for this environment at `now`, if any. Unknown environments count as production. */
export function activeFreeze(config: Config, environmentName: string, now: Date): Freeze | undefined {
  const t = now.getTime();
  const production = config.environments[environmentName]?.production ?? true;
  return config.freezes.find(
    (f) =>
      Date.parse(f.start) <= t &&
      t < Date.parse(f.end) &&
      (f.environments === 'all' || f.environments.includes(environmentName) || (production && f.environments.includes('production'))),
  );
}

/** Actions that matter only in production (`details.appliesIn`), dropped where their environment is known not to be. */
export function applicableActions<A extends { hints: EnvironmentHints; details?: Record<string, unknown> }>(actions: A[], config: Config): A[] {
  return actions.filter((a) => a.details?.appliesIn !== 'production' || (() => {
    const r = resolveEnvironment(a.hints, config);
    return r.production || r.assumed;
  })());
}

/** Fill environment, environmentAssumed, production and freeze on each action (new objects). */
export function applyContext(actions: Action[], config: Config, now: Date): Action[] {
  return actions.map((action) => {
    const resolution = resolveEnvironment(action.hints, config);
    const freeze = activeFreeze(config, resolution.name, now);
    const evidence = [...action.evidence, ...resolution.evidence];
    if (freeze) {
      evidence.push({
        kind: 'config',
        message: `code freeze "${freeze.name}" is in force for ${resolution.name} until ${freeze.end}${freeze.reason ? ` (${freeze.reason})` : ''}`,
        key: 'freezes',
        value: freeze.name,
      });
    }
    const withContext: Action = {
      ...action,
      environment: resolution.name,
      environmentAssumed: resolution.assumed,
      production: resolution.production,
      evidence,
    };
    if (freeze) withContext.freeze = freeze.name;
    else delete withContext.freeze;
    return withContext;
  });
}

function tagValue(tags: Record<string, string> | undefined, key: string): string | undefined {
  if (!tags) return undefined;
  if (Object.prototype.hasOwnProperty.call(tags, key)) return tags[key];
  const lower = key.toLowerCase();
  const found = Object.keys(tags).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : tags[found];
}

function describeHints(hints: EnvironmentHints | undefined): string {
  const parts = Object.entries(hints ?? {})
    .filter(([, v]) => v !== undefined && (typeof v === 'string' ? v !== '' : Object.keys(v).length > 0))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  return parts.length ? ` (hints: ${parts.join(', ')}; none matches an environment in firebreak.yaml)` : ' (no profile, account, stack or other hint)';
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
