// Commands whose output is a well-known location the environment also names: `$(shell go env GOPATH)`
// in a Makefile is the folder `${GOPATH}` names, so `$(shell go env GOPATH)/bin/staticcheck` reads as
// the installed program `${GOPATH}/bin/staticcheck` (src/intake/shell/unmodelled-program.ts knows those
// folders) instead of a path nobody can know. The command is still walked as what make runs.
export const OUTPUT_AS_VARIABLE: Readonly<Record<string, string>> = {
  'go env GOPATH': '${GOPATH}',
  'go env GOBIN': '${GOBIN}',
  'go env GOROOT': '${GOROOT}',
  'go env GOOS': '${GOOS}',
  'go env GOARCH': '${GOARCH}',
  'go env GOMODCACHE': '${GOMODCACHE}',
  'go env GOCACHE': '${GOCACHE}',
};
