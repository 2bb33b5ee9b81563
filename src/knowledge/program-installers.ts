// Commands that put programs on PATH under names their package chooses: a package manager linking
// or installing a package globally (npm/pnpm/yarn/bun's bin links), Python's console scripts (pip,
// pipx, uv tool), cargo's and go's binaries, deno's named scripts, volta and dotnet tools. Which
// names they install is data in the package's manifest (package.json `bin`, pyproject
// `[project.scripts]`, setup.cfg/setup.py `console_scripts`, Cargo.toml `[[bin]]`, a go package's
// folder name), read where the package is on disk (installed-programs.ts).

/** Node package managers, and the verbs that link or install a package. */
export const NODE_PACKAGE_MANAGERS: ReadonlySet<string> = new Set(['npm', 'pnpm', 'yarn', 'bun']);
export const NODE_LINK_VERBS: ReadonlySet<string> = new Set(['link', 'ln']);
export const NODE_INSTALL_VERBS: ReadonlySet<string> = new Set(['install', 'i', 'add', 'isntall', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal']);

/** pip's spellings (`pip3.12`), and the tools that install a Python package's console scripts. */
export const PIP = /^pip(\d+(\.\d+)?)?$/;
export const PYTHON = /^python(\d+(\.\d+)?)?$/;

/** Options of these installers that take a value (the value is not a package). */
export const INSTALLER_OPTIONS_WITH_VALUE: ReadonlySet<string> = new Set([
  // pip / uv pip
  '-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target',
  '--prefix', '--root', '--src', '--python', '-p', '--upgrade-strategy', '--platform', '--python-version', '--implementation',
  '--abi', '--config-settings', '-C', '--global-option', '--install-option', '--trusted-host', '--cert', '--client-cert',
  '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--progress-bar', '--report', '--only-binary',
  '--no-binary', '--with', '--with-editable', '--with-requirements', '--from', '--index', '--default-index',
  // pipx
  '--suffix', '--pip-args', '--preinstall',
  // cargo
  '--version', '--vers', '--git', '--branch', '--tag', '--rev', '--registry', '--index', '--features', '-F', '--target', '--target-dir',
  '--profile', '-j', '--jobs', '--config', '-Z', '--color', '--manifest-path',
  // npm family
  '--prefix', '--location', '--workspace', '-w', '--filter', '--registry', '--tag', '--cache', '--userconfig',
  // deno
  '--root', '--config', '--import-map', '--lock', '--cert', '--location', '--seed', '--v8-flags', '--reload', '--allow-read', '--allow-write',
  // dotnet
  '--tool-path', '--add-source', '--configfile', '--framework', '-a', '--arch',
]);

/** Script names deno does not use as the program name: the folder above names it (`cli/main.ts` installs `cli`). */
export const DENO_GENERIC_ENTRY = /^(main|mod|index|cli)$/;
