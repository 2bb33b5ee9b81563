import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { provisionedPython } from './python-provision.js';

const run = promisify(execFile);

/**
 * Candidate interpreters, best first: FIREBREAK_PYTHON, versioned names on PATH, pyenv builds, the
 * portable Python provisioned earlier (python-provision.ts), python3.
 */
function candidates(): string[] {
  const list: string[] = [];
  if (process.env.FIREBREAK_PYTHON) list.push(process.env.FIREBREAK_PYTHON);
  list.push('python3.14', 'python3.13', 'python3.12');
  const pyenvRoot = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  try {
    const versions = readdirSync(join(pyenvRoot, 'versions'))
      .filter((v) => /^3\.\d+\.\d+$/.test(v))
      .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
    for (const v of versions) list.push(join(pyenvRoot, 'versions', v, 'bin', 'python'));
  } catch {
    /* no pyenv */
  }
  list.push(provisionedPython());
  list.push('python3');
  return list;
}

async function versionOf(python: string): Promise<[number, number] | undefined> {
  try {
    const { stdout } = await run(python, ['-c', 'import sys; print(sys.version_info[0], sys.version_info[1])']);
    const [major, minor] = stdout.trim().split(' ').map(Number);
    return [major, minor];
  } catch {
    return undefined;
  }
}

/** The first Python at least `min` (e.g. [3, 12]); throws with what to install otherwise. */
export async function findPython(min: readonly [number, number]): Promise<string> {
  const seen: string[] = [];
  for (const python of candidates()) {
    const v = await versionOf(python);
    if (!v) continue;
    seen.push(`${python} (${v.join('.')})`);
    if (v[0] > min[0] || (v[0] === min[0] && v[1] >= min[1])) return python;
  }
  throw new Error(
    `no Python >= ${min.join('.')} found (tried: ${seen.join(', ') || 'none'}). ` +
      `Install one (e.g. pyenv install ${min.join('.')}, or your distribution's python${min.join('.')}) or set FIREBREAK_PYTHON to its path.`,
  );
}
