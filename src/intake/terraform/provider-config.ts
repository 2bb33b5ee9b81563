// Where a plan's resources live, from the plan's own provider configuration
// (`configuration.provider_config`): the profile, the account of the role Terraform assumes, the
// region and the default tags of the provider block each resource uses (`provider_config_key`,
// aliases included). Values written as literals or as root variables are read; anything else
// (a data source, a local, a module variable) is unknown and says nothing.
import type { EnvironmentHints, Evidence } from '../../model.js';
import { configAddressOf, parseInstanceAddress } from './address.js';
import type { ConfigIndex } from './configuration.js';
import { isObject, type Json } from './shape.js';

export interface ProviderPlacement {
  key: string;
  profile?: string;
  accountId?: string;
  region?: string;
  defaultTags?: Record<string, string>;
  /** One sentence per value used, for the evidence. */
  said: string[];
}

export interface ProviderPlacements {
  /** The provider configuration a resource address uses, if the plan says. */
  forAddress(address: string): ProviderPlacement | undefined;
  /** The same for a configuration address (`module.net.aws_subnet.a`) already known. */
  forConfigAddress(configAddress: string): ProviderPlacement | undefined;
}

/** No provider block places anything: the plan has no provider_config, or none says where. */
export const NONE: ProviderPlacements = { forAddress: () => undefined, forConfigAddress: () => undefined };

/** Reads `configuration.provider_config` and the root `variables` of a plan. Never throws. */
export function readProviderPlacements(plan: Json, index: ConfigIndex): ProviderPlacements {
  const configuration = isObject(plan.configuration) ? plan.configuration : undefined;
  const providers = configuration && isObject(configuration.provider_config) ? configuration.provider_config : undefined;
  if (!providers) return NONE;
  const variables = isObject(plan.variables) ? plan.variables : {};
  const placements = new Map<string, ProviderPlacement>();
  for (const key in providers) {
    const entry = providers[key];
    if (!isObject(entry)) continue;
    const placement = placementOf(key, entry, variables);
    if (placement) placements.set(key, placement);
  }
  if (placements.size === 0) return NONE;
  const cache = new Map<string, ProviderPlacement | undefined>();
  const forConfigAddress = (configAddress: string) => {
    if (cache.has(configAddress)) return cache.get(configAddress);
    const resource = index.resources.get(configAddress);
    const key = resource && typeof resource.body.provider_config_key === 'string' ? resource.body.provider_config_key : undefined;
    const found = key === undefined ? undefined : placements.get(key) ?? placements.get(inheritedKey(key));
    cache.set(configAddress, found);
    return found;
  };
  return {
    forAddress(address: string) {
      const parsed = parseInstanceAddress(address.includes(' (deposed object ') ? address.replace(/ \(deposed object [^)]*\)$/, '') : address);
      return parsed ? forConfigAddress(configAddressOf(parsed)) : undefined;
    },
    forConfigAddress,
  };
}

/**
 * A module that declares no provider block of its own inherits the root module's default
 * configuration; some Terraform versions still write the module-local key (`foo:aws`,
 * `module.foo:aws`): that key then means the root's `aws` (aliases are kept).
 */
function inheritedKey(key: string): string {
  const colon = key.lastIndexOf(':');
  return colon === -1 ? key : key.slice(colon + 1);
}

function placementOf(key: string, entry: Json, variables: Json): ProviderPlacement | undefined {
  const name = typeof entry.name === 'string' ? entry.name : key.replace(/^.*:/, '').split('.')[0];
  if (name !== 'aws') return undefined;
  const expressions = isObject(entry.expressions) ? entry.expressions : {};
  const placement: ProviderPlacement = { key, said: [] };
  // `var.x` in a module's provider block is that module's variable, which the plan does not list.
  const inModule = key.includes(':');
  const value = (expression: unknown) => valueOf(expression, inModule ? {} : variables);

  const profile = value(expressions.profile);
  if (typeof profile === 'string' && profile) {
    placement.profile = profile;
    placement.said.push(`profile ${profile}`);
  }
  const region = value(expressions.region);
  if (typeof region === 'string' && region) {
    placement.region = region;
    placement.said.push(`region ${region}`);
  }
  for (const block of blocks(expressions.assume_role)) {
    const arn = value(block.role_arn);
    const account = typeof arn === 'string' ? accountOfArn(arn) : undefined;
    if (account) {
      placement.accountId = account;
      placement.said.push(`assume_role ${arn} (account ${account})`);
    }
  }
  if (!placement.accountId) {
    const allowed = value(expressions.allowed_account_ids);
    if (Array.isArray(allowed) && allowed.length === 1 && typeof allowed[0] === 'string') {
      placement.accountId = allowed[0];
      placement.said.push(`allowed_account_ids ["${allowed[0]}"]`);
    }
  }
  for (const block of blocks(expressions.default_tags)) {
    const tags = value(block.tags);
    if (!isObject(tags)) continue;
    const strings = Object.fromEntries(Object.entries(tags).filter((e): e is [string, string] => typeof e[1] === 'string'));
    if (Object.keys(strings).length === 0) continue;
    placement.defaultTags = { ...placement.defaultTags, ...strings };
    placement.said.push(`default_tags ${Object.entries(strings).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  return placement.said.length > 0 ? placement : undefined;
}

/** A nested block is written as a list of objects (or one object in some versions). */
function blocks(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) && !('constant_value' in value) && !('references' in value) ? [value] : [];
}

/** A constant, or a root variable the expression consists of alone (`var.region`). */
function valueOf(expression: unknown, variables: Json): unknown {
  if (!isObject(expression)) return undefined;
  if ('constant_value' in expression) return expression.constant_value;
  const refs = Array.isArray(expression.references) ? expression.references.filter((r): r is string => typeof r === 'string') : [];
  const variable = refs.find((r) => /^var\.[\w-]+$/.test(r));
  if (!variable || refs.some((r) => !r.startsWith(variable))) return undefined;
  const entry = variables[variable.slice(4)];
  return isObject(entry) ? entry.value : undefined;
}

function accountOfArn(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 && parts[0] === 'arn' && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/**
 * Hints and evidence for an action or resource placed by its provider configuration, worked out
 * once per provider block: callers copy the hints, and the evidence record is never changed.
 */
export function providerHints(placement: ProviderPlacement): { hints: EnvironmentHints; evidence: Evidence } {
  let found = described.get(placement);
  if (!found) described.set(placement, (found = describePlacement(placement)));
  return found;
}

const described = new WeakMap<ProviderPlacement, { hints: EnvironmentHints; evidence: Evidence }>();

function describePlacement(placement: ProviderPlacement): { hints: EnvironmentHints; evidence: Evidence } {
  const hints: EnvironmentHints = {};
  if (placement.profile) hints.profile = placement.profile;
  if (placement.accountId) hints.accountId = placement.accountId;
  if (placement.region) hints.region = placement.region;
  if (placement.defaultTags) hints.tags = placement.defaultTags;
  const which = placement.key === 'aws' ? 'the aws provider' : `provider ${placement.key}`;
  return {
    hints,
    evidence: { kind: 'input', key: 'provider_config', value: placement.key, message: `${which} in the plan's configuration: ${placement.said.join('; ')}` },
  };
}
