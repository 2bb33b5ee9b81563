import { basename } from 'node:path';
import { serviceForCliCommand } from '../routing.js';
import { NotReplayable, splitReplayCommand } from './shell-words.js';

/** A recognised AWS CLI invocation, taken apart so that it can be rebuilt against the sandbox. */
export interface AwsCliInvocation {
  /** The command words after `aws` with --endpoint-url / --region removed. */
  args: string[];
  /** AWS CLI command name as written (`s3api`, `ec2`). */
  command: string;
  /** The service it signs for (`s3` for `s3api`). */
  service: string;
  subcommand: string;
  profile?: string;
  region?: string;
  /** `VAR=value` assignments written before `aws`. */
  assignments: Record<string, string>;
  /** Output redirections left out of the replay (`>> /tmp/x.log 2>&1`). */
  ignored: string[];
}

/** Global options that take a value (so the next word is not the service). */
const VALUED_GLOBALS = new Set(['--profile', '--region', '--endpoint-url', '--output', '--query', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--color', '--cli-binary-format']);

/** Sub-commands that would write to the host's file system or need host plugins: not replayed. */
const HOST_SIDE_EFFECTS: Record<string, (args: string[]) => string | undefined> = {
  configure: () => 'changes the AWS CLI configuration',
  's3 cp': localWrite,
  's3 mv': localWrite,
  's3 sync': localWrite,
  's3api get-object': () => 'writes the object to a local file',
  'lambda invoke': () => 'writes the response to a local file',
  'ssm start-session': () => 'opens an interactive session',
  'ecs execute-command': () => 'opens an interactive session',
};

function localWrite(positionals: string[]): string | undefined {
  const dest = positionals[positionals.length - 1];
  return dest && !dest.startsWith('s3://') ? `writes to the local path ${dest}` : undefined;
}

/**
 * `localDir`: local paths are allowed, relative ones only, resolved there (rollback verification
 * keeps what its safeguards copy in a folder of its own). Without it, nothing local is written.
 */
export function parseAwsCliCommand(command: string, opts: { localDir?: string } = {}): AwsCliInvocation {
  const { words, ignored } = splitReplayCommand(command.trim());
  const assignments: Record<string, string> = {};
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const w = words.shift()!;
    const eq = w.indexOf('=');
    assignments[w.slice(0, eq)] = w.slice(eq + 1);
  }
  if (!words.length || basename(words[0]) !== 'aws') throw new NotReplayable(`not an AWS CLI command: ${command}`);
  const rest = words.slice(1);
  const args: string[] = [];
  let profile = assignments.AWS_PROFILE ?? assignments.AWS_DEFAULT_PROFILE;
  let region = assignments.AWS_REGION ?? assignments.AWS_DEFAULT_REGION;
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    const [flag, inline] = w.startsWith('--') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    const value = () => (inline !== undefined ? inline : rest[++i]);
    if (flag === '--endpoint-url') {
      value();
      continue; // forced to the sandbox later
    }
    if (flag === '--region') {
      region = value();
      continue; // the twin lives in the sandbox region
    }
    if (flag === '--profile') {
      profile = value();
      args.push('--profile', profile ?? 'default');
      continue;
    }
    if (flag === '--no-verify-ssl' || flag === '--debug') continue;
    args.push(w);
    if (VALUED_GLOBALS.has(flag) && inline === undefined && i + 1 < rest.length) args.push(rest[++i]);
    else if (!w.startsWith('-')) positionals.push(w);
  }
  const [cliCommand, subcommand] = positionals;
  if (!cliCommand || !subcommand) throw new NotReplayable(`incomplete AWS CLI command: ${command}`);
  const hostEffect = HOST_SIDE_EFFECTS[`${cliCommand} ${subcommand}`] ?? HOST_SIDE_EFFECTS[cliCommand];
  const local = positionals.slice(2).filter((p) => !p.startsWith('s3://'));
  const inLocalDir = !!opts.localDir && ['s3 cp', 's3 sync', 's3 mv'].includes(`${cliCommand} ${subcommand}`) && local.every((p) => !p.startsWith('/') && !p.startsWith('~') && !p.split('/').includes('..'));
  const why = inLocalDir ? undefined : hostEffect?.(positionals.slice(2));
  if (why) throw new NotReplayable(`aws ${cliCommand} ${subcommand} ${why}; not replayed on the host`);
  return { args, command: cliCommand, service: serviceForCliCommand(cliCommand), subcommand, profile, region, assignments, ignored };
}
