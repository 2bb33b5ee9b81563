import { z } from 'zod';

const decision = z.enum(['pass', 'escalate', 'block']);

/** scenarios/<name>/scenario.yaml: the environment, the agent's planned actions, what must come out. */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  title: z.string().min(1),
  incident: z.string().min(1),
  story: z.string().optional(),
  now: z.union([z.string(), z.date()]).optional(),
  config: z.string().optional(),
  policy: z.string().optional(),
  inputs: z.strictObject({
    commands: z.array(z.string()).optional(),
    stacks: z.record(z.string(), z.string()).optional(),
    state: z.array(z.string()).optional(),
    plan: z.string().optional(),
    templateBefore: z.string().optional(),
    templateAfter: z.string().optional(),
    stackName: z.string().optional(),
    changeSet: z.string().optional(),
    actions: z.string().optional(),
    files: z.array(z.string()).optional(),
  }),
  expect: z.strictObject({
    verdict: decision,
    blastRadiusAtLeast: z.number().int().nonnegative().optional(),
    blastRadiusAtMost: z.number().int().nonnegative().optional(),
    irreversibleAtLeast: z.number().int().nonnegative().optional(),
    irreversibleAtMost: z.number().int().nonnegative().optional(),
    resourcesInBlastRadius: z.array(z.string()).optional(),
    irreversibleResources: z.array(z.string()).optional(),
    sandboxObservesDeleted: z.array(z.string()).optional(),
    /** Predicted changes the twin refuses with an AWS error (they would fail in AWS too). */
    sandboxRefuses: z.array(z.string()).optional(),
  }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
