// Sandbox benchmark: host emulator cold start, seed, replay per scenario, warm reuse.
// Real LocalStack 4.14.0 + moto processes (run `firebreak sandbox install` first).
// Usage (from the repo root): npx tsc -p tsconfig.json --outDir .firebreak/bench-dist && node .firebreak/bench-dist/bench/sandbox.js [--runs 3] [--json out.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DirectedGraph } from 'graphology';
import type { Action, BlastRadius, RollbackPlan } from '../src/model.js';
import { HostProvider } from '../src/sandbox/providers/host.js';
import { runSandbox } from '../src/sandbox/run.js';
import type { SandboxRequest } from '../src/sandbox/types.js';
import { warmDown, warmUp } from '../src/sandbox/warm.js';
import type { World } from '../src/world/world.js';

const ROOT = process.cwd(); // run from the repository root
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 3) || 3;
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;

const emptyWorld = { graph: new DirectedGraph(), byName: new Map() } as unknown as World;
const noPrediction: BlastRadius = { resources: [], counts: { total: 0, deleted: 0, replaced: 0, modified: 0, created: 0, disrupted: 0, stateful: 0, dataLoss: 0, irreversible: 0 }, unknownScope: [] };
const noRollback: RollbackPlan = { steps: [], irreversible: [] };

function cli(id: string, command: string, stackName?: string): Action {
  return { id, source: { kind: 'shell', command }, operation: 'delete', verb: 'x', tool: 'aws', target: { type: 'x', id: stackName ?? 'x' }, scope: stackName ? 'environment' : 'resource', hints: stackName ? { stackName } : {}, evidence: [] };
}

function vpcWorld(): World {
  const graph = new DirectedGraph();
  graph.addNode('net-prod/VPC', { id: 'net-prod/VPC', type: 'AWS::EC2::VPC', stack: 'net-prod', names: ['vpc-0prod1234'], source: 'cloudformation-template', attributes: {} });
  return { graph, byName: new Map([['vpc-0prod1234', 'net-prod/VPC']]) } as unknown as World;
}

function stack(name: string, file: string) {
  return { name, file, templateText: readFileSync(file, 'utf8') };
}

const kiroDir = join(ROOT, 'scenarios/kiro-cost-explorer');
const fixtures = join(ROOT, 'test/sandbox/fixtures');
const scenarios: Record<string, Omit<SandboxRequest, 'provider'>> = {
  'kiro-cost-explorer (scenario: delete, wait, re-create)': {
    actions: [
      'aws --profile prod --region cn-north-1 cloudformation describe-stacks --stack-name costexplorer-prod',
      'aws --profile prod --region cn-north-1 cloudformation delete-stack --stack-name costexplorer-prod',
      'aws --profile prod --region cn-north-1 cloudformation wait stack-delete-complete --stack-name costexplorer-prod',
      'aws --profile prod --region cn-north-1 cloudformation create-stack --stack-name costexplorer-prod --template-body file://template.yaml --parameters ParameterKey=Stage,ParameterValue=prod --capabilities CAPABILITY_NAMED_IAM',
    ].map((c, i) => cli(`a${i + 1}`, c, 'costexplorer-prod')),
    world: emptyWorld,
    stacks: [stack('costexplorer-prod', join(kiroDir, 'template.yaml'))],
    predicted: noPrediction,
    rollback: { steps: [{ order: 1, phase: 'inverse', actionId: 'a2', description: 're-deploy' }], irreversible: [] },
    cwd: kiroDir,
  },
  'kiro-like delete-stack + rollback (shop-prod)': {
    actions: [cli('a1', 'aws --profile prod cloudformation delete-stack --stack-name shop-prod', 'shop-prod')],
    world: emptyWorld,
    stacks: [stack('shop-prod', join(fixtures, 'shop-prod.yaml'))],
    predicted: noPrediction,
    rollback: { steps: [{ order: 1, phase: 'inverse', actionId: 'a1', description: 're-deploy' }], irreversible: [] },
  },
  'vpc delete (DependencyViolation)': {
    actions: [cli('a1', 'aws ec2 delete-vpc --vpc-id vpc-0prod1234')],
    world: vpcWorld(),
    stacks: [stack('net-prod', join(fixtures, 'net-prod.yaml'))],
    predicted: noPrediction,
    rollback: noRollback,
  },
  'rds delete with final snapshot (moto)': {
    actions: [cli('a1', 'aws rds delete-db-instance --db-instance-identifier orders-db --final-db-snapshot-identifier orders-final')],
    world: emptyWorld,
    stacks: [],
    terraformState: { text: readFileSync(join(fixtures, 'rds-state.json'), 'utf8'), file: 'rds-state.json' },
    predicted: noPrediction,
    rollback: noRollback,
  },
};

const report: Record<string, unknown> = {};
const s = (ms: number) => Math.round(ms / 100) / 10;

// 1. cold start of the host sandbox
{
  const host = new HostProvider();
  const t = Date.now();
  try {
    await host.start();
    report.coldStartS = s(Date.now() - t);
  } finally {
    await host.stop();
  }
  console.log(`host cold start: ${report.coldStartS} s`);
}

// 2. warm sandbox: each scenario `runs` times against the same emulators
const up = await warmUp();
report.warmUpS = s(up.ms);
try {
  const perScenario: Record<string, unknown>[] = [];
  for (const [name, req] of Object.entries(scenarios)) {
    for (let i = 0; i < runs; i++) {
      const r = await runSandbox({ ...req, provider: 'auto' });
      const row = { scenario: name, run: i + 1, status: r.status, totalS: s(r.timings.totalMs), seedS: s(r.timings.seedMs), replayS: s(r.timings.replayMs), rollbackS: s(r.timings.rollbackMs), observed: r.observed.length, errors: r.errors.map((e) => e.code) };
      perScenario.push(row);
      console.log(JSON.stringify(row));
    }
  }
  report.scenarios = perScenario;
} finally {
  await warmDown();
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
