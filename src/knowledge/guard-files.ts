// Which files a command changes, as data: the guard matches these operands (resolved to real
// paths) against the files Firebreak depends on (intake/shell/guarded-paths.ts derives those from
// the code that reads them), and writes outside the workspace are judged like deletes.

import { PERL_IN_PLACE } from './code/perl-switches.js';

/** Commands that read the files they are given and change nothing. */
export const READ_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'cat', 'tac', 'less', 'more', 'head', 'tail', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'wc', 'diff', 'cmp', 'comm',
  'jq', 'bat', 'view', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'shasum', 'cksum', 'b2sum', 'hexdump', 'od',
  'strings', 'nl', 'cut', 'tr', 'column', 'fold', 'fmt', 'paste', 'join', 'rev', 'expand', 'unexpand', 'zcat',
  'code', 'cursor', 'subl', 'open', 'xdg-open', 'pbcopy', 'envsubst',
]);

/** Commands that look at names or metadata only: their operands are not even read. */
export const NAME_ONLY_COMMANDS: ReadonlySet<string> = new Set([
  'echo', 'printf', 'ls', 'll', 'la', 'dir', 'stat', 'file', 'test', '[', '[[', 'realpath', 'readlink', 'dirname', 'basename',
  'which', 'whereis', 'type', 'command', 'du', 'df', 'tree', 'eza', 'exa', 'fd', 'cd', 'pushd', 'popd', 'mkdir', 'true', 'false',
  ':', 'export', 'declare', 'typeset', 'local', 'readonly', 'unset', 'set', 'alias', 'help', 'man', 'info', 'tldr',
  'pwd', 'sleep', 'wait', 'exit', 'return', 'shift', 'history', 'date', 'whoami', 'id', 'hostname', 'uname', 'env', 'printenv',
]);

/** What a command does to a file it names. `write-tree` writes files below a folder (`cp -r x dir/`). */
export type FileAccess = 'write' | 'write-tree' | 'delete' | 'move' | 'permissions' | 'link' | 'read';

export interface FileWriterSpec {
  /** Which operands are changed: every one, the last (the destination), or an operand by index. */
  changes: 'all' | 'last' | number;
  access: FileAccess;
  /** Operands before the files that are not paths (chmod MODE, chown OWNER). */
  leading?: number;
  /** Options that take a separate value. */
  withArgument?: readonly string[];
  /** Options whose value is a folder every source lands in (`cp -t DIR`). */
  targetDirectory?: readonly string[];
  /** Options whose value is a file that is written (`sort -o FILE`, `curl -o FILE`). */
  outputOptions?: readonly string[];
  /** Options whose value is a folder files are written into (`wget -P DIR`, `tar -C DIR`). */
  outputDirectories?: readonly string[];
  /** Options whose value names a file that is read and sent (`curl -T FILE`, `-F f=@FILE`, `-d @FILE`). */
  inputOptions?: readonly string[];
  /** Sources of a two-sided command (mv) are moved away, not only read. */
  sourcesMoved?: boolean;
  /** Options (short flags or long names) that mean nothing is changed (`gzip -c`, `sed` without -i). */
  readOnlyWith?: RegExp;
  /** The command changes nothing unless one of these options is given (`sed -i`, `tar -x`). */
  writesOnlyWith?: RegExp;
  /** Recursion flags: a folder operand is changed with everything in it. */
  recursive?: RegExp;
  /** Options with which the files named are removed once read (`tar --remove-files`,
   *  `rsync --remove-source-files`): for a two-sided command, its sources. */
  removesWith?: RegExp;
}

const CP_OPTIONS = ['-t', '--target-directory', '-S', '--suffix'];

export const FILE_WRITERS: Readonly<Record<string, FileWriterSpec>> = {
  cp: { changes: 'last', access: 'write', withArgument: CP_OPTIONS, targetDirectory: ['-t', '--target-directory'], recursive: /^-[a-zA-Z]*[rRa]|^--(recursive|archive)$/ },
  mv: { changes: 'last', access: 'write', withArgument: CP_OPTIONS, targetDirectory: ['-t', '--target-directory'], sourcesMoved: true },
  ln: { changes: 'last', access: 'link', withArgument: CP_OPTIONS, targetDirectory: ['-t', '--target-directory'] },
  install: { changes: 'last', access: 'write', withArgument: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix', '-t', '--target-directory'], targetDirectory: ['-t', '--target-directory'] },
  rsync: { changes: 'last', access: 'write', withArgument: ['-e', '--rsh', '--exclude', '--include', '--filter', '-f', '--files-from', '--exclude-from', '--include-from', '--backup-dir', '--suffix', '--chmod', '--chown', '--port', '--log-file', '--partial-dir', '--temp-dir', '-T', '--compare-dest', '--copy-dest', '--link-dest'], recursive: /^-[a-zA-Z]*[ra]|^--(recursive|archive)$/, removesWith: /^--remove-source-files$/ },
  chmod: { changes: 'all', access: 'permissions', leading: 1, recursive: /^-[a-zA-Z]*R|^--recursive$/ },
  chown: { changes: 'all', access: 'permissions', leading: 1, withArgument: ['--from'], recursive: /^-[a-zA-Z]*R|^--recursive$/ },
  chgrp: { changes: 'all', access: 'permissions', leading: 1, recursive: /^-[a-zA-Z]*R|^--recursive$/ },
  chattr: { changes: 'all', access: 'permissions', leading: 1, recursive: /^-[a-zA-Z]*R$/ },
  setfacl: { changes: 'all', access: 'permissions', withArgument: ['-m', '-x', '-M', '-X', '--modify', '--remove', '--set', '--set-file'], recursive: /^-[a-zA-Z]*R|^--recursive$/ },
  truncate: { changes: 'all', access: 'write', withArgument: ['-s', '--size', '-r', '--reference'] },
  touch: { changes: 'all', access: 'write', withArgument: ['-d', '--date', '-t', '-r', '--reference'] },
  tee: { changes: 'all', access: 'write' },
  sponge: { changes: 'all', access: 'write' },
  shred: { changes: 'all', access: 'delete', withArgument: ['-n', '--iterations', '-s', '--size', '--random-source'] },
  rm: { changes: 'all', access: 'delete', recursive: /^-[a-zA-Z]*[rR]|^--recursive$/ },
  unlink: { changes: 'all', access: 'delete' },
  rmdir: { changes: 'all', access: 'delete' },
  // Readers with a way to write: `yq -i`, `iconv -o FILE`, `xxd IN OUT`, `base64 -o FILE` (BSD).
  yq: { changes: 'all', access: 'write', leading: 1, withArgument: ['-o', '--output-format', '-p', '--input-format', '-I', '--indent', '--from-file', '--split-exp', '-s'], writesOnlyWith: /^-[a-zA-Z]*i[a-zA-Z]*$|^--inplace$/ },
  iconv: { changes: 'all', access: 'read', withArgument: ['-f', '-t', '--from-code', '--to-code'], outputOptions: ['-o', '--output'] },
  xxd: { changes: 1, access: 'write', withArgument: ['-c', '-cols', '-g', '-groupsize', '-l', '-len', '-n', '-name', '-o', '-offset', '-s', '-seek'] },
  base64: { changes: 'all', access: 'read', withArgument: ['-w', '--wrap', '-b', '--break', '-i', '--input'], outputOptions: ['-o', '--output'] },
  sort: { changes: 'all', access: 'read', withArgument: ['-k', '--key', '-t', '--field-separator', '-S', '--buffer-size', '-T', '--temporary-directory', '--parallel', '--batch-size', '--files0-from'], outputOptions: ['-o', '--output'] },
  uniq: { changes: 1, access: 'write', withArgument: ['-f', '--skip-fields', '-s', '--skip-chars', '-w', '--check-chars'] },
  sed: { changes: 'all', access: 'write', leading: 1, withArgument: ['-e', '--expression', '-f', '--file', '-l', '--line-length'], writesOnlyWith: /^-[a-zA-Z]*i|^--in-place/ },
  perl: { changes: 'all', access: 'write', leading: 1, withArgument: ['-e', '-E', '-M', '-m', '-I'], writesOnlyWith: PERL_IN_PLACE },
  gzip: { changes: 'all', access: 'move', withArgument: ['-S', '--suffix'], readOnlyWith: /^-[a-zA-Z]*[ckl]|^--(stdout|to-stdout|keep|list|test)$/ },
  gunzip: { changes: 'all', access: 'move', withArgument: ['-S', '--suffix'], readOnlyWith: /^-[a-zA-Z]*[ckl]|^--(stdout|to-stdout|keep|list|test)$/ },
  bzip2: { changes: 'all', access: 'move', readOnlyWith: /^-[a-zA-Z]*[ckt]|^--(stdout|keep|test)$/ },
  bunzip2: { changes: 'all', access: 'move', readOnlyWith: /^-[a-zA-Z]*[ckt]|^--(stdout|keep|test)$/ },
  xz: { changes: 'all', access: 'move', readOnlyWith: /^-[a-zA-Z]*[cklt]|^--(stdout|to-stdout|keep|list|test)$/ },
  unxz: { changes: 'all', access: 'move', readOnlyWith: /^-[a-zA-Z]*[cklt]|^--(stdout|to-stdout|keep|list|test)$/ },
  // zstd keeps what it compresses unless --rm; -o FILE is written either way.
  zstd: { changes: 'all', access: 'move', withArgument: ['-o', '-D', '-T', '-M', '--memory', '--patch-from'], outputOptions: ['-o'], writesOnlyWith: /^--rm$/ },
  unzstd: { changes: 'all', access: 'move', withArgument: ['-o', '-D', '-M', '--memory'], outputOptions: ['-o'], writesOnlyWith: /^--rm$/ },
  tar: { changes: 'all', access: 'read', withArgument: ['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from'], outputDirectories: ['-C', '--directory'], writesOnlyWith: /^-[a-zA-Z]*x|^--(extract|get)$/, removesWith: /^--remove-files$/ },
  unzip: { changes: 'all', access: 'read', withArgument: ['-d', '-x', '-P'], outputDirectories: ['-d'] },
  curl: { changes: 'all', access: 'read', withArgument: ['-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '-X', '--request', '-u', '--user', '-A', '--user-agent', '-e', '--referer', '-b', '--cookie', '-F', '--form', '-x', '--proxy', '-m', '--max-time', '-w', '--write-out'], outputOptions: ['-o', '--output', '-c', '--cookie-jar', '-D', '--dump-header'], outputDirectories: ['--output-dir'], inputOptions: ['-T', '--upload-file', '-F', '--form', '-d', '--data', '--data-binary', '--data-urlencode', '--data-raw'] },
  wget: { changes: 'all', access: 'read', withArgument: ['--header', '-U', '--user-agent', '-t', '--tries', '-T', '--timeout', '--post-file', '--body-file'], inputOptions: ['--post-file', '--body-file'], outputOptions: ['-O', '--output-document', '-o', '--output-file', '-a', '--append-output'], outputDirectories: ['-P', '--directory-prefix'] },
  openssl: { changes: 'all', access: 'read', outputOptions: ['-out', '-keyout'] },
  patch: { changes: 0, access: 'write', withArgument: ['-p', '-i', '--input', '-d', '--directory', '-F', '--fuzz', '-B', '--prefix', '-r', '--reject-file', '-D', '--ifdef', '-V'], outputOptions: ['-o', '--output'] },
  dd: { changes: 'all', access: 'read' },
  vim: { changes: 'all', access: 'write', withArgument: ['-c', '--cmd', '-S', '-u', '-i', '-T', '-w', '-W', '-s'] },
  vi: { changes: 'all', access: 'write', withArgument: ['-c', '--cmd', '-S', '-u', '-i', '-T', '-w', '-W', '-s'] },
  nvim: { changes: 'all', access: 'write', withArgument: ['-c', '--cmd', '-S', '-u', '-i', '-w', '-W', '-s'] },
  ex: { changes: 'all', access: 'write', withArgument: ['-c', '-S', '-u', '-s'] },
  ed: { changes: 'all', access: 'write', withArgument: ['-p'] },
  nano: { changes: 'all', access: 'write' },
  emacs: { changes: 'all', access: 'write', withArgument: ['--eval', '-l', '--load', '-f', '--funcall'] },
};

/** Package managers, and the verbs with which they remove or replace an installed package. */
export const PACKAGE_MANAGERS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn', 'bun', 'npx']);
export const PACKAGE_CHANGING_VERBS: ReadonlySet<string> = new Set([
  'uninstall', 'un', 'unlink', 'remove', 'rm', 'r', 'update', 'up', 'upgrade', 'install', 'i', 'add', 'link', 'ln', 'isntall',
]);

/**
 * Git subcommands that rewrite working-tree files (or the index that the next checkout writes out),
 * and how: restore tracked content, remove untracked files, change the paths named, bring in the
 * changes of other commits (`incoming`), write out a whole tree (`tree`), or leave files out of
 * the working tree (`sparse`).
 */
export const GIT_WORKTREE_WRITERS: Readonly<Record<string, 'restore' | 'remove' | 'paths' | 'incoming' | 'tree' | 'sparse'>> = {
  checkout: 'restore', restore: 'restore', reset: 'restore', stash: 'restore', switch: 'restore',
  clean: 'remove', rm: 'paths', mv: 'paths', apply: 'paths', am: 'paths', 'update-index': 'paths',
  merge: 'incoming', pull: 'incoming', rebase: 'incoming', 'cherry-pick': 'incoming', revert: 'incoming',
  'read-tree': 'tree', 'sparse-checkout': 'sparse',
};

/**
 * The fast path's screen: a command that writes files, or an argument that may name a path (a
 * folder, a file with an extension, outside the workspace, a dot-folder where agents and Firebreak
 * keep their settings), goes through the full walk, where paths are resolved for real. Structural
 * on purpose: no second list of guarded names.
 */
export function mayNameGuardedOrOutside(arg: string): boolean {
  return Object.hasOwn(FILE_WRITERS, arg) || arg.includes('/') || arg.includes('.') || arg.startsWith('~') || /firebreak/i.test(arg);
}

/** The agent runs in a dot-folder (`~/.claude`, `.firebreak`) or inside node_modules: relative paths may be guarded ones. */
export function cwdNeedsWalk(cwd: string | undefined): boolean {
  return !!cwd && (/\/\.[^/]/.test(cwd) || /(^|\/)node_modules(\/|$)/.test(cwd));
}

/** Firebreak's own CLI: decisions only a person may take, and commands that only read or report. */
export const FIREBREAK_DECISIONS: ReadonlySet<string> = new Set(['approve', 'deny', 'reject', 'exception', 'exceptions', 'grant', 'allow']);
/** Firebreak's top-level commands: any other name (`firebreak status`) is refused by the CLI, which runs nothing. */
export const FIREBREAK_COMMANDS: ReadonlySet<string> = new Set([
  'hook', 'approvals', 'approve', 'deny', 'audit', 'doctor', 'mcp', 'check', 'baseline', 'explain', 'ci', 'sandbox', 'scenarios', 'server', 'help',
]);
/** Subcommands of Firebreak's command groups that only read (`firebreak sandbox status`, `firebreak server user list`). */
export const FIREBREAK_READ_ONLY_SUBCOMMANDS: ReadonlySet<string> = new Set(['sandbox status', 'server user list', 'server token list']);
export const FIREBREAK_READ_ONLY: ReadonlySet<string> = new Set([
  'check', 'explain', 'approvals', 'audit', 'doctor', 'ci', 'scenarios', 'mcp', 'help', '--help', '-h', '--version', '-V', 'version',
]);

/**
 * Coding agents' own command lines, run by an agent. Run as they are, another agent asks before it
 * acts (or is guarded by the same hooks); these options switch its permission checks off, so what it
 * then does is neither visible nor asked about. `config` subcommands change the settings that hold
 * an agent's hooks and permissions.
 */
/** Agents started by the agent. `namesake`: subcommands of a different program with the same name
 *  (AWS Copilot's `copilot app delete`), judged as that program's CLI. */
export const NESTED_AGENTS: Readonly<Record<string, { bypass: RegExp; settings?: ReadonlySet<string>; namesake?: ReadonlySet<string> }>> = {
  claude: { bypass: /^--(dangerously-skip-permissions|allow-dangerously-skip-permissions)$|^--permission-mode(=bypassPermissions)?$/, settings: new Set(['config']) },
  codex: { bypass: /^--(dangerously-bypass-approvals-and-sandbox|yolo)$|^(-s|--sandbox)(=danger-full-access)?$/ },
  gemini: { bypass: /^(-y|--yolo)$|^--approval-mode(=yolo)?$/ },
  qwen: { bypass: /^(-y|--yolo)$|^--approval-mode(=yolo)?$/ },
  'cursor-agent': { bypass: /^(-f|--force)$/ },
  'kiro-cli': { bypass: /^--trust-all-tools$|^--trust-tools(=.*)?$/ },
  aider: { bypass: /^--yes(-always)?$/ },
  amp: { bypass: /^--dangerously-allow-all$/ },
  copilot: {
    bypass: /^--(allow-all-tools|allow-all-paths|yolo|allow-tool)(=.*)?$/,
    namesake: new Set(['app', 'env', 'svc', 'job', 'pipeline', 'storage', 'secret', 'task', 'deploy', 'init', 'run']),
  },
  opencode: { bypass: /^--dangerously-skip-permissions$/ },
};

/** Values of a bypass option that turn the checks off (`--permission-mode bypassPermissions`, `-s danger-full-access`). */
export const BYPASS_VALUES: ReadonlySet<string> = new Set(['bypassPermissions', 'danger-full-access', 'yolo']);
