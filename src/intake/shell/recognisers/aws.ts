// `aws ...`: delegated to the AWS intake (src/intake/aws/cli.ts), loaded on first use so that
// commands without aws never pay for it.
import type { PlannedAction } from '../../types.js';
import type { Recogniser } from '../command.js';
import { ssmRemoteRun } from './aws-run-command.js';

let awsModule: Promise<typeof import('../../aws/cli.js')> | undefined;

export const aws: Recogniser = async (cmd) => {
  const remote = await ssmRemoteRun(cmd);
  if (remote) return remote;
  awsModule ??= import('../../aws/cli.js');
  const { awsCliToActions } = await awsModule;
  const env: Record<string, string | undefined> = { ...cmd.env };
  if (cmd.hints.profile && env.AWS_PROFILE === undefined) env.AWS_PROFILE = cmd.hints.profile; // aws-vault exec PROFILE
  const actions = await awsCliToActions(['aws', ...cmd.argv.slice(1)], cmd.source, env);
  return actions.map((a): PlannedAction => ({
    ...a,
    hints: { ...pick(cmd.hints), ...a.hints },
    evidence: [...cmd.evidence, ...a.evidence],
    ...(cmd.argsFromStdin ? { details: { ...(a.details ?? {}), argumentsFromStdin: true }, scope: a.scope === 'resource' ? 'unknown' : a.scope } : {}),
  }));
};

/** Hints from enclosing commands that the AWS intake cannot know (ssh host). */
function pick(h: PlannedAction['hints']): PlannedAction['hints'] {
  return h.endpoint ? { endpoint: h.endpoint } : {};
}
