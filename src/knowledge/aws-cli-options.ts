// AWS CLI v2 syntax facts.

/** Global options (allowed anywhere on the command line): does each take a value? */
export const AWS_CLI_GLOBAL_OPTIONS: Readonly<Record<string, 'value' | 'flag'>> = {
  '--profile': 'value',
  '--region': 'value',
  '--endpoint-url': 'value',
  '--output': 'value',
  '--query': 'value',
  '--color': 'value',
  '--ca-bundle': 'value',
  '--cli-read-timeout': 'value',
  '--cli-connect-timeout': 'value',
  '--cli-binary-format': 'value',
  '--debug': 'flag',
  '--no-verify-ssl': 'flag',
  '--no-paginate': 'flag',
  '--no-sign-request': 'flag',
  '--no-cli-pager': 'flag',
  '--cli-auto-prompt': 'flag',
  '--no-cli-auto-prompt': 'flag',
  '--version': 'flag',
};

/** Options of every operation that say nothing about the resource acted on. */
export const AWS_CLI_PAGING_OPTIONS: ReadonlySet<string> = new Set([
  '--starting-token', '--page-size', '--max-items',
]);

/** CLI commands that call no AWS write API: what they do. `*` = any subcommand. */
export const AWS_CLI_LOCAL_COMMANDS: Readonly<Record<string, Readonly<Record<string, 'read' | 'update'>>>> = {
  help: { '*': 'read' },
  configure: {
    '': 'read', list: 'read', get: 'read', 'list-profiles': 'read', 'export-credentials': 'read',
    set: 'update', import: 'update', sso: 'update', 'sso-session': 'update', 'add-model': 'update',
  },
  history: { '*': 'read' },
  sso: { login: 'read', logout: 'update' },
  'ecr-public': { 'get-login-password': 'read' },
};

/** High-level `aws s3` options that take no value (every other option takes exactly one). */
export const AWS_S3_BOOLEAN_OPTIONS: ReadonlySet<string> = new Set([
  '--recursive', '--dryrun', '--quiet', '--force', '--delete', '--exact-timestamps', '--size-only',
  '--follow-symlinks', '--no-follow-symlinks', '--only-show-errors', '--no-progress', '--human-readable',
  '--summarize', '--ignore-glacier-warnings', '--force-glacier-transfer', '--no-guess-mime-type',
  '--page-size-none', '--copy-props-none', '--no-overwrite',
]);
