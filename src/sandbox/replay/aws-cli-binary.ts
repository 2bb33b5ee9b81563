import { existsSync } from 'node:fs';
import { sandboxPaths } from '../paths.js';

/**
 * The AWS CLI used for replay: FIREBREAK_AWS_CLI, else the awscli 1.x in the LocalStack venv
 * (pinned with it), else Debian's awscli v2 in /usr/bin. Never looked up through PATH, so a
 * wrapper script on PATH cannot stand in for it.
 */
export function findAwsCli(): string | undefined {
  const candidates = [process.env.FIREBREAK_AWS_CLI, sandboxPaths.venvBin('localstack', 'aws'), '/usr/bin/aws', '/usr/local/bin/aws'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}
