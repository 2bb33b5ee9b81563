import type { Action } from '../../model.js';
import { firstStackFailure, isFailedStackStatus, settleStack } from '../stacks.js';
import { UNMODELLED_CFN_TYPES } from '../seed/twin-template.js';
import type { ReplayedCall } from '../types.js';
import { parseAwsCliCommand } from './aws-cli-command.js';
import { runAwsCli } from './run-aws-cli.js';
import type { ReplaySession } from './session.js';

const STACK_MUTATIONS = new Set(['create-stack', 'update-stack', 'delete-stack', 'execute-change-set', 'deploy']);

/** Runs an AWS CLI command exactly as written, but against the twin. Throws NotReplayable. */
export async function replayCliCommand(command: string, actionId: string, session: ReplaySession): Promise<ReplayedCall> {
  const invocation = parseAwsCliCommand(command);
  const rewrites: string[] = [];
  invocation.args = invocation.args.map((a) => {
    const r = session.ids.rewrite(a);
    rewrites.push(...r.rewrites);
    return r.value;
  });
  const result = await runAwsCli(invocation, { engines: session.engines, env: session.awsEnv.env, cwd: session.cwd, log: session.calls });
  let stackFailure: { code: string; message: string } | undefined;
  if (invocation.command === 'cloudformation' && STACK_MUTATIONS.has(invocation.subcommand) && result.exitCode === 0) {
    const stack = flagValue(invocation.args, '--stack-name');
    const status = stack ? await settleStack(session.ctx, stack).catch((e: Error) => `UNKNOWN (${e.message})`) : undefined;
    // The call returned, but the stack operation it started failed: that is the outcome.
    if (stack && status && isFailedStackStatus(status)) {
      stackFailure = { code: status, message: (await firstStackFailure(session.ctx, stack)) ?? `stack ${stack} ended in ${status}` };
    }
  }
  if (stackFailure) {
    return {
      actionId,
      method: 'aws-cli',
      call: `aws ${[...invocation.args, '--endpoint-url', result.engine.url].join(' ')}`,
      engine: result.engine.name,
      ok: false,
      code: stackFailure.code,
      message: stackFailure.message,
      emulatorLimitation: emulatorLimitation(stackFailure.message, hasExtension(session)),
      rewrites: rewrites.length ? rewrites : undefined,
      ...(invocation.ignored.length ? { ignored: invocation.ignored } : {}),
      ms: result.ms,
    };
  }
  return {
    actionId,
    method: 'aws-cli',
    call: `aws ${[...invocation.args, '--endpoint-url', result.engine.url].join(' ')}`,
    engine: result.engine.name,
    ok: result.exitCode === 0,
    code: result.errorCode,
    message: result.exitCode === 0 ? undefined : lastLine(result.stderr),
    emulatorLimitation: result.exitCode === 0 ? undefined : emulatorLimitation(result.stderr, hasExtension(session)),
    rewrites: rewrites.length ? rewrites : undefined,
    ...(invocation.ignored.length ? { ignored: invocation.ignored } : {}),
    ms: result.ms,
  };
}

/** Failures that say "the emulator cannot do this" rather than "AWS would refuse this". */
const LIMITATION_PATTERNS = [/Service '([\w-]+)' is not enabled/, /not yet implemented|NotImplemented/i, /No module named|InternalFailure.*provider/i, /Resource type [\w:]+ not supported/];

function hasExtension(session: ReplaySession): boolean {
  return session.engines.some((e) => !!e.extension);
}

/** `withExtension`: LocalStack runs Firebreak's extension, so DynamoDB, Lambda and RDS are modelled. */
export function emulatorLimitation(text: string, withExtension = false): string | undefined {
  for (const p of LIMITATION_PATTERNS) {
    const m = p.exec(text);
    if (m) return `the emulator cannot model this (${m[0]}); the outcome in AWS is unknown`;
  }
  if (!withExtension) for (const [type, why] of Object.entries(UNMODELLED_CFN_TYPES)) if (text.includes(`(${type})`)) return `${type}: ${why}; the outcome in AWS is unknown`;
  return undefined;
}

export function actionCommand(action: Action): string | undefined {
  return action.tool === 'aws' && action.source.command ? action.source.command : undefined;
}

function flagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return args[i + 1];
    if (args[i].startsWith(`${flag}=`)) return args[i].slice(flag.length + 1);
  }
  return undefined;
}

function lastLine(text: string): string {
  return text.trim().split('\n').filter(Boolean).pop() ?? '';
}
