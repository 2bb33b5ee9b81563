// Tests decided from values the walker knows for certain (src/intake/shell/conditions.ts), and the
// walker's rules for when a value is certain (walk.ts knownValues): each rule tried from both sides.
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/intake/shell/parser.js';
import { decideTest, expandKnown, type Lookup } from '../../src/intake/shell/conditions.js';
import { summary } from './helpers.js';

const first = (text: string) => parseShell(`if ${text}; then :; fi`).find((c) => c.kind === 'simple' || c.kind === 'test')!;
const known = (values: Record<string, string | null>, ifsChanged = false): Lookup =>
  Object.assign((name: string) => (Object.hasOwn(values, name) ? values[name] : undefined), { ifsChanged });

describe('decideTest over known values', () => {
  it.each([
    ['[ "$X" = a ]', { X: 'a' }, true], ['[ "$X" = a ]', { X: 'b' }, false], ['[ "$X" = a ]', { X: '' }, false],
    ['[ $X = a ]', { X: 'a' }, true], ['[ -n "$X" ]', { X: null }, false], ['[ -z "${X:-}" ]', { X: null }, true],
    ['[ "${X:-d}" = d ]', { X: '' }, true], ['[ "${X-d}" = d ]', { X: '' }, false], ['[ $# -gt 0 ]', { '#': '2' }, true],
    ['[ $# -eq 0 ]', { '#': '2' }, false], ['[ "$1" = --local ]', { 1: '--local' }, true], ['test "$X" != a', { X: 'a' }, false],
    ['[[ "$X" == build ]]', { X: 'build' }, true], ['[[ $X == build ]]', { X: 'build' }, true], ['[[ "$X" == "a*" ]]', { X: 'a*' }, true],
    ['[ "$X" ]', { X: '-n' }, true], ['[ "$X" = "$Y" ]', { X: 'a', Y: 'a' }, true], ["[ '$X' = a ]", { X: 'a' }, false], // quoted: the text $X
  ] as const)('%s with %j is %s', (text, values, value) => expect(decideTest(first(text), known(values))).toBe(value));

  it.each([
    ['[ "$X" = a ]', {}], // not known: may come from the environment
    ['[ $X = a ]', { X: 'a b' }], // unquoted: split into words
    ['[ $X = a ]', { X: '' }], // unquoted empty: no word at all
    ['[ $X = a ]', { X: '*' }], // unquoted glob
    ['[[ $X == a* ]]', { X: 'ab' }], // a pattern
    ['[[ "$X" == $P ]]', { X: 'ab', P: 'a*' }], // an unquoted expansion on the right is a pattern too
    ['[ "${X#a}" = b ]', { X: 'ab' }], // an operator not read
    ['[ "$@" = a ]', { '@': 'a' }], ['[ "$(id -u)" = 0 ]', {}], ['[ "$X" = a ] < /nonexistent', { X: 'a' }], // a redirection may fail
    ['[ "$X" $OP a ]', { X: 'a', OP: '=' }], ['[ ! "$X" = a ]', { X: 'a' }], ['[ "$X" = a -o b = b ]', { X: 'a' }],
    ['[[ -n < $X ]]', { X: 'a' }], ['[[ $X == a || -n b ]]', { X: 'a' }], ['[ 1 -eq "$X" ]', { X: 'x' }],
  ] as const)('%s with %j is not known', (text, values) => expect(decideTest(first(text), known(values))).toBeUndefined());

  it('an IFS the text changed makes every unquoted expansion unknown', () => {
    expect(decideTest(first('[ $X = axb ]'), known({ X: 'axb' }, true))).toBeUndefined();
    expect(decideTest(first('[ "$X" = axb ]'), known({ X: 'axb' }, true))).toBe(true);
  });

  it('expandKnown reads plain names, positions, $# and literal defaults only', () => {
    const k = known({ A: 'x', 1: 'one', '#': '1', E: '' });
    expect(expandKnown('$A-${1}-$#-${E:-d}', k)).toBe('x-one-1-d');
    for (const text of ['$B', '${A/x/y}', '${!A}', '${A[0]}', '$?', '$$', '`id`', '${A:-$B}', '$((1+1))']) expect(expandKnown(text, k), text).toBeUndefined();
  });
});

describe('the walker decides only where a value is certain', () => {
  const deletes = async (text: string) => (await summary(text)).some((s) => s.includes('fs:path /srv/data'));
  const script = (body: string) => `bash -c '${body.replace(/'/g, `'\\''`)}'`;

  it('inside a process of its own, a literal the text set decides the branch', async () => {
    expect(await deletes(script('X=a; if [ "$X" = a ]; then echo ok; else rm -rf /srv/data; fi'))).toBe(false);
    expect(await deletes(script('X=b; if [ "$X" = a ]; then echo ok; else rm -rf /srv/data; fi'))).toBe(true);
  });

  it("never in the agent's own shell, nor on a value the starting shell passed down", async () => {
    expect(await deletes('X=a; if [ "$X" = a ]; then echo ok; else rm -rf /srv/data; fi')).toBe(true);
    expect(await deletes(`X=a; ${script('if [ "$X" = a ]; then echo ok; else rm -rf /srv/data; fi')}`)).toBe(true);
  });

  it('nothing that may change a variable out of sight is trusted', async () => {
    for (const middle of ['eval "$Y"', '. ./env.sh', 'declare -n r=X; r=b', 'declare -u X; X=a', 'alias x=y', "trap 'X=b' DEBUG", '(( X = 2 ))', ': $((X=2))',
      'let X=2', 'read -r X', 'X[0]=b', 'printf -v X %s b', 'f() { X=b; }; f', 'local X', 'mapfile -t X < f']) {
      expect(await deletes(script(`X=a; ${middle}; if [ "$X" = a ]; then echo ok; else rm -rf /srv/data; fi`)), middle).toBe(true);
    }
  });

  it('a subshell or pipeline part does not change the value after it', async () => {
    expect(await deletes(script('X=a; (X=b); if [ "$X" = a ]; then echo ok; else rm -rf /srv/data; fi'))).toBe(false);
    expect(await deletes(script('X=b; (X=a); if [ "$X" = a ]; then echo ok; else rm -rf /srv/data; fi'))).toBe(true);
  });

  it('a loop body that may run again decides nothing on a variable it or a called function sets', async () => {
    expect(await deletes(script('X=a; for i in 1 2; do echo $i; if [ "$X" = a ]; then echo; else rm -rf /srv/data; fi; X=b; done'))).toBe(true);
    expect(await deletes(script('X=a; f() { if [ "$X" = a ]; then echo; else rm -rf /srv/data; fi; }; for i in 1 2; do f; X=b; done'))).toBe(true);
    expect(await deletes(script('X=a; while true; do if [ "$X" = a ]; then echo; else rm -rf /srv/data; fi; X=b; done'))).toBe(true);
  });

  it('a while loop over known arguments is walked round by round; break keeps it a loop', async () => {
    const loop = (args: string) => script(`set -- ${args}; L=""; while [ $# -gt 0 ]; do case "$1" in --local) L=1 ;; esac; shift; done; if [ -n "$L" ]; then echo; else rm -rf /srv/data; fi`);
    // `set --` makes the arguments uncounted: not decided, both branches judged.
    expect(await deletes(loop('--local'))).toBe(true);
    expect(await deletes(script('N=0; until [ "$N" = 1 ]; do rm -rf /srv/data; N=1; done'))).toBe(true);
    expect(await deletes(script('N=1; until [ "$N" = 1 ]; do rm -rf /srv/data; done'))).toBe(false);
    expect(await deletes(script('N=1; while [ "$N" = 1 ]; do N=2; [ -d x ] && break; done; if [ "$N" = 2 ]; then echo; else rm -rf /srv/data; fi'))).toBe(true);
  });

  it('a variable every path sets to a literal is judged with each value; an unset path keeps it unknown', async () => {
    const each = await summary(script('case "$(uname)" in Linux) B=/tmp/x-linux ;; *) B=/srv/data ;; esac; rm -rf "$B"'));
    expect(each.filter((s) => s.startsWith('delete rm')).sort()).toEqual(['delete rm fs:path /srv/data', 'delete rm fs:path /tmp/x-linux']);
    const partial = await summary(script('case "$(uname)" in Linux) B=build ;; esac; rm -rf "/$B"'));
    expect(partial.some((s) => s.startsWith('delete rm fs:path /build'))).toBe(false);
    expect(await summary(script('case "$(uname)" in Linux) B=a ;; *) echo no; exit 1 ;; esac; rm -rf "/tmp/x-$B"'))).toContain('delete rm fs:path /tmp/x-a');
  });
});

describe('[[ ]] and == are decided only under bash', () => {
  const deletes = async (text: string) => (await summary(text)).some((s) => s.includes('fs:path /srv/data'));
  it('sh -c fails on them, so the else-branch stays judged; bash -c decides', async () => {
    expect(await deletes(`sh -c 'X=a; if [[ "$X" == a ]]; then echo; else rm -rf /srv/data; fi'`)).toBe(true);
    expect(await deletes(`sh -c 'if [ a == a ]; then echo; else rm -rf /srv/data; fi'`)).toBe(true);
    expect(await deletes(`sh -c 'if [ a = a ]; then echo; else rm -rf /srv/data; fi'`)).toBe(false);
    expect(await deletes(`bash -c 'X=a; if [[ "$X" == a ]]; then echo; else rm -rf /srv/data; fi'`)).toBe(false);
  });
});
