import type { Operation } from '../model.js';

// How an IAM `Write` action changes things, decided by the first word of its name.
// Read / List / Permissions management / Tagging actions are classified by access level instead.
//
// Choices that are not obvious:
// - Remove / Detach / Disassociate / Unassign / Unlink change a relationship: the named resource
//   survives, so they are `update`, not `delete`.
// - Authorize / Revoke / Grant / Share / Allow (security group rules, snapshot sharing, KMS grants,
//   RAM shares) open or close access, so they are `permissions` even where IAM files them as Write:
//   `ec2:AuthorizeSecurityGroupIngress --cidr 0.0.0.0/0` is an exposure, not a routine update.
// - Verbs that sound read-only (Get, Describe, Decrypt, Test...) but that IAM files as Write keep a
//   changing operation (`update`): IAM knows they have a side effect, so they are never `read`.
// - Cancel stops something pending (a job, a key deletion): `update`.
// - Deregister / Release / Expire make a registration, address or object go away: `delete`.

export const WRITE_VERB_OPERATION: Readonly<Record<string, Operation>> = {
  // delete
  delete: 'delete', terminate: 'delete', deregister: 'delete', purge: 'delete', drop: 'delete',
  wipe: 'delete', dispose: 'delete', discard: 'delete', evict: 'delete', deprovision: 'delete',
  release: 'delete', expire: 'delete', destroy: 'delete', forget: 'delete', clear: 'delete',
  flush: 'delete', shutdown: 'delete', unpublish: 'delete', withdraw: 'delete', redact: 'delete',
  // create
  create: 'create', run: 'create', allocate: 'create', import: 'create', restore: 'create',
  copy: 'create', launch: 'create', clone: 'create', provision: 'create', purchase: 'create',
  register: 'create', generate: 'create', duplicate: 'create', build: 'create', instantiate: 'create',
  issue: 'create', request: 'create', reserve: 'create', upload: 'create', publish: 'create',
  send: 'create', submit: 'create', post: 'create', put: 'update', insert: 'create', store: 'create',
  export: 'create', backup: 'create', checkpoint: 'create', derive: 'create', replicate: 'create',
  invite: 'create', initiate: 'create', begin: 'create', save: 'create', record: 'create', log: 'create',
  write: 'create', ingest: 'create', make: 'create', train: 'create', regenerate: 'create',
  bundle: 'create', split: 'create', compose: 'create', populate: 'create', setup: 'create',
  deliver: 'create', notify: 'create', report: 'create', signal: 'create', index: 'create',
  define: 'create', enroll: 'create', join: 'update', claim: 'create', redeem: 'create',
  // update
  update: 'update', modify: 'update', set: 'update', attach: 'update', associate: 'update',
  enable: 'update', disable: 'update', reboot: 'update', start: 'update', stop: 'update',
  reset: 'update', replace: 'update', add: 'update', accept: 'update', reject: 'update',
  cancel: 'update', remove: 'update', detach: 'update', disassociate: 'update', dissociate: 'update',
  unassign: 'update', unlink: 'update', assign: 'update', link: 'update', apply: 'update',
  activate: 'update', deactivate: 'update', complete: 'update', confirm: 'update', resume: 'update',
  pause: 'update', suspend: 'update', restart: 'update', upgrade: 'update', retry: 'update',
  merge: 'update', rollback: 'update', rotate: 'update', subscribe: 'update', unsubscribe: 'update',
  alter: 'update', connect: 'update', disconnect: 'update', configure: 'update', change: 'update',
  rename: 'update', move: 'update', refresh: 'update', failover: 'update', switchover: 'update',
  promote: 'update', open: 'update', close: 'update', end: 'update', transfer: 'update',
  resolve: 'update', acknowledge: 'update', approve: 'update', decline: 'update', deprecate: 'update',
  undeprecate: 'update', renew: 'update', resend: 'update', extend: 'update', increase: 'update',
  decrease: 'update', schedule: 'update', reschedule: 'update', archive: 'update', unarchive: 'update',
  invoke: 'update', execute: 'update', call: 'update', deploy: 'update', commit: 'update',
  patch: 'update', mark: 'update', lock: 'update', unlock: 'update', mount: 'update',
  sync: 'update', synchronize: 'update', resync: 'update', reload: 'update', rebuild: 'update',
  reorder: 'update', override: 'update', toggle: 'update', transition: 'update', migrate: 'update',
  resize: 'update', shrink: 'update', rebalance: 'update', swap: 'update', convert: 'update',
  backtrack: 'update', reverse: 'update', label: 'update', unlabel: 'update', group: 'update',
  ungroup: 'update', push: 'update', finalize: 'update', initialize: 'update', continue: 'update',
  prepare: 'update', process: 'update', handle: 'update', respond: 'update', vote: 'update',
  hold: 'update', amend: 'update', recall: 'update', dismiss: 'update', install: 'update',
  monitor: 'update', unmonitor: 'update', peer: 'update', unpeer: 'update', interrupt: 'update',
  inject: 'update', fail: 'update', advertise: 'update', opt: 'update', skip: 'update',
  leave: 'update', left: 'update', exit: 'update', enter: 'update', logout: 'update', use: 'update',
  load: 'update', unload: 'update', hide: 'update', retain: 'update', exclude: 'update',
  include: 'update', integrate: 'update', distribute: 'update', persist: 'update', mutate: 'update',
  transform: 'update', sample: 'update', redrive: 'update', bypass: 'update', checkout: 'update',
  take: 'update', return: 'update', rate: 'update', poll: 'update', stream: 'update',
  upsert: 'update', snooze: 'update', unsuspend: 'update', reinvite: 'update', abort: 'update',
  tag: 'update', untag: 'update', manage: 'update', scope: 'update', forgot: 'update',
  click: 'update', press: 'update', scroll: 'update', type: 'update',
  // read-sounding verbs that IAM files as Write: it knows of a side effect, so never `read`
  get: 'update', describe: 'update', list: 'update', query: 'update', search: 'update',
  verify: 'update', validate: 'update', test: 'update', check: 'update', evaluate: 'update',
  encrypt: 'update', decrypt: 'update', decode: 'update', translate: 'update', retrieve: 'update',
  predict: 'update', discover: 'update', detect: 'update', recognize: 'update', converse: 'update',
  receive: 'update', download: 'update', show: 'update', preview: 'update', count: 'update',
  meter: 'update', rerank: 'update', provide: 'update', introspect: 'update', perform: 'update',
  exchange: 'update', invalidate: 'update',
  // access: who or what may reach a resource
  authorize: 'permissions', unauthorize: 'permissions', deauthorize: 'permissions',
  revoke: 'permissions', grant: 'permissions', allow: 'permissions', disallow: 'permissions',
  deny: 'permissions', share: 'permissions', unshare: 'permissions', pass: 'permissions',
  assume: 'permissions', federate: 'permissions', access: 'permissions', authenticate: 'permissions',
  sign: 'update',
};

/** Verbs that launch what the rest of the name says: with a deleting word after them the action
 *  deletes (`ScheduleKeyDeletion`, `StartFHIRBulkDeleteJob`, `CreateDataDeletionJob`). Cancel, Put,
 *  Update are not here: `CancelKeyDeletion`, `UpdateDeletionProtection` delete nothing. */
export const LAUNCHING_VERBS: ReadonlySet<string> = new Set(['schedule', 'start', 'create', 'detach', 'replicate', 'request', 'submit']);
export const DELETING_WORDS: ReadonlySet<string> = new Set(['delete', 'deletion', 'purge', 'wipe', 'erase', 'destroy']);

/** Words that qualify the verb rather than being it: `BatchDeleteItem`, `AdminDeleteUser`, `PartiQLDelete`. */
export const VERB_QUALIFIER_WORDS: ReadonlySet<string> = new Set([
  'batch', 'admin', 'bulk', 'parti', 'ql', 'es', 'http', 'db', 'sso', 'client', 'cross', 'global',
  'remote', 'double', 'triple', 'right', 'middle', 'key', 're', 'un', 'member', 'event', 'gateway',
]);

/** Write actions whose name misleads the verb table: IAM action (lowercase) -> operation. */
export const WRITE_OPERATION_OVERRIDES: Readonly<Record<string, Operation>> = {
  'elasticloadbalancing:deregistertargets': 'update',
  'elasticloadbalancing:deregisterinstancesfromloadbalancer': 'update',
  'ecs:deregistercontainerinstance': 'update',
  'ec2:releasehosts': 'delete',
  'ec2:cancelspotinstancerequests': 'update',
  'kms:cancelkeydeletion': 'update',
  'ec2:stopinstances': 'update',
  'ec2:createtags': 'update',
  'ec2:deletetags': 'update',
  'sqs:sendmessage': 'create',
  'iam:passrole': 'permissions',
  'iam:createaccesskey': 'permissions',
  'iam:createloginprofile': 'permissions',
  'iam:updateloginprofile': 'permissions',
  'iam:updateaccesskey': 'permissions',
  'iam:deleteaccesskey': 'delete',
  's3:putobject': 'update',
};

/** AWS CLI / SDK operations whose name differs from the IAM action that authorizes them.
 *  Key: `<iamPrefix>:<normalized operation>`; value: IAM action names (the first is primary). */
export const OPERATION_TO_IAM_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  's3:listobjects': ['ListBucket'],
  's3:listobjectsv2': ['ListBucket'],
  's3:listobjectversions': ['ListBucketVersions'],
  's3:listbuckets': ['ListAllMyBuckets'],
  's3:headobject': ['GetObject'],
  's3:headbucket': ['ListBucket'],
  's3:deleteobjects': ['DeleteObject'],
  's3:copyobject': ['PutObject', 'GetObject'],
  's3:createmultipartupload': ['PutObject'],
  's3:uploadpart': ['PutObject'],
  's3:uploadpartcopy': ['PutObject', 'GetObject'],
  's3:completemultipartupload': ['PutObject'],
  's3:abortmultipartupload': ['AbortMultipartUpload'],
  's3:putbucketlifecycleconfiguration': ['PutLifecycleConfiguration'],
  's3:getbucketlifecycleconfiguration': ['GetLifecycleConfiguration'],
  's3:deletebucketlifecycle': ['PutLifecycleConfiguration'],
  's3:putbucketreplication': ['PutReplicationConfiguration'],
  's3:getbucketreplication': ['GetReplicationConfiguration'],
  's3:deletebucketreplication': ['PutReplicationConfiguration'],
  's3:putbucketencryption': ['PutEncryptionConfiguration'],
  's3:getbucketencryption': ['GetEncryptionConfiguration'],
  's3:deletebucketencryption': ['PutEncryptionConfiguration'],
  's3:deletebucketcors': ['PutBucketCORS'],
  's3:deletebuckettagging': ['PutBucketTagging'],
  's3:putpublicaccessblock': ['PutBucketPublicAccessBlock'],
  's3:getpublicaccessblock': ['GetBucketPublicAccessBlock'],
  's3:deletepublicaccessblock': ['PutBucketPublicAccessBlock'],
  's3:putbucketnotificationconfiguration': ['PutBucketNotification'],
  's3:getbucketnotificationconfiguration': ['GetBucketNotification'],
  's3:deletebucketownershipcontrols': ['PutBucketOwnershipControls'],
  's3:getbucketlocation': ['GetBucketLocation'],
  'lambda:invoke': ['InvokeFunction'],
  'ecr:getloginpassword': ['GetAuthorizationToken'],
  'eks:updatekubeconfig': ['DescribeCluster'],
  'logs:tail': ['FilterLogEvents'],
  'cloudformation:deploy': ['CreateChangeSet', 'ExecuteChangeSet'],
  'rds:generatedbauthtoken': ['DescribeDBInstances'],
};
