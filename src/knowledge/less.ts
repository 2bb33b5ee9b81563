// less, the pager git, man, systemctl and journalctl page through. Its initial commands (`+cmd`,
// `++cmd`, or `+cmd` in the LESS variable) are keystrokes typed at start: `!cmd` runs cmd in a
// shell and `|Xcmd` pipes the text to cmd, so `less '+!rm -rf ~' f` or `LESS='+!cmd' git log`
// runs a command with no shell in sight. Key files (lesskey) can set LESS and LESSOPEN.

/** Initial-command keys that run a shell command: the text up to the end of the line. */
export const LESS_SHELL_KEYS = {
  '!': 'less runs this command in a shell (the ! command)',
  '|': 'less pipes the text to this command (the | command)',
} as const;

/** Keys that do something Firebreak does not follow: `s` saves the input to a file, `v` starts an editor. */
export const LESS_OPAQUE_KEYS: Readonly<Record<string, string>> = {
  s: 'saves its input to a file (the s command)',
  v: 'starts an editor on the file (the v command)',
};

/** Keys followed by a string up to the end of the line that only read: searches, another file to view
 *  (`E`, `:e`), a tag (`:t`). A `/` pattern may begin with `!` (lines that do not match): not a command. */
export const LESS_STRING_KEYS = new Set(['/', '?', 'E', ':e', ':t']);

/** Keys followed by one character (a mark letter). */
export const LESS_MARK_KEYS = new Set(['m', 'M', "'"]);

/** Options (on the command line or in LESS) that give less a key file, or a file its input is written to. */
export const LESS_FILE_OPTIONS: Readonly<Record<string, string>> = {
  '-k': 'reads key bindings and variables (LESS, LESSOPEN) from a lesskey file',
  '--lesskey-file': 'reads key bindings and variables (LESS, LESSOPEN) from a lesskey file',
  '--lesskey-src': 'reads key bindings and variables (LESS, LESSOPEN) from a lesskey file',
  '--lesskey-content': 'takes key bindings and variables (LESS, LESSOPEN) from this text',
  '-o': 'writes its input to this file',
  '-O': 'writes its input over this file',
  '--log-file': 'writes its input to this file',
  '--LOG-FILE': 'writes its input over this file',
};

/** less's short options that take a value (attached or the next word). */
export const LESS_SHORT_WITH_VALUE = 'bhjkoOpPtTxyz#D';

/** Variables whose value less reads as options (LESS; systemd's pager LESS; man-db's prompt, put into LESS). */
export const LESS_OPTION_VARIABLES: ReadonlySet<string> = new Set(['LESS', 'SYSTEMD_LESS', 'MANLESS']);

/** Variables naming a lesskey file (or its text) less reads at start. */
export const LESSKEY_VARIABLES: ReadonlySet<string> = new Set(['LESSKEY', 'LESSKEYIN', 'LESSKEY_CONTENT', 'LESSKEY_SYSTEM', 'LESSKEYIN_SYSTEM']);

/** Programs that page their output through less (and so read LESS) when it is a terminal. */
export const LESS_PAGING_PROGRAMS: ReadonlySet<string> = new Set(['less', 'more', 'git', 'man', 'systemctl', 'journalctl', 'psql', 'gh', 'bat', 'delta']);
