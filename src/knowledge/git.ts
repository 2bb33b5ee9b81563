// Facts about git refs used to judge pushes (src/intake/shell/recognisers/git.ts).

/** Branches others build on: rewriting or deleting them loses their work, and deploys follow them. */
export const SHARED_BRANCH = /^(main|master|trunk|develop|development|dev|next|stable|staging|stage|production|prod|live|gh-pages|HEAD|release|releases|hotfix)$|^(release|releases|hotfix|prod|production|stable|support|maintenance)[/-]|^v?\d+\.\d+(\.x)?$/;

/** Ref names that are release tags by their form (`v1.2.3`, `1.4.0-rc.1`, `cli/v2.0.0`). */
export const TAG_NAME = /^([a-z0-9._-]+\/)?v?\d+\.\d+(\.\d+)?([-+.][0-9A-Za-z.-]+)?$/;

/** Options of git subcommands whose value is a command git runs: `sh` (git hands it to the shell),
 *  `program` (a program path it runs, with arguments of its own), `python` (code git-filter-repo
 *  compiles and runs). `git rebase --exec 'cmd'` runs cmd after every commit. */
export const GIT_COMMAND_OPTIONS: Readonly<Record<string, Readonly<Record<string, 'sh' | 'program' | 'python'>>>> = {
  rebase: { '-x': 'sh', '--exec': 'sh' },
  difftool: { '-x': 'sh', '--extcmd': 'sh' },
  grep: { '-O': 'sh', '--open-files-in-pager': 'sh' },
  fetch: { '--upload-pack': 'program' },
  pull: { '--upload-pack': 'program' },
  clone: { '-u': 'program', '--upload-pack': 'program' },
  'ls-remote': { '--upload-pack': 'program' },
  'fetch-pack': { '--upload-pack': 'program', '--exec': 'program' },
  archive: { '--exec': 'program' },
  push: { '--receive-pack': 'program', '--exec': 'program' },
  'send-pack': { '--receive-pack': 'program', '--exec': 'program' },
  'send-email': { '--sendmail-cmd': 'sh', '--smtp-server': 'program', '--to-cmd': 'sh', '--cc-cmd': 'sh', '--header-cmd': 'sh' },
  'filter-branch': {
    '--env-filter': 'sh', '--tree-filter': 'sh', '--index-filter': 'sh', '--parent-filter': 'sh', '--msg-filter': 'sh', '--commit-filter': 'sh', '--tag-name-filter': 'sh',
  },
  'filter-repo': {
    '--filename-callback': 'python', '--message-callback': 'python', '--name-callback': 'python', '--email-callback': 'python', '--refname-callback': 'python',
    '--blob-callback': 'python', '--commit-callback': 'python', '--tag-callback': 'python', '--reset-callback': 'python', '--file-info-callback': 'python',
  },
};

/** Subcommands whose remaining words are a command git runs: `git bisect run cmd args`,
 *  `git submodule foreach 'cmd'` (joined and handed to the shell). */
export const GIT_COMMAND_TAILS: Readonly<Record<string, { after: string; form: 'argv' | 'sh' }>> = {
  bisect: { after: 'run', form: 'argv' },
  submodule: { after: 'foreach', form: 'sh' },
};

/** Subcommands that copy a template folder's hooks into the repository (`--template=DIR`). */
export const GIT_TEMPLATE_SUBCOMMANDS: ReadonlySet<string> = new Set(['clone', 'init']);

/** Hook names git runs (githooks(5)); `*.sample` files next to them are inactive. */
export const GIT_HOOK_NAMES: ReadonlySet<string> = new Set([
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'pre-commit', 'pre-merge-commit', 'prepare-commit-msg', 'commit-msg', 'post-commit',
  'pre-rebase', 'post-checkout', 'post-merge', 'pre-push', 'pre-receive', 'update', 'proc-receive', 'post-receive', 'post-update',
  'reference-transaction', 'push-to-checkout', 'pre-auto-gc', 'post-rewrite', 'sendemail-validate', 'fsmonitor-watchman', 'p4-changelist',
  'p4-prepare-changelist', 'p4-post-changelist', 'p4-pre-submit', 'post-index-change',
]);

/** Settings that name another config file git reads (`include.path`, `includeIf.<cond>.path`). */
export const GIT_INCLUDE_SETTING = /^include(if\..*)?\.path$/i;
