// Cross-check of the hand-written parser against bash-parser (a full POSIX parser, too slow
// for the hook but fine as an oracle): same simple commands, in the same order.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/intake/shell/parser.js';
import { AGENT_COMMANDS } from './corpus.js';

const require = createRequire(import.meta.url);
const bashParse = require('bash-parser') as (src: string) => unknown;

type Node = { type?: string; [k: string]: unknown };

/** Names of the simple commands in a bash-parser AST (not inside substitutions). */
function oracleNames(node: unknown, out: string[] = []): string[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) { for (const n of node) oracleNames(n, out); return out; }
  const n = node as Node;
  if (n.type === 'Command') {
    const name = n.name as { text?: string } | undefined;
    if (name?.text !== undefined) out.push(name.text);
    return out;
  }
  if (n.type === 'Word' || n.type === 'AssignmentWord' || n.type === 'Redirect') return out;
  if (n.type === 'Function') { oracleNames(n.body, out); return out; }
  for (const key of ['commands', 'left', 'right', 'list', 'clause', 'then', 'else', 'do', 'cases', 'body']) {
    if (key in n) oracleNames(n[key], out);
  }
  return out;
}

function ourNames(src: string): string[] {
  return parseShell(src).filter((c) => c.kind === 'simple' && c.words.length).map((c) => c.words[0].value);
}

const EXTRA = [
  'a; b && c || d | e',
  '(a; b) && { c; d; }',
  'if a; then b; elif c; then d; else e; fi',
  'for x in 1 2 3; do a "$x"; b; done',
  'while a; do b; done; until c; do d; done',
  'case "$v" in a|b) x;; c) y; z;; *) w;; esac',
  'A=1 B=2 cmd arg > out 2>&1 < in',
  "echo 'a;b' \"c && d\" e\\;f",
  'f() { a; b; }',
  'x=1; y=2 z',
  'cmd1 &\ncmd2',
  'echo a # comment ; rm b\nls',
];

describe('parser agrees with bash-parser on which commands run', () => {
  for (const src of [...AGENT_COMMANDS, ...EXTRA]) {
    let expected: string[] | undefined;
    try { expected = oracleNames(bashParse(src)); } catch { expected = undefined; }
    it.skipIf(expected === undefined)(JSON.stringify(src).slice(0, 80), () => {
      expect(ourNames(src)).toEqual(expected);
    });
  }
});

it('heredoc bodies are data, not commands (bash-parser 0.5 gets this wrong)', () => {
  const src = 'cat <<EOF | psql\nDROP TABLE x;\nEOF\necho done';
  expect(oracleNames(bashParse(src))).toEqual(['cat', 'psql', 'DROP', 'EOF', 'echo']);
  expect(ourNames(src)).toEqual(['cat', 'psql', 'echo']);
});
