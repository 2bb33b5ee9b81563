// Bundles the two process entries (the CLI and the agent hook) with our own code and the small
// libraries on their hot path (zod, yaml, commander, graphology), split at every dynamic import.
// Node's ESM loader costs ~1 ms per module; the hook for an AWS command loaded 213 of them.
// Packages that read their own files at run time, or are heavy and loaded lazily, stay external.
import { build } from 'esbuild';

const external = [
  '@aws-cdk/*', '@aws-sdk/*', '@smithy/*', '@cdktf/*', '@cloud-copilot/*', '@modelcontextprotocol/*', '@octokit/*',
  'dockerode', 'sigma', 'playwright-core', 'pg',
  // reads its WebAssembly file next to its own module at run time
  'libpg-query',
  // Loads its WASM runtime and grammars from its own directory.
  '@vscode/tree-sitter-wasm',
];

await build({
  entryPoints: { main: 'src/cli/main.ts', hook: 'src/agents/hook/entry.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  chunkNames: '[name]-[hash]',
  // Some bundled CommonJS (graphology's deps) calls require(); give ESM chunks one.
  banner: { js: "import { createRequire as __firebreakRequire } from 'node:module'; const require = __firebreakRequire(import.meta.url);" },
  logLevel: 'warning',
});
