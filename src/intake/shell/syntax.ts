// The shapes the shell lexer and parser produce. Plain data only.

/** One shell word after quote removal. Expansions stay as written (`$HOME`, `$(cmd)`). */
export interface Word {
  /** Exactly as written in the command. */
  raw: string;
  /** Quotes and escapes removed; parameter expansions kept literally. */
  value: string;
  /** Contains a parameter expansion, command substitution or arithmetic: the value is not final. */
  dynamic: boolean;
  /** Contains an unquoted glob character (`*`, `?`, `[`). */
  glob: boolean;
  /** Command texts run by `$(...)`, backticks and `<(...)`/`>(...)` inside this word. */
  substitutions: string[];
}

export interface Redirect {
  op: string;
  /** File descriptor written before the operator (`2>`), when given. */
  fd?: string;
  /** The file / fd for ordinary redirects, the text for `<<<`. */
  target?: Word;
  /** Body of a heredoc. */
  heredoc?: { body: string; quoted: boolean };
}

/** A simple command: assignments, words, redirects. */
export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
  /** The command that feeds this one's stdin through a pipe, if any. */
  pipedFrom?: SimpleCommand;
  /** Source text of this simple command (for SourceRef.command). */
  text: string;
  /** 0-based line offset of the command within the parsed text. */
  line: number;
  /** Commands whose words this command is part of (e.g. `[[ ]]`) are marked as tests. */
  kind: 'simple' | 'test' | 'function-def' | 'block';
  /** For kind 'block': where a compound command starts, one of its branches starts, or it ends.
   *  The walker keeps what the shell certainly knows across them (see walk.ts). */
  block?: Block;
  /** Part of a pipeline: runs in a subshell, so what it sets does not reach later commands. */
  piped?: boolean;
  /** Only redirects, of the compound command just closed (`done > f`): what its body prints goes there. */
  ofCompound?: boolean;
}

export interface Block {
  edge: 'start' | 'branch' | 'end';
  /** if / case / loop: runs zero, one or many times; subshell: changes never leave it; and-or: the
   *  commands after `&&`/`||`; function: the body of the function `name`. */
  of: 'if' | 'case' | 'loop' | 'subshell' | 'and-or' | 'function' | 'group';
  name?: string;
  /** On a start marker, once its end is read: variables the block may assign (loop bodies run again
   *  with them), whether it changes directory or the positional parameters, and the functions it calls. */
  assigns?: Set<string>;
  moves?: boolean;
  shifts?: boolean;
  calls?: Set<string>;
  /** On a start marker: how many commands follow it up to and including its end marker. */
  length?: number;
  /** On an `if` (or `while`/`until`) start marker, or an `elif` branch marker: how many commands (and
   *  markers) its condition has, up to `then` (or `do`); -1 when a `!` makes it unreadable (see negated). */
  condition?: number;
  /** On an `if` start marker or an `elif` branch marker: its condition starts with `!`. */
  negated?: boolean;
  /** On an `if` block's branch marker: it opens an `elif` (else an `else`). */
  elif?: boolean;
  /** On a `while`/`until` loop's start marker: which of the two. */
  test?: 'while' | 'until';
  /** On an `if` start marker: the block has an `else` (some branch always runs). */
  hasElse?: boolean;
  /** On a `for NAME in WORDS` start marker: the loop variable and its words. */
  iterates?: { name: string; words: Word[] };
  /** On a `case` start marker: the word matched. */
  subject?: Word;
  /** On a `case` start marker (its first branch) and its branch markers: the branch's patterns. */
  patterns?: Word[];
  /** On a `case` start marker: a branch ends with `;&` or `;;&`, so more than one branch may run. */
  fallsThrough?: boolean;
}

export type Token =
  | { type: 'word'; word: Word; start: number; end: number; line: number }
  | { type: 'op'; op: string; start: number; end: number; line: number }
  | { type: 'redirect'; op: string; fd?: string; start: number; end: number; line: number; heredocIndex?: number }
  | { type: 'arith'; word: Word; start: number; end: number; line: number };
