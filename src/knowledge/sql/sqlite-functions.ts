// SQLite functions: which are read-only, which write files or run code.
//
// SQLITE_BUILT_IN is `SELECT DISTINCT name FROM pragma_function_list` of the sqlite3 shell 3.40
// (which adds the shell's own functions: readfile, writefile, edit, sha3...), plus the core
// functions and table-valued functions added up to 3.47.
import { FN, nameSet, type SqlFunctionFact } from './function-facts.js';

const SQLITE_BUILT_IN = `
abs acos acosh asin asinh atan atan2 atanh avg bm25 ceil ceiling changes char coalesce cos cosh count cume_dist
current_date current_time current_timestamp date datetime decimal decimal_add decimal_cmp decimal_mul decimal_sub
decimal_sum degrees dense_rank exp first_value floor format fts5 fts5_source_id glob group_concat hex highlight ieee754
ieee754_exponent ieee754_from_blob ieee754_mantissa ieee754_to_blob ifnull iif instr json json_array json_array_length
json_extract json_group_array json_group_object json_insert json_object json_patch json_quote json_remove json_replace
json_set json_type json_valid julianday lag last_insert_rowid last_value lead length like likelihood likely ln log log10
log2 lower lsmode ltrim match matchinfo max min mod nth_value ntile nullif offsets optimize percent_rank pi pow power
printf quote radians random randomblob rank readfile regexp regexpi replace round row_number rtreecheck rtreedepth
rtreenode rtrim sha3 shell_add_schema shell_escape_crnl shell_idquote shell_int32 shell_module_schema shell_putsnl sign
sin sinh snippet soundex sqlar_compress sqlar_uncompress sqlite_compileoption_get sqlite_compileoption_used sqlite_log
sqlite_source_id sqlite_version sqrt strftime substr substring subtype sum tan tanh time total total_changes trim trunc
typeof unicode unixepoch unlikely upper usleep zeroblob zipfile zipfile_cds
`;

const SQLITE_LATER_AND_TABLE_VALUED = `
concat concat_ws octet_length unhex timediff string_agg median percentile percentile_cont percentile_disc
jsonb jsonb_array jsonb_extract jsonb_group_array jsonb_group_object jsonb_insert jsonb_object jsonb_patch jsonb_remove
jsonb_replace jsonb_set json_error_position json_pretty json_each json_tree jsonb_each jsonb_tree generate_series
pragma_table_info pragma_table_xinfo pragma_index_list pragma_index_info pragma_index_xinfo pragma_foreign_key_list
pragma_function_list pragma_module_list pragma_pragma_list pragma_table_list pragma_database_list pragma_collation_list
pragma_compile_options dbstat fts5vocab fsdir completion
`;

export const SQLITE_READ_ONLY_FUNCTIONS: ReadonlySet<string> = nameSet(SQLITE_BUILT_IN, SQLITE_LATER_AND_TABLE_VALUED);

export const SQLITE_FUNCTION_EFFECTS: Readonly<Record<string, SqlFunctionFact>> = {
  writefile: FN.writesFile('writefile() writes a file on this machine'),
  edit: FN.runsCode('edit() opens an editor and returns what was typed'),
  load_extension: FN.runsCode('load_extension() loads native code into the process'),
  fts3_tokenizer: FN.runsCode('fts3_tokenizer() registers a tokenizer by memory address'),
  sha3_query: FN.runsSql('sha3_query() executes the SQL text it is given', 0),
};
