// SHA-256's block function as a small WebAssembly module, assembled here (~600 bytes). The hook
// process runs its JavaScript in V8's interpreter only (bin/firebreak.js), where the plain
// JavaScript rounds of sha256.ts cost ~20-40 µs a block: ~1.5-2.5 ms a judged call for the config
// seal and the audit chain. WebAssembly is compiled by Liftoff in well under a millisecond and
// hashes a block in well under a microsecond. sha256.ts falls back to its JavaScript rounds when
// WebAssembly is not there (--jitless) or fails; the digests are the same (test/util/sha256.test.ts).
//
// Memory (one 64 KiB page): K at 0 (64 words), the state H at 256 (8 words), the schedule W at
// 288 (64 words), message blocks from 1024 as bytes (big-endian words, as SHA-256 reads them).
// Export `c(ptr, blocks)`: runs the block function over `blocks` blocks from `ptr`, updating H.
//
// The hook uses SHA256_WASM, the module's bytes as base64 (assembling them in the interpreter
// costs ~0.5 ms); sha256Module() is where they come from, and test/util/sha256.test.ts checks the
// two are the same.
export const SHA256_WASM =
  'AGFzbQEAAAABBgFgAn9/AAMCAQAFAwEAAQcJAgFtAgABYwAACuoDAecDAQx/A0BBACEKA0AgCiAKIABqKAIAIg1BCHdB/4H8B3EgDUEIeEGA/oN4cXI2AqACIApBBGoiCkHAAEkNAAsDQCAKIAooApgCIg1BEXggDUETeHMgDUEKdnMgCigChAJqIAooAuQBIg1BB3ggDUESeHMgDUEDdnNqIAooAuABajYCoAIgCkEEaiIKQYACSQ0AC0EAKAKAAiECQQAoAoQCIQNBACgCiAIhBEEAKAKMAiEFQQAoApACIQZBACgClAIhB0EAKAKYAiEIQQAoApwCIQlBACEKA0AgCSAGQQZ4IAZBC3hzIAZBGXhzaiAIIAYgByAIc3FzaiAKKAIAaiAKKAKgAmohCyACQQJ4IAJBDXhzIAJBFnhzIAIgA3EgBCACIANycXJqIQwgCCEJIAchCCAGIQcgBSALaiEGIAQhBSADIQQgAiEDIAsgDGohAiAKQQRqIgpBgAJJDQALQQBBACgCgAIgAmo2AoACQQBBACgChAIgA2o2AoQCQQBBACgCiAIgBGo2AogCQQBBACgCjAIgBWo2AowCQQBBACgCkAIgBmo2ApACQQBBACgClAIgB2o2ApQCQQBBACgCmAIgCGo2ApgCQQBBACgCnAIgCWo2ApwCIABBwABqIQAgAUEBayIBDQALCw==';

export const K_AT = 0;
export const H_AT = 256;
export const BLOCKS_AT = 1024;
export const MAX_BLOCKS = (65536 - BLOCKS_AT) / 64;
const W_AT = 288;

// Opcodes (WebAssembly core 1.0).
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_LOAD = 0x28;
const I32_STORE = 0x36;
const I32_CONST = 0x41;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_AND = 0x71;
const I32_OR = 0x72;
const I32_XOR = 0x73;
const I32_SHL = 0x74;
const I32_SHR_U = 0x76;
const I32_ROTL = 0x77;
const I32_ROTR = 0x78;
const I32_LT_U = 0x49;
const LOOP = 0x03;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID = 0x40;

function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

function uleb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

// Parameters: 0 ptr, 1 blocks. Locals: 2..9 a..h, 10 i, 11 t1, 12 t2, 13 x (scratch).
const PTR = 0;
const N = 1;
const [A, B, C, D, E, F, G, H] = [2, 3, 4, 5, 6, 7, 8, 9];
const I = 10;
const T1 = 11;
const T2 = 12;
const X = 13;

const get = (l: number) => [LOCAL_GET, l];
const set = (l: number) => [LOCAL_SET, l];
const tee = (l: number) => [LOCAL_TEE, l];
const num = (n: number) => [I32_CONST, ...sleb(n | 0)];
// load/store with alignment 2 (4 bytes) and a constant offset
const load = (offset: number) => [I32_LOAD, 2, ...uleb(offset)];
const store = (offset: number) => [I32_STORE, 2, ...uleb(offset)];
const rotr = (l: number, n: number) => [...get(l), ...num(n), I32_ROTR];

/** The body of `c(ptr, blocks)`. */
function body(): number[] {
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const part of parts) code.push(...part);
  };
  emit([LOOP, VOID]); // per block
  // W[i] = block word i, i = 0..15 (i counts bytes: 0, 4, ... 60)
  emit(num(0), set(I), [LOOP, VOID]);
  // the word big-endian: bswap(x) = (rotl(x, 8) & 0x00ff00ff) | (rotr(x, 8) & 0xff00ff00)
  emit(get(I), get(I), get(PTR), [I32_ADD], load(0), tee(X), num(8), [I32_ROTL], num(0x00ff00ff), [I32_AND]);
  emit(get(X), num(8), [I32_ROTR], num(0xff00ff00), [I32_AND], [I32_OR], store(W_AT));
  emit(get(I), num(4), [I32_ADD], tee(I), num(64), [I32_LT_U], [BR_IF, 0], [END]);
  // W[i] = σ1(W[i-2]) + W[i-7] + σ0(W[i-15]) + W[i-16], i = 16..63 (I in bytes: 64 .. 252)
  emit([LOOP, VOID]);
  emit(get(I)); // address for the store
  // σ1(W[i-2]) = rotr17 ^ rotr19 ^ shr10
  emit(get(I), load(W_AT - 8), tee(X), num(17), [I32_ROTR], get(X), num(19), [I32_ROTR], [I32_XOR], get(X), num(10), [I32_SHR_U], [I32_XOR]);
  emit(get(I), load(W_AT - 28), [I32_ADD]);
  // σ0(W[i-15]) = rotr7 ^ rotr18 ^ shr3
  emit(get(I), load(W_AT - 60), tee(X), num(7), [I32_ROTR], get(X), num(18), [I32_ROTR], [I32_XOR], get(X), num(3), [I32_SHR_U], [I32_XOR], [I32_ADD]);
  emit(get(I), load(W_AT - 64), [I32_ADD], store(W_AT));
  emit(get(I), num(4), [I32_ADD], tee(I), num(256), [I32_LT_U], [BR_IF, 0], [END]);
  // a..h = H
  [A, B, C, D, E, F, G, H].forEach((l, j) => emit(num(0), load(H_AT + j * 4), set(l)));
  // 64 rounds (I in bytes: 0 .. 252)
  emit(num(0), set(I), [LOOP, VOID]);
  // t1 = h + Σ1(e) + ch(e, f, g) + K[i] + W[i]
  emit(get(H), rotr(E, 6), rotr(E, 11), [I32_XOR], rotr(E, 25), [I32_XOR], [I32_ADD]);
  // ch = (e & f) ^ (~e & g) = g ^ (e & (f ^ g))
  emit(get(G), get(E), get(F), get(G), [I32_XOR], [I32_AND], [I32_XOR], [I32_ADD]);
  emit(get(I), load(K_AT), [I32_ADD], get(I), load(W_AT), [I32_ADD], set(T1));
  // t2 = Σ0(a) + maj(a, b, c); maj = (a & b) | (c & (a | b))
  emit(rotr(A, 2), rotr(A, 13), [I32_XOR], rotr(A, 22), [I32_XOR]);
  emit(get(A), get(B), [I32_AND], get(C), get(A), get(B), [I32_OR], [I32_AND], [I32_OR], [I32_ADD], set(T2));
  emit(get(G), set(H), get(F), set(G), get(E), set(F), get(D), get(T1), [I32_ADD], set(E));
  emit(get(C), set(D), get(B), set(C), get(A), set(B), get(T1), get(T2), [I32_ADD], set(A));
  emit(get(I), num(4), [I32_ADD], tee(I), num(256), [I32_LT_U], [BR_IF, 0], [END]);
  // H += a..h
  [A, B, C, D, E, F, G, H].forEach((l, j) => emit(num(0), num(0), load(H_AT + j * 4), get(l), [I32_ADD], store(H_AT + j * 4)));
  // next block while any are left
  emit(get(PTR), num(64), [I32_ADD], set(PTR));
  emit(get(N), num(1), [I32_SUB], tee(N), [BR_IF, 0], [END]);
  return code;
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/** The module's bytes. */
export function sha256Module(): Uint8Array<ArrayBuffer> {
  const code = body();
  // one local group: 12 i32 locals (a..h, i, t1, t2, x)
  const fn = [1, 12, 0x7f, ...code, END];
  const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 2, 0x7f, 0x7f, 0]), // type 0: (i32, i32) -> ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0, 1]), // one memory, at least 1 page
    ...section(7, [2, ...name('m'), 2, 0, ...name('c'), 0, 0]), // exports: memory 0 as m, function 0 as c
    ...section(10, [1, ...uleb(fn.length), ...fn]),
  ]);
}
