// The operating systems and architectures a Go file name can be limited to (go help buildconstraint:
// `name_GOOS.go`, `name_GOARCH.go`, `name_GOOS_GOARCH.go`, each optionally before `_test`). The list is
// go's own (cmd/go/internal/imports, syslist.go).
export const GO_OS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9',
  'solaris', 'wasip1', 'windows', 'zos',
]);

export const GO_ARCH: ReadonlySet<string> = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32',
  'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);

/** Node's name for this machine's system -> go's (`win32` -> `windows`; the rest agree for the systems go builds on). */
export function hostGoOs(platform: string = process.platform): string {
  return platform === 'win32' ? 'windows' : platform === 'sunos' ? 'solaris' : platform;
}
