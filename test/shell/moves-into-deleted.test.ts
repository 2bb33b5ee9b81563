// Moves and links a line makes before it deletes (src/intake/shell/moves.ts): the delete reaches what was
// moved in, or what a link it goes through points to. Real files in temporary workspaces.
import { describe, expect, it } from 'vitest';
import { actionsIn, evidenceOf, summaryIn } from '../runners/helpers.js';

const WS = { 'dist/app.js': 'x\n', 'prod.db': 'data', 'src/a.ts': 'x\n' };
const targets = async (cmd: string) => (await summaryIn(WS, cmd)).map((s) => s.split(' ').slice(3).join(' '));

describe('deletes that reach what the line moved', () => {
  it.each([
    ['mv prod.db dist/ && rm -rf dist', ['dist', 'prod.db']],
    ['mv -t dist prod.db; rm -rf dist', ['dist', 'prod.db']],
    ['mv prod.db dist/x.db && rm -rf dist/*', ['dist/*', 'prod.db']],
    ['D=dist; mv prod.db $D/ && rm -rf $D', ['dist', 'prod.db']],
    ['mv prod.db newdir && rm -rf newdir', ['prod.db']],
    ['mv src dist/ && rm -rf dist/src/a.ts', ['src/a.ts']],
    ['rsync -a --remove-source-files src/ dist/ && rm -rf dist', ['src/', 'dist', 'src/']],
    ['ln -s /var/lib/postgresql dist/pg && rm -rf dist/pg/', ['dist/pg/', '/var/lib/postgresql']],
    ['ln -s /var/lib/postgresql dist/pg && rm -rf dist/pg/main', ['dist/pg/main', '/var/lib/postgresql/main']],
  ])('%s', async (cmd, expected) => {
    expect(await targets(cmd)).toEqual(expected);
  });

  it.each([
    ['cp -r src dist && rm -rf dist', ['dist']],
    ['rsync -a src/ dist/ && rm -rf dist', ['dist']],
    ['tar -xf x.tar -C dist && rm -rf dist', ['dist']],
    ['ln -s /var/lib/postgresql dist/pg && rm -rf dist', ['dist']],
    ['ln -s /var/lib/postgresql dist/pg && rm -f dist/pg', ['dist/pg']],
    ['rm -rf dist && mv prod.db dist', ['dist']],
  ])('%s: copies, links rm does not follow, and moves after the delete add nothing', async (cmd, expected) => {
    expect(await targets(cmd)).toEqual(expected);
  });

  it('the evidence says what moved where', async () => {
    const a = await actionsIn(WS, 'mv prod.db dist/ && rm -rf dist');
    expect(evidenceOf(a[1])).toMatch(/mv moved prod\.db to dist\/prod\.db earlier in this command, so deleting dist deletes it/);
  });
});
