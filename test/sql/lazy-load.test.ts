// The PostgreSQL parser (WebAssembly) loads only for SQL: a real process classifies `npm test`
// without it, and loads it for a psql command.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('lazy loading of the SQL parser', () => {
  it('no module of the shell intake imports libpg-query statically', () => {
    const postgres = readFileSync(resolve(ROOT, 'src/intake/shell/sql/postgres.ts'), 'utf8');
    expect(postgres).toMatch(/await import\('libpg-query'\)/);
    expect(postgres).not.toMatch(/^import [^;]* from 'libpg-query'/m);
  });

  it('a real process classifies npm test without the parser and psql with it', () => {
    // A workspace whose test script runs vitest: `npm test` is read there, and is no SQL.
    const workspace = mkdtempSync(join(tmpdir(), 'firebreak-sql-lazy-'));
    writeFileSync(join(workspace, 'package.json'), JSON.stringify({ name: 'app', scripts: { test: 'vitest run' } }));
    const probe = (command: string) => execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `
      const { parseShellCommand } = await import(${JSON.stringify(resolve(ROOT, 'src/intake/shell/index.ts'))});
      const { registerHooks } = await import('node:module');
      const seen = [];
      registerHooks({ resolve(spec, ctx, next) { if (spec.includes('libpg-query')) seen.push(spec); return next(spec, ctx); } });
      const actions = await parseShellCommand(${JSON.stringify(command)}, {}, { cwd: ${JSON.stringify(workspace)} });
      process.stdout.write(JSON.stringify({ loaded: seen.length > 0, actions: actions.map((a) => a.operation) }));
    `], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(probe('npm test && ls -la | grep src'))).toEqual({ loaded: false, actions: [] });
    expect(JSON.parse(probe('psql -h prod -c "DROP TABLE users"'))).toEqual({ loaded: true, actions: ['delete'] });
  });
});
