// Database clients Firebreak has no model of (psql, mysql and sqlite3 have one: src/intake/shell/recognisers/sql.ts)
// and where each takes the statements it runs besides its arguments (wave 17). Before, only an argument that
// read as SQL changing data was seen (`sqlcmd -Q 'DROP DATABASE app'`); `sqlplus u/p@db @drop.sql`, `sqlcmd -i
// drop.sql`, `db2 -tvf drop.sql`, `duckdb x.db < drop.sql` and heredocs passed unread. Now the file or stdin text
// is read as SQL (src/intake/shell/sql-client-scripts.ts); a file that cannot be read is unknown.

export interface SqlClientSpec {
  /** Options whose value is a file of statements (`-i drop.sql`). */
  fileOptions?: readonly string[];
  /** Options whose value is statements (`-Q 'DROP ...'`, `-c`). */
  textOptions?: readonly string[];
  /** A combined single-letter option ending in this letter takes a file (`db2 -tvf x.sql`). */
  fileLetter?: string;
  /** `@file` and `@@file` operands run a script (SQL*Plus, SQLcl). */
  atFiles?: boolean;
  /** Reads statements from stdin when none is given otherwise. */
  stdin?: boolean;
  /** Dot-commands (`.shell CMD`, `.read FILE`) as sqlite3 has them. */
  dotCommands?: boolean;
  /** The subcommand that is the client (`cockroach sql`, `clickhouse client`). */
  subcommand?: readonly string[];
  /** SQL*Plus's own line commands (`SET`, `EXIT`, `SPOOL`, `HOST`, `START`): not SQL. */
  plusCommands?: boolean;
}

/** SQL*Plus (and SQLcl) commands that are the client's own, not statements: a line starting with one is not SQL.
 *  `HOST`/`!`/`$` run a shell command, `@`/`@@`/`START` a script, `SPOOL` writes a file (sql-client-scripts.ts). */
export const SQLPLUS_COMMANDS = /^\s*(?:(?:EXIT|QUIT|SET|SHOW|SHO|SPOOL|SPO|PROMPT|PRO|WHENEVER|COLUMN|COL|DEFINE|DEF|UNDEFINE|VARIABLE|VAR|PRINT|PAUSE|ACCEPT|ACC|REMARK|REM|TTITLE|BTITLE|BREAK|COMPUTE|CLEAR|CONNECT|CONN|DISCONNECT|DESCRIBE|DESC|TIMING|HOST|HO|START|STA)(?=\s|;|$)|@@?|!|\$|\/\s*$)/i;

export const UNMODELLED_SQL_CLIENTS: Readonly<Record<string, SqlClientSpec>> = {
  sqlplus: { atFiles: true, stdin: true, plusCommands: true },
  sql: { atFiles: true, stdin: true, plusCommands: true },
  sqlcl: { atFiles: true, stdin: true, plusCommands: true },
  sqlcmd: { fileOptions: ['-i', '--input-file'], textOptions: ['-Q', '-q', '--query', '--initial-query'], stdin: true },
  osql: { fileOptions: ['-i'], textOptions: ['-Q', '-q'], stdin: true },
  isql: { fileOptions: ['-i', '-input'], stdin: true },
  'isql-fb': { fileOptions: ['-i', '-input'], stdin: true },
  isql_fb: { fileOptions: ['-i', '-input'], stdin: true },
  db2: { fileLetter: 'f', stdin: true },
  duckdb: { fileOptions: ['-f', '-init'], textOptions: ['-c', '-cmd', '-s'], stdin: true, dotCommands: true },
  'clickhouse-local': { fileOptions: ['--queries-file'], textOptions: ['-q', '--query'], stdin: true },
  'clickhouse-client': { fileOptions: ['--queries-file'], textOptions: ['-q', '--query'], stdin: true },
  clickhouse: { fileOptions: ['--queries-file'], textOptions: ['-q', '--query'], stdin: true, subcommand: ['client', 'local'] },
  trino: { fileOptions: ['-f', '--file'], textOptions: ['--execute'], stdin: true },
  presto: { fileOptions: ['-f', '--file'], textOptions: ['--execute'], stdin: true },
  'spark-sql': { fileOptions: ['-f', '-i'], textOptions: ['-e'], stdin: true },
  beeline: { fileOptions: ['-f', '-i'], textOptions: ['-e'], stdin: true },
  hive: { fileOptions: ['-f', '-i'], textOptions: ['-e'], stdin: true },
  'impala-shell': { fileOptions: ['-f', '--query_file'], textOptions: ['-q', '--query'], stdin: true },
  snowsql: { fileOptions: ['-f', '--filename'], textOptions: ['-q', '--query'], stdin: true },
  usql: { fileOptions: ['-f', '--file'], textOptions: ['-c', '--command'], stdin: true },
  pgcli: { textOptions: ['-e', '--execute'], stdin: true },
  mycli: { textOptions: ['-e', '--execute'], stdin: true },
  litecli: { textOptions: ['-e', '--execute'], stdin: true },
  cockroach: { fileOptions: ['-f', '--file'], textOptions: ['-e', '--execute'], stdin: true, subcommand: ['sql'] },
  mysqlsh: { fileOptions: ['-f', '--file'], stdin: true },
  vsql: { fileOptions: ['-f'], textOptions: ['-c'], stdin: true },
  nzsql: { fileOptions: ['-f'], textOptions: ['-c'], stdin: true },
  hdbsql: { fileOptions: ['-I'], stdin: true },
  bteq: { stdin: true },
  tsql: { stdin: true },
};

/** Words of SQL that can change something. Text without any of them is a read for a client nobody modelled,
 *  even when the reader could not place a statement or a function (duckdb's `read_csv()`, its `FROM 'x.csv'`). */
export const SQL_CHANGE_WORDS = /\b(?:DROP|DELETE|TRUNCATE|ALTER|UPDATE|INSERT|MERGE|UPSERT|REPLACE|CALL|EXEC|EXECUTE|BEGIN|DECLARE|DO|GRANT|REVOKE|COPY|ATTACH|DETACH|VACUUM|CREATE|INSTALL|LOAD|PRAGMA|SET|EXPORT|IMPORT|PUT|REMOVE|RM|UNDROP|SHUTDOWN|KILL|SYSTEM|RENAME|COMMENT|OPTIMIZE|CLUSTER|REFRESH)\b/i;
