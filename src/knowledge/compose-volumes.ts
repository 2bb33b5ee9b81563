// What `docker compose down --volumes` (and `rm -v`) deletes, and when that is scratch. Read by
// src/intake/shell/runners/compose-volumes.ts.
//
// `down -v` removes two kinds of volume (Compose specification, `down`):
//  - the named volumes the project's files declare at top level (`volumes: {pgdata: {}}`), except
//    `external` ones. These are where a stack keeps what should outlive its containers: compose keeps
//    them on a plain `down` for that reason. Deleting one is never taken as scratch here.
//  - the anonymous volumes of the project's containers (an image's VOLUME with nothing mounted there).
//    A plain `down` (which passes) already cuts these off: compose never attaches an anonymous volume
//    to a new container, so after `down` the next `up` starts them empty (docker/compose#7444,
//    docker/docs#11601 "what presents as data loss"). `-v` then removes leftovers nothing of the
//    project can reach again; only the by-hand recovery (`docker volume ls -f dangling=true`) is lost.
//
// That by-hand recovery matters for the one kind of container people fill by hand: a database. So a
// service whose image (or the image its build starts FROM) is one of the databases below, with its
// data folder left to an anonymous volume, keeps `down -v` stopping unless the repository itself
// makes the data: it mounts a workspace file or folder into the image's seed folder, which the
// image's entrypoint runs into the empty database on every fresh start (the repo's fixture database).
// A bind mount of the data folder is never deleted by compose.

export interface DatabaseImageFacts {
  /** Folders the image declares as VOLUME for its data: anonymous volumes unless something is mounted there. */
  data: readonly string[];
  /** The folder the entrypoint runs scripts from into an empty database (`/docker-entrypoint-initdb.d`). */
  seed?: string;
}

const POSTGRES: DatabaseImageFacts = { data: ['/var/lib/postgresql/data', '/var/lib/postgresql'], seed: '/docker-entrypoint-initdb.d' };
const MYSQL: DatabaseImageFacts = { data: ['/var/lib/mysql'], seed: '/docker-entrypoint-initdb.d' };

/** Image names as `imageName` gives them (registry kept, Docker Hub's dropped, no tag). */
export const DATABASE_IMAGES: Readonly<Record<string, DatabaseImageFacts>> = {
  postgres: POSTGRES,
  'postgis/postgis': POSTGRES,
  'timescale/timescaledb': POSTGRES,
  'pgvector/pgvector': POSTGRES,
  'supabase/postgres': POSTGRES,
  'public.ecr.aws/docker/library/postgres': POSTGRES,
  'bitnami/postgresql': { data: ['/bitnami/postgresql'], seed: '/docker-entrypoint-initdb.d' },
  mysql: MYSQL,
  'container-registry.oracle.com/mysql/community-server': MYSQL,
  mariadb: MYSQL,
  'bitnami/mysql': { data: ['/bitnami/mysql'], seed: '/docker-entrypoint-initdb.d' },
  mongo: { data: ['/data/db', '/data/configdb'], seed: '/docker-entrypoint-initdb.d' },
  'bitnami/mongodb': { data: ['/bitnami/mongodb'], seed: '/docker-entrypoint-initdb.d' },
  'mcr.microsoft.com/mssql/server': { data: ['/var/opt/mssql'] },
  cassandra: { data: ['/var/lib/cassandra'] },
  neo4j: { data: ['/data'] },
  couchdb: { data: ['/opt/couchdb/data'] },
  influxdb: { data: ['/var/lib/influxdb', '/var/lib/influxdb2'] },
  'clickhouse/clickhouse-server': { data: ['/var/lib/clickhouse'], seed: '/docker-entrypoint-initdb.d' },
  'gvenzl/oracle-free': { data: ['/opt/oracle/oradata'], seed: '/container-entrypoint-initdb.d' },
  'gvenzl/oracle-xe': { data: ['/opt/oracle/oradata'], seed: '/container-entrypoint-initdb.d' },
};

/** Ways a command names the compose project other than the files' folder: another project's containers
 *  (and their anonymous volumes) are then the ones removed. */
export const PROJECT_NAME_OPTIONS: readonly string[] = ['-p', '--project-name'];
export const PROJECT_NAME_VARIABLE = 'COMPOSE_PROJECT_NAME';
