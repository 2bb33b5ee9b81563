import type { Operation } from '../model.js';

// What each high-level `aws s3` command does to each side. `on`: which argument the effect hits;
// `at`: only when that argument is an s3:// path (`s3`) or a local path (`local`); `flag`: only
// with that option. IAM actions are s3:<name>.

export interface S3Effect {
  on: 'source' | 'destination';
  at: 's3' | 'local';
  flag?: string;
  /** Only when the other argument is at this kind of place. */
  otherAt?: 's3' | 'local';
  operation: Operation;
  iamActions: readonly string[];
  message: string;
}

export const S3_COMMAND_EFFECTS: Readonly<Record<string, readonly S3Effect[]>> = {
  ls: [{ on: 'source', at: 's3', operation: 'read', iamActions: ['ListBucket'], message: 'lists objects' }],
  presign: [{ on: 'source', at: 's3', operation: 'read', iamActions: ['GetObject'], message: 'signs a download URL' }],
  cp: [
    { on: 'destination', at: 's3', operation: 'update', iamActions: ['PutObject'], message: 'writes objects, overwriting any with the same key' },
    { on: 'source', at: 's3', otherAt: 'local', operation: 'read', iamActions: ['GetObject'], message: 'downloads objects' },
  ],
  mv: [
    { on: 'source', at: 's3', operation: 'delete', iamActions: ['DeleteObject', 'GetObject'], message: 'deletes the source objects after copying them' },
    { on: 'source', at: 'local', operation: 'delete', iamActions: [], message: 'removes the local files after uploading them (a copy exists in S3)' },
    { on: 'destination', at: 's3', operation: 'update', iamActions: ['PutObject'], message: 'writes objects, overwriting any with the same key' },
  ],
  rm: [{ on: 'source', at: 's3', operation: 'delete', iamActions: ['DeleteObject'], message: 'deletes objects' }],
  sync: [
    { on: 'destination', at: 's3', operation: 'update', iamActions: ['PutObject', 'ListBucket'], message: 'writes new and changed objects' },
    { on: 'destination', at: 's3', flag: '--delete', operation: 'delete', iamActions: ['DeleteObject'], message: 'deletes destination objects that are not in the source' },
    { on: 'source', at: 's3', otherAt: 'local', operation: 'read', iamActions: ['GetObject', 'ListBucket'], message: 'downloads new and changed objects' },
    { on: 'destination', at: 'local', flag: '--delete', operation: 'delete', iamActions: [], message: 'deletes local files that are not in the source' },
  ],
  mb: [{ on: 'source', at: 's3', operation: 'create', iamActions: ['CreateBucket'], message: 'creates the bucket' }],
  rb: [{ on: 'source', at: 's3', operation: 'delete', iamActions: ['DeleteBucket'], message: 'deletes the bucket (it must be empty unless --force)' }],
  website: [{ on: 'source', at: 's3', operation: 'update', iamActions: ['PutBucketWebsite'], message: 'sets the bucket website configuration' }],
};

/** With this flag, a command needs more IAM actions: `rb --force` empties the bucket first. */
export const S3_FLAG_IAM_ACTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  rb: { '--force': ['ListBucket', 'DeleteObject'] },
};
