// When an untracked workspace path is output a build makes again (docs/regenerable-output.md), and
// what never is, whatever git ignores. Read by src/predict/workspace-files.ts.

/** Folders tools own and fill themselves: package installs, caches, virtual environments. Deleting
 *  one loses nothing the tool does not bring back (an install, a test run), git repository or not. */
export const TOOL_OWNED_DIRECTORIES: readonly string[] = [
  'node_modules', '.pnpm-store', '.yarn/cache', '.cache', '.parcel-cache', '.turbo', '.vite', '.webpack', '.sass-cache',
  '.pytest_cache', '__pycache__', '.mypy_cache', '.ruff_cache', '.tox', '.nox', '.eggs', '.hypothesis', '.venv', 'venv',
  '.gradle', '.terraform', '.dart_tool', '.stack-work', 'dist-newstyle', 'zig-cache', '.zig-cache', '.nyc_output',
];

/** Install trees: their files are a package manager's copies of published packages, which ship `.env`
 *  samples, test certificates and fixture databases. The content scan does not read inside them. */
export const INSTALL_TREES: readonly string[] = ['node_modules', '.pnpm-store', '.venv', 'venv', 'site-packages', '.tox', '.nox', '.yarn', '.gradle'];

/** Output folders by ecosystem convention, named so plainly that the name is enough (git repository or
 *  not, ignored or not: projects do not always list them); what sits in them is still checked. */
export const OUTPUT_DIRECTORIES: readonly string[] = [
  'dist', 'build', 'out', 'target', 'coverage', 'htmlcov', '_site', '_build', 'docs/_build', '.next', '.nuxt', '.svelte-kit',
  '.docusaurus', '.angular', '.expo', 'storybook-static', '.serverless', '.aws-sam', 'cdk.out', 'DerivedData', '.build', 'zig-out',
  'obj', 'bin/Debug', 'bin/Release', 'tmp', '.tmp',
];

/** Names output often has, that other folders have too (`site`, `public`, `vendor`, `bin`): output
 *  only when git also ignores the path by a rule the project committed. */
export const IGNORED_OUTPUT_DIRECTORIES: readonly string[] = [
  'builds', 'output', 'site', 'public', 'docs/public', '.output', 'reports', 'test-results', 'artifacts', 'generated', 'gen',
  '_generated', 'lib-cov', 'bundle', 'bin', 'vendor', '.make',
];

/** Output by the shape of the name (`pkg.egg-info`, `cmake-build-debug`, object files). */
export const OUTPUT_NAME_PATTERNS: readonly RegExp[] = [/\.egg-info$/, /^cmake-build-/, /\.(pyc|pyo|o|obj|class)$/, /^\.coverage(\..*)?$/, /\.tsbuildinfo$/];

/** The same, only when git also ignores the path (a Go test binary `x.test`, an `.egg`). */
export const IGNORED_OUTPUT_NAME_PATTERNS: readonly RegExp[] = [/\.egg$/, /\.test$/, /\.gch$/];

/** Names that hold data or secrets: never output, whatever git ignores and wherever they sit (the
 *  path itself, a folder above it, a file inside it). Matched against each name in the path. */
export const DATA_OR_SECRET_NAMES: readonly RegExp[] = [
  /^\.env(\..*)?$/, /^\.envrc$/, /\.(db|sqlite|sqlite3|db3|mdb|accdb|realm|ldb)$/i, /\.sqlite-(wal|shm|journal)$/i, /\.db-(wal|shm|journal)$/i,
  /\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk|gpg|asc)$/i, /^id_(rsa|dsa|ecdsa|ed25519)/, /\.tfstate(\..*)?$/, /^terraform\.tfstate\.d$/,
  /\.(bak|backup|dump|orig)$/i, /^(credentials|secrets?)(\.[a-z]+)?$/i, /^\.(netrc|pgpass|npmrc|pypirc)$/,
  // Database data folders and their marker files.
  /^(PG_VERSION|ibdata1|mysql\.ibd|WiredTiger|mongod\.lock|dump\.rdb|appendonly\.aof)$/,
];

/** Folder names that hold data by convention: matched against the deleted path and the folders above it
 *  (not deep inside output: a docs site's `assets/data/` is output). */
export const DATA_DIRECTORY_NAMES: readonly RegExp[] = [
  /^(data|datasets?|db|database|uploads?|media|volumes?|backups?|storage|pgdata|mysql|postgres|redis-data|state|secrets?|private|\.git|\.svn|\.hg)$/i,
];

/** How many entries the content scan reads before it gives up (then the path is not judged output:
 *  not everything in it was seen). A hook has ~100 ms for this. */
export const CONTENT_SCAN_LIMIT = 20_000;
