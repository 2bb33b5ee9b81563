// Libraries that reach remote systems (hosts, clusters, data stores, clouds) through calls that
// Firebreak does not model. Rule: code that calls into one of these is unknown (it escalates),
// whatever the call; importing one without calling it changes nothing. Modelled libraries (boto3,
// the AWS SDKs, database drivers, HTTP clients, the Google Cloud / Azure delete calls) are not here.

export interface RemoteLibrary {
  /** Module name as imported (Python dotted, npm package, Ruby require/constant, PHP namespace). */
  module: string;
  /** What it reaches, for the report. */
  reaches: string;
}

export const REMOTE_LIBRARIES: readonly RemoteLibrary[] = [
  // Remote shells and hosts
  { module: 'paramiko', reaches: 'remote hosts over SSH' },
  { module: 'fabric', reaches: 'remote hosts over SSH' },
  { module: 'pexpect', reaches: 'interactive programs and remote shells' },
  { module: 'asyncssh', reaches: 'remote hosts over SSH' },
  { module: 'netmiko', reaches: 'network devices over SSH' },
  { module: 'ansible', reaches: 'remote hosts (Ansible)' },
  { module: 'ansible_runner', reaches: 'remote hosts (Ansible)' },
  { module: 'salt', reaches: 'remote hosts (Salt)' },
  { module: 'ssh2', reaches: 'remote hosts over SSH' },
  { module: 'node-ssh', reaches: 'remote hosts over SSH' },
  { module: 'ssh2-sftp-client', reaches: 'remote hosts over SFTP' },
  { module: 'Net::SSH', reaches: 'remote hosts over SSH' },
  { module: 'net-ssh', reaches: 'remote hosts over SSH' },
  { module: 'Net::SFTP', reaches: 'remote hosts over SFTP' },
  { module: 'ftplib', reaches: 'FTP servers' },
  { module: 'git', reaches: 'git remotes (GitPython runs git, including push)' },
  { module: 'awscli', reaches: "AWS (the AWS CLI's own code, run in-process)" },
  { module: 'telnetlib', reaches: 'remote hosts over telnet' },
  { module: 'smbclient', reaches: 'SMB file shares' },
  // Clusters and containers
  { module: 'kubernetes', reaches: 'a Kubernetes cluster' },
  { module: '@kubernetes/client-node', reaches: 'a Kubernetes cluster' },
  { module: 'kubernetes_asyncio', reaches: 'a Kubernetes cluster' },
  { module: 'kr8s', reaches: 'a Kubernetes cluster' },
  { module: 'pykube', reaches: 'a Kubernetes cluster' },
  { module: 'docker', reaches: 'the Docker daemon' },
  { module: 'dockerode', reaches: 'the Docker daemon' },
  { module: 'podman', reaches: 'the Podman service' },
  { module: 'nomad', reaches: 'a Nomad cluster' },
  { module: 'consul', reaches: 'a Consul cluster' },
  { module: 'hvac', reaches: 'HashiCorp Vault' },
  { module: 'node-vault', reaches: 'HashiCorp Vault' },
  // Infrastructure as code engines
  { module: 'pulumi', reaches: 'cloud infrastructure (Pulumi)' },
  { module: '@pulumi/pulumi', reaches: 'cloud infrastructure (Pulumi)' },
  { module: 'pulumi.automation', reaches: 'cloud infrastructure (Pulumi Automation API)' },
  { module: 'python_terraform', reaches: 'cloud infrastructure (Terraform)' },
  { module: 'cdktf', reaches: 'cloud infrastructure (CDKTF)' },
  { module: 'aws_cdk', reaches: 'cloud infrastructure (CDK)' },
  { module: 'libcloud', reaches: 'cloud providers (libcloud)' },
  { module: 'openstack', reaches: 'an OpenStack cloud' },
  { module: 'digitalocean', reaches: 'DigitalOcean' },
  { module: 'hcloud', reaches: 'Hetzner Cloud' },
  { module: 'linode_api4', reaches: 'Linode' },
  { module: 'boto', reaches: 'AWS (legacy boto 2)' },
  { module: 'aiobotocore', reaches: 'AWS (aiobotocore)' },
  { module: 's3fs', reaches: 'S3 buckets as a filesystem' },
  { module: 'fsspec', reaches: 'remote filesystems' },
  { module: 'smart_open', reaches: 'remote files' },
  { module: 'awswrangler', reaches: 'AWS data services' },
  { module: 'Paws', reaches: 'AWS (Perl Paws)' },
  { module: 'paws', reaches: 'AWS (R paws)' },
  { module: 'aws.s3', reaches: 'S3 (R aws.s3)' },
  { module: 'googleCloudStorageR', reaches: 'Google Cloud Storage' },
  // Data stores
  { module: 'redis', reaches: 'a Redis server' },
  { module: 'ioredis', reaches: 'a Redis server' },
  { module: 'aioredis', reaches: 'a Redis server' },
  { module: 'pymongo', reaches: 'a MongoDB server' },
  { module: 'motor', reaches: 'a MongoDB server' },
  { module: 'mongodb', reaches: 'a MongoDB server' },
  { module: 'mongoose', reaches: 'a MongoDB server' },
  { module: 'mongoengine', reaches: 'a MongoDB server' },
  { module: 'Mongo', reaches: 'a MongoDB server' },
  { module: 'elasticsearch', reaches: 'an Elasticsearch cluster' },
  { module: '@elastic/elasticsearch', reaches: 'an Elasticsearch cluster' },
  { module: 'opensearchpy', reaches: 'an OpenSearch cluster' },
  { module: '@opensearch-project/opensearch', reaches: 'an OpenSearch cluster' },
  { module: 'cassandra', reaches: 'a Cassandra cluster' },
  { module: 'cassandra-driver', reaches: 'a Cassandra cluster' },
  { module: 'neo4j', reaches: 'a Neo4j database' },
  { module: 'neo4j-driver', reaches: 'a Neo4j database' },
  { module: 'influxdb_client', reaches: 'an InfluxDB server' },
  { module: 'clickhouse_driver', reaches: 'a ClickHouse server' },
  { module: 'clickhouse_connect', reaches: 'a ClickHouse server' },
  { module: '@clickhouse/client', reaches: 'a ClickHouse server' },
  { module: 'snowflake', reaches: 'Snowflake' },
  { module: 'snowflake-sdk', reaches: 'Snowflake' },
  { module: 'databricks', reaches: 'Databricks' },
  { module: 'pinecone', reaches: 'Pinecone' },
  { module: 'etcd3', reaches: 'an etcd cluster' },
  { module: 'kazoo', reaches: 'a ZooKeeper ensemble' },
  { module: 'memcache', reaches: 'a memcached server' },
  { module: 'pymemcache', reaches: 'a memcached server' },
  { module: 'ldap3', reaches: 'an LDAP directory' },
  { module: 'ldap', reaches: 'an LDAP directory' },
  { module: 'firebase_admin', reaches: 'Firebase' },
  { module: 'firebase-admin', reaches: 'Firebase' },
  { module: '@supabase/supabase-js', reaches: 'Supabase' },
  { module: 'supabase', reaches: 'Supabase' },
  { module: '@prisma/client', reaches: 'the project database (Prisma)' },
  { module: 'typeorm', reaches: 'the project database (TypeORM)' },
  { module: 'peewee', reaches: 'a database (peewee)' },
  { module: 'pony', reaches: 'a database (Pony ORM)' },
  { module: 'DBI', reaches: 'a database (Perl DBI)' },
  { module: 'DBI::dbConnect', reaches: 'a database (R DBI)' },
  { module: 'RPostgres', reaches: 'a PostgreSQL database' },
  { module: 'RMySQL', reaches: 'a MySQL database' },
  // Messaging
  { module: 'kafka', reaches: 'a Kafka cluster' },
  { module: 'confluent_kafka', reaches: 'a Kafka cluster' },
  { module: 'kafkajs', reaches: 'a Kafka cluster' },
  { module: 'pika', reaches: 'a RabbitMQ broker' },
  { module: 'amqplib', reaches: 'a RabbitMQ broker' },
  { module: 'nats', reaches: 'a NATS server' },
  { module: 'celery', reaches: 'a Celery broker and its workers' },
  { module: 'stripe', reaches: 'Stripe' },
  { module: 'twilio', reaches: 'Twilio' },
  { module: 'slack_sdk', reaches: 'Slack' },
  { module: '@slack/web-api', reaches: 'Slack' },
  { module: 'github', reaches: 'GitHub (PyGithub)' },
  { module: '@octokit/rest', reaches: 'GitHub' },
  { module: 'octokit', reaches: 'GitHub' },
  { module: 'gitlab', reaches: 'GitLab' },
  { module: 'smtplib', reaches: 'a mail server' },
  { module: 'nodemailer', reaches: 'a mail server' },
  { module: 'websockets', reaches: 'a WebSocket server' },
  { module: 'ws', reaches: 'a WebSocket server' },
  // Native code, which can do anything
  { module: 'ctypes', reaches: 'native code' },
  { module: 'cffi', reaches: 'native code' },
  { module: 'ffi-napi', reaches: 'native code' },
  { module: 'koffi', reaches: 'native code' },
  { module: 'Fiddle', reaches: 'native code' },
  { module: 'FFI', reaches: 'native code' },
];

/** Libraries by the first segment of their module name (`kubernetes`, `@kubernetes`, `Net`). */
const BY_ROOT = new Map<string, RemoteLibrary[]>();
for (const lib of REMOTE_LIBRARIES) {
  const root = rootOf(lib.module);
  BY_ROOT.set(root, [...(BY_ROOT.get(root) ?? []), lib]);
}

function rootOf(path: string): string {
  return path.split(/\.|\/|::/)[0];
}

/** The library a module path belongs to (`kubernetes.client.CoreV1Api` -> kubernetes). */
export function remoteLibraryFor(path: string): RemoteLibrary | undefined {
  let best: RemoteLibrary | undefined;
  for (const lib of BY_ROOT.get(rootOf(path)) ?? []) {
    if (path === lib.module || path.startsWith(`${lib.module}.`) || path.startsWith(`${lib.module}/`) || path.startsWith(`${lib.module}::`)) {
      if (!best || lib.module.length > best.module.length) best = lib;
    }
  }
  return best;
}
