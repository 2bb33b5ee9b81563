// Files that make up the guard itself: its context and policy, its approvals and audit log, and
// the agents' hook registrations. An agent that rewrites them can switch its own guard off.
export const GUARD_FILES: readonly RegExp[] = [
  /(^|\/)firebreak\.ya?ml$/,
  /(^|\/)\.firebreak(\/|$)/,
  /(^|\/)policies\/[^/]*\.ya?ml$/,
  /(^|\/)\.claude\/settings(\.local)?\.json$/,
  /(^|\/)\.cursor\/hooks\.json$/,
  /(^|\/)\.gemini\/settings\.json$/,
  /(^|\/)\.codex\/(hooks\.json|config\.toml)$/,
  /(^|\/)\.kiro\/(agents|hooks)\//,
  /(^|\/)\.github\/hooks\//,
];

/** Commands that only read the files they are given. */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'cat', 'less', 'more', 'head', 'tail', 'grep', 'egrep', 'rg', 'ag', 'wc', 'ls', 'stat', 'file', 'diff', 'cmp',
  'jq', 'bat', 'view', 'md5sum', 'sha256sum', 'test', '[', 'realpath', 'readlink', 'dirname', 'basename', 'code',
]);
