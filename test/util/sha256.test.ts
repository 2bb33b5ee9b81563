import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexInJavaScript } from '../../src/util/sha256.js';
import { MAX_BLOCKS, SHA256_WASM, sha256Module } from '../../src/util/sha256-wasm.js';

const node = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    expect(sha256Hex('a'.repeat(1_000_000))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto at every length around the block boundaries', () => {
    for (let n = 0; n < 300; n++) expect(sha256Hex('x'.repeat(n)), `length ${n}`).toBe(node('x'.repeat(n)));
  });

  it('agrees with node:crypto on any text, including non-ASCII and lone surrogates', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => sha256Hex(text) === node(text)), { numRuns: 2000 });
  });

  it('runs its block function in WebAssembly here, and the JavaScript fallback gives the same digests', () => {
    expect(WebAssembly.validate(sha256Module())).toBe(true);
    // The bytes the hook loads are the ones the assembler makes.
    expect(SHA256_WASM).toBe(Buffer.from(sha256Module()).toString('base64'));
    // More blocks than fit in the module's memory at once: hashed in several runs.
    const long = 'y'.repeat(MAX_BLOCKS * 64 * 2 + 17);
    expect(sha256Hex(long)).toBe(node(long));
    expect(sha256HexInJavaScript(long)).toBe(node(long));
    for (let n = 0; n < 200; n++) expect(sha256HexInJavaScript('z'.repeat(n)), `length ${n}`).toBe(node('z'.repeat(n)));
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => sha256HexInJavaScript(text) === node(text)), { numRuns: 300 });
  });
});
