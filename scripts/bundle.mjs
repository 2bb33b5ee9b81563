// Bundles the two process entries with our own code and the small libraries on their hot path
// (zod, yaml, commander, graphology). Packages that read their own files at run time, or are heavy
// and loaded lazily, stay external.
//  - main (the CLI, esbuild): split at every dynamic import.
//  - hook (`firebreak hook`, one process per agent tool call, rolldown): Node's ESM loader costs
//    ~0.3-0.6 ms a file before any code runs, and splitting at every dynamic import made the hook
//    for one AWS command load 80 files. The chunks in hook-chunks.mjs group what a call needs
//    together; everything else is split as before (a tool's recogniser, a parser, a data table).
import { build } from 'esbuild';
import { rolldown } from 'rolldown';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { HOOK_CHUNKS } from './hook-chunks.mjs';
import { builtinsWithoutImports } from './hook-builtins.mjs';
import { compileEagerly } from './hook-eager.mjs';
import { trainingCoverage } from './hook-training.mjs';

const externalPackages = [
  '@aws-cdk/', '@aws-sdk/', '@smithy/', '@cdktf/', '@cloud-copilot/', '@modelcontextprotocol/', '@octokit/',
  'dockerode', 'sigma', 'playwright-core', 'pg',
  // reads its WebAssembly file next to its own module at run time
  'libpg-query',
  // Loads its WASM runtime and grammars from its own directory.
  '@vscode/tree-sitter-wasm',
];
// Some bundled CommonJS (graphology's deps) calls require(); give ESM chunks one.
const banner = "import { createRequire as __firebreakRequire } from 'node:module'; const require = __firebreakRequire(import.meta.url);";

rmSync('dist/bundle', { recursive: true, force: true });

// commander requires node:child_process when it loads, for subcommands that are separate
// executables, which firebreak has none of. Under the V8 flags of the child that checks a large
// plan, Node compiles its built-ins from source, and child_process (with net, dgram, streams)
// costs that check ~10 ms of CPU (docs/plan-speed.md, wave 17): it is required on first use.
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyCommanderChildProcess = {
  name: 'lazy-commander-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`${args.path}: commander no longer requires child_process as expected; update scripts/bundle.mjs`);
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), loader: 'js' };
    });
  },
};

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: externalPackages.map((p) => (p.endsWith('/') ? `${p}*` : p)),
  chunkNames: '[name]-[hash]',
  banner: { js: banner },
  plugins: [lazyCommanderChildProcess],
  logLevel: 'warning',
});

// The resident client (src/agents/resident/client.ts): one small file the hook loads first, with
// nothing imported (built-ins come from process.getBuiltinModule()).
await build({
  entryPoints: { 'resident-client': 'src/agents/resident/client.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node22',
  logLevel: 'warning',
});

const isExternal = (id) => id.startsWith('node:') || externalPackages.some((p) => (p.endsWith('/') ? id.startsWith(p) : id === p || id.startsWith(`${p}/`)));
const hook = await rolldown({
  input: { hook: 'src/agents/hook/entry.ts' },
  platform: 'node',
  external: isExternal,
  resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  tsconfig: 'tsconfig.json',
  // Dynamic imports that share a module with a chunk are reported: expected here, not a problem.
  onLog(level, log, handler) {
    if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
  },
});
const { output: hookOutput } = await hook.write({
  dir: 'dist/bundle',
  format: 'es',
  entryFileNames: '[name].js',
  chunkFileNames: 'hook-[name]-[hash].js',
  sourcemap: true,
  // No banner: rolldown gives the chunks that need it a require() of their own (its runtime's __require).
  codeSplitting: {
    groups: HOOK_CHUNKS.map(({ name, roots }, index) => ({
      name,
      test: new RegExp(`[\\\\/]src[\\\\/](${roots.join('|')})\\.ts$`),
      // Earlier groups claim a module first (core before shell before judge).
      priority: HOOK_CHUNKS.length - index,
    })),
  },
});
await hook.close();
// Built-in modules through process.getBuiltinModule() instead of ESM imports (scripts/hook-builtins.mjs).
const builtins = builtinsWithoutImports('dist/bundle');
if (builtins.keptInCycles.length) console.warn(`hook chunks in import cycles keep their ESM imports of built-ins: ${builtins.keptInCycles.join(', ')}`);
// The grouped chunks' top-level functions that representative hook calls run, compiled with the
// chunk, into the compile cache (scripts/hook-training.mjs, scripts/hook-eager.mjs). Training that
// cannot run leaves every function eager: a larger cache to read, the same answers.
const grouped = new Set(HOOK_CHUNKS.map((c) => c.name));
let used;
try {
  used = trainingCoverage('.');
} catch (error) {
  console.warn(`hook training did not run (${error.message}): every top-level function of the grouped hook chunks is compiled eagerly`);
}
compileEagerly('dist/bundle', hookOutput.filter((c) => c.type === 'chunk' && grouped.has(c.name) && !builtins.keptInCycles.includes(c.fileName)).map((c) => c.fileName), used);
