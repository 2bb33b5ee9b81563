// Option files a tool reads at every run from a place a variable chooses: set on the line (or
// exported earlier in it), the variable points the tool at another file, whose options (an output
// file, an upload, a program to run) the command line does not show. Judged as the option that
// names such a file outright (`curl -K file`). The files at their usual places are the user's; a
// write there is deferred code (knowledge/deferred-code-files.ts).

export interface VariableOptionFile {
  variable: string;
  /** The file below the folder the variable names; '' when the variable names the file itself. */
  file: string;
}

export const VARIABLE_OPTION_FILES: Readonly<Record<string, readonly VariableOptionFile[]>> = {
  // curl: $CURL_HOME/.curlrc, then $XDG_CONFIG_HOME/curlrc, then $HOME/.curlrc (curl 7.73+).
  curl: [{ variable: 'CURL_HOME', file: '.curlrc' }, { variable: 'XDG_CONFIG_HOME', file: 'curlrc' }, { variable: 'HOME', file: '.curlrc' }],
  // wget: $SYSTEM_WGETRC, then $WGETRC (else $HOME/.wgetrc).
  wget: [{ variable: 'SYSTEM_WGETRC', file: '' }, { variable: 'WGETRC', file: '' }, { variable: 'HOME', file: '.wgetrc' }],
  // ripgrep: one argument a line; `--pre=cmd` runs cmd on every file it searches.
  rg: [{ variable: 'RIPGREP_CONFIG_PATH', file: '' }],
};

/** First arguments or options that make the tool read no option file. */
export const NO_OPTION_FILE: Readonly<Record<string, { first?: ReadonlySet<string>; anywhere?: ReadonlySet<string> }>> = {
  curl: { first: new Set(['-q', '--disable']) },
  wget: { anywhere: new Set(['--no-config']) },
};
