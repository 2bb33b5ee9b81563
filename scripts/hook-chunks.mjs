// What a hook call loads together (scripts/bundle.mjs). Each chunk is its roots (paths under src/,
// without .ts, as regular expressions) with every module they import that an earlier chunk has not
// taken. A module no chunk takes is split out by use, as esbuild does. bench/hook.ts prints which
// files each kind of command loads.
export const HOOK_CHUNKS = [
  // Every call: reading the payload, the quick screen of a command, the answer, the audit log.
  { name: 'core', roots: ['agents/hook/entry', 'intake/shell/index'] },
  // A command the quick screen cannot clear: the shell parser, the walk, guarded files.
  { name: 'shell', roots: ['intake/shell/[^/]+'] },
  // A command with an action: the pipeline's stages as every judged action runs them.
  {
    name: 'judge',
    roots: [
      'agents/hook/judge-actions', 'pipeline', 'config/environment', 'config/default-config', 'judge/evaluate', 'judge/default-policy',
      'judge/collect-accepts', 'predict/index', 'predict/scope', 'predict/workspace-files', 'rollback/plan', 'report/summary',
      'intake/terraform/workspaces', 'world/resolve', 'fast/single-action',
    ],
  },
  // AWS CLI commands: the CLI model and IAM classification (the IAM data itself is read per service).
  { name: 'aws', roots: ['intake/shell/recognisers/aws', 'intake/aws/(cli|call|classify|s3-commands)'] },
  // Code to read (an interpreter one-liner, a script a command runs): the reader, the evaluator, the
  // IR cache and the Python reader and model (the most common one-liner); other languages' readers
  // and models stay split by use.
  // Files a command deletes or writes (rm, mv, cp, redirections; what code reading finds too).
  { name: 'files', roots: ['intake/shell/recognisers/(filesystem|file-writes)'] },
  { name: 'code', roots: ['intake/code/(index|analyse|interpreters|cache|resolve)', 'intake/code/models/(python|aws)', 'intake/code/readers/python'] },
];
