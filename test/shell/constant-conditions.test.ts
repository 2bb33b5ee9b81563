// `if [ "false" = "true" ]; then docker push ...; fi`: a condition of literal words decides the branch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/intake/shell/parser.js';
import { literalTest } from '../../src/intake/shell/walk.js';
import { summary } from './helpers.js';

const firstCommand = (text: string) => parseShell(text).find((c) => c.kind === 'simple' || c.kind === 'test')!;

describe('literal tests', () => {
  it.each([
    ['[ "false" = "true" ]', false], ['[ a = a ]', true], ['[ a == b ]', false], ['[ a != b ]', true], ['test x = x', true],
    ['[ -z "" ]', true], ['[ -n "" ]', false], ['[ "" ]', false], ['[ x ]', true], ['[ 1 -lt 2 ]', true], ['[ 3 -eq 4 ]', false],
  ])('%s is %s', (text, value) => expect(literalTest(firstCommand(text))).toBe(value));

  it.each(['[ "$X" = true ]', '[ a = b* ]', '[ a = b -o c = c ]', '[ "$(id -u)" = 0 ]', '[ ! a = b ]', '[ -f x ]', '[ a -eq b ]', 'true'])('%s is not known', (text) => {
    expect(literalTest(firstCommand(text))).toBeUndefined();
  });
});

describe('branches that cannot run are not judged', () => {
  it('skips the then-branch of a false condition and the else-branch of a true one', async () => {
    expect(await summary('if [ "false" = "true" ] ; then rm -rf ~ ; fi')).toEqual([]);
    expect(await summary('if [[ "false" == "true" ]]; then rm -rf ~; fi')).toEqual([]);
    expect(await summary('if [ a = a ]; then echo ok; else rm -rf ~; fi')).toEqual([]);
    expect(await summary('if [ a = b ]; then rm -rf ~; elif [ "$X" = 1 ]; then echo; fi')).toEqual([]);
  });

  it('keeps every branch a condition does not decide, and what follows the block', async () => {
    for (const text of [
      'if [ "$X" = "true" ] ; then rm -rf ~ ; fi', 'if ! [ a = b ]; then rm -rf ~; fi', 'if [ a = b ] || true; then rm -rf ~; fi',
      'if [ a = b ]; then echo; elif true; then rm -rf ~; fi', 'if [ a = b ]; then echo; fi; rm -rf ~', 'if [ a = a ]; then rm -rf ~; fi',
      '[() { return 0; }; if [ a = b ]; then rm -rf ~; fi', 'if [[ a == a* ]]; then echo; else rm -rf ~; fi', 'if [[ a == b || -n x ]]; then rm -rf ~; fi',
      'if [ a = b ]; then if true; then echo; fi; else rm -rf ~; fi', '[ a = a ] && rm -rf ~', '[ a = b ] || rm -rf ~',
    ]) expect((await summary(text)).some((s) => s.startsWith('delete rm fs:path ~')), text).toBe(true);
  });

  it('a literal equality decides the branch exactly when the words are equal (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{0,4}$/), fc.stringMatching(/^[a-z0-9]{0,4}$/), async (a, b) => {
      const deletes = (await summary(`if [ "${a}" = "${b}" ]; then rm -rf ~; fi`)).some((s) => s.includes('fs:path ~'));
      expect(deletes).toBe(a === b);
    }), { numRuns: 60 });
  });
});

describe('elif chains and ! are decided in order, while each condition is', () => {
  const deletesHome = async (text: string) => (await summary(text)).some((s) => s.startsWith('delete rm fs:path ~'));
  it('a false condition skips its branch; a true one skips every later branch', async () => {
    for (const text of [
      'if [ a = b ]; then rm -rf ~; elif [ a = a ]; then echo; else rm -rf ~; fi',
      'if [ a = b ]; then rm -rf ~; elif [ a = c ]; then rm -rf ~; else echo; fi',
      'if ! [ a = a ]; then rm -rf ~; fi', 'if [ a = b ]; then echo; elif ! [ x = x ]; then rm -rf ~; fi',
      'if [[ a == b ]]; then rm -rf ~; elif [[ a == a ]]; then echo; else rm -rf ~; fi',
    ]) expect(await deletesHome(text), text).toBe(false);
  });
  it('keeps what an undecided condition, a double or later ! leaves possible', async () => {
    for (const text of [
      'if [ a = b ]; then echo; elif [ "$X" = 1 ]; then echo; else rm -rf ~; fi', 'if [ a = b ]; then echo; elif foo; then echo; else rm -rf ~; fi',
      'if ! ! [ a = a ]; then rm -rf ~; fi', 'if [ a = a ] && ! true; then echo; else rm -rf ~; fi', 'if ! [ a = b ] | cat; then rm -rf ~; fi',
      'if [ a = b ]; then echo; elif [[ a == a* ]]; then echo; else rm -rf ~; fi', 'if ! [ a = b ]; then rm -rf ~; fi',
      'if [ a = b ]; then echo; elif ! [ x = y ]; then rm -rf ~; fi',
    ]) expect(await deletesHome(text), text).toBe(true);
  });
  it('when every condition is false and there is no else, the state before the block is kept', async () => {
    expect(await summary('X=/; if [ a = b ]; then :; elif false; then X=build; fi; rm -rf "$X"')).toContain('delete rm fs:path /');
  });
});
