// IAM, KMS, Secrets Manager, SSM parameters, ACM, Cognito.
import type { ResourceFacts } from '../types.js';
import { param, setting } from './conditions.js';

const iam = (
  cfnType: string,
  terraformTypes: string[],
  label: string,
  nameKeys: ResourceFacts['nameKeys'],
  extra: Partial<ResourceFacts> = {},
): ResourceFacts => ({ service: 'iam', cfnType, terraformTypes, label, stateful: false, nameKeys, ...extra });

export const SECURITY_TYPES: ResourceFacts[] = [
  iam('AWS::IAM::Role', ['aws_iam_role'], 'IAM role', [{ tf: 'name', cfn: 'RoleName', cli: 'role-name' }]),
  iam('AWS::IAM::ManagedPolicy', ['aws_iam_policy'], 'IAM managed policy', [{ tf: 'name', cfn: 'ManagedPolicyName', cli: 'policy-arn' }]),
  iam('AWS::IAM::RolePolicy', ['aws_iam_role_policy'], 'IAM inline role policy', [{ tf: 'name', cfn: 'PolicyName', cli: 'policy-name' }]),
  // The older inline-policy type: one document embedded in each of the Roles, Users and Groups it lists.
  iam('AWS::IAM::Policy', ['aws_iam_user_policy', 'aws_iam_group_policy'], 'IAM inline policy', [{ tf: 'name', cfn: 'PolicyName', cli: 'policy-name' }]),
  iam('AWS::IAM::UserPolicy', [], 'IAM inline user policy', [{ cfn: 'PolicyName', cli: 'policy-name' }]),
  iam('AWS::IAM::GroupPolicy', [], 'IAM inline group policy', [{ cfn: 'PolicyName', cli: 'policy-name' }]),
  iam('AWS::IAM::Role', ['aws_iam_role_policy_attachment'], 'IAM role policy attachment', [{ tf: 'role', cli: 'role-name' }], {
    partOf: 'AWS::IAM::Role',
  }),
  iam('AWS::IAM::User', ['aws_iam_user_policy_attachment'], 'IAM user policy attachment', [{ tf: 'user', cli: 'user-name' }], {
    partOf: 'AWS::IAM::User',
  }),
  iam('AWS::IAM::Group', ['aws_iam_group'], 'IAM group', [{ tf: 'name', cfn: 'GroupName', cli: 'group-name' }]),
  iam('AWS::IAM::UserToGroupAddition', ['aws_iam_user_group_membership', 'aws_iam_group_membership'], 'IAM group membership', [
    { tf: 'user', cfn: 'GroupName', cli: 'user-name' },
  ]),
  iam('AWS::IAM::InstanceProfile', ['aws_iam_instance_profile'], 'IAM instance profile', [
    { tf: 'name', cfn: 'InstanceProfileName', cli: 'instance-profile-name' },
  ]),
  iam('AWS::IAM::User', ['aws_iam_user'], 'IAM user', [{ tf: 'name', cfn: 'UserName', cli: 'user-name' }], {
    identity:
      "the IAM user {name}: its unique id, console password and access keys; a re-created user is a different principal, and policies that named the old one no longer match it",
  }),
  iam('AWS::IAM::AccessKey', ['aws_iam_access_key'], 'IAM access key', [{ tf: 'id', cli: 'access-key-id' }], {
    identity: 'the access key {name}: a new key has a different id and secret, so everything using the old one stops working',
  }),
  {
    service: 'kms',
    cfnType: 'AWS::KMS::Key',
    terraformTypes: ['aws_kms_key'],
    label: 'KMS key',
    stateful: true,
    identity: 'the key material of KMS key {name}',
    holds: 'everything encrypted under KMS key {name} (unreadable once the key material is gone)',
    nameKeys: [{ tf: 'key_id', cli: 'key-id' }],
    deletion: [
      {
        id: 'kms-scheduled-deletion',
        when: [
          param({ tf: 'deletion_window_in_days', cfn: 'PendingWindowInDays', cli: 'pending-window-in-days' }, 'positive', {
            defaults: { tf: 30, cfn: 30, cli: 30 },
            defaultNote: 'the default waiting period',
          }),
        ],
        outcome: 'lost',
        message:
          'the key is scheduled for deletion: when the waiting period ends its key material is destroyed and data encrypted under it becomes unreadable; until then `aws kms cancel-key-deletion` undoes it',
        lost: 'the key material of KMS key {name}, and with it every piece of data encrypted under it',
        restore: {
          description: 'within the waiting period only: cancel the deletion and re-enable the key',
          command: 'aws kms cancel-key-deletion --key-id {name} && aws kms enable-key --key-id {name}',
        },
      },
    ],
    destructiveUpdates: [],
    safeguard: {
      description: 'nothing can copy the key material out; note that the deletion stays cancellable during its waiting period',
    },
  },
  {
    service: 'kms',
    cfnType: 'AWS::KMS::Alias',
    terraformTypes: ['aws_kms_alias'],
    label: 'KMS alias',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'AliasName', cli: 'alias-name' }],
  },
  {
    service: 'secretsmanager',
    cfnType: 'AWS::SecretsManager::Secret',
    terraformTypes: ['aws_secretsmanager_secret'],
    label: 'Secrets Manager secret',
    stateful: true,
    holds: 'the value of secret {name}',
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: 'secret-id' }],
    deletion: [
      {
        id: 'secret-force-delete',
        when: [param({ cli: 'force-delete-without-recovery' }, 'true')],
        outcome: 'lost',
        message: 'the secret is deleted at once, with no recovery window',
        lost: 'the value of secret {name}',
      },
      {
        id: 'secret-no-recovery-window',
        when: [param({ tf: 'recovery_window_in_days', cli: 'recovery-window-in-days' }, 'in', { values: ['0'] })],
        outcome: 'lost',
        message: 'a recovery window of 0 days deletes the secret at once',
        lost: 'the value of secret {name}',
      },
      {
        id: 'secret-recovery-window',
        when: [
          param({ tf: 'recovery_window_in_days', cli: 'recovery-window-in-days' }, 'positive', {
            defaults: { tf: 30, cli: 30 },
            defaultNote: 'the default recovery window',
          }),
        ],
        outcome: 'kept',
        message: 'the secret stays restorable during the recovery window',
        restore: {
          description: 'within the recovery window: restore the secret',
          command: 'aws secretsmanager restore-secret --secret-id {name}',
        },
      },
    ],
    safeguard: {
      description:
        'do not force-delete: delete with a recovery window (e.g. --recovery-window-in-days 7) so `restore-secret` can undo it',
    },
  },
  {
    service: 'ssm',
    cfnType: 'AWS::SSM::Parameter',
    terraformTypes: ['aws_ssm_parameter'],
    label: 'SSM parameter',
    stateful: false,
    nameKeys: [{ tf: 'name', cfn: 'Name', cli: 'name' }],
  },
  {
    service: 'acm',
    cfnType: 'AWS::CertificateManager::Certificate',
    terraformTypes: ['aws_acm_certificate'],
    label: 'ACM certificate',
    stateful: false,
    nameKeys: [{ tf: 'arn', cli: 'certificate-arn' }],
  },
  {
    service: 'cognito-idp',
    cfnType: 'AWS::Cognito::UserPool',
    terraformTypes: ['aws_cognito_user_pool'],
    label: 'Cognito user pool',
    stateful: true,
    identity: "user pool {name}'s users and their passwords (password hashes cannot be exported)",
    holds: 'the users of user pool {name}',
    nameKeys: [{ tf: 'name', cfn: 'UserPoolName', cli: 'user-pool-id' }],
    deletion: [
      {
        id: 'cognito-deletion-protection',
        when: [setting({ tf: 'deletion_protection', cfn: 'DeletionProtection', cli: 'deletion-protection' }, 'in', { values: ['ACTIVE'] })],
        outcome: 'blocked',
        message: 'deletion protection is ACTIVE: AWS rejects the delete',
      },
    ],
  },
];
