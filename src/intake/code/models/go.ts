// What Go calls return and do. Facts live in src/knowledge/code/go.ts. A callee is the import path,
// a dot and the member (`os.RemoveAll`, `net/http.NewRequest`); the package is found among the
// program's imports (an import path may hold dots itself: `gopkg.in/yaml.v3`).
import { posix } from 'node:path';
import type { CallSite, Evaluator, Library } from '../evaluate.js';
import type { Program } from '../ir.js';
import {
  GO_AWS_SERVICE_PACKAGE, GO_FILE_CALLS, GO_FILE_READS, GO_HTTP_CALLS, GO_QUIET_MODULES, GO_RISKY_STANDARD_PACKAGES, GO_SQL_CONNECTS, GO_SQL_DRIVERS,
  GO_SQL_METHODS, GO_WRITE_FLAGS,
} from '../../../knowledge/code/go.js';
import { GO_GITHUB_PACKAGE } from '../../../knowledge/code/github-client.js';
import { awsClient, clientMethod, emitAws, paramsFromDict, type AwsObject } from './aws.js';
import { freshFolder, freshPath, joinPaths, dirnameOf, scratchDir } from './paths.js';
import { connectDatabase, envValue, httpRequest, inFolder, looksLikeSql, rawConnection, readFile, receiverName, runArgv, runSql, touchFile, unresolvedMethod, LOCAL_MODULES } from './shared.js';
import { alternatives, concatValues, describeValue, dictGet, obj, str, textOf, unknown, unknownText, UNKNOWN, type Value } from '../values.js';
import { methodKey } from '../readers/go.js';
import { GO_GITHUB_OBJECT, goGithubCall, goGithubMember, goGithubMethod } from './github-clients.js';

/** Members of the risky standard packages that change nothing outside the process. */
const QUIET_MEMBERS: ReadonlySet<string> = new Set([
  'os.Exit', 'os.Hostname', 'os.Getpid', 'os.Getppid', 'os.Getuid', 'os.Geteuid', 'os.Getgid', 'os.Getegid', 'os.Getpagesize', 'os.Stat', 'os.Lstat', 'os.IsNotExist',
  'os.IsExist', 'os.IsPermission', 'os.IsTimeout', 'os.MkdirAll', 'os.Mkdir', 'os.Environ', 'os.Expand', 'os.Setenv', 'os.Unsetenv', 'os.Clearenv', 'os.Executable',
  'os.DirFS', 'os.NewFile', 'os.Pipe', 'os.SameFile', 'os.IsPathSeparator', 'os.Chdir', 'os.CreateTemp', 'os.UserConfigDir', 'os.UserCacheDir', 'os.Readlink',
  'os.NewSyscallError', 'io/ioutil.ReadAll', 'io/ioutil.NopCloser', 'io/ioutil.TempFile', 'io/ioutil.Discard',
  'os/exec.LookPath', 'os/exec.ErrNotFound', 'os/signal.Notify', 'os/signal.Stop', 'os/signal.Ignore', 'os/signal.Reset', 'os/signal.NotifyContext', 'os/user.Current', 'os/user.Lookup',
  'os/user.LookupId', 'os/user.LookupGroup', 'runtime.GOOS', 'runtime.GOARCH', 'runtime.NumCPU', 'runtime.Caller', 'runtime.Callers', 'runtime.GC', 'runtime.Gosched',
  'runtime.Version', 'runtime.GOMAXPROCS', 'runtime.NumGoroutine', 'runtime.ReadMemStats', 'runtime.Stack', 'runtime.KeepAlive', 'runtime.SetFinalizer', 'runtime.FuncForPC',
  'runtime.LockOSThread', 'runtime.UnlockOSThread', 'runtime.CallersFrames', 'runtime.Goexit', 'runtime.Breakpoint',
  'syscall.Getpid', 'syscall.Getppid', 'syscall.Getuid', 'syscall.Geteuid', 'syscall.Getgid', 'syscall.Getegid', 'syscall.Getenv', 'syscall.Stat', 'syscall.Lstat', 'syscall.Getwd',
  'syscall.Umask', 'syscall.Getpagesize', 'syscall.Uname',
  'net/http.ListenAndServe', 'net/http.ListenAndServeTLS', 'net/http.Handle', 'net/http.HandleFunc', 'net/http.NewServeMux', 'net/http.FileServer', 'net/http.Dir',
  'net/http.StripPrefix', 'net/http.Error', 'net/http.NotFound', 'net/http.Redirect', 'net/http.ServeFile', 'net/http.ServeContent', 'net/http.StatusText',
  'net/http.CanonicalHeaderKey', 'net/http.DetectContentType', 'net/http.MaxBytesReader', 'net/http.TimeoutHandler', 'net/http.Serve', 'net/http.ReadRequest', 'net/http.ReadResponse',
  'net/http.NewFileTransport', 'net/http.ParseHTTPVersion', 'net/http.ParseTime', 'net/http.SetCookie', 'net/http.AllowQuerySemicolons', 'net/http.MaxBytesHandler', 'net/http.FS',
  'net.Listen', 'net.ListenTCP', 'net.ListenUDP', 'net.ListenPacket', 'net.ParseIP', 'net.ParseCIDR', 'net.SplitHostPort', 'net.JoinHostPort', 'net.LookupHost', 'net.LookupIP',
  'net.LookupAddr', 'net.LookupCNAME', 'net.LookupTXT', 'net.LookupMX', 'net.LookupSRV', 'net.LookupPort', 'net.Interfaces', 'net.InterfaceAddrs', 'net.IPv4', 'net.ParseMAC',
  'net.ResolveTCPAddr', 'net.ResolveUDPAddr', 'net.ResolveIPAddr', 'net.CIDRMask', 'net.IPv4Mask', 'net.InterfaceByName',
  'database/sql.Register', 'database/sql.Drivers', 'database/sql.Named',
  'reflect.ValueOf', 'reflect.TypeOf', 'reflect.DeepEqual', 'reflect.Indirect', 'reflect.New', 'reflect.Zero', 'reflect.MakeSlice', 'reflect.MakeMap', 'reflect.PtrTo',
  'reflect.PointerTo', 'reflect.SliceOf', 'reflect.MapOf', 'reflect.Copy', 'reflect.Append', 'reflect.AppendSlice', 'reflect.TypeFor', 'reflect.VisibleFields',
  'unsafe.Pointer', 'unsafe.Sizeof', 'unsafe.Offsetof', 'unsafe.Alignof', 'unsafe.String', 'unsafe.StringData', 'unsafe.Slice', 'unsafe.SliceData',
]);

/** Package variables whose methods change nothing Firebreak has not judged already. */
const QUIET_VARIABLES: ReadonlySet<string> = new Set(['os.Stdout', 'os.Stderr', 'os.Stdin', 'os.Args', 'net/http.DefaultClient', 'net/http.DefaultTransport', 'net/http.DefaultServeMux']);

/** Builtin functions: none reaches outside the process (`delete` removes a map entry). */
const BUILTINS: ReadonlySet<string> = new Set(['append', 'cap', 'clear', 'close', 'complex', 'copy', 'delete', 'imag', 'len', 'make', 'max', 'min', 'new', 'panic', 'print', 'println', 'real', 'recover',
  'string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'float32', 'float64', 'byte', 'rune', 'bool', 'error', 'any']);

/** Method names of in-memory values that read like destructive calls (`sync.Map.Delete(key)`, `url.Values.Del`): with one argument, a map entry. */
const IN_MEMORY_DELETE: ReadonlySet<string> = new Set(['Delete', 'Del', 'Remove', 'Drop', 'Truncate', 'Purge']);

export const goLibrary: Library = {
  global(name) {
    return { t: 'path', path: name };
  },
  member(receiver, name) {
    if (receiver.t === 'dict') return dictGet(receiver, name) ?? unknown(`the field ${name} of a value computed at run time`);
    if (receiver.t === 'obj' && receiver.cls === GO_GITHUB_OBJECT) return goGithubMember(receiver, name);
    return undefined;
  },
  constants: {
    'os.O_RDONLY': 'O_RDONLY', 'os.O_WRONLY': 'O_WRONLY', 'os.O_RDWR': 'O_RDWR', 'os.O_APPEND': 'O_APPEND', 'os.O_CREATE': 'O_CREATE', 'os.O_EXCL': 'O_EXCL',
    'os.O_SYNC': 'O_SYNC', 'os.O_TRUNC': 'O_TRUNC', 'syscall.O_RDONLY': 'O_RDONLY', 'syscall.O_WRONLY': 'O_WRONLY', 'syscall.O_RDWR': 'O_RDWR', 'syscall.O_CREAT': 'O_CREATE',
    'syscall.O_TRUNC': 'O_TRUNC', 'syscall.O_APPEND': 'O_APPEND', 'os.PathSeparator': '/', 'os.DevNull': '/dev/null', 'path/filepath.Separator': '/',
    'net/http.MethodGet': 'GET', 'net/http.MethodHead': 'HEAD', 'net/http.MethodPost': 'POST', 'net/http.MethodPut': 'PUT', 'net/http.MethodPatch': 'PATCH',
    'net/http.MethodDelete': 'DELETE', 'net/http.MethodOptions': 'OPTIONS', 'runtime.GOOS': 'linux',
  },
  argv: { path: 'os.Args', interpreter: false },
  finish(ev) {
    // `import _ "example.com/x"`: the package's init runs. Code nobody read, unless it is known to be quiet.
    const local = ev.state.get(LOCAL_MODULES) as Set<string> | undefined;
    const replaced = ev.state.get(REPLACED_MODULES) as string[] | undefined;
    for (const imp of ev.program.imports) {
      if (!imp.named || imp.named.length || isStandard(imp.module) || local?.has(imp.module)) continue;
      if (GO_QUIET_MODULES.some((m) => under(imp.module, m)) && !replaced?.some((m) => under(imp.module, m))) continue;
      const file = (imp.loc as { file?: string }).file ?? ev.program.file;
      ev.effects.push({ kind: 'unknown', why: `imports ${imp.module} for what its init functions do, a library Firebreak has not read`, loc: imp.loc, ...(file !== undefined ? { file } : {}) });
    }
  },
  call(site) {
    passedSinks(site);
    if (site.fn.t === 'path') return pathCall(site, site.fn.path);
    if (site.receiver && site.method !== undefined) return methodCall(site, site.receiver, site.method);
    return UNKNOWN;
  },
};

interface Split {
  pkg: string;
  member: string;
}

/** `net/http.NewRequest` -> net/http, NewRequest: the longest import of the program it starts with. */
function split(program: Program, path: string): Split | undefined {
  // Kept per program: a large package calls through its imports thousands of times.
  let known = splits.get(program);
  if (!known) splits.set(program, (known = new Map()));
  if (known.has(path)) return known.get(path);
  let best: string | undefined;
  for (const imp of program.imports) {
    if (path.startsWith(`${imp.module}.`) && (!best || imp.module.length > best.length)) best = imp.module;
  }
  const s = best === undefined ? undefined : { pkg: best, member: path.slice(best.length + 1) };
  known.set(path, s);
  return s;
}

const splits = new WeakMap<Program, Map<string, Split | undefined>>();

/** `os.RemoveAll` for `os`, `exec.Command` for `os/exec`: how a report names the call. */
function shown(s: Split): string {
  return `${s.pkg.slice(s.pkg.lastIndexOf('/') + 1)}.${s.member}`;
}

function isStandard(pkg: string): boolean {
  return !pkg.split('/')[0].includes('.');
}

/** Evaluator state key: modules go.mod replaces with a local folder (see go-package.ts locallyReplaced). */
export const REPLACED_MODULES = 'go-replaced-modules';

function under(pkg: string, module: string): boolean {
  return pkg === module || pkg.startsWith(`${module}/`);
}

function isReplaced(pkg: string, site?: CallSite): boolean {
  const replaced = site?.evaluator.state.get(REPLACED_MODULES) as string[] | undefined;
  return !!replaced?.some((m) => under(pkg, m));
}

function isQuiet(pkg: string, site?: CallSite): boolean {
  if (isReplaced(pkg, site)) return false;
  return GO_QUIET_MODULES.some((m) => under(pkg, m));
}

function isWorkspace(site: CallSite, pkg: string): boolean {
  const local = site.evaluator.state.get(LOCAL_MODULES) as Set<string> | undefined;
  return !!local && local.has(pkg);
}

function pathCall(site: CallSite, path: string): Value {
  const program = site.evaluator.program;
  const s = split(program, path);
  if (!s) {
    if (path.includes('.')) return UNKNOWN; // a field of a value of this package
    if (program.bindings.has(path)) return UNKNOWN; // a function of the package: read with it
    if (BUILTINS.has(path)) return builtin(site, path);
    // `. "os"`: the package's names are in scope unqualified.
    for (const imp of program.imports) if (imp.star) return pathCall(site, `${imp.module}.${path}`);
    return UNKNOWN;
  }
  if (isWorkspace(site, s.pkg)) return UNKNOWN; // read as a package of its own
  // golang.org/x/sys/unix is the syscall package kept up to date.
  const key = `${s.pkg === 'golang.org/x/sys/unix' ? 'syscall' : s.pkg}.${s.member}`;
  const via = shown(s);
  if (s.member.endsWith('{}')) return composite(site, s, key);
  const aws = GO_AWS_SERVICE_PACKAGE.exec(s.pkg);
  if (aws) return awsPackageCall(site, aws[1], s.member);
  if (s.pkg === 'github.com/aws/aws-sdk-go-v2/config' || s.pkg === 'github.com/aws/aws-sdk-go/aws/session' || s.pkg === 'github.com/aws/aws-sdk-go-v2/aws' || s.pkg === 'github.com/aws/aws-sdk-go/aws') return awsConfigCall(site, s.member);
  const file = GO_FILE_CALLS[key];
  if (file) return touchFile(site, file, via);
  if (GO_FILE_READS[key] !== undefined) { readFile(site, GO_FILE_READS[key], via); return UNKNOWN; }
  // `http.DefaultClient.Get(url)` is `http.Get(url)`.
  const http = GO_HTTP_CALLS[key] ?? GO_HTTP_CALLS[key.replace(/^net\/http\.DefaultClient\./, 'net/http.')];
  if (http) return httpRequest(site, { ...http, urlArg: 0 }, via);
  // A method of a package variable (`os.Stdout.Write`, `http.DefaultClient.Do(req)`: the request was judged where it was built).
  if (s.member.includes('.')) {
    const variable = `${s.pkg}.${s.member.slice(0, s.member.indexOf('.'))}`;
    if (QUIET_VARIABLES.has(variable) || !GO_RISKY_STANDARD_PACKAGES.has(s.pkg)) return isStandard(s.pkg) || isQuiet(s.pkg, site) ? UNKNOWN : (unreadLibrary(site, s.pkg, via), UNKNOWN);
  }
  const sqlConnect = GO_SQL_CONNECTS[key];
  if (sqlConnect !== undefined) {
    const driver = key === 'database/sql.Open' || s.pkg === 'github.com/jmoiron/sqlx' ? textOf(site.args[0]) : 'pgx';
    const client = driver === undefined ? 'url' : GO_SQL_DRIVERS[driver] ?? 'url';
    return connectDatabase(site, { client, dsnArg: sqlConnect }, via);
  }
  switch (key) {
    case 'os.OpenFile': case 'syscall.Open': {
      const flags = textOf(site.args[1] ?? UNKNOWN);
      if (flags === undefined) site.emit({ kind: 'file', op: 'write', path: site.args[0] ?? UNKNOWN, via: `${via} with flags computed at run time` });
      else if (GO_WRITE_FLAGS.test(flags)) site.emit({ kind: 'file', op: /O_APPEND/.test(flags) && !/O_TRUNC/.test(flags) ? 'append' : 'write', path: site.args[0] ?? UNKNOWN, via });
      else readFile(site, 0, via);
      return obj('go.file');
    }
    case 'os.Getenv': case 'syscall.Getenv': case 'os.LookupEnv': return envValue(textOf(site.args[0]));
    case 'os.ExpandEnv': { const t = textOf(site.args[0]); return t !== undefined && !t.includes('$') ? str(t) : unknownText('text with environment variables expanded at run time'); }
    case 'os.UserHomeDir': return str('~');
    case 'os.Getwd': case 'syscall.Getwd': return str('.');
    case 'os.TempDir': return scratchDir();
    case 'os.MkdirTemp': case 'io/ioutil.TempDir': {
      const dir = textOf(site.args[0]);
      const base = dir === undefined ? undefined : dir === '' ? textOf(scratchDir()) : dir;
      if (base === undefined) return freshPath('folder', site.args[1], via);
      return freshFolder(str(`${base}/${(textOf(site.args[1]) ?? '').replace(/\*/g, '')}`));
    }
    case 'os.CreateTemp': case 'io/ioutil.TempFile': {
      // A file made fresh (its name ends in random characters): `f.Name()` is where it is.
      const dir = textOf(site.args[0] ?? UNKNOWN);
      const base = dir === undefined ? undefined : dir === '' ? textOf(scratchDir()) : dir;
      const pattern = textOf(site.args[1] ?? UNKNOWN);
      if (base === undefined) return obj('go.file', { path: freshPath('file', site.args[1], via) });
      return obj('go.file', pattern === undefined || pattern.includes('/') ? {} : { path: freshFolder(str(`${base}/${pattern.replace(/\*/g, '')}`)) });
    }
    case 'os/exec.Command': return command(site, 0, via);
    case 'os/exec.CommandContext': return command(site, 1, via);
    case 'syscall.Exec': case 'syscall.ForkExec': case 'os.StartProcess': {
      const argv = site.args[1];
      if (argv?.t === 'list') return runArgv(site, [site.args[0] ?? UNKNOWN, ...argv.items.slice(1)], via);
      site.emit({ kind: 'unknown', why: `${via} runs a program with arguments computed at run time` });
      return UNKNOWN;
    }
    case 'net/http.NewRequest': case 'net/http.NewRequestWithContext': {
      const at = s.member === 'NewRequest' ? 0 : 1;
      httpRequest(site, { methodArg: at, urlArg: at + 1 }, via);
      return obj('go.request');
    }
    case 'net.Dial': case 'net.DialTimeout': case 'net.DialTCP': case 'net.DialUDP': case 'net.DialIP': case 'net.DialUnix': {
      const address = textOf(site.args[1] ?? UNKNOWN);
      rawConnection(site, via, address === undefined ? undefined : address.replace(/:[^:\]]+$/, '').replace(/^\[|\]$/g, ''), address && /:([^:\]]+)$/.exec(address)?.[1]);
      return UNKNOWN;
    }
    case 'plugin.Open':
      site.emit({ kind: 'unknown', why: `${via} loads compiled code at run time: what it does is not visible` });
      return UNKNOWN;
    case 'path/filepath.Join': case 'path.Join': return site.call.spread ? unknown('a path joined from a list computed at run time') : joinPaths(site.args);
    case 'path/filepath.Abs': case 'path/filepath.Clean': case 'path.Clean': case 'path/filepath.FromSlash': case 'path/filepath.ToSlash': case 'path/filepath.EvalSymlinks': {
      const t = textOf(site.args[0]);
      return t === undefined ? site.args[0] ?? UNKNOWN : str(posix.normalize(t));
    }
    case 'path/filepath.Dir': case 'path.Dir': return dirnameOf(site.args[0]);
    case 'path/filepath.Base': case 'path.Base': { const t = textOf(site.args[0]); return t === undefined ? unknownText('a file name computed at run time') : str(posix.basename(t)); }
    case 'fmt.Sprintf': return sprintf(site.args[0], site.args.slice(1), site.call.spread);
    case 'fmt.Sprint': case 'fmt.Sprintln': return site.call.spread ? unknown('text built from a list') : concatValues(site.args);
    case 'strings.Join': {
      const list = site.args[0];
      const sep = site.args[1] ?? str('');
      if (list?.t !== 'list') return unknownText('text joined from a list computed at run time');
      return concatValues(list.items.flatMap((v, i) => (i ? [sep, v] : [v])));
    }
    case 'strings.TrimSpace': case 'strings.ToLower': case 'strings.ToUpper': case 'strings.TrimSuffix': case 'strings.TrimPrefix': case 'strings.ReplaceAll': case 'strings.TrimRight': case 'strings.TrimLeft': case 'strings.Trim':
      return stringsCall(s.member, site.args);
    case 'strconv.Itoa': case 'strconv.FormatInt': { const t = textOf(site.args[0]); return t === undefined ? unknownText('a number computed at run time') : str(t); }
  }
  const flagged = flagCall(s);
  if (flagged) return flagValue(site, flagged);
  if (QUIET_MEMBERS.has(key) || (s.pkg === 'golang.org/x/sys/unix' && /^(Access|Getpagesize|Uname|Get\w+|Isatty|IoctlGet\w+|Fstat|Stat|Lstat|Statfs|Sysinfo|Kill)$/.test(s.member) && s.member !== 'Kill')) return UNKNOWN;
  if (isStandard(s.pkg) || s.pkg === 'golang.org/x/sys/unix') {
    if ((GO_RISKY_STANDARD_PACKAGES.has(s.pkg) || s.pkg === 'golang.org/x/sys/unix') && /^[A-Z]/.test(s.member) && !isValueLike(s.member)) {
      site.emit({ kind: 'unknown', why: `calls ${via}, which Firebreak does not model: what it changes is not known` });
    }
    return UNKNOWN;
  }
  if (isQuiet(s.pkg, site)) return UNKNOWN;
  const github = GO_GITHUB_PACKAGE.test(s.pkg) && !isReplaced(s.pkg, site) ? goGithubCall(s.member) : undefined;
  if (github) return github;
  unreadLibrary(site, s.pkg, via);
  return UNKNOWN;
}

/** Exported names of a risky package that are types or errors, not operations (`os.File`, `exec.ErrDot`). */
function isValueLike(member: string): boolean {
  return /^(Err|Is)[A-Z]|^(SIG|O_|S_|E)[A-Z0-9_]+$|^(File|FileInfo|FileMode|DirEntry|Process|ProcAttr|ProcessState|Signal|Interrupt|Kill|Cmd|Error|ExitError|Errno|SysProcAttr|WaitStatus|Rusage|Stat_t|Timespec|Timeval|Credential|Value|Type|Kind|Header|Request|Response|Client|Transport|Cookie|Server|ServeMux|Handler|HandlerFunc|ResponseWriter|Conn|Listener|Addr|IP|IPNet|TCPAddr|UDPAddr|DB|Tx|Rows|Row|Stmt|NullString|NullInt64|NullBool|Result)$/.test(member);
}

/** Code of a module nobody read (not the standard library, not modelled, not known to be quiet): once per module. */
function unreadLibrary(site: CallSite, pkg: string, via: string): void {
  const key = `go-unread:${pkg}`;
  if (site.evaluator.state.has(key)) return;
  site.evaluator.state.set(key, true);
  site.emit({ kind: 'unknown', why: `calls ${via} from ${pkg}, a library Firebreak has not read: what it changes is not known` });
}

function builtin(site: CallSite, name: string): Value {
  if (name === 'string') return site.args[0] ?? UNKNOWN;
  if (name === 'append') {
    const list = site.args[0];
    if (list?.t !== 'list') return unknown('a list appended to at run time');
    const rest = site.args.slice(1);
    if (site.call.spread) {
      const last = rest[rest.length - 1];
      if (last?.t !== 'list') return unknown('a list appended to from a list computed at run time');
      return { t: 'list', items: [...list.items, ...rest.slice(0, -1), ...last.items] };
    }
    return { t: 'list', items: [...list.items, ...rest] };
  }
  return UNKNOWN;
}

/** `exec.Command(name, args...)`: judged as that command where it is built (whether or when it runs is not followed). */
function command(site: CallSite, first: number, via: string): Value {
  let argv = site.args.slice(first);
  if (site.call.spread) {
    const last = argv[argv.length - 1];
    argv = last?.t === 'list' ? [...argv.slice(0, -1), ...last.items] : [...argv.slice(0, -1), { t: 'unknown', why: 'arguments from a list computed at run time', items: true }];
  }
  runArgv(inCommandFolder(site), argv, via);
  return obj('go.cmd');
}

/**
 * `cmd.Dir = "..."` anywhere in the code: the commands it builds may run there. The folder is the
 * value when every such assignment names the same one, else a folder known only at run time.
 */
function inCommandFolder(site: CallSite): CallSite {
  const program = site.evaluator.program;
  const dirs = [...program.bindings.entries()].filter(([name]) => name.endsWith('.Dir')).flatMap(([, exprs]) => exprs);
  if (!dirs.length) return site;
  const values = dirs.map((e) => textOf(site.evaluator.value(e)));
  const folder = values.every((v) => v !== undefined && v === values[0]) ? values[0] : undefined;
  return { ...site, emit: (effect) => site.emit(effect.kind === 'shell' ? { ...effect, text: inFolder(effect.text, folder) } : effect) };
}

/** `pkg.Type{...}`: `exec.Cmd{Path, Args}` names a program; an AWS input, config or HTTP client is its fields. */
function composite(site: CallSite, s: Split, key: string): Value {
  const fields = site.args[0] ?? UNKNOWN;
  switch (key) {
    case 'os/exec.Cmd{}': {
      const args = dictGet(fields, 'Args');
      const path = dictGet(fields, 'Path');
      if (args?.t === 'list') runArgv(inCommandFolder(site), [path ?? args.items[0] ?? UNKNOWN, ...args.items.slice(1)], 'exec.Cmd');
      else if (path) runArgv(inCommandFolder(site), [path, { t: 'unknown', why: 'arguments computed at run time', items: true }], 'exec.Cmd');
      return obj('go.cmd');
    }
    case 'github.com/aws/aws-sdk-go-v2/aws.Config{}': case 'github.com/aws/aws-sdk-go/aws.Config{}':
      return obj('aws.config', { ...(dictGet(fields, 'Region') ? { region: dictGet(fields, 'Region')! } : {}), ...(dictGet(fields, 'Endpoint') ? { endpoint: dictGet(fields, 'Endpoint')! } : {}) });
    case 'github.com/aws/aws-sdk-go/aws/session.Options{}': {
      const config = dictGet(fields, 'Config');
      return obj('aws.config', { ...(config?.t === 'obj' ? config.props : {}), ...(dictGet(fields, 'Profile') ? { profile: dictGet(fields, 'Profile')! } : {}) });
    }
    case 'net/http.Client{}': case 'net/http.Request{}':
      if (key === 'net/http.Request{}') site.emit({ kind: 'http', method: textOf(dictGet(fields, 'Method') ?? str('GET')) ?? 'GET', url: dictGet(fields, 'URL') ?? UNKNOWN, via: 'http.Request' });
      return obj('go.http');
  }
  if (GO_AWS_SERVICE_PACKAGE.test(s.pkg) && s.member === 'Options{}') return obj('aws.config', { ...(dictGet(fields, 'Region') ? { region: dictGet(fields, 'Region')! } : {}) });
  return fields;
}

function awsConfigCall(site: CallSite, member: string): Value {
  switch (member) {
    case 'LoadDefaultConfig': case 'NewSession': case 'NewSessionWithOptions': case 'Must': {
      const props: Record<string, Value> = {};
      for (const a of site.args) if (a.t === 'obj' && (a.cls === 'aws.config' || a.cls === 'aws.option')) Object.assign(props, a.props);
      if (site.call.spread) props.profile = UNKNOWN;
      return obj('aws.config', props);
    }
    case 'WithRegion': return obj('aws.option', { region: site.args[0] ?? UNKNOWN });
    case 'WithSharedConfigProfile': return obj('aws.option', { profile: site.args[0] ?? UNKNOWN });
    case 'WithBaseEndpoint': return obj('aws.option', { endpoint: site.args[0] ?? UNKNOWN });
    case 'String': case 'Int32': case 'Int64': case 'Int': case 'Bool': case 'Float64': case 'StringSlice': case 'ToString': case 'StringValue': case 'Time':
      return site.args[0] ?? UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** A service package of the AWS SDK for Go: `s3.NewFromConfig(cfg)`, `s3.New(sess)`, `s3.NewListObjectsV2Paginator(client, in)`. */
function awsPackageCall(site: CallSite, service: string, member: string): Value {
  if (member === 'NewFromConfig' || member === 'New') {
    const config = site.args.find((a) => a.t === 'obj' && a.cls === 'aws.config') as AwsObject | undefined;
    return awsClient(str(service), { ...(config?.props.region ? { region: config.props.region } : {}), ...(config?.props.profile ? { profile: config.props.profile } : {}), ...(config?.props.endpoint ? { endpoint: config.props.endpoint } : {}) });
  }
  const paginator = /^New(\w+)Paginator$/.exec(member);
  if (paginator) {
    const client = site.args[0];
    const p = paramsFromDict(site.args[1]);
    if (client?.t === 'obj' && client.cls === 'aws.client') emitAws(site, client as AwsObject, paginator[1], p.params, p.unknown);
    else site.emit({ kind: 'aws', service, operation: paginator[1], params: p.params, ...(p.unknown ? { unknownParams: p.unknown } : {}) });
    return obj('aws.response');
  }
  return UNKNOWN;
}

function methodCall(site: CallSite, receiver: Value, method: string): Value {
  if (receiver.t === 'obj') {
    switch (receiver.cls) {
      case 'aws.client': {
        // v1: `DeleteBucketWithContext(ctx, in)`, `DeleteBucketRequest(in)`; v2: `DeleteBucket(ctx, in, opts...)`.
        const operation = method.replace(/(WithContext|Request|Pages|PagesWithContext)$/, '');
        const input = site.args.find((a) => a.t === 'dict');
        return clientMethod(site, receiver as AwsObject, operation, input ? paramsFromDict(input) : site.args.length > 1 ? { params: [], unknown: 'the call parameters are computed at run time' } : { params: [] });
      }
      case 'db.connection': {
        if (method === 'Begin' || method === 'BeginTx' || method === 'Conn' || method === 'Acquire') return receiver;
        if (!GO_SQL_METHODS.has(method)) return UNKNOWN;
        const at = site.args.findIndex((a) => a.t === 'str' || a.t === 'tmpl');
        const sql = at >= 0 ? site.args[at] : site.args[/Context$/.test(method) || textOf(receiver.props.driver) !== 'sql.Open' ? 1 : 0];
        return runSql(site, receiver, sql, `${receiverName(site)}.${method}`);
      }
      case 'go.http':
        if (GO_HTTP_CALLS[`net/http.${method}`]) return httpRequest(site, { ...GO_HTTP_CALLS[`net/http.${method}`], urlArg: 0 }, `${receiverName(site)}.${method}`);
        return UNKNOWN;
      case GO_GITHUB_OBJECT:
        return goGithubMethod(site, receiver, method);
      case 'go.file':
        return method === 'Name' && receiver.props.path ? receiver.props.path : UNKNOWN;
      case 'go.cmd': case 'go.request': case 'aws.response': case 'aws.config': case 'db.result': case 'http.response':
        return UNKNOWN;
    }
  }
  // A method of the package's own types: its body is read with the rest; a call gives what it returns.
  const program = site.evaluator.program;
  if (program.bindings.has(methodKey(method))) {
    const returns = program.bindings.get(`${methodKey(method)}()`);
    return returns ? site.evaluator.value({ k: 'name', name: `${methodKey(method)}()` }) : UNKNOWN;
  }
  if ((method === 'MethodByName' || method === 'Call' || method === 'CallSlice') && program.imports.some((i) => i.module === 'reflect')) {
    site.emit({ kind: 'unknown', why: `${receiverName(site)}.${method} calls a function chosen at run time through reflection` });
    return UNKNOWN;
  }
  if (GO_SQL_METHODS.has(method)) {
    const text = site.args.map(textOf).find((t) => t !== undefined);
    if (looksLikeSql(text, true)) return runSql(site, obj('db.connection', { client: str('psql') }) as Value & { t: 'obj' }, str(text!), `${receiverName(site)}.${method}`);
  }
  if (IN_MEMORY_DELETE.has(method) && site.args.length <= 1) return UNKNOWN;
  // Destructive and publishing names on an object Firebreak cannot resolve: Go spells methods with a capital.
  return unresolvedMethod({ ...site, method: method[0].toLowerCase() + method.slice(1) }, 'go', receiverName(site), method[0].toLowerCase() + method.slice(1));
}

/** Functions that change files or run programs, passed as values (`apply(os.RemoveAll, dir)`) to a
 *  function that is not the package's own: they run with arguments Firebreak cannot see. */
function passedSinks(site: CallSite): void {
  if (site.fn.t === 'path' && site.evaluator.program.bindings.has(site.fn.path)) return;
  for (const v of site.args) {
    if (v.t !== 'path') continue;
    const s = split(site.evaluator.program, v.path);
    if (!s) continue;
    const key = `${s.pkg}.${s.member}`;
    if (GO_FILE_CALLS[key] || key === 'os/exec.Command' || key === 'os/exec.CommandContext' || key === 'syscall.Exec') {
      site.emit({ kind: 'unknown', why: `passes ${shown(s)} as a value: what it is called with is not visible` });
    }
  }
}

function stringsCall(member: string, args: Value[]): Value {
  const t = textOf(args[0]);
  const a = textOf(args[1]);
  const b = textOf(args[2]);
  if (t === undefined || (member !== 'TrimSpace' && member !== 'ToLower' && member !== 'ToUpper' && a === undefined)) return unknownText('text computed at run time');
  switch (member) {
    case 'TrimSpace': return str(t.trim());
    case 'ToLower': return str(t.toLowerCase());
    case 'ToUpper': return str(t.toUpperCase());
    case 'TrimSuffix': return str(t.endsWith(a!) ? t.slice(0, t.length - a!.length) : t);
    case 'TrimPrefix': return str(t.startsWith(a!) ? t.slice(a!.length) : t);
    case 'ReplaceAll': return b === undefined ? unknownText('text computed at run time') : str(t.split(a!).join(b));
    default: return unknownText('text computed at run time');
  }
}

/** `fmt.Sprintf` with `%s`, `%v`, `%d`, `%q` and `%%`: the arguments in place; other verbs are run-time text. */
function sprintf(format: Value | undefined, args: Value[], spread: boolean): Value {
  const f = textOf(format);
  if (f === undefined || spread) return unknownText('text formatted at run time');
  const parts: Value[] = [];
  let next = 0;
  let last = 0;
  for (const m of f.matchAll(/%([-+# 0]*\d*(?:\.\d+)?)([a-zA-Z%])/g)) {
    parts.push(str(f.slice(last, m.index)));
    last = m.index + m[0].length;
    if (m[2] === '%') { parts.push(str('%')); continue; }
    const v = args[next++];
    if (!v || m[1]) { parts.push(UNKNOWN); continue; }
    if (m[2] === 'q') { const t = textOf(v); parts.push(t === undefined ? UNKNOWN : str(JSON.stringify(t))); continue; }
    parts.push(m[2] === 's' || m[2] === 'v' || m[2] === 'd' ? v : UNKNOWN);
  }
  parts.push(str(f.slice(last)));
  return concatValues(parts);
}

/** Where a flag-defining call of the flag or pflag package keeps the flag's name, shorthand and default. */
interface FlagCall {
  name: number;
  short?: number;
  dflt: number;
  /** A boolean flag: given alone, it is true. */
  bool: boolean;
  /** pflag: a single dash starts shorthands, long names take two. */
  pflag: boolean;
}

/** `flag.String(name, value, usage)`, `flag.StringVar(&p, name, value, usage)`, pflag's `StringP(name, short, value, usage)`
 *  and `StringVarP(&p, name, short, value, usage)`: for the flag types whose value is text, a number or a boolean. */
function flagCall(s: Split): FlagCall | undefined {
  const pflag = s.pkg === 'github.com/spf13/pflag';
  if (s.pkg !== 'flag' && !pflag) return undefined;
  const m = /^(String|Bool|Int|Int64|Uint|Uint64|Float64|Duration)(Var)?(P)?$/.exec(s.member);
  if (!m || (m[3] && !pflag)) return undefined;
  const at = m[2] ? 1 : 0;
  return { name: at, ...(m[3] ? { short: at + 1 } : {}), dflt: at + (m[3] ? 2 : 1), bool: m[1] === 'Bool', pflag };
}

/** The code sets flags itself (`flag.Set`, `flag.CommandLine.Parse(args)`, `os.Args = ...`): the command line does not say their values. */
function flagsSetInCode(site: CallSite): boolean {
  const program = site.evaluator.program;
  if (program.bindings.has('os.Args')) return true;
  const aliases = [...program.bindings].filter(([, exprs]) => exprs.some((e) => e.k === 'module' && (e.path === 'flag' || e.path === 'github.com/spf13/pflag'))).map(([name]) => name);
  const source = site.evaluator.context.source ?? '';
  return aliases.some((a) => new RegExp(`\\b${a}\\s*\\.\\s*(Set|Lookup|CommandLine|VisitAll|Visit)\\b`).test(source));
}

/**
 * A flag's value: what the command line gives it (every time it is given: the last counts), else its
 * default. `-name value`, `-name=value` and `--name` spellings; for pflag, a single dash starts
 * shorthands (`-o value`, `-o=value`, `-ovalue`), and a cluster of them holding the shorthand
 * (`-vo value`) is not followed. Parsing stops at `--`, and goes on past an argument that is no flag
 * (where go's flag package stops: reading on only adds values).
 */
function flagValue(site: CallSite, spec: FlagCall): Value {
  const name = textOf(site.args[spec.name] ?? UNKNOWN);
  const short = spec.short === undefined ? '' : textOf(site.args[spec.short] ?? UNKNOWN);
  const dflt = site.args[spec.dflt] ?? UNKNOWN;
  const given = site.evaluator.context.args;
  if (name === undefined || short === undefined || given === undefined) return unknownText('a command-line flag');
  if (flagsSetInCode(site)) return unknownText(`the -${name} flag, which the code sets itself`);
  const found: Value[] = [];
  const next = (i: number): Value => (spec.bool ? str('true') : given[i + 1] ?? unknownText(`the -${name} flag`));
  for (let i = 0; i < given.length; i++) {
    const a = textOf(given[i]);
    if (a === undefined) return unknownText(`the -${name} flag, from a command line with run-time parts`);
    if (a === '--') break;
    const long = (spec.pflag ? /^--([^=]+)(?:=(.*))?$/ : /^--?([^=]+)(?:=(.*))?$/s).exec(a);
    if (long && long[1] === name) {
      found.push(long[2] !== undefined ? str(long[2]) : next(i));
      continue;
    }
    if (!spec.pflag || !short || !/^-[^-]/.test(a)) continue;
    const body = a.slice(1);
    if (body[0] === short) {
      const rest = body.slice(1).replace(/^=/, '');
      found.push(rest ? str(rest) : next(i));
    } else if (body.split('=')[0].includes(short)) {
      return unknownText(`the -${short} flag, given in a cluster of shorthand flags`);
    }
  }
  return found.length ? alternatives(found, `the -${name} flag, given too many times to follow`) : dflt;
}

export type { Evaluator };
export { describeValue };
