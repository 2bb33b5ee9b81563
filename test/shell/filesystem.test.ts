import { describe, expect, it } from 'vitest';
import { actions, evidenceText } from './helpers.js';

describe('rm', () => {
  it.each([
    ['rm -rf /', '/', 'irreversible', /filesystem root/],
    ['rm -rf /*', '/*', 'irreversible', /matches everything/],
    ['rm -fr ~', '~', 'irreversible', /home directory/],
    ['rm -Rf $HOME', '$HOME', 'irreversible', /home directory/],
    ['rm --recursive --force "${HOME}"', '${HOME}', 'irreversible', /home directory/],
    ['rm -rf ~/*', '~/*', 'irreversible', /matches everything/],
    ['rm -rf /etc', '/etc', 'irreversible', /system directory/],
    ['rm -rf /usr/lib', '/usr/lib', 'irreversible', /system directory/],
    ['rm -rf "$BUILD_DIR/"', '$BUILD_DIR/', 'irreversible', /unresolved variable \$BUILD_DIR; if it is empty the path becomes \//],
    ['rm -rf *', '*', 'irreversible', /matches everything/],
    ['rm -rf .', '.', 'irreversible', /whole working directory/],
    ['rm -r -f ../../', '../../', undefined, /climbs out/],
    ['rm -rf build dist', 'build', undefined, /recursive/],
  ])('%s', async (cmd, id, reversibility, why) => {
    const [a] = await actions(cmd);
    expect(a).toMatchObject({ operation: 'delete', tool: 'rm', target: { type: 'fs:path', id } });
    expect(a.intrinsic?.reversibility).toBe(reversibility);
    expect(evidenceText(a)).toMatch(why);
  });

  it('non-recursive rm of a workspace file is a delete within the workspace, reversibility unknown', async () => {
    const [a] = await actions('rm src/old.ts');
    expect(a).toMatchObject({ operation: 'delete', scope: 'resource', details: { withinWorkspace: true, recursive: false } });
    expect(a.intrinsic).toBeUndefined();
  });

  it('rm *.log and rm -rf build/* are workspace globs: not irreversible by themselves', async () => {
    const [a] = await actions('rm -f *.log');
    expect(a).toMatchObject({ scope: 'resource', details: { withinWorkspace: true } });
    expect(a.intrinsic).toBeUndefined();
    const [b] = await actions('rm -rf build/*');
    expect(b.intrinsic).toBeUndefined();
    expect(evidenceText(b)).toMatch(/matches everything in build/);
  });

  it('globs outside the workspace are unbounded', async () => {
    const [a] = await actions('rm -rf /var/lib/app/*');
    expect(a).toMatchObject({ scope: 'unknown', details: { danger: 'unbounded-glob' }, intrinsic: { reversibility: 'irreversible' } });
    const [b] = await actions('rm -rf ../*');
    expect(b.intrinsic?.reversibility).toBe('irreversible');
  });

  it('variables assigned in the line are resolved', async () => {
    const [a] = await actions('DIR=/ && rm -rf $DIR');
    expect(a.intrinsic?.reversibility).toBe('irreversible');
    expect(a.details?.danger).toBe('root');
  });

  it('cd / && rm -rf * deletes the root', async () => {
    const [a] = await actions('cd / && rm -rf *');
    expect(a.details?.danger).toBe('root');
    expect(a.intrinsic?.reversibility).toBe('irreversible');
    expect(a.details?.withinWorkspace).toBe(false);
  });

  it('--no-preserve-root is evidence; rm -- -weird is a path', async () => {
    expect(evidenceText((await actions('rm -rf --no-preserve-root /'))[0])).toMatch(/no-preserve-root/);
    expect((await actions('rm -- -weird'))[0].target.id).toBe('-weird');
  });

  it('rm with no operands does nothing', async () => {
    expect(await actions('rm -rf')).toEqual([]);
  });
});

describe('other destructive file commands', () => {
  it('shred -u, unlink, truncate', async () => {
    const [s] = await actions('shred -u -n 3 secrets.txt');
    expect(s).toMatchObject({ operation: 'delete', target: { id: 'secrets.txt' } });
    expect(s.intrinsic?.reversibility).toBe('irreversible');
    expect((await actions('unlink data.db'))[0]).toMatchObject({ operation: 'delete', target: { id: 'data.db' } });
    // truncate is a file write: routine in the workspace, judged like rm outside it.
    expect(await actions('truncate -s 0 app.log')).toEqual([]);
    const [t] = await actions('truncate -s 0 /var/log/app.log');
    expect(t).toMatchObject({ operation: 'update', target: { id: '/var/log/app.log' }, details: { location: 'system' } });
  });

  it('dd of=/dev/sdX destroys the device; dd to a file is an update; dd to stdout is nothing', async () => {
    const [d] = await actions('sudo dd if=/dev/zero of=/dev/nvme0n1 bs=1M');
    expect(d).toMatchObject({ operation: 'delete', target: { id: '/dev/nvme0n1' } });
    expect(d.intrinsic?.reversibility).toBe('irreversible');
    expect(await actions('dd if=a of=b.img')).toEqual([]);
    expect((await actions('dd if=a of=/var/lib/mysql/ibdata1'))[0]).toMatchObject({ operation: 'update', details: { location: 'database-data' } });
    expect(await actions('dd if=/dev/urandom bs=16 count=1 | base64')).toEqual([]);
  });

  it('mkfs and wipefs destroy the device', async () => {
    expect((await actions('mkfs.ext4 -F /dev/xvdf'))[0]).toMatchObject({ operation: 'delete', target: { id: '/dev/xvdf' }, intrinsic: { reversibility: 'irreversible' } });
    expect((await actions('wipefs -a /dev/sdb'))[0].operation).toBe('delete');
  });
});
