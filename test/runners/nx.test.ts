// nx: followed to the targets it runs, on the configuration of a real Nx workspace (nrwl/nx-examples,
// trimmed: fixtures/nx-examples/SOURCE.md) and on workspaces written here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, summaryIn, verdictIn } from './helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures/nx-examples');

function fixtureFiles(dir = FIXTURE): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, fixtureFiles(path));
    else if (name.endsWith('.json')) out[relative(FIXTURE, path)] = readFileSync(path, 'utf8');
  }
  return out;
}

/** nx-examples with config files the plugins infer targets from (empty: only their presence counts). */
const EXAMPLES = { ...fixtureFiles(), 'apps/cart/rsbuild.config.ts': '', 'apps/cart/jest.config.ts': '', 'apps/cart/.eslintrc.json': '{}' };

const project = (targets: Record<string, unknown>, name = 'app') => JSON.stringify({ name, targets }, null, 2);
const NX = (extra: Record<string, unknown> = {}) => JSON.stringify({ targetDefaults: {}, ...extra }, null, 2);

describe('nx on nrwl/nx-examples', () => {
  it.each(['nx build cart', 'nx run cart:build', 'nx test cart', 'nx lint cart', 'nx build products', 'nx run products:build:production',
    'nx run-many -t build', 'nx affected -t test', 'npx nx build cart', 'yarn nx build cart', 'nx graph', 'nx show projects', 'nx format:check'])('%s passes', async (cmd) => {
    const { verdict, why } = await verdictIn(EXAMPLES, cmd);
    expect(verdict, why).toBe('pass');
  });

  it('an inferred target runs the tool of its plugin, in the project folder', async () => {
    const a = await actionsIn(EXAMPLES, 'nx build cart');
    expect(a.every((x) => x.operation === 'read')).toBe(true);
  });

  it('deploy runs the project\'s run-commands: a script nobody wrote is unknown, a destructive one stops', async () => {
    const missing = await summaryIn(EXAMPLES, 'nx deploy cart');
    expect(missing.join('\n')).toMatch(/unknown/);
    const { verdict } = await verdictIn({ ...EXAMPLES, 'tools/scripts/deploy.ts': 'import { execSync } from "child_process";\nexecSync("aws s3 rb s3://nrwl-nx-examples-cart --force");\n' }, 'nx deploy cart');
    expect(verdict).not.toBe('pass');
  });

  it('a missing project or target is unknown and says which', async () => {
    const [a] = await actionsIn(EXAMPLES, 'nx build nope');
    expect(a.operation).toBe('unknown');
    expect(evidenceOf(a)).toMatch(/no project nope/);
    const [b] = await actionsIn(EXAMPLES, 'nx teardown cart');
    expect(evidenceOf(b)).toMatch(/cart has no target teardown/);
  });
});

describe('nx targets', () => {
  const teardown = {
    'nx.json': NX(),
    'package.json': '{"name":"ws","devDependencies":{"nx":"20.0.0"}}',
    'apps/app/project.json': project({
      teardown: { executor: 'nx:run-commands', options: { commands: ['terraform -chdir=infra destroy -auto-approve'] } },
      wipe: { command: 'aws s3 rb s3://{args.bucket} --force' },
      build: { executor: '@nx/js:tsc', options: { outputPath: 'dist/apps/app', main: 'apps/app/src/main.ts' } },
      ship: { dependsOn: ['wipe'], executor: 'nx:noop' },
    }),
  };

  it('run-commands: each command is walked, in the workspace root, with evidence naming the target', async () => {
    const a = await actionsIn(teardown, 'nx teardown app');
    expect(a.map((x) => `${x.operation} ${x.tool}`)).toEqual(['delete terraform']);
    expect(evidenceOf(a[0])).toMatch(/nx runs target teardown of app \(apps\/app\/project.json:\d+ \(target teardown\)\)/);
  });

  it('every spelling reaches the target', async () => {
    for (const cmd of ['nx run app:teardown', 'nx app:teardown', 'npx nx teardown app', 'pnpm nx teardown app', 'nx run-many -t teardown', 'nx run-many --target=teardown --all',
      'nx affected -t teardown', 'nx affected:teardown', 'nx run-many -t build teardown -p app', 'nx teardown app --verbose']) {
      expect((await summaryIn(teardown, cmd)).join('\n'), cmd).toMatch(/delete terraform/);
    }
  });

  it('{args.x} is filled from the command line; unfilled it is a run-time value', async () => {
    expect(await summaryIn(teardown, 'nx wipe app --bucket=prod-assets')).toContain('delete aws AWS::S3::Bucket prod-assets');
    expect((await summaryIn(teardown, 'nx wipe app')).join('\n')).toMatch(/delete aws/);
  });

  it('dependsOn runs first', async () => {
    // Arguments are not forwarded to dependencies (nx's `params: 'ignore'`): the bucket is a run-time value.
    expect((await summaryIn(teardown, 'nx ship app --bucket=b1')).join('\n')).toMatch(/delete aws AWS::S3::Bucket \$\{NX_ARG/);
  });

  it('a plugin executor is its tool while its options stay in the workspace', async () => {
    expect(await summaryIn(teardown, 'nx build app')).toEqual([]);
    const [a] = await actionsIn(teardown, 'nx build app --outputPath=/var/lib/postgresql');
    expect(a.operation).toBe('unknown');
    expect(evidenceOf(a)).toMatch(/outputPath=\/var\/lib\/postgresql, outside the workspace/);
  });

  it('nx exec runs its command', async () => {
    const { verdict } = await verdictIn(teardown, 'nx exec -- rm -rf /');
    expect(verdict).toBe('block');
    expect((await summaryIn(teardown, 'nx exec --projects app -- aws s3 rb s3://x --force')).join('\n')).toMatch(/delete aws/);
  });

  it('generators, migrations and releases are unknown', async () => {
    for (const cmd of ['nx g @nx/js:lib x', 'nx migrate latest', 'nx release', 'nx add @nx/vite']) {
      expect((await summaryIn(teardown, cmd)).join('\n'), cmd).toMatch(/^unknown/);
    }
  });

  it('commands as objects, forwardAllArgs, parallel, cwd and {projectRoot}', async () => {
    const files = {
      'nx.json': NX(),
      'apps/web/project.json': project({
        clean: { executor: 'nx:run-commands', options: { parallel: true, cwd: '{projectRoot}', commands: [{ command: 'rm -rf dist', forwardAllArgs: false }, 'kubectl delete namespace'] } },
      }, 'web'),
    };
    const s = await summaryIn(files, 'nx clean web production');
    expect(s.join('\n')).toMatch(/delete kubectl .*production/);
    expect(s.join('\n')).toMatch(/delete rm .*dist/);
  });

  it('--configuration merges that configuration over the options; a missing one is unknown', async () => {
    const files = {
      'nx.json': NX(),
      'apps/app/project.json': project({
        deploy: { executor: 'nx:run-commands', options: { command: 'echo dev' }, configurations: { production: { command: 'aws cloudformation delete-stack --stack-name prod' } } },
      }),
    };
    expect(await summaryIn(files, 'nx deploy app')).toEqual([]);
    expect((await summaryIn(files, 'nx deploy app --configuration=production')).join('\n')).toMatch(/delete aws .*prod/);
    expect((await summaryIn(files, 'nx run app:deploy:production')).join('\n')).toMatch(/delete aws .*prod/);
    expect((await summaryIn(files, 'nx deploy app -c staging')).join('\n')).toMatch(/unknown .*configuration staging|^unknown/);
  });

  it('^build runs build in the other projects; targetDefaults give dependsOn and executors', async () => {
    const files = {
      'nx.json': NX({ targetDefaults: { build: { dependsOn: ['^build'] }, e2e: { executor: 'nx:run-commands', options: { command: 'dropdb prod' } } } }),
      'apps/app/project.json': project({ build: { executor: '@nx/vite:build' }, e2e: {} }),
      'libs/lib/project.json': project({ build: { command: 'gsutil rm -r gs://prod-bucket' } }, 'lib'),
    };
    expect((await summaryIn(files, 'nx build app')).join('\n')).toMatch(/delete gsutil|delete .*prod-bucket/);
    expect((await summaryIn(files, 'nx e2e app')).join('\n')).toMatch(/delete .*prod/);
  });

  it('package.json scripts are targets (run-script), with the nx field', async () => {
    const files = {
      'nx.json': NX(),
      'package.json': '{"name":"ws","workspaces":["packages/*"]}',
      'packages/api/package.json': '{"name":"api","scripts":{"wipe-db":"psql -c \\"DROP DATABASE prod\\""},"nx":{"targets":{"wipe-db":{"dependsOn":[]}}}}',
    };
    expect((await summaryIn(files, 'nx wipe-db api')).join('\n')).toMatch(/delete/);
    expect((await summaryIn(files, 'nx run-many -t wipe-db')).join('\n')).toMatch(/delete/);
  });

  it('an unknown plugin may infer any target; a known one infers from its config file', async () => {
    const files = {
      'nx.json': NX({ plugins: ['./tools/my-plugin', { plugin: '@nx/vite/plugin', options: { buildTargetName: 'bundle' } }] }),
      'apps/app/project.json': project({}),
      'apps/app/vite.config.ts': '',
    };
    const [a] = await actionsIn(files, 'nx bundle app');
    expect(a.operation).toBe('unknown');
    expect(evidenceOf(a)).toMatch(/plugin \.\/tools\/my-plugin/);
    const known = { ...files, 'nx.json': NX({ plugins: [{ plugin: '@nx/vite/plugin', options: { buildTargetName: 'bundle' } }] }) };
    expect(await summaryIn(known, 'nx bundle app')).toEqual([]);
    const [b] = await actionsIn(known, 'nx build app');
    expect(evidenceOf(b)).toMatch(/app has no target build/);
  });

  it('a plugin of the workspace whose targets are literal commands is read; one that builds them is unknown', async () => {
    const plugin = (command: string) => `import { dirname } from 'node:path';\nexport const createNodesV2 = ['*/package.json', (files) => files.map((f) => [f, { projects: { [dirname(f)]: { targets: {\n  'lint:check': { command: ${command}, options: { cwd: '{projectRoot}' } },\n  "lint:fix": { command: \`oxlint \${flag ? \`--x\` : ''}--fix\` },\n} } } }])];\n`;
    const files = (command: string) => ({ 'nx.json': NX({ plugins: ['./tools/lint.plugin.ts'] }), 'tools/lint.plugin.ts': plugin(command), 'app/project.json': project({}) });
    expect(await summaryIn(files('"echo lint"'), 'nx lint:check app')).toEqual([]);
    expect((await summaryIn(files('"kubectl delete namespace production"'), 'nx lint:check app')).join('\n')).toMatch(/delete kubectl/);
    const [a] = await actionsIn(files('buildCommand(f)'), 'nx lint:check app');
    expect(evidenceOf(a)).toMatch(/builds a command at run time/);
    // A target the plugin does not name is not inferred by it.
    expect(evidenceOf((await actionsIn(files('"echo lint"'), 'nx deploy app'))[0])).toMatch(/app has no target deploy/);
  });

  it('a local executor is read as code; an unknown package executor is unknown', async () => {
    const files = {
      'nx.json': NX(),
      'apps/app/project.json': project({ deploy: { executor: './tools/executors/deploy:deploy' }, other: { executor: '@acme/nx-deploy:run' } }),
      'tools/executors/deploy/package.json': '{"executors":"./executors.json"}',
      'tools/executors/deploy/executors.json': '{"executors":{"deploy":{"implementation":"./impl","schema":"./schema.json"}}}',
      'tools/executors/deploy/impl.js': 'const { execSync } = require("child_process");\nmodule.exports = async function () { execSync("kubectl delete namespace production"); return { success: true }; };\n',
    };
    const a = await actionsIn(files, 'nx deploy app');
    expect(a.map((x) => x.operation)).toContain('delete');
    expect(a.map(evidenceOf).join('\n')).toMatch(/tools\/executors\/deploy\/impl\.js/);
    const [b] = await actionsIn(files, 'nx other app');
    expect(b.operation).toBe('unknown');
    expect(evidenceOf(b)).toMatch(/@acme\/nx-deploy:run/);
  });

  it('a tasks runner of the workspace\'s own is code nobody has read', async () => {
    const files = { 'nx.json': NX({ tasksRunnerOptions: { default: { runner: './tools/runner.js' } } }), 'apps/app/project.json': project({ build: { command: 'echo ok' } }) };
    const [a] = await actionsIn(files, 'nx build app');
    expect(evidenceOf(a)).toMatch(/through \.\/tools\/runner\.js/);
    expect(await summaryIn({ ...files, 'nx.json': NX({ tasksRunnerOptions: { default: { runner: 'nx-cloud' } } }) }, 'nx build app')).toEqual([]);
  });

  it('nx exec without -- runs the words after its options', async () => {
    expect((await summaryIn({ 'nx.json': NX() }, 'nx exec rm -rf /')).join('\n')).toMatch(/delete rm .*\//);
  });

  it('without nx.json or package.json nx runs nothing', async () => {
    expect(await summaryIn({}, 'nx build app')).toEqual([]);
  });
});
