// The flattened syntax tree the readers walk says exactly what web-tree-sitter's own Node API
// says: kinds, text, rows, named children, fields and the first syntax error, on real code and
// on random text (well-formed or not, any Unicode).
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Node as RuntimeNode } from '@vscode/tree-sitter-wasm';
import { firstSyntaxError, parse, parserFor, type Grammar, type Node } from '../../src/intake/code/tree-sitter.js';

const SAMPLES: Record<Grammar, string> = {
  python: "import boto3, os\nfrom x import (a as b, c)\n\n@dec(1)\ndef f(p: int = g(), *a, **k) -> None:\n    s3 = boto3.client('s3')\n    for k2, v in {1: 2}.items():\n        print(f\"{k2!r}: {v}\")\n    s3.delete_bucket(Bucket='prod' + 'x')\n",
  javascript: "import { S3Client as S } from '@aws-sdk/client-s3';\nconst { a, b: [c] } = require('x');\nexport async function f(x = g(), ...r) { for (const [k, v] of Object.entries(x)) await s.send(new Cmd({ B: `p-${k}` })); }\nlabel: while (true) break label;\n",
  typescript: "type T = { a: string };\nfunction f<T>(x: T, y?: number): void { const z = x as unknown as T; }\nenum E { A = 1 }\n",
  tsx: 'const el = <div onClick={() => run("rm")}>{items.map((i) => <b key={i}>{i}</b>)}</div>;\n',
  ruby: "require 'aws-sdk-s3'\ns3 = Aws::S3::Client.new(region: 'eu')\ns3.delete_bucket(bucket: \"p-#{env}\")\n`ls #{dir}`\n[1, 2].each { |x| puts x }\n",
  php: "<?php\nuse Aws\\S3\\S3Client;\n$c = new S3Client(['region' => 'eu']);\n$c->deleteBucket(['Bucket' => \"p-$env\"]);\nshell_exec(`ls`);\n",
  go: 'package main\n\nimport (\n\t"os"\n\tx "os/exec"\n)\n\nfunc main() {\n\tf := os.RemoveAll\n\t_ = f(`/srv`)\n\tx.Command("sh", "-c", "ls "+os.Args[1]).Run()\n\tfor _, e := range []string{"a"} { defer os.Remove(e) }\n}\n',
  rust: 'use std::{fs, process::Command as C};\nconst D: &str = "/srv";\nmod a;\nfn main() -> Result<(), E> {\n    let mut c = C::new("sh");\n    c.arg("-c").args(["x", r#"y"#]);\n    fs::remove_dir_all(format!("{}/x", D))?;\n    client.delete_bucket().bucket("b").send().await?;\n    unsafe { libc::system(p.as_ptr()); }\n    Ok(())\n}\nextern "C" { fn f(c: *const u8) -> i32; }\n',
};

const FRAGMENTS = ['(', ')', '"', "'", '`', '{', '}', '[', ']', ';', '\n', ' ', '=', '.', ',', '+', '$', '#', '\\', '/', '<', '>', 'import os', 'def f(', 'x = ', 'f"{', '<?php ', 'é', '😀', '\r\n', 'class A:', 'end', '=>', '::'];
const codeLike = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 50 }).map((parts) => parts.join(''));
const anyText = fc.oneof(codeLike, fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ maxLength: 200 }));

/** The same node in both trees, compared property by property, children first to last. */
function compare(mine: Node, theirs: RuntimeNode, fields: readonly (string | null)[]): void {
  expect(mine.type).toBe(theirs.type);
  expect(mine.text).toBe(theirs.text);
  expect(mine.startIndex).toBe(theirs.startIndex);
  expect(mine.endIndex).toBe(theirs.endIndex);
  expect(mine.startPosition.row).toBe(theirs.startPosition.row);
  expect(mine.isNamed).toBe(theirs.isNamed);
  expect(mine.isError).toBe(theirs.isError);
  expect(mine.isMissing).toBe(theirs.isMissing);
  expect(mine.hasError).toBe(theirs.hasError);
  expect(mine.childCount).toBe(theirs.childCount);
  expect(mine.namedChildren.map((c) => c.startIndex)).toEqual(theirs.namedChildren.map((c) => c!.startIndex));
  for (const name of fields) {
    if (!name) continue;
    expect(mine.childForFieldName(name)?.startIndex, name).toBe(theirs.childForFieldName(name)?.startIndex);
    expect(mine.childrenForFieldName(name).map((c) => c.startIndex), name).toEqual(theirs.childrenForFieldName(name).map((c) => c!.startIndex));
  }
  for (let i = 0; i < theirs.childCount; i++) compare(mine.child(i)!, theirs.child(i)!, fields);
}

/** The search the readers used before the tree was flattened, on the runtime's nodes. */
function runtimeFirstError(root: RuntimeNode): { line: number; text: string } | undefined {
  if (!root.hasError) return undefined;
  const stack: RuntimeNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.isError || n.isMissing) return { line: n.startPosition.row + 1, text: n.isMissing ? `missing ${n.type}` : n.text.slice(0, 80) };
    if (!n.hasError) continue;
    for (let i = n.childCount - 1; i >= 0; i--) stack.push(n.child(i)!);
  }
  return { line: 1, text: '' };
}

async function agree(grammar: Grammar, text: string): Promise<void> {
  const mine = await parse(grammar, text);
  const theirs = (await parserFor(grammar)).parse(text);
  expect(mine === undefined).toBe(theirs === null);
  if (!mine || !theirs) return;
  try {
    compare(mine.rootNode, theirs.rootNode, theirs.language.fields);
    expect(firstSyntaxError(mine.rootNode)).toEqual(runtimeFirstError(theirs.rootNode));
  } finally {
    theirs.delete();
  }
}

describe.each(Object.keys(SAMPLES) as Grammar[])('flattened %s tree', (grammar) => {
  it('matches the runtime on real code, and on it cut short, unbalanced and with CRLF', async () => {
    const text = SAMPLES[grammar];
    for (const variant of [text, text.slice(0, text.length >> 1), text.replace(/[)\]}]/, ''), text.replace(/\n/g, '\r\n')]) await agree(grammar, variant);
  });

  it('matches the runtime on random text', async () => {
    await fc.assert(fc.asyncProperty(anyText, (raw) => agree(grammar, grammar === 'php' ? `<?php ${raw}` : raw)), { numRuns: 60 });
  });
});

/** Every node's kind, range, row, flags, children and fields, as one list (a fast comparison). */
function dump(root: Node | RuntimeNode, fields: readonly (string | null)[]): string[] {
  const out: string[] = [];
  const walk = (n: Node | RuntimeNode): void => {
    const byField = fields.map((f) => (f ? `${f}=${directChild(n, n.childForFieldName(f))?.startIndex ?? '-'}/${n.childrenForFieldName(f).map((c) => c!.startIndex).join(',')}` : '')).filter((f) => !f.endsWith('=-/'));
    out.push([n.type, n.startIndex, n.endIndex, n.startPosition.row, n.isNamed, n.isError, n.isMissing, n.hasError, n.childCount, n.namedChildren.map((c) => c!.startIndex).join(','), ...byField].join(' '));
    for (let i = 0; i < n.childCount; i++) walk(n.child(i)!);
  };
  walk(root);
  return out;
}

/**
 * The runtime's childForFieldName can answer with a grandchild (`typeof a.b` in a TypeScript type:
 * the member expression's `object`, asked of the type_query around it); the flattened tree answers
 * with children only, which is what every reader asks for. Such answers are left out of the dump.
 */
function directChild<T extends Node | RuntimeNode>(parent: T, child: T | null): T | null {
  if (!child) return null;
  for (let i = 0; i < parent.childCount; i++) if (parent.child(i)!.startIndex === child.startIndex && parent.child(i)!.endIndex === child.endIndex && parent.child(i)!.type === child.type) return child;
  return null;
}

const CHECKOUTS = '/work/routine-checkouts';
const REAL_FILES: [Grammar, RegExp][] = [['python', /\.py$/], ['javascript', /\.(m?js)$/], ['typescript', /(?<!\.d)\.ts$/], ['ruby', /\.rb$/], ['php', /\.php$/]];

/** Up to `count` files of the checkouts' code (no dependencies, at most 16 KB), spread over the projects. */
function realFiles(pattern: RegExp, count: number): string[] {
  const found: string[] = [];
  const visit = (dir: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory() && depth < 8 && !/^(node_modules|\.git|vendor|dist)$/.test(e.name)) visit(path, depth + 1);
      else if (e.isFile() && pattern.test(e.name) && statSync(path).size <= 16 * 1024) found.push(path);
    }
  };
  visit(CHECKOUTS, 0);
  const step = Math.max(1, Math.floor(found.length / count));
  return found.filter((_, i) => i % step === 0).slice(0, count);
}

describe.skipIf(!existsSync(CHECKOUTS))('flattened trees of real projects\' files', () => {
  it.each(REAL_FILES)('%s: the same tree as the runtime', async (grammar, pattern) => {
    const files = realFiles(pattern, 40);
    expect(files.length).toBeGreaterThan(grammar === 'ruby' || grammar === 'php' ? 5 : 30);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const mine = await parse(grammar, text);
      const theirs = (await parserFor(grammar)).parse(text);
      try {
        expect(mine === undefined, file).toBe(theirs === null);
        if (mine && theirs) expect(dump(mine.rootNode, theirs.language.fields), file).toEqual(dump(theirs.rootNode, theirs.language.fields));
      } finally {
        theirs?.delete();
      }
    }
  }, 120_000);
});
