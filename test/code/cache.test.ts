// The per-user cache of what the readers made of a piece of code: a second read of the same text
// comes from a sealed entry, and an entry an agent could have written or changed is never used.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCodeCacheHome } from './cache-home.js';
import { codeCacheEnabled, resetCodeCache } from '../../src/intake/code/cache.js';
import { readJavaScript } from '../../src/intake/code/readers/javascript.js';
import { readPython } from '../../src/intake/code/readers/python.js';
import { summary } from './helpers.js';

const HOSTILE = "import boto3\ns3 = boto3.client('s3')\ns3.delete_bucket(Bucket='prod-assets')\n";
const BENIGN = "import json\nprint(json.dumps({'a': 1}))\n";

const homeFolder = useCodeCacheHome('code-cache');

const entries = () => readdirSync(join(homeFolder(), 'code-cache')).filter((n) => n.endsWith('.json'));
const entryPath = (name: string) => join(homeFolder(), 'code-cache', name);

describe('code cache', () => {
  it('is off in test runs and with FIREBREAK_CODE_CACHE=0 unless asked for', () => {
    expect(codeCacheEnabled({ VITEST: 'true' })).toBe(false);
    expect(codeCacheEnabled({ VITEST: 'true', FIREBREAK_CODE_CACHE: '1' })).toBe(true);
    expect(codeCacheEnabled({ FIREBREAK_CODE_CACHE: '0' })).toBe(false);
    expect(codeCacheEnabled({})).toBe(true);
  });

  it('a second read of the same text gives the same IR, from one sealed entry', async () => {
    const first = await readPython(HOSTILE, 'cleanup.py');
    expect(entries()).toHaveLength(1);
    const second = await readPython(HOSTILE, 'other.py');
    expect(entries()).toHaveLength(1);
    expect({ ...second, file: 'cleanup.py' }).toEqual(first);
    expect(second.file).toBe('other.py');
    expect(readFileSync(entryPath(entries()[0]), 'utf8')).toMatch(/^\{"v":1,"keyId":"[0-9a-f]+","mac":"[0-9a-f]{64}"\}\n/);
  });

  it('keeps what the flow rules read from the syntax tree (mentions, classes)', async () => {
    const code = 'import shutil\nclass Config:\n    def __init__(self, out):\n        self.out = out\ndef clean(path):\n    shutil.rmtree(path)\nclean(Config("build").out)\n';
    const first = await readPython(code, 'make.py');
    const second = await readPython(code, 'make.py');
    expect(first.mentions?.get('clean')).toBe(2);
    expect(second.mentions).toEqual(first.mentions);
    expect(second.classes).toEqual(new Set(['Config']));
  });

  it('the verdict of hostile code is the same from the cache', async () => {
    const files = { 'cleanup.py': HOSTILE };
    const cold = await summary('python3 cleanup.py', files);
    expect(cold).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
    expect(entries()).toHaveLength(1);
    expect(await summary('python3 cleanup.py', files)).toEqual(cold);
  });

  it('an entry changed after it was sealed is ignored: the code is read again', async () => {
    await readPython(HOSTILE);
    const [name] = entries();
    // An agent turns the delete into a harmless print in the cached IR, keeping the old MAC.
    const raw = readFileSync(entryPath(name), 'utf8');
    writeFileSync(entryPath(name), raw.replaceAll('delete_bucket', 'list_buckets'));
    expect(await summary('python3 cleanup.py', { 'cleanup.py': HOSTILE })).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
  });

  it('a benign entry moved under the name of hostile code does not verify there', async () => {
    await readPython(BENIGN);
    const [benign] = entries();
    await readPython(HOSTILE);
    const hostile = entries().find((n) => n !== benign)!;
    writeFileSync(entryPath(hostile), readFileSync(entryPath(benign)));
    const program = await readPython(HOSTILE);
    expect(program.calls.some((c) => c.callee.k === 'attr' && c.callee.name === 'delete_bucket')).toBe(true);
  });

  it('an entry sealed with another key is ignored', async () => {
    await readPython(HOSTILE);
    const [name] = entries();
    const forged = readFileSync(entryPath(name), 'utf8').replaceAll('delete_bucket', 'list_buckets');
    // A new key (the old one moved away): entries sealed with the old key stop applying.
    rmSync(join(homeFolder(), 'approval.key'));
    resetCodeCache();
    writeFileSync(entryPath(name), forged);
    const program = await readPython(HOSTILE);
    expect(program.calls.some((c) => c.callee.k === 'attr' && c.callee.name === 'delete_bucket')).toBe(true);
  });

  it('garbage in the folder is ignored', async () => {
    await readPython(HOSTILE);
    const [name] = entries();
    for (const junk of ['', 'not json\n{}', '{"v":1}\n', '\u0000\u0001binary']) {
      writeFileSync(entryPath(name), junk);
      const program = await readPython(HOSTILE);
      expect(program.calls.map((c) => c.loc.text)).toContain("s3.delete_bucket(Bucket='prod-assets')");
    }
  });

  it('no usable per-user folder: code is still read, nothing is cached', async () => {
    process.env.FIREBREAK_HOME = join(homeFolder(), 'approval.key', 'below-a-file');
    writeFileSync(join(homeFolder(), 'approval.key'), 'not a key');
    resetCodeCache();
    expect(await summary('python3 cleanup.py', { 'cleanup.py': HOSTILE })).toEqual(['delete aws AWS::S3::Bucket prod-assets']);
  });

  it('TypeScript is keyed by the grammar the file name picks', async () => {
    const jsx = 'const el = <div onClick={() => 1}>x</div>;\n';
    const inline = await readJavaScript(jsx, 'typescript');
    const asTs = await readJavaScript(jsx, 'typescript', 'x.ts');
    expect(entries()).toHaveLength(2);
    expect(inline.problems).toEqual([]);
    expect(asTs.problems.length).toBeGreaterThan(0);
    expect((await readJavaScript(jsx, 'typescript', 'y.ts')).problems).toEqual(asTs.problems);
  });
});
