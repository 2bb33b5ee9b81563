// Variables that change what the guard does or which guard runs, when they reach the agent's own
// process (its hooks inherit its environment): Firebreak's own settings (FIREBREAK_HOME moves the
// approval key, FIREBREAK_STATE_DIR the approvals, FIREBREAK_UNATTENDED its answers), where agents
// and Firebreak keep their user files (HOME, XDG_CONFIG_HOME, CLAUDE_CONFIG_DIR, CODEX_HOME), which
// `firebreak` runs (PATH), and code every node, Python, Perl or Ruby program loads first (the hook
// is a node program). Written into a file an agent CLI or direnv loads at start, they take effect
// at the next session, unjudged.

/** A variable name that changes the guard's behaviour. `ENV` is left out: a common name in .env files (`ENV=production`). */
export const GUARD_VARIABLE = /^(FIREBREAK_[A-Z0-9_]*|PATH|HOME|XDG_CONFIG_HOME|CLAUDE_CONFIG_DIR|CODEX_HOME|COPILOT_HOME|GEMINI_CLI_[A-Z0-9_]+|GEMINI_CONFIG_DIR|NODE_OPTIONS|NODE_PATH|NPM_CONFIG_[A-Z0-9_]+|npm_config_[a-z0-9_]+|PYTHONPATH|PYTHONSTARTUP|PYTHONHOME|PYTHONUSERBASE|PERL5LIB|PERL5OPT|PERLLIB|RUBYLIB|RUBYOPT|LD_PRELOAD|LD_AUDIT|LD_LIBRARY_PATH|DYLD_[A-Z_]+|BASH_ENV|JAVA_TOOL_OPTIONS)$/;

/** Files loaded into a process's environment at start: Gemini CLI's `.env` search (the first
 *  `.gemini/.env` or `.env` from the working folder up, then `~/.gemini/.env`, `~/.env`) and
 *  direnv's `.envrc` (and `.env` with its dotenv option). */
export const ENVIRONMENT_FILE_NAME = /(^|\/)\.env(rc)?$/;

/** Variables whose value cannot hold a line break or another variable's assignment (set by the
 *  login, not by the project): `echo "ROOT=$PWD" >> .env` writes one known variable. */
export const ONE_LINE_VARIABLE = /^(HOME|PWD|USER|LOGNAME)$/;

/** Command substitutions that print one line of no consequence: `echo "BUILT=$(date +%s)" >> .env`. */
export const ONE_LINE_COMMAND = /^\s*(pwd|whoami|hostname|id -[ug]|uname( -[a-z]+)?|date( [-+][^;&|<>`$()]*)?|git rev-parse (--short )?HEAD)\s*$/;
