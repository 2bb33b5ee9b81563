import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CFN_FIXTURES = '/work/shared/fixtures/public/cloudformation';

export function cfnFixture(relative: string): string {
  return readFileSync(join(CFN_FIXTURES, relative), 'utf8');
}

/** A real git repository in a temp directory; commit() writes files (null deletes) and commits. */
export class TempRepo {
  readonly dir: string;
  constructor(prefix = 'firebreak-ci-') {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.git('init', '-q', '-b', 'main');
    this.git('config', 'user.name', 'Dev Person');
    this.git('config', 'user.email', 'dev@example.com');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(files: Record<string, string | null>): void {
    for (const [path, text] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (text === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
    }
  }

  commit(message: string, files: Record<string, string | null>, author?: string): string {
    this.write(files);
    this.git('add', '-A');
    this.git('commit', '-q', '--no-verify', '-m', message, ...(author ? ['--author', author] : []));
    return this.git('rev-parse', 'HEAD').trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Edits exactly one occurrence, so a fixture change fails loudly. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`not found: ${needle}`);
  return text.slice(0, index).split('\n').length;
}
