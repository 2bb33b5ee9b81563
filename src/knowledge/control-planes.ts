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

/** Hosts that are the agent's own machine: calls to them stay local. */
export const LOOPBACK_HOSTS: readonly RegExp[] = [/^localhost$/i, /\.localhost$/i, /^127\.\d+\.\d+\.\d+$/, /^\[?::1\]?$/, /^0\.0\.0\.0$/];

export function controlPlaneFor(host: string): ControlPlane | undefined {
  const h = host.toLowerCase();
  return CONTROL_PLANES.find((p) => (p.host.startsWith('.') ? h.endsWith(p.host) : h === p.host));
}

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.some((r) => r.test(host));
}
