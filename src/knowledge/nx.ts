// Facts about Nx (nx.dev) that decide what `nx build app`, `nx run-many -t test` and `nx affected`
// run: the executors of Nx's own plugins (each a build or test tool of known effect), the targets
// its "Project Crystal" plugins infer from a tool's config file, and nx's own subcommands.

/** Executors of Nx's plugins, as the tool they run (walked in the project's folder). `@nrwl/x` is the
 *  old scope of `@nx/x`. What the tool loads (vite.config.ts, jest.config.ts) is judged as for that tool. */
export const NX_EXECUTOR_TOOLS: Readonly<Record<string, string>> = {
  '@nx/js:tsc': 'tsc', '@nx/js:swc': 'swc', '@nx/js:prune-lockfile': 'true', '@nx/js:copy-workspace-modules': 'true',
  '@nx/js:release-publish': 'npm publish', '@nx/js:verdaccio': 'true',
  '@nx/vite:build': 'vite build', '@nx/vite:dev-server': 'vite', '@nx/vite:preview-server': 'vite preview', '@nx/vite:test': 'vitest run',
  '@nx/vitest:test': 'vitest run',
  '@nx/jest:jest': 'jest',
  '@nx/eslint:lint': 'eslint .', '@nx/linter:eslint': 'eslint .',
  '@nx/cypress:cypress': 'cypress run',
  '@nx/playwright:playwright': 'playwright test',
  '@nx/webpack:webpack': 'webpack build', '@nx/webpack:dev-server': 'webpack serve', '@nx/webpack:ssr-dev-server': 'webpack serve',
  '@nx/rollup:rollup': 'rollup -c',
  '@nx/esbuild:esbuild': 'esbuild',
  '@nx/rspack:rspack': 'rspack build', '@nx/rspack:dev-server': 'rspack serve',
  '@nx/next:build': 'next build', '@nx/next:server': 'next dev', '@nx/next:export': 'next build',
  '@nx/storybook:storybook': 'storybook dev', '@nx/storybook:build': 'storybook build',
  '@nx/angular:application': 'ng build', '@nx/angular:browser-esbuild': 'ng build', '@nx/angular:webpack-browser': 'ng build',
  '@nx/angular:dev-server': 'ng serve', '@nx/angular:package': 'ng build', '@nx/angular:ng-packagr-lite': 'ng build',
  '@angular-devkit/build-angular:application': 'ng build', '@angular-devkit/build-angular:browser': 'ng build',
  '@angular-devkit/build-angular:browser-esbuild': 'ng build', '@angular-devkit/build-angular:dev-server': 'ng serve',
  '@angular-devkit/build-angular:karma': 'ng test', '@angular-devkit/build-angular:extract-i18n': 'ng extract-i18n',
  '@angular/build:application': 'ng build', '@angular/build:dev-server': 'ng serve', '@angular/build:unit-test': 'ng test',
};

/** Executors that run the project's own commands or scripts (`nx:run-commands`), or nothing. */
export const NX_RUN_COMMANDS: ReadonlySet<string> = new Set(['nx:run-commands', '@nx/workspace:run-commands', '@nrwl/workspace:run-commands']);
export const NX_RUN_SCRIPT: ReadonlySet<string> = new Set(['nx:run-script', '@nx/workspace:run-script', '@nrwl/workspace:run-script']);
export const NX_NOOP: ReadonlySet<string> = new Set(['nx:noop']);

/** Executors that run an application the project builds: its code, which this command does not name. */
export const NX_RUNS_APPLICATION: ReadonlySet<string> = new Set(['@nx/js:node', '@nx/node:node', '@nx/node:execute', '@nx/next:server-prod']);

export interface InferredTarget {
  /** Where the target's name is set in the plugin's options (`buildTargetName`, `build.targetName`). */
  option: string;
  /** Its name when the option is not set. */
  name: string;
  /** The tool it runs, in the project's folder. */
  command: string;
}

export interface CrystalPlugin {
  /** A file in the project's folder whose presence makes the plugin infer the targets. */
  config: RegExp;
  targets: readonly InferredTarget[];
}

const JS = '[cm]?[jt]s';
const configOf = (tool: string) => new RegExp(`^${tool}\\.config\\.${JS}$`);

/** Nx plugins that infer targets from a tool's config file (nx.json `plugins`). */
export const NX_CRYSTAL_PLUGINS: Readonly<Record<string, CrystalPlugin>> = {
  '@nx/vite/plugin': { config: new RegExp(`^vite(st)?\\.config\\.${JS}$`), targets: [
    { option: 'buildTargetName', name: 'build', command: 'vite build' }, { option: 'serveTargetName', name: 'serve', command: 'vite' },
    { option: 'devTargetName', name: 'dev', command: 'vite' }, { option: 'previewTargetName', name: 'preview', command: 'vite preview' },
    { option: 'testTargetName', name: 'test', command: 'vitest run' }, { option: 'serveStaticTargetName', name: 'serve-static', command: 'vite preview' },
    { option: 'typecheckTargetName', name: 'typecheck', command: 'tsc --noEmit' }] },
  '@nx/vitest': { config: new RegExp(`^vite(st)?\\.config\\.${JS}$`), targets: [{ option: 'testTargetName', name: 'test', command: 'vitest run' }] },
  '@nx/jest/plugin': { config: configOf('jest'), targets: [{ option: 'targetName', name: 'test', command: 'jest' }, { option: 'ciTargetName', name: 'test-ci', command: 'jest --ci' }] },
  '@nx/eslint/plugin': { config: /^(eslint\.config\.[cm]?[jt]s|\.eslintrc(\.json|\.js|\.cjs|\.ya?ml)?)$/, targets: [{ option: 'targetName', name: 'lint', command: 'eslint .' }] },
  '@nx/cypress/plugin': { config: configOf('cypress'), targets: [
    { option: 'targetName', name: 'e2e', command: 'cypress run' }, { option: 'ciTargetName', name: 'e2e-ci', command: 'cypress run' },
    { option: 'openTargetName', name: 'open-cypress', command: 'cypress open' }, { option: 'componentTestingTargetName', name: 'component-test', command: 'cypress run --component' }] },
  '@nx/playwright/plugin': { config: configOf('playwright'), targets: [{ option: 'targetName', name: 'e2e', command: 'playwright test' }, { option: 'ciTargetName', name: 'e2e-ci', command: 'playwright test' }] },
  '@nx/js/typescript': { config: /^tsconfig(\.[\w-]+)?\.json$/, targets: [
    { option: 'typecheck.targetName', name: 'typecheck', command: 'tsc --build --emitDeclarationOnly' }, { option: 'build.targetName', name: 'build', command: 'tsc --build' }] },
  '@nx/next/plugin': { config: configOf('next'), targets: [
    { option: 'buildTargetName', name: 'build', command: 'next build' }, { option: 'devTargetName', name: 'dev', command: 'next dev' },
    { option: 'startTargetName', name: 'start', command: 'next start' }, { option: 'serveStaticTargetName', name: 'serve-static', command: 'next start' }] },
  '@nx/webpack/plugin': { config: configOf('webpack'), targets: [
    { option: 'buildTargetName', name: 'build', command: 'webpack build' }, { option: 'serveTargetName', name: 'serve', command: 'webpack serve' },
    { option: 'previewTargetName', name: 'preview', command: 'webpack serve' }] },
  '@nx/rollup/plugin': { config: configOf('rollup'), targets: [{ option: 'buildTargetName', name: 'build', command: 'rollup -c' }] },
  '@nx/rsbuild': { config: configOf('rsbuild'), targets: [
    { option: 'buildTargetName', name: 'build', command: 'rsbuild build' }, { option: 'devTargetName', name: 'dev', command: 'rsbuild dev' },
    { option: 'previewTargetName', name: 'preview', command: 'rsbuild preview' }, { option: 'inspectTargetName', name: 'inspect', command: 'rsbuild inspect' },
    { option: 'typecheckTargetName', name: 'typecheck', command: 'tsc --noEmit' }] },
  '@nx/rspack/plugin': { config: configOf('rspack'), targets: [
    { option: 'buildTargetName', name: 'build', command: 'rspack build' }, { option: 'serveTargetName', name: 'serve', command: 'rspack serve' },
    { option: 'previewTargetName', name: 'preview', command: 'rspack serve' }] },
  '@nx/storybook/plugin': { config: /^\.storybook$/, targets: [
    { option: 'serveStorybookTargetName', name: 'storybook', command: 'storybook dev' }, { option: 'buildStorybookTargetName', name: 'build-storybook', command: 'storybook build' },
    { option: 'testStorybookTargetName', name: 'test-storybook', command: 'test-storybook' }, { option: 'staticStorybookTargetName', name: 'static-storybook', command: 'storybook build' }] },
};

/** nx subcommands that run no project code: graphs, listings, caches, formatting (prettier on the workspace). */
export const NX_LOCAL_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'graph', 'dep-graph', 'affected:graph', 'affected:dep-graph', 'affected:apps', 'affected:libs', 'print-affected', 'show', 'list', 'report',
  'reset', 'clear-cache', 'daemon', 'connect', 'connect-to-nx-cloud', 'login', 'logout', 'view-logs', 'format', 'format:write', 'format:check',
  'help', 'workspace-lint', 'sync:check', 'completion',
]);

/** nx subcommands that run code nobody has read, or publish: generators, migrations, plugins, releases. */
export const NX_UNKNOWN_SUBCOMMANDS: Readonly<Record<string, string>> = {
  generate: 'runs a generator, code from a plugin that writes the workspace', g: 'runs a generator, code from a plugin that writes the workspace',
  'workspace-generator': 'runs a workspace generator', migrate: 'downloads and runs migrations', repair: 'runs migrations',
  add: 'installs a plugin and runs its init generator', init: 'runs nx\'s init generator', import: 'imports another repository',
  release: 'versions, tags and publishes packages', sync: 'runs the workspace\'s sync generators', mcp: 'starts the nx MCP server',
  'record': 'runs a command and sends it to Nx Cloud', 'start-ci-run': 'starts a distributed Nx Cloud run',
};

/** nx's own options of the task runners (`run`, `run-many`, `affected`, the infix form), and which take a value. */
export const NX_VALUED_OPTIONS: ReadonlySet<string> = new Set([
  '--parallel', '--maxParallel', '--max-parallel', '--output-style', '--outputStyle', '--base', '--head', '--files', '--runner', '--exclude',
  '--projects', '-p', '--targets', '--target', '-t', '--configuration', '-c', '--tui', '--tuiAutoExit', '--tui-auto-exit', '--batch',
  '--nxBail', '--nx-bail',
]);
export const NX_OWN_FLAGS: ReadonlySet<string> = new Set([
  '--skip-nx-cache', '--skipNxCache', '--skip-remote-cache', '--skipRemoteCache', '--verbose', '--nx-bail', '--nxBail', '--nx-ignore-cycles', '--nxIgnoreCycles',
  '--exclude-task-dependencies', '--excludeTaskDependencies', '--uncommitted', '--untracked', '--all', '--dte', '--no-dte', '--skip-sync', '--skipSync',
  '--no-tui', '--no-cloud', '--quiet', '--graph',
]);
