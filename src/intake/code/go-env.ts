// `go env -w GOOS=windows` earlier in the line changes what later go commands build for (the go env
// file, os.UserConfigDir()/go/env). Noted with the line's written files, under a key no path has, as
// local-clusters.ts and port-forwards.ts do; go-package.ts targetGoOs reads it.
const KEY = '\u0000go-env-written';

/** Remembers a `go env -w` / `go env -u` (`argv` as run). */
export function noteGoEnvWrite(state: { files?: Map<string, string> }, argv: readonly string[]): void {
  const at = argv.findIndex((w, i) => (w === 'go' || w.endsWith('/go')) && argv[i + 1] === 'env');
  if (at < 0 || !argv.slice(at + 2).some((a) => a === '-w' || a === '-u')) return;
  (state.files ??= new Map()).set(KEY, argv.slice(at).join(' '));
}

/** Whether the line changed go's environment file before this command. */
export function goEnvWritten(files: ReadonlyMap<string, string>): boolean {
  return files.has(KEY);
}
