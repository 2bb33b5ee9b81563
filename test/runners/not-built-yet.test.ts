// Programs not in the checkout yet, judged by what the project's committed recipe or lockfile puts
// there: the evidence names that proof, and each missing piece of it is said when the command stops.
import { describe, expect, it } from 'vitest';
import type { PackageJson } from '../../src/intake/shell/runners/node/package-json.js';
import { selectPackages } from '../../src/intake/shell/runners/node/package-json.js';
import { makefile, verdictIn } from './helpers.js';

const MAKEFILE = makefile(`TOOLS_DIR := ./internal/tools
MISSPELL = $(TOOLS_DIR)/bin/misspell

$(MISSPELL):
>cd $(TOOLS_DIR) && go build -o bin/misspell github.com/client9/misspell/cmd/misspell
`);
const TOOLS = {
  Makefile: MAKEFILE,
  'internal/tools/go.mod': 'module example.com/x/internal/tools\n\ngo 1.22\n\nrequire github.com/client9/misspell v0.3.4\n',
  'README.md': '# x\n',
};

const LOCK = (entry: Record<string, unknown>) => JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/typescript-native': entry } });
const TS = { name: 'typescript', version: '5.6.3', resolved: 'https://registry.npmjs.org/typescript/-/typescript-5.6.3.tgz', integrity: 'sha512-AAAA', bin: { tsc: 'bin/tsc', tsserver: 'bin/tsserver' } };

describe('a Makefile rule that builds a known Go tool', () => {
  it('judges the path as the tool (misspell reads and fixes docs: it passes)', async () => {
    expect((await verdictIn(TOOLS, './internal/tools/bin/misspell -error README.md')).verdict).toBe('pass');
  });

  it('leaves the path unknown when the line changes the Makefile first', async () => {
    const { verdict, why } = await verdictIn(TOOLS, 'echo x >> Makefile; ./internal/tools/bin/misspell -w README.md');
    expect(verdict).not.toBe('pass');
    expect(why).toContain('does not exist (yet)');
  });

  it('says why when the rule builds a package only named like the tool', async () => {
    const { verdict, why } = await verdictIn({ ...TOOLS, Makefile: MAKEFILE.replace('client9/misspell', 'evil-corp/misspell') }, './internal/tools/bin/misspell -w README.md');
    expect(verdict).not.toBe('pass');
    expect(why).toContain('github.com/evil-corp/misspell/cmd/misspell, which is not a tool Firebreak knows by its import path');
  });

  it('says why when go.mod replaces the module', async () => {
    const files = { ...TOOLS, 'internal/tools/go.mod': `${TOOLS['internal/tools/go.mod']}\nreplace github.com/client9/misspell => ../fork\n` };
    const { verdict, why } = await verdictIn(files, './internal/tools/bin/misspell -w README.md');
    expect(verdict).not.toBe('pass');
    expect(why).toContain('replaces its module github.com/client9/misspell with other code');
  });
});

describe('a package program pinned by package-lock.json', () => {
  const files = (entry: Record<string, unknown>) => ({ 'package.json': '{"name":"app","devDependencies":{"typescript-native":"npm:typescript@~5.6.0"}}\n', 'package-lock.json': LOCK(entry) });

  it('judges node ./node_modules/ALIAS/bin/tsc as tsc (it passes)', async () => {
    expect((await verdictIn(files(TS), 'node ./node_modules/typescript-native/bin/tsc --noEmit')).verdict).toBe('pass');
  });

  it('says why for a bin that is not the package program', async () => {
    const { verdict, why } = await verdictIn(files(TS), 'node ./node_modules/typescript-native/bin/tsserver');
    expect(verdict).not.toBe('pass');
    expect(why).toContain('bin/tsserver is not its program tsc');
  });

  it('says why for a tarball from another host', async () => {
    const { verdict, why } = await verdictIn(files({ ...TS, resolved: 'https://evil.example.com/t.tgz' }), 'node ./node_modules/typescript-native/bin/tsc');
    expect(verdict).not.toBe('pass');
    expect(why).toContain('does not pin node_modules/typescript-native to a package of the public registry with an integrity hash');
  });
});

describe('pnpm path-glob filters', () => {
  const pkg = (dir: string, name: string) => ({ dir: `/r/${dir}`, name, scripts: {}, dependencies: new Set<string>(), workspaces: [], file: { path: '', shown: '', text: '' } }) as unknown as PackageJson;
  const packages = [pkg('packages/vite', 'vite'), pkg('packages/a/b', 'ab'), pkg('playground/x', 'px')];
  const root = { ...pkg('', 'root'), dir: '/r' } as PackageJson;
  const names = (f: string) => selectPackages(packages, root, f).map((p) => p.name);

  it('selects folders one level below with *, any depth with **', () => {
    expect(names('./packages/*')).toEqual(['vite']);
    expect(names('./packages/**')).toEqual(['vite', 'ab']);
    expect(names('./playground/*')).toEqual(['px']);
  });
});
