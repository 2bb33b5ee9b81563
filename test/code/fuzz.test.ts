// Readers never throw and never pass code they cannot read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judgeCode } from '../../src/intake/code/index.js';
import type { CodeLanguage } from '../../src/intake/code/languages.js';
import { firstSyntaxError, parse, type Grammar } from '../../src/intake/code/tree-sitter.js';
import type { RecognisedCommand } from '../../src/intake/shell/command.js';
import { parseShellCommand } from '../../src/intake/shell/index.js';
import { workspace } from './helpers.js';

const cwd = workspace();

function commandFor(language: CodeLanguage): RecognisedCommand {
  return {
    argv: [language], words: [], env: {}, stdin: { kind: 'terminal' }, source: { kind: 'shell', command: language }, hints: {}, evidence: [],
    workspace: cwd, files: new Map(), argsFromStdin: false,
    nested: (text) => parseShellCommand(text, { kind: 'shell', command: text }, { cwd }),
  };
}

const GRAMMAR: Partial<Record<CodeLanguage, Grammar>> = { python: 'python', javascript: 'javascript', typescript: 'typescript', ruby: 'ruby', php: 'php' };

const FRAGMENTS = ['(', ')', '"', "'", '`', '{', '}', '[', ']', ';', '\n', ' ', '=', '.', ',', '+', '$', '#', '\\', '/', 'import os', 'os.system(', "'rm -rf /x'",
  'eval(', 'exec(', 'require(', 'system', 'subprocess.run([', 'boto3.client(', 'delete_bucket(Bucket=', 'def f(', 'x = ', 'f"{', '`ls`', '<?php ', 'qx{', 's/a/b/e', '| "sh"'];
const codeLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 120 }), codeLike);

describe.each(['python', 'javascript', 'typescript', 'ruby', 'php'] as const)('%s reader', (language) => {
  it('never throws, and passes only code that parses cleanly', async () => {
    await fc.assert(fc.asyncProperty(anyText, async (raw) => {
      const text = language === 'php' ? `<?php ${raw}` : raw;
      const actions = await judgeCode(commandFor(language), { language, text, origin: { via: `${language} fuzz` } });
      if (actions.length === 0) {
        const tree = await parse(GRAMMAR[language]!, text);
        expect(tree && firstSyntaxError(tree.rootNode)).toBeFalsy();
        tree?.delete();
      }
    }), { numRuns: 150 });
  });
});

describe.each(['perl', 'r', 'awk', 'sed'] as const)('%s reader', (language) => {
  it('never throws', async () => {
    await fc.assert(fc.asyncProperty(anyText, async (text) => {
      const actions = await judgeCode(commandFor(language), { language, text, origin: { via: `${language} fuzz` } });
      expect(Array.isArray(actions)).toBe(true);
    }), { numRuns: 200 });
  });

  it('a command-running call on its own line is never passed, whatever surrounds it', async () => {
    const call: Record<string, string> = { perl: 'system("dropdb prod");', r: 'system("dropdb prod")', awk: 'BEGIN { system("dropdb prod") }', sed: '1e dropdb prod' };
    const filler = fc.array(fc.constantFrom('a', 'b', '1', ' ', 'x', 'y', 'p', 'n'), { maxLength: 20 }).map((p) => p.join(''));
    await fc.assert(fc.asyncProperty(filler, filler, async (before, after) => {
      const text = `${language === 'sed' ? '' : `${before}\n`}${call[language]}\n${language === 'sed' ? '' : after}`;
      const actions = await judgeCode(commandFor(language), { language, text, origin: { via: `${language} fuzz` } });
      expect(actions.length).toBeGreaterThan(0);
    }), { numRuns: 100 });
  });
});

describe('interpreter command lines', () => {
  it('never throw on arbitrary arguments', async () => {
    const arg = fc.oneof(fc.constantFrom('-c', '-e', '-m', '-', '--', '-pi', '-i.bak', '-f', 'x.py', '-E', '-n', 'run', 'eval', '-r', '--eval'), fc.string({ maxLength: 30 }));
    await fc.assert(fc.asyncProperty(fc.constantFrom('python3', 'node', 'deno', 'bun', 'ruby', 'php', 'perl', 'Rscript', 'awk', 'sed', 'tsx', 'java'), fc.array(arg, { maxLength: 5 }), async (tool, args) => {
      const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const actions = await parseShellCommand(`${tool} ${quoted}`, {}, { cwd });
      expect(Array.isArray(actions)).toBe(true);
    }), { numRuns: 200 });
  });
});
