// MySQL / MariaDB functions: which are read-only, which write or reach outside the query.
//
// MYSQL_NATIVE is the native function table of the MySQL server (sql/item_create.cc, func_array,
// 8.0) plus the functions its grammar builds itself (aggregates, CAST, date arithmetic...) and
// the MariaDB additions in common use. A stored function the database defines is code Firebreak
// has not read: a call to a name in neither table is unknown.
import { FN, nameSet, type SqlFunctionFact } from './function-facts.js';

const MYSQL_NATIVE = `
abs acos addtime aes_decrypt aes_encrypt any_value asin atan atan2 benchmark bin bin_to_uuid bit_count bit_length ceil
ceiling character_length char_length coercibility compress concat concat_ws connection_id conv convert_tz cos cot crc32
current_role datediff date_format dayname dayofmonth dayofweek dayofyear degrees elt exp export_set extractvalue field
find_in_set floor found_rows from_base64 from_days from_unixtime get_lock greatest gtid_subtract gtid_subset hex ifnull
inet_aton inet_ntoa inet6_aton inet6_ntoa is_ipv4 is_ipv6 is_ipv4_compat is_ipv4_mapped is_uuid instr isnull json_valid
json_contains json_contains_path json_length json_depth json_pretty json_type json_keys json_extract json_array_append
json_insert json_array_insert json_object json_search json_set json_replace json_array json_remove json_merge
json_merge_patch json_merge_preserve json_quote json_storage_free json_storage_size json_unquote is_free_lock is_used_lock
last_day last_insert_id lcase least length ln locate log log10 log2 lower lpad ltrim makedate maketime make_set
master_pos_wait mbrcontains mbrcoveredby mbrcovers mbrdisjoint mbrequals mbrintersects mbroverlaps mbrtouches mbrwithin
md5 monthname name_const nullif oct octet_length ord period_add period_diff pi pow power quote radians rand random_bytes
release_all_locks release_lock reverse roles_graphml round rpad rtrim sec_to_time sha sha1 sha2 sign sin sleep soundex
space statement_digest statement_digest_text wait_for_executed_gtid_set sqrt strcmp str_to_date substring_index subtime
tan timediff time_format time_to_sec to_base64 to_days to_seconds ucase uncompress uncompressed_length unhex
unix_timestamp updatexml upper uuid uuid_short uuid_to_bin validate_password_strength version weekday weekofyear yearweek
`;

/** Built by the grammar rather than the native table, and 8.0 / MariaDB additions. */
const MYSQL_GRAMMAR = `
count sum avg min max group_concat bit_and bit_or bit_xor std stddev stddev_pop stddev_samp variance var_pop var_samp
json_arrayagg json_objectagg cast convert char coalesce curdate current_date curtime current_time now current_timestamp
localtime localtimestamp sysdate utc_date utc_time utc_timestamp date date_add date_sub adddate subdate day hour minute
month second microsecond quarter week year time timestamp timestampadd timestampdiff extract get_format if insert interval
left right mid substr substring position trim repeat replace mod truncate format database schema user current_user
session_user system_user ascii charset collation weight_string row_count values match row_number rank dense_rank
percent_rank cume_dist ntile lag lead first_value last_value nth_value regexp_like regexp_instr regexp_replace
regexp_substr point linestring polygon multipoint multilinestring multipolygon geometrycollection grouping json_table
json_value json_overlaps json_schema_valid json_schema_validation_report json_arrayagg icu_version ps_current_thread_id
ps_thread_id format_bytes format_pico_time st_geomfromtext st_astext st_distance st_contains st_within st_x st_y
st_srid st_area st_length st_buffer st_intersects st_union st_envelope st_asgeojson st_geomfromgeojson st_latitude
st_longitude st_transform st_collect st_frechetdistance st_hausdorffdistance st_lineinterpolatepoint
st_lineinterpolatepoints st_pointatdistance st_isvalid st_validate st_simplify st_centroid st_convexhull
sys_guid json_detailed json_loose json_normalize json_equals json_exists json_query json_compact json_key_value
json_array_intersect json_object_filter_keys json_object_to_array natural_sort_key decode_histogram column_json
column_get column_exists column_list column_check column_create column_add column_delete to_char sformat kdf
`;

export const MYSQL_READ_ONLY_FUNCTIONS: ReadonlySet<string> = nameSet(MYSQL_NATIVE, MYSQL_GRAMMAR);

export const MYSQL_FUNCTION_EFFECTS: Readonly<Record<string, SqlFunctionFact>> = {
  load_file: FN.serverFiles('LOAD_FILE reads a file on the database server\'s file system'),
  nextval: FN.sequence('NEXTVAL advances the sequence', 'irreversible'),
  setval: FN.sequence('SETVAL moves the sequence position; the old position is lost', 'irreversible'),
  sys_exec: FN.runsCode('sys_exec runs a shell command on the database server'),
  sys_eval: FN.runsCode('sys_eval runs a shell command on the database server'),
  sys_set: FN.runsCode('sys_set changes the database server\'s environment'),
};
