// Thin, promise-based git plumbing. Everything reads objects by revision; nothing touches the work tree.
import { execFile, spawn } from 'node:child_process';
import { CiError } from './errors.js';
import { safeGit } from '../util/safe-git.js';

export interface Git {
  cwd: string;
}

const MAX_BUFFER = 256 * 1024 * 1024;

export function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // The gate's own fetches need the remote as configured; nothing else the checkout configures runs.
    const safe = safeGit(args, { cwd, remote: args[0] === 'fetch' });
    execFile(safe.file, safe.args, { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: safe.env }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(new Error(`git ${args.join(' ')}: ${stderr.trim() || error.message}`), { stderr }));
      else resolve(stdout);
    });
  });
}

export async function tryGit(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    return await git(cwd, args);
  } catch {
    return undefined;
  }
}

export async function hasCommit(cwd: string, rev: string): Promise<boolean> {
  return (await tryGit(cwd, ['cat-file', '-e', `${rev}^{commit}`])) !== undefined;
}

export async function resolveCommit(cwd: string, rev: string): Promise<string> {
  const sha = await tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]);
  if (!sha) throw new CiError(`revision "${rev}" is not a commit in ${cwd}`);
  return sha.trim();
}

export interface ChangedFile {
  status: 'A' | 'M' | 'D' | 'R';
  path: string;
  /** For renames: the path at the base revision. */
  oldPath?: string;
}

/** Files that differ between two commits (renames detected), paths relative to the repository root. */
export async function changedFiles(cwd: string, base: string, head: string): Promise<ChangedFile[]> {
  const out = await git(cwd, ['diff', '--name-status', '-z', '-M', base, head]);
  const parts = out.split('\0').filter((p) => p !== '');
  const files: ChangedFile[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++][0];
    if (code === 'R' || code === 'C') {
      const oldPath = parts[i++];
      const path = parts[i++];
      files.push({ status: 'R', path, oldPath });
    } else {
      const path = parts[i++];
      files.push({ status: code === 'A' ? 'A' : code === 'D' ? 'D' : 'M', path });
    }
  }
  return files;
}

/** Every file path at a revision (used to read whole Terraform modules). */
export async function listFiles(cwd: string, rev: string): Promise<string[]> {
  const out = await git(cwd, ['ls-tree', '-r', '-z', '--name-only', rev]);
  return out.split('\0').filter((p) => p !== '');
}

/** Blob ids of files at a revision: path -> object id. */
export async function blobIds(cwd: string, rev: string, paths?: string[]): Promise<Map<string, string>> {
  const out = await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', rev, ...(paths ? ['--', ...paths] : [])]);
  const ids = new Map<string, string>();
  for (const line of out.split('\0')) {
    if (!line) continue;
    const tab = line.indexOf('\t');
    const [, type, id] = line.slice(0, tab).split(' ');
    if (type === 'blob') ids.set(line.slice(tab + 1), id);
  }
  return ids;
}

/** Reads many blobs in one `git cat-file --batch` process: object id -> text. */
export function readBlobs(cwd: string, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const safe = safeGit(['cat-file', '--batch'], { cwd });
    const child = spawn(safe.file, safe.args, { cwd, env: safe.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file --batch: ${stderr.trim() || `exit ${code}`}`));
      resolve(parseBatch(Buffer.concat(chunks)));
    });
    child.stdin.end(unique.join('\n') + '\n');
  });
}

function parseBatch(buffer: Buffer): Map<string, string> {
  const blobs = new Map<string, string>();
  let at = 0;
  while (at < buffer.length) {
    const newline = buffer.indexOf(10, at);
    if (newline < 0) break;
    const header = buffer.subarray(at, newline).toString('utf8').split(' ');
    at = newline + 1;
    if (header[1] === 'missing') continue;
    const size = Number(header[2]);
    blobs.set(header[0], buffer.subarray(at, at + size).toString('utf8'));
    at += size + 1;
  }
  return blobs;
}

/** Line numbers (1-based, head side) that a change adds or modifies in one file. */
export async function addedLines(cwd: string, base: string, head: string, path: string, oldPath = path): Promise<Set<number>> {
  const out = await git(cwd, ['diff', '-U0', '--no-color', base, head, '--', oldPath, path]);
  const lines = new Set<number>();
  for (const match of out.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    for (let line = start; line < start + count; line++) lines.add(line);
  }
  return lines;
}

export interface CommitInfo {
  sha: string;
  authorName: string;
  authorEmail: string;
  committerName: string;
  committerEmail: string;
  /** Full message, trailers included. */
  message: string;
}

/** Commits reachable from head but not from base, newest first. */
export async function commitsBetween(cwd: string, base: string, head: string): Promise<CommitInfo[]> {
  const out = await git(cwd, ['log', '-z', '--format=%H%x1f%an%x1f%ae%x1f%cn%x1f%ce%x1f%B', `${base}..${head}`]);
  return out
    .split('\0')
    .filter((record) => record.trim() !== '')
    .map((record) => {
      const [sha, authorName, authorEmail, committerName, committerEmail, message] = record.replace(/^\n/, '').split('\x1f');
      return { sha, authorName, authorEmail, committerName, committerEmail, message: message ?? '' };
    });
}

export async function mergeBase(cwd: string, a: string, b: string): Promise<string | undefined> {
  return (await tryGit(cwd, ['merge-base', a, b]))?.trim() || undefined;
}
