// The part the CLI and API-call intakes share: one AWS call (service, operation, parameters)
// -> planned actions, one per target id.
import type { Evidence, SourceRef } from '../../model.js';
import { ENVIRONMENT_SCOPED_OPERATIONS } from '../../knowledge/aws-parameter-targets.js';
import { refineCall } from '../../knowledge/aws-call-refinements.js';
import type { PlannedAction } from '../types.js';
import { classifyAwsAction } from './classify.js';
import { decisiveFlags } from './flags.js';
import { callHints } from './hints.js';
import { booleanParameter, parameterRecord, type AwsCallParameter } from './parameters.js';
import { callTargets } from './targets.js';

export interface AwsCall {
  /** As written: `ec2`, `s3api`, `EC2`, `ElasticLoadBalancingV2`. */
  service: string;
  /** As written: `terminate-instances`, `TerminateInstances`. */
  operation: string;
  parameters: AwsCallParameter[];
  profile?: string;
  region?: string;
  endpoint?: string;
  /** The verb for Action.verb (the CLI operation as written). */
  verb: string;
  /** Set when some parameters are not known (`--cli-input-json file://...`): why. */
  unknownParameters?: string[];
  /** Facts the caller already established (globals, hint sources). */
  evidence?: Evidence[];
}

export async function awsCallToActions(call: AwsCall, source: SourceRef): Promise<PlannedAction[]> {
  const cls = await classifyAwsAction(call.service, call.operation);
  const evidence: Evidence[] = [...(call.evidence ?? [])];
  if (!cls.known) {
    evidence.push({
      kind: 'knowledge',
      message: `${call.service} ${call.operation} is not an AWS action Firebreak knows (not in the IAM action list): treated as an unknown change`,
    });
  }
  for (const why of call.unknownParameters ?? []) evidence.push({ kind: 'input', message: why });

  let operation = cls.operation;
  let accessLevel = cls.accessLevel;
  // What the parameters say the call really does (policy attribute or not; contents, not the resource).
  const refined = refineCall(cls.iamAction, new Map(call.parameters.map((p) => [p.key, typeof p.value === 'boolean' ? [String(p.value)] : p.value])));
  if (refined.operation) operation = refined.operation;
  if (refined.accessLevel) accessLevel = refined.accessLevel;
  evidence.push(...refined.evidence);
  const dryRun = booleanParameter(call.parameters, 'dryrun');
  if (cls.iamPrefix === 'ec2' && dryRun?.value === true && cls.known) operation = 'read';

  const flags = decisiveFlags(cls.iamPrefix, call.parameters);
  evidence.push(...flags.evidence);

  const { targets, fromParameter } = callTargets(cls.iamPrefix, call.service, call.operation, call.parameters, cls.resourceTypes);
  const hints = callHints(call, call.parameters);
  const environmentScoped = ENVIRONMENT_SCOPED_OPERATIONS.has(cls.iamAction);

  return targets.map((target) => {
    const scope = environmentScoped ? 'environment' : target.id === '*' && operation !== 'create' && operation !== 'read' ? 'unknown' : 'resource';
    const actionHints = { ...hints };
    if (target.type === 'AWS::CloudFormation::Stack' && target.id !== '*') actionHints.stackName = target.id;
    const action: PlannedAction = {
      source,
      operation,
      verb: call.verb,
      tool: 'aws',
      target,
      scope,
      hints: actionHints,
      evidence: [...evidence],
      iam: { action: cls.iamAction, accessLevel },
      details: {
        service: cls.iamPrefix ?? call.service,
        cliService: call.service,
        operation: call.operation,
        parameters: parameterRecord(call.parameters),
        flags: flags.flags,
        iamResourceTypes: cls.resourceTypes,
        ...(fromParameter ? { targetParameter: fromParameter } : {}),
        ...(cls.alsoRequires ? { alsoRequires: cls.alsoRequires } : {}),
        ...(refined.contentsOnly ? { contentsOnly: refined.contentsOnly } : {}),
        ...(call.unknownParameters?.length ? { unknownParameters: call.unknownParameters } : {}),
      },
    };
    return action;
  });
}
