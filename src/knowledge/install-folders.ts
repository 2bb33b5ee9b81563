// Folders where programs and packages are installed, as a command line names them through a tool's
// answer or an environment variable rather than spelling the path: `$(go env GOPATH)/bin`,
// `$XDG_BIN_HOME`, `$(python3 -m site --user-site)`. A file written there is placed where the folder is
// by default (or where this machine's environment says), so the rules for programs on PATH and for
// Python's start-up files apply to it as to the spelled path.
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

const home = (...parts: string[]) => join(homedir(), ...parts);
const gopath = (env: Env) => env.GOPATH?.split(':')[0] || home('go');
/** Python's user site folder; the version part does not matter to the rules (sitecustomize.py, *.pth). */
const userSite = () => home('.local/lib/python3/site-packages');

/** A leading tool answer or variable, and where it points. `$VAR` forms only when the line did not set VAR. */
const FOLDERS: readonly { pattern: RegExp; variable?: string; path: (env: Env) => string }[] = [
  { pattern: /^\$\(\s*go\s+env\s+GOPATH\s*\)|^`\s*go\s+env\s+GOPATH\s*`/, path: gopath },
  { pattern: /^\$\(\s*go\s+env\s+GOBIN\s*\)|^`\s*go\s+env\s+GOBIN\s*`/, path: (env) => env.GOBIN || join(gopath(env), 'bin') },
  { pattern: /^\$(\{GOPATH\}|GOPATH)(?=\/|$)/, variable: 'GOPATH', path: gopath },
  { pattern: /^\$(\{GOBIN\}|GOBIN)(?=\/|$)/, variable: 'GOBIN', path: (env) => env.GOBIN || join(gopath(env), 'bin') },
  { pattern: /^\$(\{XDG_BIN_HOME\}|XDG_BIN_HOME)(?=\/|$)/, variable: 'XDG_BIN_HOME', path: (env) => env.XDG_BIN_HOME || home('.local/bin') },
  { pattern: /^\$(\{CARGO_HOME\}|CARGO_HOME)(?=\/|$)/, variable: 'CARGO_HOME', path: (env) => env.CARGO_HOME || home('.cargo') },
  { pattern: /^\$(\{PNPM_HOME\}|PNPM_HOME)(?=\/|$)/, variable: 'PNPM_HOME', path: (env) => env.PNPM_HOME || home('.local/share/pnpm') },
  { pattern: /^\$(\{BUN_INSTALL\}|BUN_INSTALL)(?=\/|$)/, variable: 'BUN_INSTALL', path: (env) => env.BUN_INSTALL || home('.bun') },
  { pattern: /^\$(\{VOLTA_HOME\}|VOLTA_HOME)(?=\/|$)/, variable: 'VOLTA_HOME', path: (env) => env.VOLTA_HOME || home('.volta') },
  { pattern: /^\$(\{DENO_INSTALL\}|DENO_INSTALL)(?=\/|$)/, variable: 'DENO_INSTALL', path: (env) => env.DENO_INSTALL || home('.deno') },
  { pattern: /^\$\(\s*python[\d.]*\s+-m\s+site\s+--user-site\s*\)/, path: userSite },
  { pattern: /^\$\(\s*python[\d.]*\s+-m\s+site\s+--user-base\s*\)/, path: () => home('.local') },
  // `python3 -c 'import site; print(site.getsitepackages()[0])'`, `sysconfig.get_paths()["purelib"]`: a site folder.
  { pattern: /^\$\(\s*python[\d.]*\s+-c\s+(['"])[^'"]*\b(site|sysconfig|distutils)\b[^'"]*\1\s*\)/, path: userSite },
  { pattern: /^\$\(\s*npm\s+(bin\s+(-g|--global)\s*\)|prefix\s+(-g|--global)\s*\)\/bin)/, path: () => '/usr/local/bin' },
  { pattern: /^\$\(\s*npm\s+prefix\s+(-g|--global)\s*\)/, path: () => '/usr/local' },
  { pattern: /^\$\(\s*npm\s+root\s+(-g|--global)\s*\)/, path: () => '/usr/local/lib/node_modules' },
  { pattern: /^\$\(\s*pyenv\s+root\s*\)/, path: (env) => env.PYENV_ROOT || home('.pyenv') },
];

/** The installed-program or package folder a path starts with, and how many characters name it. */
export function queriedFolder(path: string, setInLine: (name: string) => boolean, env: Env = process.env): { path: string; length: number } | undefined {
  for (const f of FOLDERS) {
    if (f.variable && setInLine(f.variable)) continue;
    const m = f.pattern.exec(path);
    if (m) return { path: f.path(env), length: m[0].length };
  }
  return undefined;
}
