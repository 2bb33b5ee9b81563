// find's -name / -path patterns read as fnmatch: sets, negated sets, case, and what * and ? cross.
import { describe, expect, it } from 'vitest';
import { findPattern } from '../../src/util/find-pattern.js';

describe('findPattern', () => {
  it('reads [...] as a set, not as the brackets themselves', () => {
    expect(findPattern('.[g]it', false).test('.git')).toBe(true);
    expect(findPattern('[.]git', false).test('.git')).toBe(true);
    expect(findPattern('*.py[co]', false).test('a.pyc')).toBe(true);
    expect(findPattern('*.py[co]', false).test('a.pyx')).toBe(false);
  });
  it('reads [!...] and [^...] as a negated set', () => {
    expect(findPattern('.gi[!x]', false).test('.git')).toBe(true);
    expect(findPattern('.gi[^t]', false).test('.git')).toBe(false);
  });
  it('matches a leading dot with * and ? (find has no FNM_PERIOD)', () => {
    expect(findPattern('*', false).test('.git')).toBe(true);
    expect(findPattern('?git', false).test('.git')).toBe(true);
  });
  it('ignores case for -iname / -ipath', () => {
    expect(findPattern('.GIT', true).test('.git')).toBe(true);
    expect(findPattern('.GIT', false).test('.git')).toBe(false);
  });
  it('lets * cross / in a path pattern only', () => {
    expect(findPattern('./*/x', false, true).test('./a/b/x')).toBe(true);
    expect(findPattern('a*', false).test('a/b')).toBe(false);
  });
  it('takes a backslash as quoting the next character', () => {
    expect(findPattern('\\*.txt', false).test('*.txt')).toBe(true);
    expect(findPattern('\\*.txt', false).test('a.txt')).toBe(false);
  });
  it('reads a set it cannot compile as matching anything, never less than find', () => {
    expect(findPattern('[z-a]', false).test('anything')).toBe(true);
  });
});
