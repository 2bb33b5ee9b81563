// Calls that read a file's contents, by language, with the argument that holds the path. Reading is
// harmless except for the few secrets the guard keeps (its approval key): a script that reads the
// key can sign its own approvals, so reads are followed like writes and matched by the same guard.
// (`open(path)` in read mode is in each language's file tables already.)

export const JS_FILE_READS: Readonly<Record<string, number>> = {
  'fs.readFileSync': 0, 'fs.readFile': 0, 'fs.promises.readFile': 0, 'fs.createReadStream': 0, 'fs.readSync': 0,
  'Bun.file': 0, 'Deno.readTextFile': 0, 'Deno.readFile': 0, 'Deno.readTextFileSync': 0, 'Deno.readFileSync': 0,
};

export const PYTHON_FILE_READS: Readonly<Record<string, number>> = {
  'linecache.getlines': 0, 'linecache.getline': 0, 'fileinput.input': 0, 'numpy.loadtxt': 0, 'pandas.read_csv': 0,
};

/** pathlib.Path methods that read the file the path names. */
export const PYTHON_PATH_READS: ReadonlySet<string> = new Set(['read_text', 'read_bytes']);

export const RUBY_FILE_READS: Readonly<Record<string, number>> = {
  'File.read': 0, 'IO.read': 0, 'File.binread': 0, 'IO.binread': 0, 'File.readlines': 0, 'IO.readlines': 0, 'File.foreach': 0, 'IO.foreach': 0,
};

export const PHP_FILE_READS: Readonly<Record<string, number>> = {
  file_get_contents: 0, file: 0, readfile: 0, parse_ini_file: 0, highlight_file: 0, show_source: 0, php_strip_whitespace: 0,
};
