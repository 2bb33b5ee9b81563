// How an MCP tool is judged from its name and arguments, as data. A delete verb anywhere in the
// name makes it a delete; a name made only of read verbs passes; SQL arguments go through the SQL
// classifier; anything else that may write escalates.

/** Words in a tool name that mean something is removed, stopped or revoked. */
export const MCP_DELETE_VERBS: ReadonlySet<string> = new Set([
  'delete', 'del', 'drop', 'destroy', 'terminate', 'purge', 'remove', 'rm', 'truncate', 'wipe', 'erase', 'kill', 'revoke', 'deregister',
  'unregister', 'uninstall', 'nuke', 'flush', 'prune', 'evict', 'discard', 'reset', 'clear', 'teardown', 'decommission', 'deprovision',
  'disable', 'detach', 'unlink', 'rollback', 'cancel', 'expire', 'shred', 'scale_to_zero',
]);

/** Words that only look: a tool whose name has only these (and nouns) changes nothing. */
/** Words of a tool that only runs the command it is given (`call_aws` with `cli_command`, `run` with
 *  `command`): the command is judged, as the shell tool's would be, and the tool adds nothing. */
export const MCP_RUNNER_WORDS: ReadonlySet<string> = new Set(['call', 'run', 'exec', 'execute', 'invoke', 'shell', 'command', 'cmd', 'bash', 'sh', 'terminal', 'cli', 'aws', 'gcloud', 'az', 'kubectl', 'tool']);

/** Arguments of such a tool that change nothing about where or what the command runs. */
export const MCP_RUNNER_INERT_ARGUMENTS = /^(timeout|timeout_?ms|timeout_?seconds|description|max_?results|max_?output(_?length)?)$/i;

export const MCP_READ_VERBS: ReadonlySet<string> = new Set([
  'get', 'list', 'describe', 'read', 'search', 'find', 'fetch', 'show', 'view', 'lookup', 'inspect', 'count', 'explain', 'check', 'validate',
  'verify', 'status', 'ping', 'resolve', 'browse', 'diff', 'log', 'logs', 'info', 'help', 'preview', 'plan', 'estimate', 'analyze', 'analyse',
  'summarize', 'summarise', 'snapshot', 'screenshot', 'console', 'docs', 'doc', 'documentation', 'retrieve', 'scan', 'query', 'whoami', 'me',
  'history', 'outline', 'symbols', 'references', 'definition', 'hover', 'completion', 'diagnostics', 'lint', 'navigate', 'hover', 'wait',
  'think', 'sequentialthinking', 'recall', 'load', 'watch', 'tail', 'grep', 'glob', 'head', 'cat', 'stat', 'exists', 'compare', 'test',
]);

/** Words that write: with none of the delete verbs, still a change that needs a look. */
export const MCP_WRITE_VERBS: ReadonlySet<string> = new Set([
  'create', 'update', 'put', 'post', 'patch', 'write', 'set', 'send', 'run', 'exec', 'execute', 'invoke', 'apply', 'deploy', 'push', 'merge',
  'publish', 'upload', 'insert', 'upsert', 'modify', 'edit', 'replace', 'move', 'rename', 'copy', 'start', 'stop', 'restart', 'reboot',
  'scale', 'grant', 'attach', 'assign', 'add', 'enable', 'install', 'import', 'restore', 'sync', 'trigger', 'approve', 'close', 'commit',
  'comment', 'click', 'type', 'fill', 'press', 'drag', 'select', 'upload', 'evaluate', 'eval', 'call', 'submit', 'migrate', 'save', 'store',
]);

/** Argument names that carry SQL. */
export const MCP_SQL_ARGUMENTS = /^(sql|query|statement|statements|queries|sql_query|sqlQuery|command_sql)$/i;

/** Argument names that carry a file path the tool writes (a filesystem server's write_file). */
export const MCP_PATH_ARGUMENTS = /^(path|file_path|filePath|filename|file|destination|dest|target|target_path|output_path|outputPath|to|new_path|newPath)$/;

/** Arguments a file tool takes besides its paths: what it writes and how. A tool with any other
 *  argument (`project`, `bucket`, `host`, `owner`/`repo`, `container`) is not writing a file on this
 *  machine, whatever its name says: `github/delete_file {owner, repo, path}` deletes in a repository
 *  elsewhere, and its `path` is not this workspace's file of that name. */
export const MCP_FILE_CONTENT_ARGUMENTS = /^(content|contents|text|data|edits|old_?string|new_?string|old_?text|new_?text|expected_?replacements|replace_?all|mode|encoding|append|overwrite|create_?dirs|dry_?run|recursive)$/i;

/** Arguments of an HTTP tool (fetch, request): the URL and the method it sends. */
export const MCP_URL_ARGUMENTS = /^(url|uri|endpoint|href)$/i;
export const MCP_METHOD_ARGUMENTS = /^(method|http_?method|verb)$/i;

/** Argument names that carry the path a tool moves, renames or copies from (move_file's source). */
export const MCP_SOURCE_ARGUMENTS = /^(source|src|from|old_path|oldPath|source_path|sourcePath)$/;

/** Argument names that carry a list of paths (read_multiple_files). */
export const MCP_PATH_LIST_ARGUMENTS = /^(paths|files|file_paths|filePaths)$/;

/** Words that take the source away: moving or renaming it. */
export const MCP_MOVE_VERBS: ReadonlySet<string> = new Set(['move', 'rename', 'mv']);

/** Our own MCP server's tools: they only judge. */
export const FIREBREAK_MCP_TOOLS: ReadonlySet<string> = new Set(['firebreak_check']);

/**
 * Collaboration, not production: opening or commenting on issues and pull requests (like `gh issue
 * create`, `gh pr create`). A name made of these nouns and verbs passes; merging, pushing, deleting
 * or anything else does not.
 */
export const MCP_COLLABORATION_NOUNS: ReadonlySet<string> = new Set([
  'issue', 'issues', 'comment', 'comments', 'review', 'reviews', 'pull', 'request', 'pr', 'discussion', 'reply', 'reaction', 'note', 'notes', 'draft', 'sub',
]);
export const MCP_COLLABORATION_VERBS: ReadonlySet<string> = new Set(['create', 'add', 'update', 'edit', 'comment', 'reply', 'request', 'submit', 'react']);
