import type { EnvironmentHints } from '../../model.js';
import type { AwsCallParameter } from './parameters.js';

const ARN = /arn:aws[a-z-]*:[a-z0-9-]*:([a-z0-9-]*):(\d{12}):/;
const QUEUE_URL = /^https:\/\/(?:sqs\.)?([a-z0-9-]+)?\.?(?:queue\.)?amazonaws\.com(?:\.cn)?\/(\d{12})\//;

/** Account id and region named by ARNs / queue URLs among the parameter values. */
export function accountAndRegionFromValues(params: readonly AwsCallParameter[]): { accountId?: string; region?: string } {
  for (const p of params) {
    if (typeof p.value === 'boolean') continue;
    for (const v of p.value) {
      const arn = ARN.exec(v);
      if (arn) return { accountId: arn[2], region: arn[1] || undefined };
      const queue = QUEUE_URL.exec(v);
      if (queue) return { accountId: queue[2], region: queue[1] && queue[1] !== 'sqs' ? queue[1] : undefined };
    }
  }
  return {};
}

/** Where a call says it runs: profile and region as given, else the values' ARNs. */
export function callHints(
  given: { profile?: string; region?: string; endpoint?: string },
  params: readonly AwsCallParameter[],
): EnvironmentHints {
  const fromValues = accountAndRegionFromValues(params);
  const hints: EnvironmentHints = {};
  if (given.profile) hints.profile = given.profile;
  const region = given.region ?? fromValues.region;
  if (region) hints.region = region;
  if (fromValues.accountId) hints.accountId = fromValues.accountId;
  if (given.endpoint) hints.endpoint = given.endpoint;
  return hints;
}
