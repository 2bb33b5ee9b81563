// Method names that matter when Firebreak cannot tell what object they are called on (an object
// from the caller, another module, a loop variable).
import { table } from './effects.js';

/** A method with one of these names on an object Firebreak cannot resolve makes the code
 *  unknown: `client.delete_bucket(...)`, `table.drop()`, `ec2.terminate_instances(...)`. */
export const DESTRUCTIVE_METHOD = /^(batch_?|begin_?|force_?|async_?)?(delete|destroy|drop|terminate|purge|truncate|wipe|nuke|flushall|flushAll|flushdb|flushDb|flushDB|flush_all|flush_db|dropDatabase|deregister|decommission|uninstall|teardown|tear_down|erase|obliterate)(_|[A-Z]|!|$)/;

/** Publishing a release or deploying, through code Firebreak has not read (`publish()` from a release
 *  library, `client.deploy(...)`): as unknown as a destructive call, since it changes what others run. */
export const PUBLISHING_METHOD = /(^|_)(publish|unpublish|deploy|yank)(_|[A-Z]|!|$)|[a-z0-9](Publish|Unpublish|Deploy|Yank)([A-Z_]|$)/;

/** Exact names that are everyday operations on in-memory objects in a language (JavaScript
 *  `map.delete(key)`, `params.delete(name)`): not destructive on their own. */
export const LOCAL_METHOD_NAMES: Readonly<Record<string, ReadonlySet<string>>> = table({
  javascript: new Set(['delete', 'deleteProperty', 'deleteRule', 'deleteRow', 'deleteCell', 'deleteData', 'deleteContents', 'deleteCaption', 'deleteTHead', 'deleteTFoot']),
  typescript: new Set(['delete', 'deleteProperty', 'deleteRule', 'deleteRow', 'deleteCell', 'deleteData', 'deleteContents']),
  python: new Set([]),
  ruby: new Set(['delete', 'delete_if', 'delete_at', 'delete_prefix', 'delete_suffix', 'delete!', 'delete_prefix!', 'delete_suffix!']),
  php: new Set([]),
});

/** Methods whose first argument is SQL text when the receiver is a database object, or any
 *  object when the text reads as SQL (`cursor.execute("DROP TABLE x")`). */
export const SQL_METHODS: ReadonlySet<string> = new Set([
  'execute', 'executemany', 'executescript', 'exec_driver_sql', 'query', 'raw', 'exec', 'run', 'prepare', 'fetch', 'fetchrow', 'fetchval',
  'fetchall', 'execute_async', 'unsafe', 'queryRaw', 'executeRaw', '$queryRaw', '$executeRaw', '$queryRawUnsafe', '$executeRawUnsafe',
  'query_one', 'query_all', 'exec_query', 'exec_update', 'exec_delete', 'exec_insert', 'select_all', 'select_one', 'select_value', 'select_rows',
  'do', 'selectall_arrayref', 'selectrow_array', 'dbExecute', 'dbSendQuery', 'dbGetQuery', 'dbSendStatement', 'execute_sql', 'sql',
]);

/** Text that reads as an SQL statement (first keyword). */
export const SQL_TEXT = /^\s*(\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*(select|insert|update|delete|drop|truncate|alter|create|grant|revoke|replace|merge|with|copy|vacuum|reindex|comment|rename|set|reset|begin|commit|rollback|call|exec|execute|pragma|attach|detach|lock|unlock|flush|kill|load|use|show|describe|explain|analyze|cluster|refresh|discard|do|import|upsert)\b/i;

/** Text that is unmistakably SQL, for calls on objects Firebreak cannot resolve. */
export const SQL_STATEMENT_SHAPE = /^\s*(\/\*[\s\S]*?\*\/\s*|--[^\n]*\n\s*)*(select\s[\s\S]*\bfrom\b|select\s+\d|insert\s+(or\s+\w+\s+)?into\b|update\s+\S+\s+set\b|delete\s+from\b|drop\s+(table|database|schema|index|view|user|role|function|procedure|trigger|sequence|type|extension|owned)\b|truncate\s+(table\s+)?\w|alter\s+(table|database|schema|user|role|system|index|view|sequence)\b|create\s+(or\s+replace\s+)?(table|database|schema|index|unique|view|user|role|function|procedure|trigger|sequence|extension|type)\b|grant\s[\s\S]*\b(on|to)\b|revoke\s[\s\S]*\bfrom\b|replace\s+into\b|merge\s+into\b|copy\s+\w[\s\S]*\b(from|to)\b|vacuum\b|reindex\b|pragma\s+\w|attach\s+database\b|with\s+\w+\s+as\s*\(|set\s+(global|persist|password)\b|flush\s+(privileges|tables|logs)|reset\s+(master|replica|slave)|kill\s+\d)/i;
