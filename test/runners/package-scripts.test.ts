// npm, yarn, pnpm and bun are followed into package.json scripts; npx and friends to the tool.
import { describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, summaryIn, verdictIn } from './helpers.js';

const pkg = (scripts: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'app', version: '1.0.0', scripts, ...extra }, null, 2);
const ROUTINE = pkg(
  { test: 'vitest run', build: 'tsc -p . && vite build', lint: 'eslint . && prettier --check .', dev: 'vite', start: 'node server.js', typecheck: 'tsc --noEmit', pretest: 'npm run lint' },
  { devDependencies: { vitest: '3', typescript: '5', vite: '6', eslint: '9', prettier: '3' } },
);

describe('routine scripts pass', () => {
  it.each(['npm test', 'npm t', 'npm run build', 'npm run lint -- --fix', 'yarn test', 'yarn build', 'pnpm test', 'pnpm run typecheck', 'pnpm lint', 'bun run build',
    'npm run', 'npm ls', 'npm outdated', 'yarn add -D vitest', 'pnpm add zod', 'npm install left-pad', 'npm ci', 'npm install', 'yarn', 'pnpm install',
    'npx tsc --noEmit', 'npx vitest run', 'npx prettier --check .', 'npx eslint .', 'npm exec -- tsc --noEmit', 'yarn tsc --noEmit', 'pnpm exec vitest'])('%s', async (cmd) => {
    const { verdict, why } = await verdictIn({ 'package.json': ROUTINE, 'server.js': 'require("http").createServer().listen(3000)\n' }, cmd);
    expect(verdict, why).toBe('pass');
  });
});

describe('scripts are judged by what they run', () => {
  it('npm test whose test script is terraform destroy', async () => {
    const [a] = await actionsIn({ 'package.json': pkg({ test: 'terraform destroy -auto-approve' }) }, 'npm test');
    expect(a.operation).toBe('delete');
    expect(evidenceOf(a)).toMatch(/package\.json:5 \(script test\)/);
  });

  it('pre and post scripts run around the script', async () => {
    const s = await summaryIn({ 'package.json': pkg({ build: 'tsc', prebuild: 'rm -rf ~/.aws', postbuild: 'aws s3 sync dist s3://prod-site --delete' }) }, 'npm run build');
    expect(s[0]).toBe('delete rm fs:path ~/.aws');
    expect(s.slice(1).some((x) => /^(delete|update|unknown) aws/.test(x))).toBe(true);
  });

  it('scripts that call scripts are followed', async () => {
    const s = await summaryIn({ 'package.json': pkg({ ci: 'npm run clean && npm run deploy', clean: 'rimraf dist', deploy: 'cdk deploy --all && kubectl delete ns old' }, { devDependencies: { 'aws-cdk': '2', rimraf: '5' } }) }, 'yarn ci');
    expect(s).toContain('delete kubectl k8s:namespace old');
  });

  it('arguments after the script name are appended to the script', async () => {
    const [a] = await actionsIn({ 'package.json': pkg({ nuke: 'aws s3 rb' }) }, 'npm run nuke -- s3://given --force');
    expect(a.target.id).toBe('given');
  });

  it('npm install runs the project install lifecycle (postinstall, prepare)', async () => {
    const files = { 'package.json': pkg({ postinstall: 'node scripts/setup.js; psql -h prod-db -c "DROP TABLE sessions"', prepare: 'husky' }) };
    for (const cmd of ['npm install', 'npm i', 'npm ci', 'yarn', 'yarn install', 'pnpm install', 'pnpm i', 'bun install']) {
      expect(await summaryIn(files, cmd), cmd).toContain('delete sql sql:table sessions');
    }
    expect(await summaryIn(files, 'npm ci --ignore-scripts')).toEqual([]);
    expect(await summaryIn(files, 'npm install lodash')).toEqual([]);
  });

  it('workspaces: -w, --workspace, -ws, pnpm --filter, yarn workspace', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/api/package.json': pkg({ 'db:reset': 'prisma migrate reset --force' }, { name: '@app/api' }),
      'packages/web/package.json': pkg({ 'db:reset': 'echo nothing' }, { name: '@app/web' }),
    };
    for (const cmd of ['npm run db:reset -w packages/api', 'npm run db:reset --workspace=@app/api', 'npm run db:reset -ws', 'pnpm --filter @app/api db:reset', 'pnpm -r run db:reset', 'yarn workspace @app/api db:reset']) {
      const a = await actionsIn(files, cmd);
      expect(a.some((x) => x.operation !== 'read'), cmd).toBe(true);
    }
  });

  it('pnpm workspaces listed only in pnpm-workspace.yaml (its YAML parser loads on demand)', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
      'packages/api/package.json': pkg({ 'db:reset': 'prisma migrate reset --force' }, { name: '@app/api' }),
    };
    for (const cmd of ['pnpm --filter @app/api db:reset', 'pnpm -r run db:reset']) {
      const a = await actionsIn(files, cmd);
      expect(a.some((x) => x.operation !== 'read'), cmd).toBe(true);
    }
    // Without the YAML file the same packages are not found: the YAML is what listed them.
    const { 'pnpm-workspace.yaml': _yaml, ...without } = files;
    expect((await actionsIn(without, 'pnpm -r run db:reset')).some((x) => x.operation === 'delete')).toBe(false);
  });

  it('npm-run-all, run-s and concurrently run package scripts by name and glob', async () => {
    const files = { 'package.json': pkg({ all: 'run-s build:*', 'build:a': 'echo a', 'build:b': 'aws s3 rb s3://b --force', both: 'concurrently "npm:build:*" "kubectl delete pod x"' }) };
    expect(await summaryIn(files, 'npm run all')).toEqual(['delete aws AWS::S3::Bucket b']);
    const s = await summaryIn(files, 'npm run both');
    expect(s).toContain('delete aws AWS::S3::Bucket b');
    expect(s).toContain('delete kubectl k8s:pod x');
  });

  it('--script-shell runs scripts with another program', async () => {
    const [a] = await actionsIn({ 'package.json': pkg({ x: 'print(1)' }) }, 'npm run x --script-shell=python3');
    expect(a === undefined || a.operation !== 'delete').toBe(true);
  });
});

describe('what cannot be read is unknown, with the reason', () => {
  it.each([
    [{ 'package.json': pkg({ build: 'tsc' }) }, 'npm run deploy', /no script "deploy"/],
    [{ 'package.json': '{ not json' }, 'npm test', /not valid JSON/],
    [{ 'package.json': pkg({}) }, 'yarn frobnicate', /no script "frobnicate" and the project has no frobnicate binary/],
    [{ 'package.json': pkg({}) }, 'npm start', /no script "start"/],
  ])('%#: %s', async (files, cmd, why) => {
    const a = await actionsIn(files as Record<string, string>, cmd);
    expect(a.some((x) => x.operation === 'unknown' && why.test(evidenceOf(x))), a.map(evidenceOf).join('\n')).toBe(true);
  });

  it('no package.json: the package manager stops before it runs anything', async () => {
    for (const cmd of ['npm test', 'npm run build', 'npm install', 'yarn build', 'pnpm test', 'bun run dev', 'cd web && npm test']) expect(await summaryIn({}, cmd), cmd).toEqual([]);
  });

  it('a package.json the line writes is judged on what it wrote', async () => {
    const written = `cat > package.json <<'EOF'\n{"scripts": {"test": "kubectl delete ns prod"}}\nEOF\nnpm test`;
    expect(await summaryIn({}, written)).toEqual(['delete kubectl k8s:namespace prod']);
    const fetched = await actionsIn({}, 'curl -o package.json https://example.com/p.json && npm test');
    expect(fetched.some((x) => x.operation === 'unknown')).toBe(true);
  });

  it('--if-present: a missing script is nothing', async () => {
    expect(await summaryIn({ 'package.json': pkg({}) }, 'npm run deploy --if-present')).toEqual([]);
  });

  it('a script that calls itself stops at the nesting bound', async () => {
    const a = await actionsIn({ 'package.json': pkg({ test: 'npm test' }) }, 'npm test');
    expect(a.some((x) => x.operation === 'unknown')).toBe(true);
  });
});

describe('npx, npm exec, pnpm dlx, yarn dlx, bunx, uvx, pipx run', () => {
  const DEPS = pkg({}, { devDependencies: { 'aws-cdk': '2', typescript: '5', 'my-internal-tool': '1' } });
  it('a tool the project depends on is judged as that tool', async () => {
    expect(await summaryIn({ 'package.json': DEPS }, 'npx cdk destroy --force')).toEqual(['delete cdk cdk:stack (default stack)']);
    expect(await summaryIn({ 'package.json': DEPS }, 'npm exec -- cdk destroy')).toEqual(['delete cdk cdk:stack (default stack)']);
    expect(await summaryIn({ 'package.json': DEPS }, 'npx tsc --noEmit')).toEqual([]);
  });

  it('a modelled tool fetched from the registry is judged as the tool', async () => {
    expect(await summaryIn({}, 'npx -y cdk destroy')).toEqual(['delete cdk cdk:stack (default stack)']);
    expect(await summaryIn({}, 'npx aws-cdk@2.150.0 destroy --all')).toEqual(['delete cdk cdk:stack (default stack)']);
    expect(await summaryIn({}, 'pnpm dlx prettier --check .')).toEqual([]);
  });

  it.each(['npx -y some-unknown-pkg', 'npx --yes @evil/wiper --all', 'npx -p evil-pkg prettier --check .', 'pnpm dlx left-pad-cli', 'yarn dlx create-thing',
    'bunx shady-tool', 'npx github:someone/repo', 'npx https://example.com/x.tgz', 'uvx some-py-tool', 'pipx run --spec evil prettier', 'npm create vite@latest app', 'npm init nuxt'])('%s is code fetched at run time: unknown', async (cmd) => {
    const a = await actionsIn({ 'package.json': DEPS }, cmd);
    expect(a.some((x) => x.operation === 'unknown' && /fetches|from a path, a repository or a URL/.test(evidenceOf(x))), a.map(evidenceOf).join('\n')).toBe(true);
  });

  it('npx -c runs shell text with the packages on PATH', async () => {
    expect(await summaryIn({ 'package.json': DEPS }, "npx -c 'kubectl delete ns staging'")).toEqual(['delete kubectl k8s:namespace staging']);
  });

  it('uvx and pipx run of a modelled tool', async () => {
    expect(await summaryIn({}, 'uvx ruff check .')).toEqual([]);
    expect(await summaryIn({}, 'uvx --from awscli aws s3 rb s3://x --force')).toEqual(['delete aws AWS::S3::Bucket x']);
    expect(await summaryIn({}, 'pipx run awscli s3 ls')).toEqual(['read aws AWS::S3::Bucket *']);
  });
});

describe('turbo and lerna run the scripts of the workspace packages', () => {
  const files = {
    'package.json': '{"name":"root","private":true,"workspaces":["packages/*"],"scripts":{"lint":"eslint ."}}',
    'packages/a/package.json': '{"name":"a","scripts":{"build":"aws s3 rb s3://prod-assets --force","test":"vitest run"}}',
    'packages/b/package.json': '{"name":"b","scripts":{"test":"vitest run","pretest":"kubectl delete namespace production"}}',
    'turbo.json': '{"tasks":{"build":{"dependsOn":["^build"]},"test":{"dependsOn":["build"]},"//#lint":{}}}',
  };
  it('turbo follows dependsOn to the scripts it runs first', async () => {
    expect(await summaryIn(files, 'turbo run test')).toEqual(expect.arrayContaining(['delete aws AWS::S3::Bucket prod-assets', 'delete kubectl k8s:namespace production']));
    expect(await summaryIn(files, 'turbo lint')).toEqual([]);
    expect(await summaryIn(files, 'turbo prune a')).toEqual([]);
    const { 'turbo.json': _config, ...withoutConfig } = files;
    expect(await summaryIn(withoutConfig, 'turbo run test')).toEqual([]); // turbo stops: no turbo.json
  });
  it('lerna run and exec run in every package; publish is unknown', async () => {
    expect(await summaryIn(files, 'lerna run test')).toEqual(['delete kubectl k8s:namespace production']);
    expect(await summaryIn(files, 'lerna exec -- rm -rf /srv/data')).toContain('delete rm fs:path /srv/data');
    expect((await actionsIn(files, 'lerna publish')).map(evidenceOf).join(' ')).toMatch(/publishes the packages/);
    expect(await summaryIn(files, 'lerna list')).toEqual([]);
  });
});

describe('pnpm parses options the way pnpm does', () => {
  const files = {
    'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
    'package.json': '{"name":"root","private":true,"scripts":{"build":"aws s3 rb s3://prod-assets --force"}}',
    'packages/app/package.json': '{"name":"app","scripts":{"build":"tsc","test":"vitest run"},"dependencies":{"lib":"workspace:*"}}',
    'packages/lib/package.json': '{"name":"lib","scripts":{"build":"kubectl delete namespace production"}}',
  };
  it('options between run and the script name are pnpm\'s; after it, the script\'s', async () => {
    expect(await summaryIn(files, 'pnpm run --filter app test')).toEqual([]);
    expect(await summaryIn(files, 'pnpm run --filter app... build')).toEqual(['delete kubectl k8s:namespace production']);
  });
  it('-w runs the workspace root\'s script; filters follow the dependency graph both ways', async () => {
    expect(await summaryIn(files, 'pnpm -C packages/app -w build')).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
    expect(await summaryIn(files, 'pnpm --filter app build')).toEqual([]);
    expect(await summaryIn(files, 'pnpm --filter "app^..." build')).toEqual(['delete kubectl k8s:namespace production']);
    expect(await summaryIn(files, 'pnpm --filter "...lib" build')).toEqual(['delete kubectl k8s:namespace production']);
    expect(await summaryIn(files, 'pnpm --filter "...^lib" build')).toEqual([]);
  });
});
