import { describe, expect, it } from 'vitest';
import { awsCliToActions } from '../../src/intake/aws/cli.js';

const src = (command: string) => ({ kind: 'shell' as const, command });
const run = (command: string, env: Record<string, string | undefined> = {}) => awsCliToActions(command.split(' '), src(command), env);

describe('awsCliToActions smoke', () => {
  it('terminate-instances with a profile: one delete per instance', async () => {
    const actions = await run('aws --profile prod ec2 terminate-instances --instance-ids i-1 i-2 i-3');
    expect(actions).toHaveLength(3);
    expect(actions.map((a) => a.target.id)).toEqual(['i-1', 'i-2', 'i-3']);
    for (const a of actions) {
      expect(a.operation).toBe('delete');
      expect(a.target.type).toBe('AWS::EC2::Instance');
      expect(a.hints.profile).toBe('prod');
      expect(a.iam).toEqual({ action: 'ec2:TerminateInstances', accessLevel: 'Write' });
    }
  });
});
