// Terraform plan resource changes as the equivalent emulator operations. Data: one entry per
// Terraform type, saying which API calls delete it (as the AWS provider does) and where the ids
// come from. Deletes run dependents first (see orderTerraformDeletes in pipeline-sandbox).
import type { Action } from '../../model.js';
import type { ReplayedCall } from '../types.js';
import { replayApiCall } from './api-call-step.js';
import type { ReplaySession } from './session.js';

type Attrs = Record<string, unknown>;

export interface ApiCall {
  service: string;
  operation: string;
  parameters: Record<string, unknown>;
}

/** The calls that delete a resource of one Terraform type, from its prior attributes; undefined when an id is missing. */
type DeleteRecipe = (before: Attrs) => ApiCall[] | undefined;

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const one = (service: string, operation: string, parameters: Record<string, unknown> | undefined): ApiCall[] | undefined => (parameters && Object.values(parameters).every((v) => v !== undefined) ? [{ service, operation, parameters }] : undefined);

export const TERRAFORM_DELETES: Record<string, DeleteRecipe> = {
  // Without force_destroy the provider deletes only an empty bucket (BucketNotEmpty otherwise).
  aws_s3_bucket: (b) => one('s3', 'DeleteBucket', { Bucket: str(b.bucket ?? b.id) }),
  aws_vpc: (b) => one('ec2', 'DeleteVpc', { VpcId: str(b.id) }),
  aws_subnet: (b) => one('ec2', 'DeleteSubnet', { SubnetId: str(b.id) }),
  aws_security_group: (b) => one('ec2', 'DeleteSecurityGroup', { GroupId: str(b.id) }),
  aws_internet_gateway: (b) =>
    str(b.id)
      ? [...(str(b.vpc_id) ? [{ service: 'ec2', operation: 'DetachInternetGateway', parameters: { InternetGatewayId: b.id, VpcId: b.vpc_id } }] : []), { service: 'ec2', operation: 'DeleteInternetGateway', parameters: { InternetGatewayId: b.id } }]
      : undefined,
  aws_route_table: (b) => one('ec2', 'DeleteRouteTable', { RouteTableId: str(b.id) }),
  aws_route_table_association: (b) => one('ec2', 'DisassociateRouteTable', { AssociationId: str(b.id) }),
  aws_instance: (b) => (str(b.id) ? [{ service: 'ec2', operation: 'TerminateInstances', parameters: { InstanceIds: [b.id] } }] : undefined),
  aws_iam_user: (b) => one('iam', 'DeleteUser', { UserName: str(b.name ?? b.id) }),
  aws_iam_role: (b) => one('iam', 'DeleteRole', { RoleName: str(b.name ?? b.id) }),
  aws_iam_role_policy: (b) => {
    const [role, name] = String(b.id ?? '').split(':');
    return one('iam', 'DeleteRolePolicy', { RoleName: str(b.role) ?? str(role), PolicyName: str(b.name) ?? str(name) });
  },
  aws_iam_role_policy_attachment: (b) => one('iam', 'DetachRolePolicy', { RoleName: str(b.role), PolicyArn: str(b.policy_arn) }),
  aws_iam_user_policy_attachment: (b) => one('iam', 'DetachUserPolicy', { UserName: str(b.user), PolicyArn: str(b.policy_arn) }),
  aws_iam_access_key: (b) => one('iam', 'DeleteAccessKey', { UserName: str(b.user), AccessKeyId: str(b.id) }),
  aws_iam_policy: (b) => one('iam', 'DeletePolicy', { PolicyArn: str(b.arn ?? b.id) }),
  aws_dynamodb_table: (b) => one('dynamodb', 'DeleteTable', { TableName: str(b.name ?? b.id) }),
  aws_db_instance: (b) => {
    const id = str(b.identifier ?? b.id);
    if (!id) return undefined;
    const finalId = str(b.final_snapshot_identifier);
    const parameters =
      b.skip_final_snapshot === true || !finalId
        ? { DBInstanceIdentifier: id, SkipFinalSnapshot: true, DeleteAutomatedBackups: b.delete_automated_backups !== false }
        : { DBInstanceIdentifier: id, SkipFinalSnapshot: false, FinalDBSnapshotIdentifier: finalId, DeleteAutomatedBackups: b.delete_automated_backups !== false };
    return [{ service: 'rds', operation: 'DeleteDBInstance', parameters }];
  },
  aws_db_subnet_group: (b) => one('rds', 'DeleteDBSubnetGroup', { DBSubnetGroupName: str(b.name ?? b.id) }),
  aws_lambda_function: (b) => one('lambda', 'DeleteFunction', { FunctionName: str(b.function_name) }),
  aws_sqs_queue: (b) => one('sqs', 'DeleteQueue', { QueueUrl: str(b.url ?? b.id) }),
  aws_sns_topic: (b) => one('sns', 'DeleteTopic', { TopicArn: str(b.arn ?? b.id) }),
  aws_kms_key: (b) => one('kms', 'ScheduleKeyDeletion', { KeyId: str(b.key_id ?? b.id), PendingWindowInDays: Number(b.deletion_window_in_days ?? 30) }),
  aws_kms_alias: (b) => one('kms', 'DeleteAlias', { AliasName: str(b.name ?? b.id) }),
  aws_cloudwatch_log_group: (b) => one('logs', 'DeleteLogGroup', { logGroupName: str(b.name ?? b.id) }),
  aws_secretsmanager_secret: (b) =>
    one('secretsmanager', 'DeleteSecret', Number(b.recovery_window_in_days) === 0 ? { SecretId: str(b.arn ?? b.id), ForceDeleteWithoutRecovery: true } : { SecretId: str(b.arn ?? b.id), RecoveryWindowInDays: Number(b.recovery_window_in_days ?? 30) }),
  aws_ecs_cluster: (b) => one('ecs', 'DeleteCluster', { cluster: str(b.arn ?? b.id) }),
  // The provider scales a service to zero and deletes it; `force` does both at once.
  aws_ecs_service: (b) => one('ecs', 'DeleteService', { cluster: str(b.cluster), service: str(b.name), force: true }),
  aws_ecs_task_definition: (b) => one('ecs', 'DeregisterTaskDefinition', { taskDefinition: str(b.arn ?? b.id) }),
  aws_lb: (b) => one('elbv2', 'DeleteLoadBalancer', { LoadBalancerArn: str(b.arn ?? b.id) }),
  aws_lb_listener: (b) => one('elbv2', 'DeleteListener', { ListenerArn: str(b.arn ?? b.id) }),
  aws_lb_target_group: (b) => one('elbv2', 'DeleteTargetGroup', { TargetGroupArn: str(b.arn ?? b.id) }),
  aws_lb_target_group_attachment: (b) =>
    str(b.target_group_arn) && str(b.target_id) ? [{ service: 'elbv2', operation: 'DeregisterTargets', parameters: { TargetGroupArn: b.target_group_arn, Targets: [{ Id: b.target_id, ...(b.port ? { Port: Number(b.port) } : {}) }] } }] : undefined,
};
TERRAFORM_DELETES.aws_alb = TERRAFORM_DELETES.aws_lb;
TERRAFORM_DELETES.aws_alb_listener = TERRAFORM_DELETES.aws_lb_listener;
TERRAFORM_DELETES.aws_alb_target_group = TERRAFORM_DELETES.aws_lb_target_group;

/** Replays the delete half of a Terraform delete / replace; `notReplayed` when the type has no recipe. */
export async function replayTerraformChange(action: Action, session: ReplaySession): Promise<ReplayedCall | { notReplayed: string }> {
  const type = action.target.terraformType ?? action.target.type;
  if (action.operation !== 'delete' && action.operation !== 'replace') {
    return { notReplayed: `terraform ${action.operation} of ${type} is not replayed (only deletes and the delete half of a replacement are)` };
  }
  const recipe = TERRAFORM_DELETES[type];
  if (!recipe) return { notReplayed: `no emulator operation for deleting ${type}` };
  const calls = recipe(action.before ?? {});
  if (!calls) return { notReplayed: `the plan has no id for ${action.target.id}` };
  let last: ReplayedCall | undefined;
  let ms = 0;
  for (const call of calls) {
    last = await replayApiCall(action, call, session);
    ms += last.ms;
    if (!last.ok) break;
  }
  const result = { ...last!, ms, call: calls.map((c) => `${c.service}:${c.operation}`).join(' + ') };
  // The state says the resource exists; if the twin lacks it, seeding could not create it: not a finding about AWS.
  const missingInTwin = !result.ok && /NotFound|NoSuch/i.test(result.code ?? '');
  return { ...result, method: 'terraform', ...(missingInTwin ? { emulatorLimitation: `the twin does not hold ${action.target.id} (it could not be seeded)` } : {}) };
}
