// Tool name -> recogniser. One entry per tool; the recognisers live one per file.
import type { Recogniser } from '../command.js';
import { aws } from './aws.js';
import { CLOUD_CLIS, cloudCli } from './cloud-cli.js';
import { dd, find, mkfs, rm, shred, truncate, unlink } from './filesystem.js';
import { git } from './git.js';
import { curl, httpie, wget } from './http.js';
import { helm, kubectl } from './kubernetes.js';
import { createdb, dropdb, dump, mysql, mysqladmin, psql, sqlite3 } from './sql.js';
import { terraform } from './terraform.js';

export const RECOGNISERS: Readonly<Record<string, Recogniser>> = {
  ...Object.fromEntries(CLOUD_CLIS.map((name) => [name, cloudCli])),
  aws,
  terraform, tofu: terraform, terragrunt: terraform,
  kubectl, k: kubectl, oc: kubectl, helm,
  psql, mysql, mariadb: mysql, sqlite3, sqlite: sqlite3, dropdb, createdb, mysqladmin, pg_dump: dump, pg_dumpall: dump, mysqldump: dump,
  rm, shred, unlink, truncate, dd, find,
  mkfs, 'mkfs.ext4': mkfs, 'mkfs.ext3': mkfs, 'mkfs.xfs': mkfs, 'mkfs.vfat': mkfs, 'mkfs.fat': mkfs, 'mkfs.btrfs': mkfs, mke2fs: mkfs, wipefs: mkfs, newfs: mkfs,
  git,
  curl, wget, http: httpie, https: httpie, xh: httpie,
};
