// Task runners whose task file is code (wave 17): `invoke clean` runs the function `clean` of tasks.py,
// `gulp clean` the export of gulpfile.js, `doit` the actions dodo.py returns. Before, these were programs
// nobody modelled, judged by their words alone, and passed whatever the task did (an uncommitted task file
// was screened as implicit code, a committed one not at all). Now the file is read as the script it is
// (src/intake/shell/runners/code-tasks.ts; nox has its own reader, runners/nox.ts): the whole file, since the runner imports it before it runs a
// task, and a task's context calls (`c.run('...')`, `c.sudo`, `c.local`) and doit's action strings as the
// shell commands they are.

export interface TaskFileRunner {
  /** Task files looked for in the folder the command runs in, in the runner's order. */
  files: readonly string[];
  /** Options naming the task file (`--gulpfile F`, `doit -f F`). */
  fileOptions?: readonly string[];
  /** Options naming the folder searched (`invoke -r DIR`, `doit -d DIR`). */
  dirOptions?: readonly string[];
  /** Options naming the module instead of `tasks` (`invoke -c mytasks`). */
  moduleOptions?: readonly string[];
  /** Options that take a value (skipped when looking for the task name). */
  valued?: readonly string[];
  /** Options that only print (no task file is imported): `--version`, `--help`. */
  informational: readonly string[];
  /** The language the file is in; `unread` when Firebreak has no reader for it (CoffeeScript). */
  language: (file: string) => 'python' | 'javascript' | 'typescript' | 'unread';
  /** Tasks get a context whose `.run(cmd)` / `.sudo(cmd)` / `.local(cmd)` runs a shell command here (invoke, fabric). */
  contextCalls?: boolean;
  /** Tasks return `{'actions': ['shell text', (python_callable, args)]}` (doit). */
  actionLists?: boolean;
}

const js = (file: string) => (/\.coffee$|^Cakefile$/.test(file) ? 'unread' as const : /\.[mc]?ts$/.test(file) ? 'typescript' as const : 'javascript' as const);
const py = () => 'python' as const;

export const TASK_FILE_RUNNERS: Readonly<Record<string, TaskFileRunner>> = {
  invoke: {
    files: ['tasks.py', 'tasks/__init__.py'], dirOptions: ['-r', '--search-root'], moduleOptions: ['-c', '--collection'],
    valued: ['-f', '--config', '-e', '--echo-format', '--prefix', '--write-pyc', '-p', '--pty'],
    informational: ['-h', '--help', '-V', '--version', '-l', '--list', '--complete', '--print-completion-script'], language: py, contextCalls: true,
  },
  fab: {
    files: ['fabfile.py', 'fabfile/__init__.py'], dirOptions: ['-r', '--search-root'], moduleOptions: ['-c', '--collection'],
    valued: ['-f', '--config', '-H', '--hosts', '-i', '--identity', '-S', '--ssh-config', '-t', '--connect-timeout'],
    informational: ['-h', '--help', '-V', '--version', '-l', '--list', '--complete'], language: py, contextCalls: true,
  },
  doit: {
    files: ['dodo.py'], fileOptions: ['-f', '--file'], dirOptions: ['-d', '--dir'], valued: ['-n', '--process', '-P', '--parallel-type', '--db-file', '--backend', '-v', '--verbosity', '--reporter', '-o', '--output-file'],
    informational: ['--version', '-h', '--help', 'help', 'list', 'info', 'ignore', 'forget', 'tabcompletion', 'dumpdb', 'strace'], language: py, actionLists: true,
  },
  gulp: {
    files: ['gulpfile.js', 'gulpfile.mjs', 'gulpfile.cjs', 'gulpfile.ts', 'gulpfile.mts', 'gulpfile.cts', 'gulpfile.babel.js', 'Gulpfile.js', 'gulpfile.coffee'],
    fileOptions: ['-f', '--gulpfile'], dirOptions: ['--cwd'], valued: ['--require', '--series', '--depth', '--log-level'],
    informational: ['-v', '--version', '-h', '--help'], language: js,
  },
  grunt: {
    files: ['Gruntfile.js', 'gruntfile.js', 'Gruntfile.cjs', 'Gruntfile.coffee', 'gruntfile.coffee'], fileOptions: ['--gruntfile'], dirOptions: ['--base'], valued: ['--tasks'],
    informational: ['-V', '--version', '-h', '--help'], language: js,
  },
  jake: {
    files: ['Jakefile', 'Jakefile.js', 'jakefile', 'jakefile.js', 'Jakefile.cjs', 'Jakefile.mjs', 'Jakefile.coffee'], fileOptions: ['-f', '--jakefile'], dirOptions: ['-C', '--directory'],
    informational: ['-V', '--version', '-h', '--help'], language: (f) => (/\.coffee$/.test(f) ? 'unread' : /\.mjs$/.test(f) ? 'javascript' : 'javascript'),
  },
  cake: { files: ['Cakefile'], informational: ['--help', '-h', '--version'], language: js },
  brunch: {
    files: ['brunch-config.js', 'brunch-config.coffee', 'config.js', 'config.coffee'], valued: ['-c', '--config', '-e', '--env'],
    informational: ['-V', '--version', '-h', '--help', 'new'], language: js,
  },
};
export const TASK_FILE_RUNNER_ALIASES: Readonly<Record<string, string>> = { inv: 'invoke', fabric: 'fab', 'doit3': 'doit' };
