// Terraform plan resource changes as the equivalent emulator operations. Data: one entry per
// Terraform type, saying which API call deletes it and where its id comes from.
import type { Action } from '../../model.js';
import type { ReplayedCall } from '../types.js';
import { replayApiCall } from './api-call-step.js';
import type { ReplaySession } from './session.js';

type Attrs = Record<string, unknown>;

interface DeleteRecipe {
  service: string;
  operation: string;
  parameters: (before: Attrs) => Record<string, unknown> | undefined;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export const TERRAFORM_DELETES: Readonly<Record<string, DeleteRecipe>> = {
  aws_s3_bucket: { service: 's3', operation: 'DeleteBucket', parameters: (b) => (str(b.bucket ?? b.id) ? { Bucket: str(b.bucket ?? b.id) } : undefined) },
  aws_vpc: { service: 'ec2', operation: 'DeleteVpc', parameters: (b) => (str(b.id) ? { VpcId: b.id } : undefined) },
  aws_subnet: { service: 'ec2', operation: 'DeleteSubnet', parameters: (b) => (str(b.id) ? { SubnetId: b.id } : undefined) },
  aws_security_group: { service: 'ec2', operation: 'DeleteSecurityGroup', parameters: (b) => (str(b.id) ? { GroupId: b.id } : undefined) },
  aws_internet_gateway: { service: 'ec2', operation: 'DeleteInternetGateway', parameters: (b) => (str(b.id) ? { InternetGatewayId: b.id } : undefined) },
  aws_instance: { service: 'ec2', operation: 'TerminateInstances', parameters: (b) => (str(b.id) ? { InstanceIds: [b.id] } : undefined) },
  aws_iam_user: { service: 'iam', operation: 'DeleteUser', parameters: (b) => (str(b.name ?? b.id) ? { UserName: str(b.name ?? b.id) } : undefined) },
  aws_iam_role: { service: 'iam', operation: 'DeleteRole', parameters: (b) => (str(b.name ?? b.id) ? { RoleName: str(b.name ?? b.id) } : undefined) },
  aws_dynamodb_table: { service: 'dynamodb', operation: 'DeleteTable', parameters: (b) => (str(b.name ?? b.id) ? { TableName: str(b.name ?? b.id) } : undefined) },
  aws_db_instance: {
    service: 'rds',
    operation: 'DeleteDBInstance',
    parameters: (b) => {
      const id = str(b.identifier ?? b.id);
      if (!id) return undefined;
      const finalId = str(b.final_snapshot_identifier);
      return b.skip_final_snapshot === true || !finalId
        ? { DBInstanceIdentifier: id, SkipFinalSnapshot: true, DeleteAutomatedBackups: b.delete_automated_backups !== false }
        : { DBInstanceIdentifier: id, SkipFinalSnapshot: false, FinalDBSnapshotIdentifier: finalId, DeleteAutomatedBackups: b.delete_automated_backups !== false };
    },
  },
  aws_lambda_function: { service: 'lambda', operation: 'DeleteFunction', parameters: (b) => (str(b.function_name) ? { FunctionName: b.function_name } : undefined) },
  aws_sqs_queue: { service: 'sqs', operation: 'DeleteQueue', parameters: (b) => (str(b.url ?? b.id) ? { QueueUrl: str(b.url ?? b.id) } : undefined) },
  aws_sns_topic: { service: 'sns', operation: 'DeleteTopic', parameters: (b) => (str(b.arn ?? b.id) ? { TopicArn: str(b.arn ?? b.id) } : undefined) },
};

/** Replays the delete half of a Terraform delete / replace; throws when the type has no recipe. */
export async function replayTerraformChange(action: Action, session: ReplaySession): Promise<ReplayedCall | { notReplayed: string }> {
  const type = action.target.terraformType ?? action.target.type;
  if (action.operation !== 'delete' && action.operation !== 'replace') {
    return { notReplayed: `terraform ${action.operation} of ${type} is not replayed (only deletes and the delete half of a replacement are)` };
  }
  const recipe = TERRAFORM_DELETES[type];
  if (!recipe) return { notReplayed: `no emulator operation for deleting ${type}` };
  const params = recipe.parameters(action.before ?? {});
  if (!params) return { notReplayed: `the plan has no id for ${action.target.id}` };
  const call = await replayApiCall(action, { service: recipe.service, operation: recipe.operation, parameters: params }, session);
  // The state says the resource exists; if the twin lacks it, seeding could not create it: not a finding about AWS.
  const missingInTwin = !call.ok && /NotFound|NoSuch/i.test(call.code ?? '');
  return { ...call, method: 'terraform', ...(missingInTwin ? { emulatorLimitation: `the twin does not hold ${action.target.id} (it could not be seeded)` } : {}) };
}
