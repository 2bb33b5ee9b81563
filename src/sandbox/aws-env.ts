import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SANDBOX_REGION = 'us-east-1';
export const SANDBOX_SECRET = 'test';

/**
 * LocalStack 4.14 community has no state-reset endpoint, but it uses a 12-digit access key id
 * as the account id: each run gets a fresh account, hence an empty twin, without a restart.
 */
export function sandboxAccessKey(accountId: string): string {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`sandbox account id must be 12 digits, got ${accountId}`);
  return accountId;
}

export interface SandboxCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const NO_PROXY = '127.0.0.1,localhost,::1';

/** Variables that could make an AWS tool reach a real account or read real credentials. */
function isAwsIdentityVar(name: string): boolean {
  return /^AWS_/i.test(name) || /^BOTO_/i.test(name);
}

/** The current environment without any AWS identity, config or endpoint variable. */
export function scrubbedProcessEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) if (!isAwsIdentityVar(k)) env[k] = v;
  // Proxies stay (traffic to anything but loopback must not bypass them silently), loopback bypasses them.
  env.NO_PROXY = NO_PROXY;
  env.no_proxy = NO_PROXY;
  return env;
}

export interface SandboxAwsEnv {
  env: NodeJS.ProcessEnv;
  configFile: string;
  credentialsFile: string;
  dispose(): Promise<void>;
}

/**
 * A temp AWS config + credentials file in which every profile the agent named (and `default`)
 * holds sandbox credentials and the sandbox endpoint, and an environment that points the AWS
 * CLI at them. The real ~/.aws files and AWS_* variables are never visible to the replayed command.
 */
export async function createSandboxAwsEnv(opts: {
  credentials: SandboxCredentials;
  defaultEndpoint: string;
  profiles: Iterable<string>;
  base?: NodeJS.ProcessEnv;
}): Promise<SandboxAwsEnv> {
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-aws-'));
  const profiles = new Set(['default', ...opts.profiles].filter((p) => /^[\w.+@-]+$/.test(p)));
  const config: string[] = [];
  const creds: string[] = [];
  for (const p of profiles) {
    config.push(p === 'default' ? '[default]' : `[profile ${p}]`, `region = ${SANDBOX_REGION}`, 'output = json', `endpoint_url = ${opts.defaultEndpoint}`, '');
    creds.push(`[${p}]`, `aws_access_key_id = ${opts.credentials.accessKeyId}`, `aws_secret_access_key = ${opts.credentials.secretAccessKey}`, '');
  }
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  await writeFile(configFile, config.join('\n'), { mode: 0o600 });
  await writeFile(credentialsFile, creds.join('\n'), { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    ...scrubbedProcessEnv(opts.base),
    HOME: dir,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_ACCESS_KEY_ID: opts.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: opts.credentials.secretAccessKey,
    AWS_DEFAULT_REGION: SANDBOX_REGION,
    AWS_REGION: SANDBOX_REGION,
    AWS_ENDPOINT_URL: opts.defaultEndpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  };
  return { env, configFile, credentialsFile, dispose: () => rm(dir, { recursive: true, force: true }) };
}
