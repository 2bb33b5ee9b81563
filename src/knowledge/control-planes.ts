// Cloud control-plane API hosts, as data: an HTTP call to one of these changes infrastructure.
// Matched against the URL host of curl / wget / httpie calls by src/intake/shell.

export interface ControlPlane {
  /** Exact host, or a suffix when it starts with a dot (`.amazonaws.com`). */
  host: string;
  /** Short provider name, used for pseudo target types (`railway:volume`). */
  provider: string;
  api: 'graphql' | 'rest';
}

export const CONTROL_PLANES: readonly ControlPlane[] = [
  { host: 'backboard.railway.app', provider: 'railway', api: 'graphql' },
  { host: 'backboard.railway.com', provider: 'railway', api: 'graphql' },
  { host: 'api.heroku.com', provider: 'heroku', api: 'rest' },
  { host: 'api.vercel.com', provider: 'vercel', api: 'rest' },
  { host: 'api.netlify.com', provider: 'netlify', api: 'rest' },
  { host: 'api.fly.io', provider: 'fly', api: 'graphql' },
  { host: 'api.machines.dev', provider: 'fly', api: 'rest' },
  { host: 'api.render.com', provider: 'render', api: 'rest' },
  { host: 'api.digitalocean.com', provider: 'digitalocean', api: 'rest' },
  { host: 'api.cloudflare.com', provider: 'cloudflare', api: 'rest' },
  { host: 'api.github.com', provider: 'github', api: 'rest' },
  { host: 'api.gitlab.com', provider: 'gitlab', api: 'rest' },
  { host: 'gitlab.com', provider: 'gitlab', api: 'rest' },
  { host: 'api.bitbucket.org', provider: 'bitbucket', api: 'rest' },
  { host: 'api.supabase.com', provider: 'supabase', api: 'rest' },
  { host: '.supabase.co', provider: 'supabase', api: 'rest' },
  { host: 'console.neon.tech', provider: 'neon', api: 'rest' },
  { host: 'api.planetscale.com', provider: 'planetscale', api: 'rest' },
  { host: 'api.turso.tech', provider: 'turso', api: 'rest' },
  { host: 'api.upstash.com', provider: 'upstash', api: 'rest' },
  { host: 'cloud.mongodb.com', provider: 'mongodb-atlas', api: 'rest' },
  { host: 'api.linode.com', provider: 'linode', api: 'rest' },
  { host: 'api.vultr.com', provider: 'vultr', api: 'rest' },
  { host: 'api.hetzner.cloud', provider: 'hetzner', api: 'rest' },
  { host: 'api.scaleway.com', provider: 'scaleway', api: 'rest' },
  { host: 'api.fastly.com', provider: 'fastly', api: 'rest' },
  { host: 'api.datadoghq.com', provider: 'datadog', api: 'rest' },
  { host: 'app.terraform.io', provider: 'terraform-cloud', api: 'rest' },
  { host: 'api.pulumi.com', provider: 'pulumi', api: 'rest' },
  { host: '.amazonaws.com', provider: 'aws', api: 'rest' },
  { host: '.api.aws', provider: 'aws', api: 'rest' },
  { host: 'management.azure.com', provider: 'azure', api: 'rest' },
  { host: 'graph.microsoft.com', provider: 'azure', api: 'rest' },
  { host: '.googleapis.com', provider: 'gcp', api: 'rest' },
  { host: 'api.openai.com', provider: 'openai', api: 'rest' },
  { host: 'api.stripe.com', provider: 'stripe', api: 'rest' },
];

/**
 * GitHub REST paths (after `/repos/OWNER/REPO/`) that are collaboration on issues and pull requests:
 * comments, labels, reviews, assignees, reactions, commit statuses and check runs. Creating or editing
 * them (POST, PATCH, PUT) changes no code, deployment or release; deleting them is still a delete.
 * Merging (`pulls/N/merge`), dispatching workflows, refs, releases and settings are not here.
 */
export const GITHUB_COLLABORATION_PATH = new RegExp(
  '^/?(?:repos/(?:[^/]+/[^/]+|\\$\\{?GITHUB_REPOSITORY\\}?)/)?(?:' + [
    'statuses/[^/]+',
    'check-runs(?:/\\d+)?',
    'check-suites(?:/\\d+/rerequest)?',
    'commits/[^/]+/comments',
    'issues(?:/\\d+(?:/(?:comments|labels(?:/[^/]+)?|assignees|reactions|lock))?)?',
    'issues/comments/\\d+(?:/reactions)?',
    'pulls(?:/\\d+(?:/(?:comments|reviews(?:/\\d+(?:/events)?)?|requested_reviewers|reactions))?)?',
    'pulls/comments/\\d+(?:/reactions)?',
  ].join('|') + ')/?$',
);

/** GitHub GraphQL mutations that are the same collaboration (comments, labels, reviews, project cards). */
export const GITHUB_COLLABORATION_MUTATIONS: ReadonlySet<string> = new Set([
  'addComment', 'updateIssueComment', 'addProjectCard', 'addProjectV2ItemById', 'addLabelsToLabelable', 'addReaction', 'updateIssue',
  'updatePullRequest', 'addPullRequestReview', 'submitPullRequestReview', 'addPullRequestReviewComment', 'requestReviews',
  'updateProjectV2ItemFieldValue', 'moveProjectCard', 'addDiscussionComment', 'markDiscussionCommentAsAnswer', 'addAssigneesToAssignable',
  // as gh issue/pr/discussion edit, close, reopen, lock and create, and editing a discussion comment like an issue comment
  'updateDiscussionComment', 'removeLabelsFromLabelable', 'removeAssigneesFromAssignable', 'closeIssue', 'reopenIssue', 'closePullRequest',
  'reopenPullRequest', 'closeDiscussion', 'reopenDiscussion', 'lockLockable', 'unlockLockable', 'createIssue', 'createPullRequest',
]);

/**
 * Hosts whose write endpoints post a message or a report, not a change to infrastructure: chat webhooks
 * (a message in a channel) and coverage services (a coverage report for a commit). Matched like control
 * planes; only literal hosts count (a URL in a variable could be anything).
 */
export const MESSAGE_AND_REPORT_HOSTS: readonly { host: string; what: string }[] = [
  { host: 'hooks.slack.com', what: 'a Slack incoming webhook: it posts a message to a channel' },
  { host: 'discord.com', what: 'a Discord webhook: it posts a message to a channel' },
  { host: 'discordapp.com', what: 'a Discord webhook: it posts a message to a channel' },
  { host: '.webhook.office.com', what: 'a Microsoft Teams webhook: it posts a message to a channel' },
  { host: 'chat.googleapis.com', what: 'a Google Chat webhook: it posts a message to a space' },
  { host: 'codecov.io', what: 'Codecov: it receives coverage reports and validates its configuration' },
  { host: 'api.codecov.io', what: 'Codecov: it receives coverage reports' },
  { host: 'ingest.codecov.io', what: 'Codecov: it receives coverage reports' },
  { host: 'uploader.codecov.io', what: 'Codecov: it receives coverage reports' },
  { host: 'coveralls.io', what: 'Coveralls: it receives coverage reports' },
];

/** Paths on those hosts that are the message or report endpoints (Discord's API is more than webhooks). */
const MESSAGE_PATHS: Readonly<Record<string, RegExp>> = {
  'discord.com': /^\/api\/webhooks\//,
  'discordapp.com': /^\/api\/webhooks\//,
  'chat.googleapis.com': /^\/v1\/spaces\/[^/]+\/messages$/,
  'hooks.slack.com': /^\/(services|workflows|triggers)\//,
};

export function messageOrReportHost(host: string, path: string): string | undefined {
  const h = host.toLowerCase();
  const entry = MESSAGE_AND_REPORT_HOSTS.find((e) => (e.host.startsWith('.') ? h.endsWith(e.host) : h === e.host));
  if (!entry) return undefined;
  const paths = MESSAGE_PATHS[entry.host];
  return !paths || paths.test(path) ? entry.what : undefined;
}

/** Hosts that are the agent's own machine: calls to them stay local. */
export const LOOPBACK_HOSTS: readonly RegExp[] = [/^localhost$/i, /\.localhost$/i, /^127\.\d+\.\d+\.\d+$/, /^\[?::1\]?$/, /^0\.0\.0\.0$/];

/** Default ports of data stores with an HTTP API: on this machine they are a database, not the agent's
 *  dev server, so a request that changes something is judged as it would be elsewhere. */
export const LOCAL_DATA_STORE_PORTS: Readonly<Record<string, string>> = {
  9200: 'Elasticsearch or OpenSearch', 9201: 'Elasticsearch or OpenSearch', 5984: 'CouchDB', 8086: 'InfluxDB', 8500: 'Consul', 2379: 'etcd',
  15672: 'RabbitMQ (management API)', 8123: 'ClickHouse', 7474: 'Neo4j', 8529: 'ArangoDB', 6333: 'Qdrant', 8108: 'Typesense',
  7700: 'Meilisearch', 8983: 'Solr', 8091: 'Couchbase', 8200: 'Vault', 19530: 'Milvus', 4001: 'etcd (v2)',
};

export function controlPlaneFor(host: string): ControlPlane | undefined {
  const h = host.toLowerCase();
  return CONTROL_PLANES.find((p) => (p.host.startsWith('.') ? h.endsWith(p.host) : h === p.host));
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.some((r) => r.test(host));
}
