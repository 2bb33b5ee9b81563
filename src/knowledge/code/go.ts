// What Go's standard library and common modules do, as data (read by src/intake/code/models/go.ts
// and src/intake/code/go-package.ts). Paths are the import path, a dot, then the member:
// `os.RemoveAll`, `os/exec.Command`, `net/http.NewRequest`.
import { table, type FileCall, type HttpCall } from './effects.js';

/** Files the standard library deletes, writes, moves or copies. */
export const GO_FILE_CALLS: Readonly<Record<string, FileCall>> = table({
  'os.Remove': { op: 'delete' }, 'os.RemoveAll': { op: 'delete', recursive: true },
  'os.WriteFile': { op: 'write' }, 'io/ioutil.WriteFile': { op: 'write' }, 'os.Create': { op: 'write' }, 'os.Truncate': { op: 'truncate' },
  'os.Rename': { op: 'move', to: 1 }, 'os.Chmod': { op: 'write' }, 'os.Chown': { op: 'write' }, 'os.Lchown': { op: 'write' }, 'os.Chtimes': { op: 'write' },
  // the link is made at the second path
  'os.Symlink': { op: 'write', arg: 1 }, 'os.Link': { op: 'write', arg: 1 },
  'syscall.Unlink': { op: 'delete' }, 'syscall.Rmdir': { op: 'delete' }, 'syscall.Rename': { op: 'move', to: 1 }, 'syscall.Truncate': { op: 'truncate' },
  'os.CopyFS': { op: 'write' },
});

/** Calls that read a file (judged like `cat`): the argument holding the path. */
export const GO_FILE_READS: Readonly<Record<string, number>> = table({
  'os.ReadFile': 0, 'io/ioutil.ReadFile': 0, 'os.Open': 0, 'os.ReadDir': 0, 'io/ioutil.ReadDir': 0,
});

/** `os.OpenFile(path, flag, perm)`: flags that open for writing. */
export const GO_WRITE_FLAGS = /O_(WRONLY|RDWR|CREATE|TRUNC|APPEND)/;

export const GO_HTTP_CALLS: Readonly<Record<string, HttpCall>> = table({
  'net/http.Get': { method: 'GET' }, 'net/http.Head': { method: 'HEAD' }, 'net/http.Post': { method: 'POST' }, 'net/http.PostForm': { method: 'POST' },
});

/** `sql.Open(driver, dsn)`: the driver's name -> the client whose SQL rules apply. */
export const GO_SQL_DRIVERS: Readonly<Record<string, 'psql' | 'mysql' | 'sqlite3'>> = table({
  postgres: 'psql', pgx: 'psql', 'pgx/v5': 'psql', cloudsqlpostgres: 'psql', mysql: 'mysql', sqlite3: 'sqlite3', sqlite: 'sqlite3', libsql: 'sqlite3',
});

/** Driver packages whose connect call takes a URL (`pgx.Connect(ctx, url)`, `pgxpool.New(ctx, url)`): the URL's argument. */
export const GO_SQL_CONNECTS: Readonly<Record<string, number>> = table({
  'github.com/jackc/pgx/v5.Connect': 1, 'github.com/jackc/pgx/v4.Connect': 1, 'github.com/jackc/pgx/v5/pgxpool.New': 1, 'github.com/jackc/pgx/v4/pgxpool.Connect': 1,
  'github.com/jackc/pgx/v5/pgxpool.Connect': 1, 'github.com/jmoiron/sqlx.Connect': 1, 'github.com/jmoiron/sqlx.Open': 1, 'database/sql.Open': 1,
});

/** Methods of a database handle (sql.DB, sql.Tx, sql.Conn, pgx, sqlx) whose first text argument is SQL. */
export const GO_SQL_METHODS: ReadonlySet<string> = new Set([
  'Exec', 'ExecContext', 'Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'Prepare', 'PrepareContext', 'MustExec', 'MustExecContext',
  'Get', 'GetContext', 'Select', 'SelectContext', 'Queryx', 'QueryRowx', 'NamedExec', 'NamedExecContext',
]);

/** Standard library packages that only reach the network, files, processes or the machine in the
 *  ways the Go model handles by name (os, os/exec, net/http, database/sql, syscall) or not at all. */
export const GO_RISKY_STANDARD_PACKAGES: ReadonlySet<string> = new Set([
  'os', 'os/exec', 'syscall', 'io/ioutil', 'net/http', 'net', 'database/sql', 'plugin', 'net/smtp', 'net/rpc', 'net/rpc/jsonrpc',
]);

/**
 * Modules outside the standard library whose calls change nothing beyond the process (command-line
 * parsing, logging, formatting, serialisation, testing helpers, code generation helpers) or only the
 * files the code names through the os package: calling them is not reaching code nobody has read
 * that matters. Prefixes of import paths. Anything not here (and not modelled) is a library Firebreak
 * has not read: its first call makes the code unknown.
 */
export const GO_QUIET_MODULES: readonly string[] = [
  // command lines, configuration, output
  'github.com/spf13/cobra', 'github.com/spf13/pflag', 'github.com/spf13/viper', 'github.com/urfave/cli', 'github.com/alecthomas/kong', 'github.com/jessevdk/go-flags',
  'github.com/fatih/color', 'github.com/mattn/go-isatty', 'github.com/mattn/go-colorable', 'github.com/charmbracelet/lipgloss', 'github.com/olekukonko/tablewriter',
  'github.com/sirupsen/logrus', 'go.uber.org/zap', 'github.com/rs/zerolog', 'github.com/go-kit/log', 'github.com/go-logr/logr', 'k8s.io/klog', 'log/slog',
  'github.com/MakeNowJust/heredoc', 'github.com/cpuguy83/go-md2man', 'github.com/russross/blackfriday', 'github.com/yuin/goldmark',
  // data formats
  'gopkg.in/yaml.v2', 'gopkg.in/yaml.v3', 'sigs.k8s.io/yaml', 'github.com/ghodss/yaml', 'github.com/goccy/go-yaml', 'github.com/BurntSushi/toml', 'github.com/pelletier/go-toml',
  'github.com/json-iterator/go', 'github.com/tidwall/gjson', 'github.com/tidwall/sjson', 'github.com/google/go-cmp', 'github.com/google/uuid', 'github.com/gofrs/uuid',
  'github.com/Masterminds/semver', 'github.com/Masterminds/sprig', 'golang.org/x/mod', 'github.com/hashicorp/go-version', 'github.com/blang/semver',
  'github.com/invopop/jsonschema', 'github.com/santhosh-tekuri/jsonschema', 'github.com/xeipuuv/gojsonschema', 'google.golang.org/protobuf', 'github.com/golang/protobuf',
  'golang.org/x/text', 'golang.org/x/exp', 'golang.org/x/sync', 'github.com/pkg/errors', 'go.uber.org/multierr', 'github.com/hashicorp/go-multierror', 'github.com/dustin/go-humanize',
  'github.com/samber/lo', 'github.com/caarlos0/go-version', 'github.com/docker/go-units', 'github.com/grafana/regexp', 'github.com/go-viper/mapstructure', 'github.com/mitchellh/mapstructure', 'github.com/iancoleman/strcase', 'github.com/stretchr/testify', 'github.com/onsi/gomega', 'github.com/onsi/ginkgo', 'gotest.tools', 'github.com/google/go-querystring',
  // code generation
  'golang.org/x/tools/go/packages', 'golang.org/x/tools/go/ast', 'golang.org/x/tools/imports', 'golang.org/x/tools/go/loader', 'github.com/dave/jennifer', 'mvdan.cc/gofumpt',
  // database drivers registered by a blank import (`_ "github.com/lib/pq"`): what they send is what the code hands database/sql
  'github.com/lib/pq', 'github.com/go-sql-driver/mysql', 'github.com/mattn/go-sqlite3', 'modernc.org/sqlite', 'github.com/jackc/pgx/v5/stdlib', 'github.com/jackc/pgx/v4/stdlib',
  // terminal output, text, hashing, compression, retries, errors (seen in the routine corpora's generators)
  'charm.land/lipgloss', 'github.com/charmbracelet/fang', 'github.com/charmbracelet/glamour', 'github.com/charmbracelet/bubbletea', 'github.com/briandowns/spinner',
  'github.com/logrusorgru/aurora', 'github.com/mgutz/ansi', 'github.com/muesli/reflow', 'github.com/muesli/roff', 'github.com/muesli/termenv', 'github.com/rivo/tview',
  'github.com/kr/text', 'github.com/alecthomas/chroma', 'github.com/caarlos0/log', 'github.com/caarlos0/env', 'github.com/go-errors/errors', 'github.com/avast/retry-go',
  'github.com/cli/safeexec', 'github.com/cli/go-gh/v2/pkg/jq', 'github.com/cli/go-gh/v2/pkg/template', 'github.com/cli/go-gh/v2/pkg/text', 'github.com/cli/go-gh/v2/pkg/repository',
  'github.com/coreos/go-semver', 'github.com/golang-jwt/jwt', 'github.com/golang/groupcache/lru', 'github.com/google/shlex', 'github.com/goreleaser/fileglob',
  'github.com/itchyny/json2yaml', 'github.com/itchyny/gojq', 'github.com/jinzhu/copier', 'github.com/klauspost/compress', 'github.com/klauspost/pgzip', 'github.com/zeebo/blake3',
  'github.com/zeebo/xxh3', 'lukechampine.com/blake3', 'github.com/gogo/protobuf', 'github.com/traefik/paerser', 'github.com/argoproj/pkg/v2/time', 'go.yaml.in/yaml',
  'golang.org/x/crypto/blake2b', 'golang.org/x/crypto/blake2s', 'golang.org/x/crypto/sha3', 'golang.org/x/crypto/bcrypt', 'golang.org/x/crypto/argon2', 'golang.org/x/crypto/hkdf',
  'golang.org/x/crypto/pbkdf2', 'golang.org/x/crypto/ocsp', 'golang.org/x/crypto/nacl', 'golang.org/x/crypto/chacha20poly1305', 'golang.org/x/net/html', 'golang.org/x/term',
  'golang.org/x/time', 'google.golang.org/grpc/status', 'google.golang.org/grpc/codes', 'k8s.io/apimachinery', 'k8s.io/client-go/util/retry', 'github.com/gofrs/flock',
  // modelled by the Go model itself
  'github.com/aws/aws-sdk-go-v2/aws', 'github.com/aws/aws-sdk-go-v2/config', 'github.com/aws/aws-sdk-go/aws', 'github.com/aws/aws-sdk-go/aws/session',
  'github.com/jackc/pgx', 'github.com/jmoiron/sqlx',
];

/** AWS SDK for Go v2 and v1: `.../service/<svc>` is that service's client package. */
export const GO_AWS_SERVICE_PACKAGE = /^github\.com\/aws\/aws-sdk-go(?:-v2)?\/service\/([a-z0-9]+)$/;

/**
 * `go run module@version` of tools whose code nobody here read, but that are well known and only read
 * the workspace or write generated code into it: judged as the program they install, by its name
 * (src/knowledge/shell-commands.ts and the rule for programs nobody modelled). Path without version.
 */
export const GO_WELL_KNOWN_TOOLS: Readonly<Record<string, string>> = table({
  'github.com/rhysd/actionlint/cmd/actionlint': 'actionlint',
  'golang.org/x/tools/cmd/stringer': 'stringer',
  'golang.org/x/tools/cmd/goimports': 'goimports',
  'golang.org/x/vuln/cmd/govulncheck': 'govulncheck',
  'github.com/golangci/golangci-lint/cmd/golangci-lint': 'golangci-lint',
  'github.com/golangci/golangci-lint/v2/cmd/golangci-lint': 'golangci-lint',
  'honnef.co/go/tools/cmd/staticcheck': 'staticcheck',
  'mvdan.cc/gofumpt': 'gofumpt',
  'go.uber.org/mock/mockgen': 'mockgen',
  'github.com/golang/mock/mockgen': 'mockgen',
  'sigs.k8s.io/controller-tools/cmd/controller-gen': 'controller-gen',
  'google.golang.org/protobuf/cmd/protoc-gen-go': 'protoc-gen-go',
  'gotest.tools/gotestsum': 'gotestsum',
  'github.com/google/go-licenses': 'go-licenses',
  'github.com/google/go-licenses/v2': 'go-licenses',
  'github.com/Khan/genqlient': 'genqlient',
  'github.com/client9/misspell/cmd/misspell': 'misspell',
  'github.com/golangci/misspell/cmd/misspell': 'misspell',
  'github.com/google/addlicense': 'addlicense',
  'github.com/gohugoio/hugo': 'hugo',
});

/** Options of `go build|run|test|generate|vet` that take a value as the next word. */
export const GO_VALUE_FLAGS: ReadonlySet<string> = new Set([
  '-C', '-p', '-asmflags', '-buildmode', '-buildvcs', '-compiler', '-gccgoflags', '-gcflags', '-installsuffix', '-ldflags', '-mod', '-modfile', '-overlay',
  '-pgo', '-pkgdir', '-tags', '-toolexec', '-exec', '-o', '-coverpkg', '-covermode', '-run', '-skip', '-bench', '-benchtime', '-count', '-cpu', '-parallel',
  '-timeout', '-coverprofile', '-cpuprofile', '-memprofile', '-blockprofile', '-mutexprofile', '-outputdir', '-trace', '-fuzz', '-fuzztime', '-fuzzminimizetime',
  '-list', '-shuffle', '-vet', '-benchmem', '-failfast', '-json', '-vettool', '-covermode', '-test.run', '-test.timeout',
]);

/** Options whose value is a program the go command runs (or files that replace the code): what they run is not the code Firebreak read. */
export const GO_PROGRAM_FLAGS: ReadonlySet<string> = new Set(['-exec', '-toolexec', '-vettool', '-overlay']);

/** How much of a module one command makes Firebreak read: Go packages are folders of many files. */
export const GO_LIMITS = {
  /** Go files read for one command (the packages run and the workspace packages they import). */
  files: 300,
  /** Characters read for one command. */
  chars: 6 * 1024 * 1024,
  /** Folders looked at for `./...` (for `//go:generate` lines). */
  folders: 5000,
  /** Files scanned for `//go:generate` lines. */
  generateFiles: 20000,
};

/**
 * Command-line libraries whose command objects hold handler functions the library calls only when the
 * program executes the command (`cobra.Command{RunE: ...}` runs when `Execute()` parses the command
 * line). Building the tree and handing it to a documentation generator (`doc.GenMarkdownTree`) runs
 * none of them. The type (import path, dot, name), its handler fields with their argument count, and
 * the methods that execute a command with theirs: any use of those names (`cmd.Execute()`, a method
 * value, a package's function of that name such as `fang.Execute(ctx, cmd)`) makes the handlers run as
 * far as Firebreak is concerned, except a method call whose argument count rules the method out
 * (`tmpl.Execute(w, data)`, `exec.Cmd.Run()`).
 */
export const GO_COMMAND_HANDLERS: readonly { type: string; fields: ReadonlySet<string>; arity: number; execute: Readonly<Record<string, number>> }[] = [
  {
    type: 'github.com/spf13/cobra.Command',
    fields: new Set(['Run', 'RunE', 'PreRun', 'PreRunE', 'PersistentPreRun', 'PersistentPreRunE', 'PostRun', 'PostRunE', 'PersistentPostRun', 'PersistentPostRunE']),
    arity: 2,
    execute: { Execute: 0, ExecuteC: 0, ExecuteContext: 1, ExecuteContextC: 1 },
  },
];

/** reflect.Value methods that call a function found at run time (a handler by its field's name, `Execute`
 *  by MethodByName): code using them may execute commands (GO_COMMAND_HANDLERS). */
export const GO_REFLECTIVE_CALLS: ReadonlySet<string> = new Set(['Call', 'CallSlice']);
