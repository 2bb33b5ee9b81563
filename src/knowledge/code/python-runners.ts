// Programs that run a Python script or module under themselves (profilers, coverage, debuggers):
// `coverage run x.py` runs x.py as `python x.py` does, so it is judged as that. Each entry says
// where the script starts in its command line.
export interface PythonRunner {
  /** The subcommand that runs code (`coverage run`); other subcommands only read their own output. */
  sub?: readonly string[];
  /** Options that take the next word as their value. */
  valued: readonly string[];
  /** Options whose value is a module to run (`-m pkg.mod`). */
  module?: readonly string[];
  /** Options whose value is Python code (`memray run -c CODE`). */
  code?: readonly string[];
  /** The words after `--` are a whole command (`py-spy record -- python x.py`). */
  commandAfterSeparator?: boolean;
  /** The operands are Python statements (`python -m timeit STMT`), with setup code in these options. */
  statements?: readonly string[];
  /** Run only as `python -m NAME` (the standard library's profilers and debugger): no program of that name. */
  moduleOnly?: boolean;
  /** Options whose value is debugger commands, which can run any Python (`pdb -c '!os.system(...)'`). */
  debuggerCommands?: readonly string[];
}

export const PYTHON_RUNNERS: Readonly<Record<string, PythonRunner>> = {
  coverage: { sub: ['run'], valued: ['--concurrency', '--context', '--data-file', '--include', '--omit', '--source', '--rcfile', '--debug'], module: ['-m', '--module'] },
  'coverage3': { sub: ['run'], valued: ['--concurrency', '--context', '--data-file', '--include', '--omit', '--source', '--rcfile', '--debug'], module: ['-m', '--module'] },
  cProfile: { moduleOnly: true, valued: ['-o', '--outfile', '-s', '--sort'], module: ['-m'] },
  profile: { moduleOnly: true, valued: ['-o', '--outfile', '-s', '--sort'], module: ['-m'] },
  trace: { moduleOnly: true, valued: ['-f', '--file', '-C', '--coverdir', '--ignore-module', '--ignore-dir'], module: ['--module'] },
  pdb: { moduleOnly: true, valued: [], module: ['-m'], debuggerCommands: ['-c', '--command'] },
  timeit: { moduleOnly: true, valued: ['-n', '--number', '-r', '--repeat', '-u', '--unit'], statements: ['-s', '--setup'] },
  pyinstrument: { valued: ['-o', '--outfile', '-r', '--renderer', '-i', '--interval', '-p', '--render-option', '--load', '--from-path', '-t', '--target-description'], module: ['-m'], code: ['-c'] },
  memray: { sub: ['run'], valued: ['-o', '--output', '--trace-python-allocators-limit', '--follow-fork-limit'], module: ['-m'], code: ['-c'] },
  scalene: { valued: ['--outfile', '--profile-interval', '--cpu-percent-threshold', '--cpu-sampling-rate', '--malloc-threshold', '--profile-only', '--profile-exclude', '--program-path', '--reduced-profile', '--pid', '--json-output'], module: ['-m'] },
  kernprof: { valued: ['-o', '--outfile', '-s', '--setup', '-u', '--unit', '-p', '--prof-mod'], module: ['-m'] },
  viztracer: { valued: ['-o', '--output_file', '--tracer_entries', '--max_stack_depth', '--include_files', '--exclude_files', '--min_duration', '--log_var', '--log_number', '--log_attr', '--log_func_retval', '--log_func_args', '--pid_suffix', '--output_dir'], module: ['-m'], code: ['-c', '--cmd_string'] },
  'py-spy': { sub: ['record', 'top'], valued: ['-o', '--output', '-r', '--rate', '-d', '--duration', '-f', '--format', '-p', '--pid', '--function', '--idle', '--subprocesses'], commandAfterSeparator: true },
};
