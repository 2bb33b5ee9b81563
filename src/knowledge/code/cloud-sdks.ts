// Cloud SDKs as data: how their calls map onto AWS API operations (then classified through the
// IAM data like the CLI), and which Google Cloud / Azure calls delete what.
import { table } from './effects.js';

/** Methods of AWS SDK clients that are not API operations (helpers, lifecycle). */
export const AWS_CLIENT_HELPERS: ReadonlySet<string> = new Set([
  'close', 'can_paginate', 'get_waiter', 'generate_presigned_url', 'generate_presigned_post', 'exceptions', 'meta',
  'send', 'destroy', 'middlewareStack', 'config', 'on', 'waitFor', 'waitUntil', 'getSignedUrl', 'getSignedUrlPromise', 'createPresignedPost',
  'setupRequestListeners', 'endpoint', 'then', 'promise', 'catch', 'wait_until', 'waiter', 'stub_responses', 'presigned_url',
]);

/** S3 transfer helpers of boto3 / the JavaScript SDK -> the API operation they perform and its bucket argument. */
export const AWS_S3_TRANSFER_METHODS: Readonly<Record<string, { operation: string; bucketArg: number }>> = table({
  upload_file: { operation: 'PutObject', bucketArg: 1 },
  upload_fileobj: { operation: 'PutObject', bucketArg: 1 },
  download_file: { operation: 'GetObject', bucketArg: 0 },
  download_fileobj: { operation: 'GetObject', bucketArg: 0 },
  copy: { operation: 'CopyObject', bucketArg: 1 },
  upload: { operation: 'PutObject', bucketArg: 0 },
});

/** boto3 resource actions: `<service>.<Resource>.<action>` -> API operation and the parameters
 *  filled from the resource's identifiers, in order. Collections: `<service>.<collection>.<action>`
 *  or `<service>.<Resource>.<collection>.<action>`. Anything else: `<Action><Resource>`. */
export const BOTO3_RESOURCE_ACTIONS: Readonly<Record<string, { operation: string; identifiers: string[]; listParameter?: boolean }>> = table({
  's3.Bucket.delete': { operation: 'DeleteBucket', identifiers: ['Bucket'] },
  's3.Bucket.objects.delete': { operation: 'DeleteObjects', identifiers: ['Bucket'] },
  's3.Bucket.object_versions.delete': { operation: 'DeleteObjects', identifiers: ['Bucket'] },
  's3.Bucket.put_object': { operation: 'PutObject', identifiers: ['Bucket'] },
  's3.Bucket.upload_file': { operation: 'PutObject', identifiers: ['Bucket'] },
  's3.Bucket.download_file': { operation: 'GetObject', identifiers: ['Bucket'] },
  's3.Bucket.delete_objects': { operation: 'DeleteObjects', identifiers: ['Bucket'] },
  's3.Object.delete': { operation: 'DeleteObject', identifiers: ['Bucket', 'Key'] },
  's3.Object.put': { operation: 'PutObject', identifiers: ['Bucket', 'Key'] },
  's3.Object.get': { operation: 'GetObject', identifiers: ['Bucket', 'Key'] },
  's3.ObjectSummary.delete': { operation: 'DeleteObject', identifiers: ['Bucket', 'Key'] },
  's3.ObjectVersion.delete': { operation: 'DeleteObject', identifiers: ['Bucket', 'Key', 'VersionId'] },
  's3.buckets.delete': { operation: 'DeleteBucket', identifiers: [] },
  'ec2.Instance.terminate': { operation: 'TerminateInstances', identifiers: ['InstanceIds'], listParameter: true },
  'ec2.Instance.stop': { operation: 'StopInstances', identifiers: ['InstanceIds'], listParameter: true },
  'ec2.Instance.start': { operation: 'StartInstances', identifiers: ['InstanceIds'], listParameter: true },
  'ec2.Instance.reboot': { operation: 'RebootInstances', identifiers: ['InstanceIds'], listParameter: true },
  'ec2.instances.terminate': { operation: 'TerminateInstances', identifiers: [] },
  'ec2.instances.stop': { operation: 'StopInstances', identifiers: [] },
  'ec2.Volume.delete': { operation: 'DeleteVolume', identifiers: ['VolumeId'] },
  'ec2.Snapshot.delete': { operation: 'DeleteSnapshot', identifiers: ['SnapshotId'] },
  'ec2.Image.deregister': { operation: 'DeregisterImage', identifiers: ['ImageId'] },
  'ec2.Vpc.delete': { operation: 'DeleteVpc', identifiers: ['VpcId'] },
  'ec2.Subnet.delete': { operation: 'DeleteSubnet', identifiers: ['SubnetId'] },
  'ec2.SecurityGroup.delete': { operation: 'DeleteSecurityGroup', identifiers: ['GroupId'] },
  'ec2.KeyPair.delete': { operation: 'DeleteKeyPair', identifiers: ['KeyName'] },
  'dynamodb.Table.delete': { operation: 'DeleteTable', identifiers: ['TableName'] },
  'dynamodb.Table.delete_item': { operation: 'DeleteItem', identifiers: ['TableName'] },
  'dynamodb.Table.put_item': { operation: 'PutItem', identifiers: ['TableName'] },
  'dynamodb.Table.update_item': { operation: 'UpdateItem', identifiers: ['TableName'] },
  'dynamodb.Table.get_item': { operation: 'GetItem', identifiers: ['TableName'] },
  'dynamodb.Table.query': { operation: 'Query', identifiers: ['TableName'] },
  'dynamodb.Table.scan': { operation: 'Scan', identifiers: ['TableName'] },
  'dynamodb.Table.update': { operation: 'UpdateTable', identifiers: ['TableName'] },
  'dynamodb.Table.batch_writer': { operation: 'BatchWriteItem', identifiers: ['TableName'] },
  'sqs.Queue.delete': { operation: 'DeleteQueue', identifiers: ['QueueUrl'] },
  'sqs.Queue.purge': { operation: 'PurgeQueue', identifiers: ['QueueUrl'] },
  'sqs.Queue.send_message': { operation: 'SendMessage', identifiers: ['QueueUrl'] },
  'sns.Topic.delete': { operation: 'DeleteTopic', identifiers: ['TopicArn'] },
  'sns.Topic.publish': { operation: 'Publish', identifiers: ['TopicArn'] },
  'iam.User.delete': { operation: 'DeleteUser', identifiers: ['UserName'] },
  'iam.Role.delete': { operation: 'DeleteRole', identifiers: ['RoleName'] },
  'iam.Group.delete': { operation: 'DeleteGroup', identifiers: ['GroupName'] },
  'iam.Policy.delete': { operation: 'DeletePolicy', identifiers: ['PolicyArn'] },
  'cloudformation.Stack.delete': { operation: 'DeleteStack', identifiers: ['StackName'] },
  'cloudformation.Stack.update': { operation: 'UpdateStack', identifiers: ['StackName'] },
});

/** DynamoDB document clients (JavaScript lib-dynamodb / SDK v2 DocumentClient) -> API operations. */
export const DYNAMODB_DOCUMENT_OPERATIONS: Readonly<Record<string, string>> = table({
  put: 'PutItem', get: 'GetItem', delete: 'DeleteItem', update: 'UpdateItem', query: 'Query', scan: 'Scan',
  batchWrite: 'BatchWriteItem', batchGet: 'BatchGetItem', transactWrite: 'TransactWriteItems', transactGet: 'TransactGetItems',
  Put: 'PutItem', Get: 'GetItem', Delete: 'DeleteItem', Update: 'UpdateItem', Query: 'Query', Scan: 'Scan',
  BatchWrite: 'BatchWriteItem', BatchGet: 'BatchGetItem', TransactWrite: 'TransactWriteItems', TransactGet: 'TransactGetItems',
});

/** Module prefixes of the Google Cloud and Azure SDKs. */
export const CLOUD_SDK_MODULES: readonly { prefix: string; provider: 'gcp' | 'azure' }[] = [
  { prefix: 'google.cloud', provider: 'gcp' },
  { prefix: 'googleapiclient', provider: 'gcp' },
  { prefix: '@google-cloud/', provider: 'gcp' },
  { prefix: 'googleapis', provider: 'gcp' },
  { prefix: 'Google.Cloud', provider: 'gcp' },
  { prefix: 'Google::Cloud', provider: 'gcp' },
  { prefix: 'azure', provider: 'azure' },
  { prefix: '@azure/', provider: 'azure' },
  { prefix: 'Azure', provider: 'azure' },
];

/** Method names of Google Cloud / Azure SDK objects that delete (`delete`, `begin_delete`, `delete_blob`). */
export const CLOUD_DELETE_METHOD = /^(begin_?)?(delete|destroy|purge|drop|remove|deleteIfExists|delete_if_exists)(_|[A-Z]|$)|^(delete|purge|drop)/i;

/** Method names that only read. Everything else a Google Cloud / Azure object does is an unknown change. */
export const CLOUD_READ_METHOD = /^(get|list|exists|describe|read|fetch|download|reload|lookup|query|search|iter|to_|as_|from_|keys|values|items|__|check|test_iam|aggregated_list|wait|result|done|status|close|bucket|blob|table|dataset|collection|document|topic|subscription|instance|database|client|with_|begin_get|begin_list|get_[a-z_]*client|get[A-Z][A-Za-z]*Client|by_|project|location|zone|path|signed_url|generate_signed)/;

/** What a Google Cloud / Azure object deletes, from the name of the method or the object it came from. */
export const CLOUD_TARGET_NOUNS: Readonly<Record<string, string>> = table({
  bucket: 'storage:bucket', blob: 'storage:object', blobs: 'storage:object', object: 'storage:object', file: 'storage:object',
  instance: 'compute:instance', instances: 'compute:instance', disk: 'compute:disk', disks: 'compute:disk', snapshot: 'compute:snapshot',
  dataset: 'bigquery:dataset', table: 'bigquery:table', topic: 'pubsub:topic', subscription: 'pubsub:subscription',
  database: 'database', databases: 'database', cluster: 'cluster', clusters: 'cluster', secret: 'secret', key: 'key', vault: 'key-vault',
  resource_group: 'resource-group', resource_groups: 'resource-group', resourceGroups: 'resource-group', virtual_machines: 'compute:virtual-machine',
  virtualMachines: 'compute:virtual-machine', container: 'storage:container', storage_accounts: 'storage:account', storageAccounts: 'storage:account',
  document: 'firestore:document', collection: 'firestore:collection', queue: 'queue', service: 'service', function: 'function', web_apps: 'app-service',
});
