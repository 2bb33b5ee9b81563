import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../../src/util/atomic-write.js';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-atomic-'));
  folders.push(dir);
  return dir;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The temp name writeFileAtomic takes when Math.random() returns `random`. */
const tempName = (file: string, random: number) => `.${file}.${process.pid}.${Math.floor(random * 0x1_0000_0000).toString(16).padStart(8, '0')}.tmp`;

describe('writeFileAtomic', () => {
  it('writes text, bytes and pieces, and leaves no temp file behind', async () => {
    const dir = folder();
    await writeFileAtomic(join(dir, 'a.txt'), 'text');
    await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([104, 105]));
    await writeFileAtomic(join(dir, 'c.json'), ['{', '"k": 1', '}']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('text');
    expect(readFileSync(join(dir, 'b.bin'), 'utf8')).toBe('hi');
    expect(readFileSync(join(dir, 'c.json'), 'utf8')).toBe('{"k": 1}');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin', 'c.json']);
  });

  it('never opens a temp name that is already there: a file or a planted link is left alone and another name is taken', async () => {
    const dir = folder();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep');
    const random = vi.spyOn(Math, 'random');
    random.mockReturnValueOnce(0.25).mockReturnValueOnce(0.5).mockReturnValueOnce(0.75);
    symlinkSync(victim, join(dir, tempName('report.json', 0.25)));
    writeFileSync(join(dir, tempName('report.json', 0.5)), 'someone else');
    await writeFileAtomic(join(dir, 'report.json'), 'report');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('report');
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(readFileSync(join(dir, tempName('report.json', 0.5)), 'utf8')).toBe('someone else');
    expect(random).toHaveBeenCalledTimes(3);
  });

  it('gives up after a bounded number of taken names, writing nothing', async () => {
    const dir = folder();
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    writeFileSync(join(dir, tempName('report.json', 0.5)), 'taken');
    await expect(writeFileAtomic(join(dir, 'report.json'), 'report')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readdirSync(dir)).toEqual([tempName('report.json', 0.5)]);
  });
});
