// High-level `aws s3` commands (ls, cp, mv, rm, sync, mb, rb, ...): each argument's effect, from
// knowledge/aws-s3-commands.ts, becomes one action on the bucket (or local path) it hits.
import type { EnvironmentHints, Evidence, SourceRef, Target } from '../../model.js';
import { S3_COMMAND_EFFECTS, S3_FLAG_IAM_ACTIONS, type S3Effect } from '../../knowledge/aws-s3-commands.js';
import { InputError } from '../../errors.js';
import type { PlannedAction } from '../types.js';
import { classifyAwsAction } from './classify.js';
import { decisiveFlags } from './flags.js';
import { booleanParameter, findParameter, parameterRecord, type AwsCallParameter } from './parameters.js';

interface S3Location {
  bucket: string;
  key: string;
}

export function parseS3Uri(arg: string): S3Location | undefined {
  const match = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(arg);
  if (!match || match[1] === '') return undefined;
  return { bucket: match[1], key: match[2] };
}

function bucketTarget(location: S3Location): Target {
  return { type: 'AWS::S3::Bucket', id: location.bucket, names: [location.bucket, `arn:aws:s3:::${location.bucket}`] };
}

function hasFlag(params: readonly AwsCallParameter[], flag: string): boolean {
  return booleanParameter(params, flag.replace(/^--/, '').replace(/-/g, ''))?.value === true;
}

export interface S3CommandInput {
  subcommand: string;
  args: string[];
  parameters: AwsCallParameter[];
  hints: EnvironmentHints;
  evidence: Evidence[];
  source: SourceRef;
}

function effectApplies(effect: S3Effect, side: string | undefined, other: string | undefined, params: readonly AwsCallParameter[]): boolean {
  if (side === undefined) return false;
  const at = parseS3Uri(side) ? 's3' : 'local';
  if (at !== effect.at) return false;
  if (effect.flag && !hasFlag(params, effect.flag)) return false;
  if (effect.otherAt) {
    if (other === undefined) return false;
    return (parseS3Uri(other) ? 's3' : 'local') === effect.otherAt;
  }
  return true;
}

export async function s3CommandToActions(input: S3CommandInput): Promise<PlannedAction[]> {
  const { subcommand, args, parameters, source } = input;
  const verb = `s3 ${subcommand}`;
  const effects = Object.hasOwn(S3_COMMAND_EFFECTS, subcommand) ? S3_COMMAND_EFFECTS[subcommand] : undefined;
  const flags = decisiveFlags('s3', parameters);
  const baseEvidence = [...input.evidence, ...flags.evidence];
  const details = { service: 's3', cliService: 's3', operation: subcommand, parameters: parameterRecord(parameters), flags: flags.flags, arguments: args };

  if (!effects) {
    return [{
      source, operation: 'unknown', verb, tool: 'aws', target: { type: 'aws:s3:resource', id: args.find((a) => parseS3Uri(a))?.slice(5) ?? '*' },
      scope: 'unknown', hints: input.hints, details,
      evidence: [...baseEvidence, { kind: 'knowledge', message: `aws s3 ${subcommand} is not a high-level s3 command Firebreak knows: treated as an unknown change` }],
    }];
  }

  if (subcommand === 'ls' && args.length === 0) {
    const iam = await classifyAwsAction('s3', 'ListAllMyBuckets');
    return [{
      source, operation: 'read', verb, tool: 'aws', target: { type: 'AWS::S3::Bucket', id: '*', names: [] },
      scope: 'resource', hints: input.hints, evidence: baseEvidence, iam: { action: iam.iamAction, accessLevel: iam.accessLevel }, details,
    }];
  }

  const [first, second] = args;
  const needsDestination = effects.some((e) => e.on === 'destination');
  if (first === undefined || (needsDestination && second === undefined)) {
    throw new InputError(`aws s3 ${subcommand} needs ${needsDestination ? 'a source and a destination' : 'a path'}`, source.file, source.command ?? verb);
  }
  if (!effects.some((e) => effectApplies(e, e.on === 'source' ? first : second, e.on === 'source' ? second : first, parameters))) {
    throw new InputError(`aws s3 ${subcommand} needs an s3:// path (got ${args.join(' ')})`, source.file, source.command ?? verb);
  }

  const recursive = hasFlag(parameters, '--recursive');
  const dryRun = hasFlag(parameters, '--dryrun');
  const actions: PlannedAction[] = [];
  for (const effect of effects) {
    const side = effect.on === 'source' ? first : second;
    const other = effect.on === 'source' ? second : first;
    if (!effectApplies(effect, side, other, parameters)) continue;
    const location = parseS3Uri(side);
    const extra = S3_FLAG_IAM_ACTIONS[subcommand] ?? {};
    const iamNames = [...effect.iamActions, ...Object.entries(extra).filter(([flag]) => hasFlag(parameters, flag)).flatMap(([, names]) => names)];
    const primary = iamNames.length ? await classifyAwsAction('s3', iamNames[0]) : undefined;
    const target: Target = location ? bucketTarget(location) : { type: 'fs:path', id: side, names: [side] };
    const objects = location && subcommand !== 'mb' && subcommand !== 'rb'
      ? { bucket: location.bucket, prefix: location.key, recursive: recursive || subcommand === 'sync', objectsOnly: true }
      : undefined;
    const what: Evidence = {
      kind: 'command',
      key: verb,
      message: `aws ${verb} ${effect.message}${objects ? `: ${objects.recursive ? `every object under s3://${objects.bucket}/${objects.prefix}` : `s3://${objects.bucket}/${objects.prefix}`}` : ''}`,
    };
    actions.push({
      source,
      operation: dryRun ? 'read' : effect.operation,
      verb,
      tool: 'aws',
      target,
      scope: 'resource',
      hints: input.hints,
      evidence: [...baseEvidence, what],
      ...(primary ? { iam: { action: primary.iamAction, accessLevel: primary.accessLevel } } : {}),
      details: { ...details, iamActions: iamNames.map((n) => `s3:${n}`), ...(objects ? { s3Objects: objects } : {}), ...(findParameter(parameters, 'exclude') || findParameter(parameters, 'include') ? { filtered: true } : {}) },
    });
  }
  return actions;
}
