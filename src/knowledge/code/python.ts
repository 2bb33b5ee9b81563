// What Python's standard library and common packages do, as data (read by src/intake/code/models/python.ts).
import { table, type DbConnect, type FileCall, type HttpCall, type ProcessCall } from './effects.js';

export const PYTHON_PROCESS_CALLS: Readonly<Record<string, ProcessCall>> = table({
  'os.system': { form: 'shell' },
  'os.popen': { form: 'shell' },
  'subprocess.run': { form: 'auto', keyword: 'args' },
  'subprocess.call': { form: 'auto', keyword: 'args' },
  'subprocess.check_call': { form: 'auto', keyword: 'args' },
  'subprocess.check_output': { form: 'auto', keyword: 'args' },
  'subprocess.Popen': { form: 'auto', keyword: 'args' },
  'subprocess.getoutput': { form: 'shell' },
  'subprocess.getstatusoutput': { form: 'shell' },
  'commands.getoutput': { form: 'shell' },
  'commands.getstatusoutput': { form: 'shell' },
  'asyncio.create_subprocess_shell': { form: 'shell' },
  'asyncio.create_subprocess_exec': { form: 'rest', arg: 0 },
  'pty.spawn': { form: 'auto' },
  'os.execv': { form: 'argv', arg: 1 }, 'os.execve': { form: 'argv', arg: 1 }, 'os.execvp': { form: 'argv', arg: 1 }, 'os.execvpe': { form: 'argv', arg: 1 },
  'os.execl': { form: 'rest', arg: 1 }, 'os.execle': { form: 'rest', arg: 1 }, 'os.execlp': { form: 'rest', arg: 1 }, 'os.execlpe': { form: 'rest', arg: 1 },
  'os.spawnv': { form: 'argv', arg: 2 }, 'os.spawnve': { form: 'argv', arg: 2 }, 'os.spawnvp': { form: 'argv', arg: 2 }, 'os.spawnvpe': { form: 'argv', arg: 2 },
  'os.spawnl': { form: 'rest', arg: 2 }, 'os.spawnle': { form: 'rest', arg: 2 }, 'os.spawnlp': { form: 'rest', arg: 2 }, 'os.spawnlpe': { form: 'rest', arg: 2 },
  'os.posix_spawn': { form: 'argv', arg: 1 }, 'os.posix_spawnp': { form: 'argv', arg: 1 },
  'invoke.run': { form: 'shell' },
  // A task's context (`@task def clean(c): c.run(...)`, `invoke.Context().run`): commands on this machine (wave 17).
  'invoke.Context.run': { form: 'shell' }, 'invoke.Context.sudo': { form: 'shell' },
  'invoke.context.Context.run': { form: 'shell' }, 'invoke.context.Context.sudo': { form: 'shell' },
  'invoke.sudo': { form: 'shell' },
  'fabric.Connection.local': { form: 'shell' },
  'sh.Command': { form: 'argv' },
  'plumbum.local.__getitem__': { form: 'argv' },
});

/** `shell=True` turns a list into `sh -c list[0]`; these keywords mark it. */
export const PYTHON_SHELL_KEYWORD = 'shell';

export const PYTHON_FILE_CALLS: Readonly<Record<string, FileCall>> = table({
  'shutil.rmtree': { op: 'delete', recursive: true, keyword: 'path' },
  'os.remove': { op: 'delete', keyword: 'path' },
  'os.unlink': { op: 'delete', keyword: 'path' },
  'os.rmdir': { op: 'delete', keyword: 'path' },
  'os.removedirs': { op: 'delete', keyword: 'name' },
  'os.truncate': { op: 'truncate', keyword: 'path' },
  'os.chmod': { op: 'chmod', keyword: 'path', modeArg: 1, modeKeyword: 'mode' },
  'os.lchmod': { op: 'chmod', keyword: 'path', modeArg: 1, modeKeyword: 'mode' },
  'os.rename': { op: 'move', to: 1 },
  'os.renames': { op: 'move', to: 1 },
  'os.replace': { op: 'move', to: 1 },
  'shutil.move': { op: 'move', to: 1, keyword: 'src' },
  'shutil.copy': { op: 'copy', to: 1 },
  'shutil.copy2': { op: 'copy', to: 1 },
  'shutil.copyfile': { op: 'copy', to: 1 },
  'shutil.copytree': { op: 'copy', to: 1 },
  'open': { op: 'open', keyword: 'file', modeArg: 1, modeKeyword: 'mode' },
  'io.open': { op: 'open', keyword: 'file', modeArg: 1, modeKeyword: 'mode' },
  'codecs.open': { op: 'open', keyword: 'filename', modeArg: 1, modeKeyword: 'mode' },
  'os.open': { op: 'open', modeArg: 1 },
  // Moves to the desktop's trash: for a service reading the path, the same as a delete (wave 17).
  'send2trash.send2trash': { op: 'delete', keyword: 'paths' },
  'send2trash.send2trash.send2trash': { op: 'delete', keyword: 'paths' },
});

/** Methods of `pathlib.Path(p)` objects. */
export const PYTHON_PATH_METHODS: Readonly<Record<string, FileCall>> = table({
  unlink: { op: 'delete' },
  rmdir: { op: 'delete' },
  chmod: { op: 'chmod', modeArg: 0, modeKeyword: 'mode' },
  write_text: { op: 'write', dataArg: 0 },
  write_bytes: { op: 'write', dataArg: 0 },
  rename: { op: 'move', to: 0 },
  replace: { op: 'move', to: 0 },
  open: { op: 'open', modeArg: 0, modeKeyword: 'mode' },
});

export const PYTHON_PATH_CONSTRUCTORS: ReadonlySet<string> = new Set(['pathlib.Path', 'pathlib.PosixPath', 'pathlib.PurePath', 'pathlib.PurePosixPath', 'path.Path']);

const REQUESTS_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

function httpFamily(modules: readonly string[]): Record<string, HttpCall> {
  const out: Record<string, HttpCall> = {};
  for (const m of modules) {
    for (const verb of REQUESTS_METHODS) out[`${m}.${verb}`] = { method: verb.toUpperCase(), urlArg: 0, urlKeyword: 'url' };
    out[`${m}.request`] = { methodArg: 0, urlArg: 1, urlKeyword: 'url' };
  }
  return out;
}

export const PYTHON_HTTP_CALLS: Readonly<Record<string, HttpCall>> = table({
  ...httpFamily(['requests', 'httpx', 'requests.api']),
  'urllib.request.urlopen': { method: 'GET', urlArg: 0, urlKeyword: 'url' },
  'urllib2.urlopen': { method: 'GET', urlArg: 0, urlKeyword: 'url' },
  'urllib.request.urlretrieve': { method: 'GET', urlArg: 0, urlKeyword: 'url' },
});

/** Constructors of HTTP session objects whose methods are requests (`requests.Session().delete(url)`). */
export const PYTHON_HTTP_SESSIONS: ReadonlySet<string> = new Set([
  'requests.Session', 'requests.session', 'requests.sessions.Session', 'httpx.Client', 'httpx.AsyncClient', 'aiohttp.ClientSession',
  'urllib3.PoolManager', 'urllib3.HTTPConnectionPool', 'urllib3.HTTPSConnectionPool',
]);

export const PYTHON_DB_CONNECTS: Readonly<Record<string, DbConnect>> = table({
  'sqlite3.connect': { client: 'sqlite3', dsnArg: 0, databaseKeys: ['database'] },
  'aiosqlite.connect': { client: 'sqlite3', dsnArg: 0, databaseKeys: ['database'] },
  'psycopg2.connect': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['dbname', 'database'], urlKeys: ['dsn'] },
  'psycopg.connect': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['dbname', 'database'], urlKeys: ['conninfo'] },
  'psycopg.AsyncConnection.connect': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['dbname'] },
  'asyncpg.connect': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['dsn'] },
  'asyncpg.create_pool': { client: 'psql', dsnArg: 0, hostKeys: ['host'], databaseKeys: ['database'], urlKeys: ['dsn'] },
  'pg8000.connect': { client: 'psql', hostKeys: ['host'], databaseKeys: ['database'] },
  'pymysql.connect': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['db', 'database'] },
  'MySQLdb.connect': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['db', 'database'] },
  'mysql.connector.connect': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['database', 'db'] },
  'aiomysql.connect': { client: 'mysql', hostKeys: ['host'], databaseKeys: ['db'] },
  'sqlalchemy.create_engine': { client: 'url', dsnArg: 0, urlKeys: ['url'] },
  'sqlalchemy.ext.asyncio.create_async_engine': { client: 'url', dsnArg: 0, urlKeys: ['url'] },
  'databases.Database': { client: 'url', dsnArg: 0, urlKeys: ['url'] },
  'records.Database': { client: 'url', dsnArg: 0, urlKeys: ['db_url'] },
  'dataset.connect': { client: 'url', dsnArg: 0, urlKeys: ['url'] },
});

/** `from django.db import connection`: the project's configured database. */
export const PYTHON_DB_OBJECTS: ReadonlySet<string> = new Set(['django.db.connection', 'django.db.connections']);

/** Builtins and modules that run code Firebreak cannot see when given anything but a literal. */
export const PYTHON_CODE_RUNNERS: Readonly<Record<string, 'exec' | 'import' | 'run-path' | 'run-module'>> = table({
  exec: 'exec', eval: 'exec', execfile: 'run-path', compile: 'exec',
  __import__: 'import', 'importlib.import_module': 'import', 'importlib.__import__': 'import',
  'runpy.run_path': 'run-path', 'runpy.run_module': 'run-module',
  'code.InteractiveInterpreter': 'exec', 'code.interact': 'exec',
});

/** Values known only when the code runs (their source is named in the report). */
export const PYTHON_RUNTIME_SOURCES: Readonly<Record<string, string>> = table({
  'os.environ': 'an environment variable', 'os.getenv': 'an environment variable', 'os.environ.get': 'an environment variable',
  'sys.argv': 'a command-line argument', input: 'typed input', raw_input: 'typed input', 'sys.stdin': 'standard input',
  'base64.b64decode': 'text decoded at run time', 'base64.b64decode.decode': 'text decoded at run time', 'base64.decodebytes': 'text decoded at run time',
  'base64.urlsafe_b64decode': 'text decoded at run time', 'base64.b32decode': 'text decoded at run time', 'base64.a85decode': 'text decoded at run time',
  'codecs.decode': 'text decoded at run time', 'zlib.decompress': 'text decoded at run time', 'binascii.unhexlify': 'text decoded at run time',
  'bytes.fromhex': 'text decoded at run time', 'marshal.loads': 'text decoded at run time', 'pickle.loads': 'text decoded at run time',
  'json.load': 'a file read at run time', 'json.loads': 'data parsed at run time',
});

/** `python -m MODULE` for installed tools that only build, test, lint or manage packages locally. */
export const PYTHON_ROUTINE_MODULES: ReadonlySet<string> = new Set([
  'pytest', 'unittest', 'doctest', 'pip', 'ensurepip', 'venv', 'virtualenv', 'build', 'setuptools', 'wheel', 'pip_audit', 'pipdeptree',
  'mypy', 'pyright', 'ruff', 'black', 'isort', 'flake8', 'pylint', 'pyflakes', 'pycodestyle', 'pydocstyle', 'bandit', 'coverage', 'tox', 'nox',
  'json.tool', 'http.server', 'pydoc', 'timeit', 'cProfile', 'profile', 'pstats', 'py_compile', 'compileall', 'tabnanny', 'pdb', 'trace',
  'zipfile', 'tarfile', 'gzip', 'base64', 'uuid', 'calendar', 'site', 'sysconfig', 'platform', 'this', 'antigravity', 'tokenize', 'ast', 'dis',
  'sphinx', 'mkdocs', 'pre_commit', 'poetry', 'pipx', 'uv', 'hatch', 'pdm', 'flit', 'maturin', 'twine.check', 'jupyter', 'notebook', 'ipykernel',
  'nbconvert', 'pytest_benchmark', 'hypothesis', 'behave', 'nose2', 'ward', 'locust', 'uvicorn', 'gunicorn', 'flask', 'streamlit', 'grpc_tools.protoc',
  'pyinstaller', 'PyInstaller', 'nuitka', 'cython', 'pybind11', 'mkdocs', 'pdoc', 'vulture', 'radon', 'xdist', 'pipenv', 'piptools', 'pip_tools',
]);

/** Modules and functions that hand control to a framework command line: what runs depends on
 *  arguments Firebreak does not interpret here (`manage.py flush`). */
export const PYTHON_COMMAND_DISPATCHERS: ReadonlySet<string> = new Set([
  'django.core.management.execute_from_command_line', 'django.core.management.call_command', 'django.core.management.ManagementUtility',
]);
