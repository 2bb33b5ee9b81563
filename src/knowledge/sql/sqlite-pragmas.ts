// SQLite PRAGMAs: which only read, which change the session, which change the database file.
// (https://sqlite.org/pragma.html, 3.47.) A pragma in none of these lists is unknown.
import { nameSet } from './function-facts.js';

/** Pragmas that only report, with or without an argument (the argument names what to report on). */
export const SQLITE_READ_PRAGMAS: ReadonlySet<string> = nameSet(`
table_info table_xinfo table_list index_info index_xinfo index_list foreign_key_list foreign_key_check integrity_check
quick_check database_list collation_list compile_options function_list module_list pragma_list data_version freelist_count
page_count stats
`);

/** Pragmas whose value only lasts for the connection (read when given no value). */
export const SQLITE_SESSION_PRAGMAS: ReadonlySet<string> = nameSet(`
foreign_keys synchronous cache_size cache_spill busy_timeout temp_store case_sensitive_like recursive_triggers
legacy_alter_table defer_foreign_keys query_only secure_delete locking_mode mmap_size shrink_memory soft_heap_limit
hard_heap_limit threads wal_autocheckpoint max_page_count journal_size_limit analysis_limit ignore_check_constraints
reverse_unordered_selects automatic_index cell_size_check checkpoint_fullfsync fullfsync count_changes empty_result_callbacks
full_column_names short_column_names encoding user_version application_id schema_version auto_vacuum page_size
journal_mode trusted_schema writable_schema
`);

/** Setting these changes the database file or how it is kept, beyond this connection. */
export const SQLITE_PERSISTENT_PRAGMAS: Readonly<Record<string, string>> = {
  journal_mode: 'PRAGMA journal_mode changes how the database file is journaled for every connection',
  user_version: 'PRAGMA user_version rewrites the schema version number migration tools rely on',
  application_id: 'PRAGMA application_id rewrites the file\'s application id',
  auto_vacuum: 'PRAGMA auto_vacuum changes how the file reclaims space',
  page_size: 'PRAGMA page_size changes the file\'s page size on the next VACUUM',
  encoding: 'PRAGMA encoding sets the text encoding of a new database',
  max_page_count: 'PRAGMA max_page_count caps the file size',
};

/** Setting these can corrupt the database or turn off its defences. */
export const SQLITE_DANGEROUS_PRAGMAS: Readonly<Record<string, string>> = {
  writable_schema: 'PRAGMA writable_schema lets statements edit sqlite_schema directly, which can corrupt the database',
  schema_version: 'PRAGMA schema_version overwrites the schema cookie, which can corrupt the database',
  trusted_schema: 'PRAGMA trusted_schema lets the schema run functions with side effects',
};

/** Pragmas that do maintenance work on the file. */
export const SQLITE_MAINTENANCE_PRAGMAS: ReadonlySet<string> = nameSet('wal_checkpoint incremental_vacuum optimize shrink_memory');
