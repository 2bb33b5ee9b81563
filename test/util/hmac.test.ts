import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacSha256Hex, sameDigest } from '../../src/util/hmac.js';
import { sha256Bytes } from '../../src/util/sha256.js';
import { createHash } from 'node:crypto';

const node = (key: Uint8Array, text: string) => createHmac('sha256', key).update(text).digest('hex');

describe('hmacSha256Hex', () => {
  it('gives the RFC 4231 test vectors', () => {
    expect(hmacSha256Hex(new Uint8Array(20).fill(0x0b), 'Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    expect(hmacSha256Hex(new TextEncoder().encode('Jefe'), 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    // A key longer than the block is hashed first.
    expect(hmacSha256Hex(new Uint8Array(131).fill(0xaa), 'Test Using Larger Than Block-Size Key - Hash Key First')).toBe('60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
  });

  it('agrees with node:crypto for any key and text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 500 }), (key, text) => hmacSha256Hex(key, text) === node(key, text)),
      { numRuns: 1000 },
    );
  });

  it('sha256Bytes agrees with node:crypto on bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => Buffer.from(sha256Bytes(bytes)).toString('hex') === createHash('sha256').update(bytes).digest('hex')), { numRuns: 500 });
  });

  it('sameDigest tells equal digests from different ones', () => {
    expect(sameDigest('ab12', 'ab12')).toBe(true);
    expect(sameDigest('ab12', 'ab13')).toBe(false);
    expect(sameDigest('ab12', 'ab1')).toBe(false);
  });
});
