// The zod schema of firebreak.yaml. Types live in config.ts; every key is documented in
// examples/firebreak.yaml.
import { z } from 'zod';
import { parseBound } from './iso-time.js';
import { didYouMean } from './did-you-mean.js';

/** Names with a fixed meaning elsewhere (freeze targets, policy environment specials). */
export const RESERVED_ENVIRONMENT_NAMES = ['unknown', 'all'] as const;

const glob = z.string().min(1, 'must not be empty');
const globs = z.array(glob);

const accountIds = z.array(
  z
    .string({
      error: 'account ids must be quoted strings such as "012345678901": YAML reads unquoted digits as a number and drops leading zeros',
    })
    .regex(/^[\d*?{},]+$/, 'an account id is 12 digits (globs * and ? allowed)'),
);

const environmentMatch = z.strictObject({
  accounts: accountIds.optional(),
  profiles: globs.optional(),
  stacks: globs.optional(),
  terraform: z
    .strictObject({
      addresses: globs.optional(),
      workspaces: globs.optional(),
    })
    .optional(),
  tags: z.record(z.string().min(1), glob).optional(),
  endpoints: globs.optional(),
  kubeContexts: globs.optional(),
  namespaces: globs.optional(),
  regions: globs.optional(),
});

const environment = z.strictObject({
  production: z.boolean({ error: 'production must be true or false' }),
  description: z.string().optional(),
  match: environmentMatch.default({}),
});

const isoBound = (bound: 'start' | 'end') =>
  z.string({ error: `${bound} must be a quoted ISO 8601 date or date-time` }).superRefine((text, ctx) => {
    const parsed = parseBound(text, bound);
    if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
  });

const freeze = z.strictObject({
  name: z.string().min(1),
  start: isoBound('start'),
  end: isoBound('end'),
  environments: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)], {
    error: `environments must be "all" or a list of environment names`,
  }),
  reason: z.string().optional(),
});

export const configSchema = z
  .strictObject({
    version: z.literal(1, { error: 'version must be 1' }),
    environments: z.record(z.string().min(1), environment).default({}),
    freezes: z.array(freeze).default([]),
    world: z
      .strictObject({
        // A list (states every run may touch), or workspace / environment name -> state file(s).
        terraformState: z
          .union([z.array(z.string().min(1)), z.record(z.string().min(1), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))], {
            error: 'terraformState is a list of state files, or a mapping of workspace or environment name to state file(s)',
          })
          .optional(),
        templates: z.record(z.string().min(1), z.string().min(1)).optional(),
        inventory: z.array(z.string().min(1)).optional(),
      })
      .default({}),
    agent: z
      .strictObject({
        autonomy: z.enum(['supervised', 'autonomous', 'unattended']).default('supervised'),
      })
      .default({ autonomy: 'supervised' }),
    policy: z.string().min(1).optional(),
    // Accepted so a repository's config that says it does not fail, and ignored (config.ts notes it):
    // only the per-user folder declares the machine (config/machine.ts).
    machine: z.unknown().optional(),
  })
  .superRefine((config, ctx) => {
    const names = Object.keys(config.environments);
    for (const name of names) {
      if ((RESERVED_ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['environments', name], message: `"${name}" is reserved: choose another environment name` });
      }
      const production = config.environments[name].production;
      if (name === 'production' && !production) {
        ctx.addIssue({ code: 'custom', path: ['environments', name, 'production'], message: 'an environment named "production" must have production: true' });
      }
      if (name === 'non-production' && production) {
        ctx.addIssue({ code: 'custom', path: ['environments', name, 'production'], message: 'an environment named "non-production" must have production: false' });
      }
    }
    config.freezes.forEach((f, i) => {
      const start = parseBound(f.start, 'start');
      const end = parseBound(f.end, 'end');
      if (typeof start === 'number' && typeof end === 'number' && end <= start) {
        ctx.addIssue({ code: 'custom', path: ['freezes', i, 'end'], message: `the freeze ends before it starts (${f.start} .. ${f.end})` });
      }
      if (f.environments !== 'all') {
        f.environments.forEach((name, j) => {
          if (name !== 'production' && !names.includes(name)) {
            ctx.addIssue({
              code: 'custom',
              path: ['freezes', i, 'environments', j],
              message: `no environment named "${name}"${didYouMean(name, names)}; use a name under environments, "production" (every production environment) or "all"`,
            });
          }
        });
      }
    });
  });

export type ConfigDocument = z.output<typeof configSchema>;
