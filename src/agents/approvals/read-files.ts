// The files a command reads as code, plan or configuration, hashed: an approval covers what runs,
// not only its text. Found from (1) what the intake says an action read (`details.readsFiles`,
// filled by the modules that follow scripts, Makefiles, package.json, plans and manifests), (2)
// the file an action came from (`source.file`), (3) every operand of the command that names an
// existing file or folder (`terraform apply tfplan`, `kubectl apply -f k8s/`, `psql -f x.sql`,
// `bash deploy.sh`), and (4) the files a runner reads implicitly (Makefile, package.json, *.tf).
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Action } from '../../model.js';
import { STATE_DIR_NAME } from '../../config/file-names.js';

/** Files a runner reads without naming them, relative to the folder it runs in. */
const IMPLICIT: Readonly<Record<string, (argv: string[]) => string[]>> = {
  make: (argv) => (argv.includes('-f') ? [] : ['Makefile', 'makefile', 'GNUmakefile']),
  gmake: (argv) => (argv.includes('-f') ? [] : ['Makefile', 'makefile', 'GNUmakefile']),
  npm: () => ['package.json'],
  pnpm: () => ['package.json'],
  yarn: () => ['package.json'],
  bun: () => ['package.json'],
  just: () => ['justfile', 'Justfile', '.justfile'],
  task: () => ['Taskfile.yml', 'Taskfile.yaml', 'taskfile.yml'],
  terraform: (argv) => (/^(apply|destroy|plan|import|refresh|state)$/.test(argv[1] ?? '') ? ['*.tf', '*.tfvars', '*.auto.tfvars', '.terraform.lock.hcl'] : []),
  tofu: (argv) => (/^(apply|destroy|plan|import|refresh|state)$/.test(argv[1] ?? '') ? ['*.tf', '*.tfvars', '*.auto.tfvars', '.terraform.lock.hcl'] : []),
  terragrunt: () => ['terragrunt.hcl', '*.tf'],
  docker: (argv) => (argv[1] === 'compose' ? ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] : []),
  'docker-compose': () => ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'],
  cdk: () => ['cdk.json'],
  sam: () => ['template.yaml', 'template.yml', 'samconfig.toml'],
  serverless: () => ['serverless.yml', 'serverless.yaml'],
  sls: () => ['serverless.yml', 'serverless.yaml'],
  pulumi: () => ['Pulumi.yaml'],
  helmfile: () => ['helmfile.yaml'],
  ansible: () => ['ansible.cfg'],
  'ansible-playbook': () => ['ansible.cfg'],
};

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_FILES = 2000;
const SKIP_DIRS = new Set(['.git', 'node_modules', STATE_DIR_NAME, '.terraform']);

/** path (relative to cwd, or absolute outside it) -> sha256 of the content (or of a folder's files). */
export async function readFileHashes(commands: string[], actions: Pick<Action, 'details' | 'source'>[], cwd: string): Promise<Record<string, string>> {
  const paths = new Set<string>();
  for (const a of actions) {
    const reads = a.details?.readsFiles;
    if (Array.isArray(reads)) for (const f of reads) if (typeof f === 'string') paths.add(resolve(cwd, f));
    if (a.source.file) paths.add(resolve(cwd, a.source.file));
  }
  for (const p of await operandFiles(commands, cwd)) paths.add(p);
  const out: Record<string, string> = {};
  for (const p of [...paths].sort()) {
    if (p.split('/').some((seg) => SKIP_DIRS.has(seg))) continue;
    const hash = await hashPath(p);
    if (hash) out[p.startsWith(`${cwd}/`) ? relative(cwd, p) : p] = hash;
  }
  return out;
}

async function operandFiles(commands: string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  let parsed: import('../../intake/shell/syntax.js').SimpleCommand[];
  const { parseShell } = await import('../../intake/shell/parser.js');
  for (const command of commands) {
    try {
      parsed = parseShell(command);
    } catch {
      continue;
    }
    let dir = cwd;
    for (const cmd of parsed) {
      const argv = cmd.words.map((w) => w.value).filter((w) => !w.includes('$'));
      const name = (argv[0] ?? '').split('/').pop() ?? '';
      if ((name === 'cd' || name === 'pushd') && argv[1]) {
        dir = resolve(dir, argv[1].replace(/^~(?=\/|$)/, process.env.HOME ?? '~'));
        continue;
      }
      const chdir = argv.find((a) => a.startsWith('-chdir='))?.slice('-chdir='.length);
      const runIn = chdir ? resolve(dir, chdir) : dir;
      for (const arg of argv) {
        const value = arg.startsWith('-') ? (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : '') : arg;
        if (!value || value.length > 1024 || /^[a-z]+:\/\//i.test(value)) continue;
        const p = resolve(dir, value.replace(/^~(?=\/|$)/, process.env.HOME ?? '~').replace(/^file:\/\//, ''));
        if (p !== cwd && kind(p)) found.push(p);
      }
      for (const pattern of IMPLICIT[name]?.(argv) ?? []) found.push(...expand(runIn, pattern));
      for (const r of cmd.redirects) if (r.op === '<' && r.target) found.push(resolve(dir, r.target.value));
    }
  }
  return found;
}

function expand(dir: string, pattern: string): string[] {
  if (!pattern.includes('*')) return kind(join(dir, pattern)) === 'file' ? [join(dir, pattern)] : [];
  const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
  try {
    return readdirSync(dir).filter((n) => re.test(n)).map((n) => join(dir, n));
  } catch {
    return [];
  }
}

function kind(p: string): 'file' | 'dir' | undefined {
  let s: Stats;
  try {
    s = statSync(p);
  } catch {
    return undefined;
  }
  return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : undefined;
}

async function hashPath(p: string): Promise<string | undefined> {
  const k = kind(p);
  if (k === 'file') return hashFile(p);
  if (k !== 'dir') return undefined;
  const files: string[] = [];
  const walk = (d: string) => {
    if (files.length >= MAX_FILES) return;
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (SKIP_DIRS.has(n)) continue;
      const q = join(d, n);
      const t = kind(q);
      if (t === 'file') files.push(q);
      else if (t === 'dir') walk(q);
      if (files.length >= MAX_FILES) return;
    }
  };
  walk(p);
  const h = createHash('sha256');
  for (const f of files) h.update(`${relative(p, f)}\0${await hashFile(f)}\n`);
  if (files.length >= MAX_FILES) h.update('(truncated)');
  return `dir:${h.digest('hex')}`;
}

function hashFile(p: string): Promise<string> {
  const size = statSync(p).size;
  if (size > MAX_FILE_BYTES) {
    // Too large to read on every call: its size and modification time stand for it.
    const s = statSync(p);
    return Promise.resolve(`large:${s.size}:${s.mtimeMs}`);
  }
  return new Promise((done) => {
    const h = createHash('sha256');
    createReadStream(p)
      .on('data', (c) => h.update(c))
      .on('end', () => done(h.digest('hex')))
      .on('error', (e) => done(`unreadable:${(e as NodeJS.ErrnoException).code ?? 'error'}`));
  });
}
