// What Rust code does, as data: the calls the Rust reader (src/intake/code/readers/rust.ts) maps onto
// actions Firebreak already judges. A path is the crate, `::`, the module path and the item, after the
// file's `use` declarations are applied (`use std::fs; fs::remove_dir_all(p)` -> std::fs::remove_dir_all).

/** File calls: the operation, which argument is the path (and the destination for a move/copy). */
export interface RustFileCall {
  op: 'delete' | 'write' | 'append' | 'move' | 'copy' | 'chmod';
  recursive?: boolean;
  /** For move/copy: the argument holding the destination. */
  to?: number;
}

const FS_CALLS: Readonly<Record<string, RustFileCall>> = {
  remove_dir_all: { op: 'delete', recursive: true },
  remove_dir: { op: 'delete' },
  remove_file: { op: 'delete' },
  write: { op: 'write' },
  rename: { op: 'move', to: 1 },
  copy: { op: 'copy', to: 1 },
  hard_link: { op: 'copy', to: 1 },
  set_permissions: { op: 'chmod' },
};

/** Crates whose `fs` module has the standard library's names (`fs_err` wraps std::fs with better errors). */
const FS_MODULES = ['std::fs', 'tokio::fs', 'fs_err', 'fs_err::tokio', 'async_std::fs', 'smol::fs'];

export const RUST_FILE_CALLS: ReadonlyMap<string, RustFileCall> = new Map([
  ...FS_MODULES.flatMap((m) => Object.entries(FS_CALLS).map(([name, call]) => [`${m}::${name}`, call] as const)),
  ...FS_MODULES.map((m) => [`${m}::File::create`, { op: 'write' }] as const),
  ...FS_MODULES.map((m) => [`${m}::File::create_new`, { op: 'write' }] as const),
  // fs_extra: folders and lists of paths.
  ['fs_extra::dir::remove', { op: 'delete', recursive: true }],
  ['fs_extra::file::remove', { op: 'delete' }],
  ['fs_extra::remove_items', { op: 'delete', recursive: true }],
  ['fs_extra::file::write_all', { op: 'write' }],
  ['fs_extra::dir::move_dir', { op: 'move', to: 1 }],
  ['fs_extra::dir::copy', { op: 'copy', to: 1 }],
  ['fs_extra::file::move_file', { op: 'move', to: 1 }],
  ['remove_dir_all::remove_dir_all', { op: 'delete', recursive: true }],
  ['remove_dir_all::remove_dir_contents', { op: 'delete', recursive: true }],
  ['std::os::unix::fs::symlink', { op: 'copy', to: 1 }],
]);

/** Builders of a process: `Command::new(program)`. */
export const RUST_COMMAND_TYPES: ReadonlySet<string> = new Set(['std::process::Command', 'tokio::process::Command', 'async_process::Command', 'duct::cmd']);

/** Methods of a process builder that run it. */
export const RUST_COMMAND_RUNS: ReadonlySet<string> = new Set(['status', 'output', 'spawn', 'exec', 'run', 'read', 'stdout_capture', 'unchecked']);

/** Methods of a process builder that change nothing about what runs (where its output goes, its environment). */
export const RUST_COMMAND_QUIET: ReadonlySet<string> = new Set(['stdin', 'stdout', 'stderr', 'env', 'envs', 'env_remove', 'env_clear', 'kill_on_drop', 'uid', 'gid', 'process_group', 'before_exec', 'pre_exec', 'arg0', 'creation_flags', 'wait', 'wait_with_output', 'get_program', 'get_args', 'get_current_dir', 'get_envs']);

/** HTTP clients: functions that make one request (method, URL argument). */
export const RUST_HTTP_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['reqwest::get', 'GET'], ['reqwest::blocking::get', 'GET'],
  ['ureq::get', 'GET'], ['ureq::post', 'POST'], ['ureq::put', 'PUT'], ['ureq::patch', 'PATCH'], ['ureq::delete', 'DELETE'], ['ureq::head', 'HEAD'],
  ['attohttpc::get', 'GET'], ['attohttpc::post', 'POST'], ['attohttpc::put', 'PUT'], ['attohttpc::patch', 'PATCH'], ['attohttpc::delete', 'DELETE'],
  ['surf::get', 'GET'], ['surf::post', 'POST'], ['surf::put', 'PUT'], ['surf::patch', 'PATCH'], ['surf::delete', 'DELETE'],
]);

/** Types whose `new()` / `builder().build()` is an HTTP client with get/post/put/patch/delete(url) methods. */
export const RUST_HTTP_CLIENTS: ReadonlySet<string> = new Set(['reqwest::Client', 'reqwest::blocking::Client', 'ureq::Agent', 'surf::Client', 'attohttpc::Session']);

/** An HTTP client's methods that make a request to their URL argument. */
export const RUST_HTTP_METHODS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', put: 'PUT', patch: 'PATCH', delete: 'DELETE', head: 'HEAD' };

/** `aws_sdk_<service>`: the AWS SDK for Rust, one crate per service (the service as the CLI names it). */
export const RUST_AWS_CRATE = /^aws_sdk_([a-z0-9]+)$/;
/** Crate suffixes whose CLI service name differs. */
export const RUST_AWS_SERVICE_NAMES: Readonly<Record<string, string>> = { cloudwatchlogs: 'logs', elasticloadbalancingv2: 'elbv2', cognitoidentityprovider: 'cognito-idp', secretsmanager: 'secretsmanager' };

/** Database crates, by the client the SQL classifier judges their statements as. */
export const RUST_SQL_CRATES: Readonly<Record<string, 'psql' | 'mysql' | 'sqlite3'>> = {
  postgres: 'psql', tokio_postgres: 'psql', sqlx: 'psql', diesel: 'psql', deadpool_postgres: 'psql', rusqlite: 'sqlite3', sqlite: 'sqlite3', mysql: 'mysql', mysql_async: 'mysql',
};

/** Free functions taking SQL text first (`sqlx::query("...")`). */
export const RUST_SQL_FUNCTIONS: ReadonlySet<string> = new Set(['sqlx::query', 'sqlx::query_as', 'sqlx::query_scalar', 'sqlx::raw_sql', 'diesel::sql_query']);
/** Methods of a connection taking SQL text first (postgres, tokio-postgres, rusqlite, mysql). */
export const RUST_SQL_METHODS: ReadonlySet<string> = new Set(['execute', 'batch_execute', 'execute_batch', 'query', 'query_one', 'query_opt', 'simple_query', 'prepare', 'query_row', 'query_drop', 'exec_drop', 'query_map']);

/** Native calls that run a shell command line (`libc::system(c"rm -rf x".as_ptr())`). */
export const RUST_SYSTEM_CALLS: ReadonlySet<string> = new Set(['libc::system', 'libc::popen', 'nix::libc::system']);

/** Crates (and std modules) whose every call reaches the operating system without a model here. */
export const RUST_NATIVE_CRATES: ReadonlySet<string> = new Set(['libc', 'nix', 'winapi', 'windows', 'windows_sys', 'libloading', 'std::ffi::CString::from_raw']);

/** Values known only at run time, and why. */
export const RUST_RUNTIME_VALUES: Readonly<Record<string, string>> = {
  'std::env::var': 'an environment variable', 'std::env::var_os': 'an environment variable', 'std::env::args': 'the command-line arguments',
  'std::env::args_os': 'the command-line arguments', 'std::env::current_dir': 'the folder the program runs in', 'std::env::temp_dir': 'the scratch folder',
  'dotenvy::var': 'an environment variable', 'dotenv::var': 'an environment variable',
};

/** Macros whose arguments are expressions, the first a format string (`format!("{}/x", dir)`). */
export const RUST_FORMAT_MACROS: ReadonlySet<string> = new Set(['format', 'print', 'println', 'eprint', 'eprintln', 'write', 'writeln', 'panic', 'format_args', 'anyhow', 'bail', 'ensure', 'assert', 'assert_eq', 'assert_ne', 'debug_assert', 'debug_assert_eq', 'unreachable', 'todo', 'unimplemented', 'info', 'warn', 'error', 'debug', 'trace', 'log', 'dbg', 'vec', 'matches', 'concat', 'eyre', 'context']);

/** Macros that read other source into the crate. */
export const RUST_INCLUDE_MACROS: ReadonlySet<string> = new Set(['include']);

/** How much Rust one command makes Firebreak read: past any bound the rest is unknown. */
export const RUST_LIMITS = { files: 300, chars: 4 * 1024 * 1024, milliseconds: 2500, members: 200 };

/** How much committed library code (the package's lib, workspace path dependencies) `cargo run` reads
 *  besides the program: what it names counts; past this the rest is the project's own, not read. */
export const RUST_LIBRARY_LIMITS = { files: 120, chars: 1536 * 1024, milliseconds: 800 };
