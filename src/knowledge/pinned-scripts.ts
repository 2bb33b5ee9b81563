// Well-known scripts that repositories vendor, recognised by their exact content (sha256 of the file),
// never by name: a file called gimme with other content is read as any script is. Each entry says
// what the script does when `eval "$(SCRIPT ARGS)"` runs its output. Read by src/intake/shell/walk.ts.

export interface PinnedEnvPrinter {
  /** The project and release the content is. */
  what: string;
  /** What running it does, in one sentence, for the evidence. */
  does: string;
  /** Variables that send it elsewhere (another download host or git remote): set, and it is not this script's routine run. */
  steeringVariables: readonly string[];
  /** Variables naming where it installs: only a folder inside the workspace (relative, no ..) or unset. */
  placeVariables: readonly string[];
  /** Arguments allowed: a Go version (`1.22.5`, `go1.22`, `stable`, `oldstable`, `tip`, `master`, `module`). */
  argument: RegExp;
}

/** travis-ci/gimme: installs a Go toolchain under GIMME_ENV_PREFIX (default ~/.gimme) from go.dev's
 *  downloads (or builds it from Go's own git repository) and prints `export GOROOT=...`, `export PATH=...`
 *  lines for the shell to eval. Its downloads land in ~/.gimme (knowledge/home-caches.ts) or the
 *  repository's ./bin/.gimme. */
const GIMME: Omit<PinnedEnvPrinter, 'what'> = {
  does: 'installs a Go toolchain from go.dev (into ~/.gimme or GIMME_ENV_PREFIX) and prints the export lines that put it on PATH',
  steeringVariables: ['GIMME_DOWNLOAD_BASE', 'GIMME_GO_GIT_REMOTE', 'GIMME_KNOWN_CACHE_MAX_AGE', 'GIMME_TYPE', 'GIMME_HOSTARCH', 'GIMME_GO_VERSION', 'GIMME_ARCH', 'GIMME_OS',
    'GIMME_CGO_ENABLED', 'GIMME_CC_FOR_TARGET', 'GIMME_BINARY_OSX', 'GIMME_VERSION_PREFIX', 'GIMME_KNOWN_URL', 'GIMME_NO_ENV_ALIAS', 'GIMME_DEBUG', 'GIMME_LIST_KNOWN', 'GIMME_TMP'],
  placeVariables: ['GIMME_ENV_PREFIX'],
  argument: /^(go)?(\d+(\.\d+){0,2}(rc\d+|beta\d+)?|stable|oldstable|tip|master|module)$/,
};

export const PINNED_ENV_PRINTERS: Readonly<Record<string, PinnedEnvPrinter>> = {
  // kubernetes-sigs/kind hack/third_party/gimme/gimme
  '3d565d57ec28edb14be9e540cd3e628607ec5b791e78224c47250d36ce4aedf2': { what: 'travis-ci/gimme v1.5.4', ...GIMME },
};
