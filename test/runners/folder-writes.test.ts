// Folders a line fills with files it does not name, and the build products they may replace.
import { describe, expect, it } from 'vitest';
import { filledOutOfSight, noteRebuilt, recordFolderWrites } from '../../src/intake/shell/runners/folder-writes.js';
import type { ShellState } from '../../src/intake/shell/walk.js';

const line = (...commands: string[][]) => {
  const state = { files: new Map(), env: {} } as unknown as ShellState;
  for (const argv of commands) {
    if (argv[0] === 'go') noteRebuilt(state, argv[argv.indexOf('-o') + 1]!);
    else recordFolderWrites(argv[0]!, argv, state);
  }
  return state;
};

describe('a folder filled out of sight', () => {
  it('holds whatever the archive, download or copy brought, there or below when it may nest', () => {
    expect(filledOutOfSight(line(['tar', '-xf', 'x.tar', '-C', 'bin']), 'bin/app')).toBe('bin');
    expect(filledOutOfSight(line(['unzip', '-o', 'x.zip', '-d', 'bin/']), 'bin/app')).toBe('bin');
    expect(filledOutOfSight(line(['tar', 'xzf', 'x.tgz']), 'bin/app')).toBe('.');
    expect(filledOutOfSight(line(['curl', '-sSLO', '--output-dir', 'bin', 'https://x/app']), 'bin/app')).toBe('bin');
    expect(filledOutOfSight(line(['wget', '-P', 'bin', 'https://x/app']), 'bin/app')).toBe('bin');
    expect(filledOutOfSight(line(['cp', '-r', '/tmp/x/.', 'bin/']), 'bin/app')).toBe('bin');
    expect(filledOutOfSight(line(['docker', 'cp', 'c:/app', 'bin/app']), 'bin/app')).toBe('bin/app');
  });
  it('does not reach a file the download cannot land on, a named output, or a build made since', () => {
    expect(filledOutOfSight(line(['curl', '-sSLO', 'https://x/data.csv']), 'bin/app')).toBeUndefined();
    expect(filledOutOfSight(line(['wget', '-O', 'data.csv', 'https://x/d']), 'data.csv')).toBeUndefined();
    expect(filledOutOfSight(line(['tar', '-xf', 'x.tar', '-C', 'public']), 'bin/app')).toBeUndefined();
    expect(filledOutOfSight(line(['tar', '-cf', 'x.tar', 'bin']), 'bin/app')).toBeUndefined();
    expect(filledOutOfSight(line(['tar', '-xf', 'x.tar', '-C', 'bin'], ['go', 'build', '-o', 'bin/app']), 'bin/app')).toBeUndefined();
    expect(filledOutOfSight(line(['go', 'build', '-o', 'bin/app'], ['tar', '-xf', 'x.tar', '-C', 'bin']), 'bin/app')).toBe('bin');
  });
});
