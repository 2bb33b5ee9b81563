// What a changed file in a language Firebreak does not parse must not name for the command that
// builds and runs it to pass (src/knowledge/implicit-code.ts UNREAD_SOURCES). A screen, not a
// reader: it fails closed on any name of a capability that acts outside the process (files,
// processes, the network, databases, cloud SDKs, native code, reflection) and on any literal naming
// a place outside the workspace, and passes code that names none (logic, assertions, formatting).
// Comments and strings count too: a word in a comment escalates, which errs on the safe side.

export interface UnreadScreen {
  /** Names of capabilities, each a reason to stop. */
  capabilities: RegExp;
  /** What a match means, for the report. */
  says: string;
}

/** String literals any language uses to name a place outside the workspace. */
export const OUTSIDE_LITERAL = /["'`](?:\/(?!tmp\/|dev\/null\b)|[A-Za-z]:[\\/]|~|\$\{?HOME\b|%USERPROFILE%)|["'`][^"'`\n]*?:\/(?!\/(?:localhost|127\.0\.0\.1|\[::1\]|example\.(?:com|org))\b)/;

export const UNREAD_SCREENS: Readonly<Record<string, UnreadScreen>> = {
  Rust: {
    capabilities: /\b(?:fs|process|net|env|ffi|libc|nix|unsafe|extern|Command|File|OpenOptions|DirBuilder|TcpStream|UdpSocket|UnixStream|remove_file|remove_dir|remove_dir_all|rename|set_permissions|reqwest|hyper|ureq|surf|isahc|curl|aws_sdk_\w+|aws_config|rusoto_\w+|sqlx|diesel|postgres|tokio_postgres|mysql|rusqlite|redis|mongodb|kube|ssh2|git2|include|macro_rules|proc_macro|dlopen|libloading)\b/,
    says: 'files, processes, the network, databases or native code',
  },
  '.NET (C#, F#, VB, MSBuild)': {
    capabilities: /\b(?:System\.IO|System\.Diagnostics|System\.Net|System\.Data|System\.Reflection|System\.Runtime\.InteropServices|Process|ProcessStartInfo|File|Directory|FileInfo|DirectoryInfo|FileStream|HttpClient|WebClient|WebRequest|Socket|TcpClient|SqlConnection|SqlCommand|NpgsqlConnection|DbConnection|MySqlConnection|Amazon|Azure|Google|Registry|Environment\.(?:SetEnvironmentVariable|GetEnvironmentVariable|Exit|FailFast)|DllImport|LibraryImport|unsafe|extern|Assembly|Activator|Exec|Delete|RemoveDir|Copy|Move|WriteLinesToFile|DownloadFile|UsingTask|Target|Import)\b/,
    says: 'files, processes, the network, databases, cloud SDKs, native code, or MSBuild tasks and targets',
  },
  'JVM (Java, Kotlin, Groovy, Scala, Maven plugins)': {
    capabilities: /\b(?:java\.io|java\.nio|java\.net|java\.sql|javax\.script|ProcessBuilder|Runtime|Process|File|Files|Paths?|FileUtils|FileSystems?|RandomAccessFile|delete|deleteRecursively|deleteDir|deleteOnExit|exec|execute|HttpClient|HttpURLConnection|URL|URI|Socket|DriverManager|DataSource|JdbcTemplate|Connection|software\.amazon|com\.amazonaws|com\.google\.cloud|com\.azure|System\.(?:exit|getenv|setProperty|load|loadLibrary)|ClassLoader|forName|reflect|native|Unsafe|sys\.process|GroovyShell|ScriptEngine|evaluate|Eval|plugin|execution|antrun|commandLine|ant|Exec)\b/,
    says: 'files, processes, the network, databases, cloud SDKs, reflection or build plugins',
  },
  'JVM (Java, Kotlin, Groovy, Scala, Gradle scripts)': {
    capabilities: /\b(?:java\.io|java\.nio|java\.net|java\.sql|javax\.script|ProcessBuilder|Runtime|Process|File|Files|Paths?|FileUtils|FileSystems?|RandomAccessFile|delete|deleteRecursively|deleteDir|deleteOnExit|exec|execute|HttpClient|HttpURLConnection|URL|URI|Socket|DriverManager|DataSource|JdbcTemplate|Connection|software\.amazon|com\.amazonaws|com\.google\.cloud|com\.azure|System\.(?:exit|getenv|setProperty|load|loadLibrary)|ClassLoader|forName|reflect|native|Unsafe|sys\.process|GroovyShell|ScriptEngine|evaluate|Eval|commandLine|ant|Exec|Delete|task|tasks|doFirst|doLast|javaexec|providers)\b/,
    says: 'files, processes, the network, databases, cloud SDKs, reflection or Gradle tasks',
  },
  'Scala (and sbt build definitions)': {
    capabilities: /\b(?:java\.io|java\.nio|java\.net|java\.sql|sys|process|ProcessBuilder|Runtime|File|Files|Paths?|IO|delete|exec|HttpClient|URL|URI|Socket|DriverManager|System\.(?:exit|getenv|setProperty)|ClassLoader|reflect|native|taskKey|Task|task|Def|sbt\.io|scala\.sys)\b/,
    says: 'files, processes, the network, databases, reflection or sbt tasks',
  },
  Swift: {
    capabilities: /\b(?:Foundation|FileManager|Process|NSTask|URLSession|URLRequest|Darwin|Glibc|Musl|WinSDK|system|posix_spawn|execv\w*|unlink|remove|removeItem|rmdir|NSWorkspace|Network|Socket|dlopen|dlsym|unsafe\w*|Unsafe\w*|_silgen_name|_cdecl|ProcessInfo)\b/,
    says: 'Foundation, files, processes, the network or native code',
  },
  Dart: {
    capabilities: /(?:dart:io|dart:ffi|dart:isolate|dart:mirrors|package:http|package:dio)|\b(?:Process|File|Directory|Link|HttpClient|HttpServer|Socket|RawSocket|Platform|DynamicLibrary|Isolate)\b/,
    says: 'files, processes, the network or native code',
  },
  // Build files: what runs commands, touches files, downloads or pulls in other code.
  CMake: {
    capabilities: /\b(?:execute_process|exec_program|add_custom_command|add_custom_target|try_run|cmake_language|include|load_cache|ExternalProject_Add|FetchContent_\w+|install\s*\(\s*(?:CODE|SCRIPT)|file\s*\(\s*(?:REMOVE|REMOVE_RECURSE|WRITE|APPEND|DOWNLOAD|UPLOAD|RENAME|COPY|COPY_FILE|CHMOD|CHMOD_RECURSE|TOUCH|TOUCH_NOCREATE|MAKE_DIRECTORY|CREATE_LINK|INSTALL|GENERATE|CONFIGURE|ARCHIVE_EXTRACT|ARCHIVE_CREATE|LOCK))\b/,
    says: 'commands run at configure or build time, file changes, downloads or included CMake code',
  },
  Meson: {
    capabilities: /\b(?:run_command|run_target|custom_target|generator|subproject|subdir|find_program|configure_file|install_\w+|import)\b/,
    says: 'commands run at configure or build time, other build files or modules',
  },
  'Starlark (Bazel)': {
    capabilities: /\b(?:execute|download|download_and_extract|delete|symlink|genrule|run_shell|actions|repository_rule|module_extension|http_archive|http_file|git_repository|local_repository|new_local_repository|load|cmd|sh_binary|sh_test|native)\b/,
    says: 'commands run at build time, repository rules, downloads or loaded rules',
  },
  Elixir: {
    capabilities: /\b(?:System|File|Port|Path|Code|Node|IO|Mix\.Shell|Ecto|Repo|Postgrex|MyXQL|ExAws|HTTPoison|Req|Tesla|Finch|Mint|Application)\b|:(?:os|httpc|gen_tcp|gen_udp|ssl|file|erlang|rpc|ssh)\b|\bdefmacro\b/,
    says: 'files, processes, the network, databases, Erlang modules or macros',
  },
};
