// Files whose content a routine command runs later without Firebreak reading it then: git's hooks
// (run by `git commit`, `git push`, `git checkout`), git's config (command settings such as
// core.pager, core.fsmonitor, `!` aliases, filter drivers), ssh's config (ProxyCommand,
// LocalCommand) and the editor's tasks (a `runOn: folderOpen` task runs when the folder opens).
// Writing one is a way around the guard: the harmful part runs at a later, harmless-looking
// command. So installing code there is judged like changing the guard's own files; removing it is
// not (nothing runs from a deleted hook). `git config KEY VALUE` is judged by the value it stores
// (intake/shell/recognisers/git-runs.ts), not as a file write.

export interface DeferredCodeFile {
  /** Path segments, matched at any depth (workspace) or below the home folder (home). */
  segments: readonly string[];
  /** Everything below the path too (a hooks folder). */
  tree: boolean;
  what: string;
  /** What counts as installing code there, when not every write, move, link or mode change does:
   *  site-packages is linked from for tests (`ln -s .venv/.../site-packages/pkg pkg`). */
  installs?: readonly ('write' | 'move' | 'link' | 'permissions')[];
}

export const WORKSPACE_DEFERRED_CODE: readonly DeferredCodeFile[] = [
  { segments: ['.git', 'hooks'], tree: true, what: "git's hooks folder: git runs these files at later commits, pushes and checkouts, unjudged" },
  { segments: ['.git', 'config'], tree: false, what: "the repository's git config: git runs the commands it sets (pager, fsmonitor, ! aliases, filters) at later git commands, unjudged" },
  // Python runs every `import` line of a .pth file there at each start, and imports what is installed there unread.
  { segments: ['site-packages'], tree: true, what: "a Python site-packages folder: Python runs the import lines of its .pth files at every start and imports its modules as installed code, unjudged", installs: ['write', 'move', 'permissions'] },
  { segments: ['dist-packages'], tree: true, what: "a Python dist-packages folder: Python runs the import lines of its .pth files at every start and imports its modules as installed code, unjudged", installs: ['write', 'move', 'permissions'] },
  { segments: ['.vscode', 'tasks.json'], tree: false, what: "the editor's tasks: VS Code and Cursor run a task marked runOn folderOpen when the folder is next opened, unjudged" },
];

/** Option files in the home folder (or `$XDG_CONFIG_HOME`, `.config` by default) read by every
 *  curl, wget and less run: what they hold is options given to each later run. */
const OPTION_FILES: readonly DeferredCodeFile[] = [
  { segments: ['.curlrc'], tree: false, what: "curl's option file: every later curl takes its options (output files, uploads, another config), unjudged" },
  { segments: ['.config', 'curlrc'], tree: false, what: "curl's option file: every later curl takes its options (output files, uploads, another config), unjudged" },
  { segments: ['.wgetrc'], tree: false, what: "wget's option file: every later wget takes its commands (output files, uploads, a program to ask for passwords), unjudged" },
  // lesskey files bind keys and set less's variables (LESS with a `+!command`, LESSOPEN): git, man and systemctl page through less.
  { segments: ['.lesskey'], tree: false, what: "less's key file: it can set LESS and LESSOPEN, whose commands every later less (git log, man, systemctl) runs, unjudged" },
  { segments: ['.config', 'lesskey'], tree: false, what: "less's key file: it can set LESS and LESSOPEN, whose commands every later less (git log, man, systemctl) runs, unjudged" },
  { segments: ['.less'], tree: false, what: "less's compiled key file: it can set LESS and LESSOPEN, whose commands every later less (git log, man, systemctl) runs, unjudged" },
  // Start-up files of clients and editors: `\!cmd` (psql), `.shell cmd` (sqlite3), `:!cmd` and autocommands (vim) run at every start.
  { segments: ['.psqlrc'], tree: false, what: "psql's start-up file: every later psql runs it first, its \\! lines as shell commands, unjudged" },
  { segments: ['.sqliterc'], tree: false, what: "sqlite3's start-up file: every later sqlite3 runs it first, its .shell and .system lines as shell commands, unjudged" },
  { segments: ['.vimrc'], tree: false, what: "vim's start-up file: every later vim runs it (:! commands, autocommands), unjudged" },
  { segments: ['.exrc'], tree: false, what: "vi's start-up file: every later vi runs it (:! commands), unjudged" },
  { segments: ['.config', 'nvim', 'init.vim'], tree: false, what: "neovim's start-up file: every later nvim runs it (:! commands, autocommands), unjudged" },
  { segments: ['.config', 'nvim', 'init.lua'], tree: false, what: "neovim's start-up file: every later nvim runs it (os.execute, autocommands), unjudged" },
];

/** The same files under `$XDG_CONFIG_HOME` when it is set elsewhere than `~/.config`. */
export const XDG_OPTION_FILES: readonly { name: string; what: string }[] = [
  { name: 'curlrc', what: OPTION_FILES[1].what },
  { name: 'lesskey', what: OPTION_FILES[4].what },
];

export const HOME_DEFERRED_CODE: readonly DeferredCodeFile[] = [
  { segments: ['.gitconfig'], tree: false, what: "the user's git config: git runs the commands it sets at later git commands, unjudged" },
  { segments: ['.config', 'git', 'config'], tree: false, what: "the user's git config: git runs the commands it sets at later git commands, unjudged" },
  { segments: ['.config', 'git', 'hooks'], tree: true, what: "the user's git hooks folder: git runs these files later, unjudged" },
  { segments: ['.ssh', 'config'], tree: false, what: "ssh's config: ssh runs its ProxyCommand and LocalCommand at later connections, unjudged" },
  // Shell startup files: the agent's later shells (agents snapshot the user's shell setup), and the
  // terminal that starts the next agent, run them. PATH set there decides which `firebreak` a hook runs.
  // The logout files run when a login shell exits. `.bash_aliases` is sourced by the .bashrc Debian and
  // Ubuntu ship; csh/tcsh read `.cshrc`, `.tcshrc` and `.login`; an X session sources `.xprofile`,
  // `.xsessionrc` or `.xinitrc` before the desktop (and every terminal in it) starts.
  ...['.bashrc', '.bash_profile', '.bash_login', '.bash_logout', '.bash_aliases', '.profile', '.zshrc', '.zshenv', '.zprofile', '.zlogin', '.zlogout', '.kshrc', '.mkshrc', '.cshrc', '.tcshrc', '.login', '.xprofile', '.xsessionrc', '.xinitrc'].map((name) => ({
    segments: [name], tree: false, what: "a shell startup file: later shells run it (aliases, functions, PATH: which firebreak the hook runs), unjudged",
  })),
  // The session manager's: units and autostart entries run at the next login or timer, environment.d sets every program's environment.
  { segments: ['.config', 'systemd', 'user'], tree: true, what: "systemd's user units: their commands run at the next login, timer or socket, unjudged" },
  { segments: ['.local', 'share', 'systemd', 'user'], tree: true, what: "systemd's user units: their commands run at the next login, timer or socket, unjudged" },
  { segments: ['.config', 'autostart'], tree: true, what: 'desktop autostart entries: their commands run at the next login, unjudged' },
  { segments: ['.pam_environment'], tree: false, what: "the login's environment (PAM reads it at every login: PATH, FIREBREAK_HOME), set at the next login" },
  { segments: ['.config', 'environment.d'], tree: true, what: "the user session's environment (PATH: which firebreak the hook runs), set at the next login" },
  { segments: ['.config', 'fish', 'conf.d'], tree: true, what: "fish's startup folder: later shells run every file in it (functions, PATH: which firebreak the hook runs), unjudged" },
  { segments: ['.config', 'fish', 'config.fish'], tree: false, what: "fish's startup file: later shells run it (functions, PATH: which firebreak the hook runs), unjudged" },
  // Option files the tools read at every run: any option lands there (an output file, an upload, a
  // program to run), and a later `curl URL`, `wget URL` or `git log` (through less) takes it unseen.
  ...OPTION_FILES,
];
