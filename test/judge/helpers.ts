// Plain-object builders for judge tests (shapes from src/model.ts).
import type { BlastRadius, BlastResource } from '../../src/model.js';
import type { JudgedAction, JudgeInput } from '../../src/judge/judge-input.js';

export function action(overrides: Partial<JudgedAction> = {}): JudgedAction {
  return {
    id: 'a1',
    source: { kind: 'shell', command: 'aws ec2 describe-instances' },
    operation: 'read',
    verb: 'describe-instances',
    tool: 'aws',
    target: { type: 'AWS::EC2::Instance', id: 'i-0abc' },
    scope: 'resource',
    hints: {},
    evidence: [],
    environment: 'prod',
    environmentAssumed: false,
    production: true,
    reversibility: 'reversible',
    stateful: false,
    dataLoss: false,
    ...overrides,
  };
}

export const dev = { environment: 'dev', production: false, environmentAssumed: false } as const;
export const prod = { environment: 'prod', production: true, environmentAssumed: false } as const;
export const unknownEnv = { environment: 'unknown', production: true, environmentAssumed: true } as const;

export function emptyBlast(): BlastRadius {
  return {
    resources: [],
    counts: { total: 0, deleted: 0, replaced: 0, modified: 0, created: 0, disrupted: 0, stateful: 0, dataLoss: 0, irreversible: 0 },
    unknownScope: [],
  };
}

export function blastOf(resources: Partial<BlastResource>[]): BlastRadius {
  const full = resources.map((r, i) => ({
    id: `r${i}`,
    type: 'AWS::EC2::Instance',
    impact: 'modified' as const,
    depth: 0,
    path: [],
    pathReasons: [],
    stateful: false,
    dataLoss: false,
    actionIds: ['a1'],
    ...r,
  }));
  return { ...emptyBlast(), resources: full, counts: { ...emptyBlast().counts, total: full.length } };
}

export function input(actions: JudgedAction[], extra: Partial<JudgeInput> = {}): JudgeInput {
  return { actions, blastRadius: emptyBlast(), sandbox: { status: 'not-run' }, ...extra };
}
