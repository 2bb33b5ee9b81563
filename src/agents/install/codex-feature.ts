// Codex runs hooks only with `codex_hooks = true` under [features] in config.toml. A line edit,
// not a TOML rewrite, so the rest of the file stays as the user wrote it.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';

export function enableCodexHooks(toml: string): string {
  if (/^\s*codex_hooks\s*=\s*true\b/m.test(toml)) return toml;
  if (/^\s*codex_hooks\s*=/m.test(toml)) return toml.replace(/^(\s*codex_hooks\s*=\s*).*$/m, '$1true');
  if (/^\s*\[features\]\s*$/m.test(toml)) return toml.replace(/^(\s*\[features\]\s*)$/m, '$1\ncodex_hooks = true');
  const sep = toml && !toml.endsWith('\n') ? '\n' : '';
  return `${toml}${sep}${toml ? '\n' : ''}[features]\ncodex_hooks = true\n`;
}

export async function ensureCodexHooks(file: string): Promise<boolean> {
  const before = await readFile(file, 'utf8').catch(() => '');
  const after = enableCodexHooks(before);
  if (after === before) return false;
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, after);
  return true;
}
