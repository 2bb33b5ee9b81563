// Shapes of the facts about library calls, shared by every language's tables.

/** A call that runs a program. */
export interface ProcessCall {
  /** `shell`: the argument is shell text. `argv`: a list (program + arguments). `auto`: a string is
   *  shell text, a list is argv (subprocess.run). `rest`: the arguments from `arg` on are argv. */
  form: 'shell' | 'argv' | 'auto' | 'rest';
  /** Which argument holds the command (default 0). */
  arg?: number;
  /** Keyword/option name of the command argument (`args=`). */
  keyword?: string;
  /** Argument index holding the argument list when it is separate from the program (`spawn(cmd, args)`). */
  argsArg?: number;
}

/** A call that deletes, writes, moves or copies a file. */
export interface FileCall {
  /** truncate: cuts the file down (`os.truncate`, `fs.truncateSync`), what was past the size is lost. */
  op: 'delete' | 'write' | 'append' | 'move' | 'copy' | 'open' | 'chmod' | 'truncate';
  /** Argument holding the path (default 0), and its keyword name. */
  arg?: number;
  keyword?: string;
  /** For move/copy: the destination argument. */
  to?: number;
  recursive?: boolean;
  /** For `open` and `chmod`: the argument (index) and keyword that hold the mode. */
  modeArg?: number;
  modeKeyword?: string;
  /** For delete: the option that makes it recursive (`{ recursive: true }`, `recursive=TRUE`). */
  recursiveOption?: string;
  /** For write: the argument holding what is written; the text `''` there empties the file. */
  dataArg?: number;
}

/** An HTTP client call. */
export interface HttpCall {
  /** Fixed method, or the argument that holds it. */
  method?: string;
  methodArg?: number;
  /** Argument holding the URL (default 0) and its keyword. */
  urlArg?: number;
  urlKeyword?: string;
  /** Options object/keywords that may carry `method` / `url` / `body` / `json`. */
  optionsArg?: number;
}

/** A database driver's connect function. */
export interface DbConnect {
  client: 'psql' | 'mysql' | 'sqlite3' | 'url';
  /** Positional DSN / URL / database file argument. */
  dsnArg?: number;
  /** Keywords / option keys that carry the host and database. */
  hostKeys?: string[];
  databaseKeys?: string[];
  urlKeys?: string[];
}

/** A lookup table keyed by names from the code under judgment: no prototype, so `constructor`
 *  or `toString` in a script is never mistaken for an entry. */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}
