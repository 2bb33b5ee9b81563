// The per-user sealed store both caches keep their entries in (src/config/sealed-store.ts), on a
// real approval key in a temp home: what one purpose seals, no other purpose and no other context
// reads back, at any size, and a folder past its bound is pruned.
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivedKey, SealedStore } from '../../src/config/sealed-store.js';

const home = () => mkdtempSync(join(tmpdir(), 'firebreak-sealed-'));
const NAME = `${'ab'.repeat(32)}.json`;

describe('SealedStore', () => {
  it('derives the same key as node:crypto for any key and purpose', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 80 }), fc.string(), (key, purpose) => {
      expect(Buffer.from(derivedKey(key, purpose))).toEqual(createHmac('sha256', key).update(`firebreak derived key: ${purpose}`).digest());
    }));
  });

  it('opens only with an approval key, and makes one when asked', async () => {
    const env = { FIREBREAK_HOME: home() };
    expect(await SealedStore.open('x-cache', 'x', { env })).toBeUndefined();
    expect(readdirSync(env.FIREBREAK_HOME)).toEqual([]);
    expect(await SealedStore.open('x-cache', 'x', { env, create: true })).toBeDefined();
    expect(readdirSync(env.FIREBREAK_HOME).sort()).toEqual(['approval.key', 'x-cache']);
    expect(await SealedStore.open('x-cache', 'x', { env })).toBeDefined();
  });

  it('reads back what it sealed, small or large, and nothing else', async () => {
    const env = { FIREBREAK_HOME: home() };
    const a = (await SealedStore.open('x-cache', 'purpose a', { env, create: true }))!;
    const b = (await SealedStore.open('x-cache', 'purpose b', { env }))!;
    for (const body of ['{"small":true}', JSON.stringify({ big: 'y'.repeat(100_000) })]) {
      a.write(NAME, 'context 1', body);
      expect(a.read(NAME, 'context 1')).toBe(body);
      expect(a.read(NAME, 'context 2')).toBeUndefined();
      expect(b.read(NAME, 'context 1')).toBeUndefined();
      const raw = readFileSync(join(env.FIREBREAK_HOME, 'x-cache', NAME), 'utf8');
      writeFileSync(join(env.FIREBREAK_HOME, 'x-cache', NAME), raw.replace('true', 'false').replace('yyy', 'yyz'));
      expect(a.read(NAME, 'context 1')).toBeUndefined();
    }
  });

  it('an entry sealed with the approval key itself does not verify', async () => {
    const env = { FIREBREAK_HOME: home() };
    const store = (await SealedStore.open('x-cache', 'p', { env, create: true }))!;
    const key = JSON.parse(readFileSync(join(env.FIREBREAK_HOME, 'approval.key'), 'utf8'));
    const body = '{"forged":true}';
    const mac = createHmac('sha256', Buffer.from(key.key, 'base64')).update(`ctx\n${body}`).digest('hex');
    writeFileSync(join(env.FIREBREAK_HOME, 'x-cache', NAME), `${JSON.stringify({ v: 1, keyId: key.keyId, mac })}\n${body}`);
    expect(store.read(NAME, 'ctx')).toBeUndefined();
    const right = createHmac('sha256', derivedKey(Buffer.from(key.key, 'base64'), 'p')).update(`ctx\n${body}`).digest('hex');
    writeFileSync(join(env.FIREBREAK_HOME, 'x-cache', NAME), `${JSON.stringify({ v: 1, keyId: key.keyId, mac: right })}\n${body}`);
    expect(store.read(NAME, 'ctx')).toBe(body);
  });

  it('keeps a bounded folder', async () => {
    const env = { FIREBREAK_HOME: home() };
    const store = (await SealedStore.open('x-cache', 'p', { env, create: true, maxEntries: 20 }))!;
    let sinceCheck = 0;
    for (let i = 0; i < 300; i++) {
      const name = `${createHash('sha256').update(String(i)).digest('hex')}.json`;
      store.write(name, `c${i}`, `${i}`);
      // A write whose name starts below 0x08 checks the bound (one in 32).
      sinceCheck = Number.parseInt(name.slice(0, 2), 16) < 8 ? 0 : sinceCheck + 1;
    }
    const kept = readdirSync(join(env.FIREBREAK_HOME, 'x-cache')).length;
    expect(kept).toBeLessThanOrEqual(20 + sinceCheck);
    expect(kept).toBeLessThan(300);
  });
});
