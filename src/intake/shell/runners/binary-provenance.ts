// What a compiled program on disk shows of where it came from. A file at bin/app may be the build of
// the project's ./cmd/app, or anything an agent put there: only a real ELF executable whose own
// records name the project's sources, and which is newer than every one of them, is taken for that
// build's product. Go writes build info into every binary (the .go.buildinfo section `go version -m`
// prints); cargo writes a dep-info file (target/<profile>/<bin>.d) listing the sources it compiled.
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { walkFolders } from '../../../util/folder-walk.js';
import { MAX_SOURCES_CHECKED } from '../../../knowledge/built-tools.js';

export type Proof<T> = { ok: true; value: T } | { ok: false; why: string };

const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
/** Section headers and section data read at most: build info is a few KB. */
const MAX_HEADER_BYTES = 1024 * 1024;

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  const n = readSync(fd, buf, 0, length, position);
  return buf.subarray(0, n);
}

interface Elf { fd: number; size: number; sections: { name: string; offset: number; size: number }[] }

/** A 64- or 32-bit little-endian ELF file's section table, or why the file is not one. */
function openElf(path: string): Proof<Elf> {
  let fd: number;
  try {
    if (!statSync(path).isFile()) return { ok: false, why: `${path} is not a file` };
    fd = openSync(path, 'r');
  } catch (e) {
    return { ok: false, why: `${path} cannot be opened (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  const fail = (why: string): Proof<Elf> => { closeSync(fd); return { ok: false, why }; };
  const size = statSync(path).size;
  const head = readAt(fd, 0, 64);
  if (head.length < 52 || !head.subarray(0, 4).equals(ELF_MAGIC)) return fail(`${path} is not an ELF executable (a script or other file put there is not the build's product)`);
  const is64 = head[4] === 2;
  if (head[5] !== 1) return fail(`${path} is a big-endian ELF file, which Firebreak does not read`);
  const shoff = is64 ? Number(head.readBigUInt64LE(0x28)) : head.readUInt32LE(0x20);
  const shentsize = head.readUInt16LE(is64 ? 0x3a : 0x2e);
  const shnum = head.readUInt16LE(is64 ? 0x3c : 0x30);
  const shstrndx = head.readUInt16LE(is64 ? 0x3e : 0x32);
  if (!shoff || !shnum || shentsize < (is64 ? 64 : 40) || shoff + shnum * shentsize > size || shnum * shentsize > MAX_HEADER_BYTES || shstrndx >= shnum) {
    return fail(`${path}'s section table cannot be read`);
  }
  const table = readAt(fd, shoff, shnum * shentsize);
  const raw = [...Array(shnum).keys()].map((i) => {
    const h = table.subarray(i * shentsize);
    return is64
      ? { nameAt: h.readUInt32LE(0), offset: Number(h.readBigUInt64LE(24)), size: Number(h.readBigUInt64LE(32)) }
      : { nameAt: h.readUInt32LE(0), offset: h.readUInt32LE(16), size: h.readUInt32LE(20) };
  });
  const strtab = raw[shstrndx];
  if (strtab.offset + strtab.size > size || strtab.size > MAX_HEADER_BYTES) return fail(`${path}'s section names cannot be read`);
  const names = readAt(fd, strtab.offset, strtab.size);
  const sections = raw.map((s) => {
    const end = names.indexOf(0, s.nameAt);
    return { name: names.subarray(s.nameAt, end < 0 ? undefined : end).toString('latin1'), offset: s.offset, size: s.size };
  });
  return { ok: true, value: { fd, size, sections } };
}

/** Whether the file is an ELF executable at all (a script, or a text file named like a program, is not). */
export function isElf(path: string): boolean {
  const elf = openElf(path);
  if (elf.ok) closeSync(elf.value.fd);
  return elf.ok;
}

/** What a Go binary's build info says: its main package's import path and its module's. */
export interface GoBuildInfo {
  path: string;
  module: string;
  goVersion: string;
  trimpath: boolean;
  /** The build's flags that shape what the code does (`-ldflags=-X main.x=y`, `-tags=a,b`), as go run takes them. */
  flags: string[];
}

const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');

function uvarint(buf: Buffer, at: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let shift = 0, i = at; i < buf.length && shift < 35; i++, shift += 7) {
    value += (buf[i] & 0x7f) * 2 ** shift;
    if (buf[i] < 0x80) return { value, next: i + 1 };
  }
  return undefined;
}

/** The build info Go 1.18+ writes inline in .go.buildinfo (the format `go version -m` reads). */
export function goBuildInfo(path: string): Proof<GoBuildInfo> {
  const elf = openElf(path);
  if (!elf.ok) return elf;
  const { fd, size, sections } = elf.value;
  try {
    const section = sections.find((s) => s.name === '.go.buildinfo');
    if (!section) return { ok: false, why: `${path} is not a Go program: it has no Go build info` };
    if (section.offset + 32 > size) return { ok: false, why: `${path}'s Go build info cannot be read` };
    const data = readAt(fd, section.offset, Math.min(Math.max(section.size, 32), MAX_HEADER_BYTES, size - section.offset));
    if (!data.subarray(0, 14).equals(BUILDINFO_MAGIC)) return { ok: false, why: `${path}'s Go build info has no header` };
    // flags bit 2: strings inline after the 32-byte header (Go 1.18 and later). Older layouts point
    // into the data segment: not followed, so such a binary shows nothing.
    if ((data[15] & 2) === 0) return { ok: false, why: `${path} was built by a Go older than 1.18, whose build info Firebreak does not read` };
    const version = uvarint(data, 32);
    if (!version) return { ok: false, why: `${path}'s Go build info cannot be read` };
    const goVersion = data.subarray(version.next, version.next + version.value).toString('utf8');
    const info = uvarint(data, version.next + version.value);
    if (!info || info.next + info.value > data.length) return { ok: false, why: `${path}'s Go build info cannot be read` };
    // 16 bytes of sentinel before and after the text.
    const text = data.subarray(info.next + 16, info.next + info.value - 16).toString('utf8');
    const main = /^path\t(\S+)$/m.exec(text)?.[1];
    const module = /^mod\t(\S+)/m.exec(text)?.[1];
    if (!main || !module) return { ok: false, why: `${path}'s Go build info names no main package and module (built from files, not a package)` };
    const flags = [...text.matchAll(/^build\t(-ldflags|-tags)=(.*)$/gm)].map((m) => `${m[1]}=${m[2].replace(/^"(.*)"$/, '$1')}`);
    return { ok: true, value: { path: main, module, goVersion, trimpath: /^build\t-trimpath=true$/m.test(text), flags } };
  } finally {
    closeSync(fd);
  }
}

/** The files cargo's dep-info file (`target/debug/app.d`: `OUT: SRC SRC...`) lists, as absolute paths. */
export function cargoDepInfo(depFile: string): Proof<string[]> {
  let text: string;
  try {
    text = readFileSync(depFile, 'utf8');
  } catch {
    return { ok: false, why: `${depFile} (cargo's record of the sources it compiled) is missing` };
  }
  const first = text.split('\n').find((l) => l.trim()) ?? '';
  // `OUT: a.rs b\ c.rs`: spaces inside a path are escaped; the output path itself ends at the first unescaped `: `.
  const colon = first.search(/(?<!\\): /);
  if (colon < 0) return { ok: false, why: `${depFile} is not a cargo dep-info file` };
  const deps = first.slice(colon + 2).split(/(?<!\\) +/).filter(Boolean).map((p) => p.replace(/\\ /g, ' '));
  if (!deps.length || deps.some((p) => !isAbsolute(p))) return { ok: false, why: `${depFile} lists no sources, or sources by relative path` };
  return { ok: true, value: deps };
}

/** Why the binary is not newer than each of the files (a source changed after it was built), or undefined. */
export function olderThanSources(binary: string, files: Iterable<string>, show: (path: string) => string = (p) => p): string | undefined {
  let built: number;
  try {
    built = statSync(binary).mtimeMs;
  } catch {
    return `${show(binary)} is missing`;
  }
  for (const f of files) {
    let changed: number;
    try {
      // The change time too: `touch -d` (or a checkout keeping dates) can set a source's date back,
      // never its ctime.
      const st = statSync(f);
      changed = Math.max(st.mtimeMs, st.ctimeMs);
    } catch {
      return `${show(f)}, one of its sources, is missing: the binary was built from other files`;
    }
    if (changed > built) return `${show(f)} changed after ${show(binary)} was built: the binary is not the build of the sources here`;
  }
  return undefined;
}

/** Files under `root` whose name matches, skipping hidden folders and `skip`; undefined past the limit. */
export function sourcesUnder(root: string, name: RegExp, skip: RegExp = /^$/): string[] | undefined {
  const out: string[] = [];
  const walk = walkFolders(root, { limit: MAX_SOURCES_CHECKED }, (entry, path) => {
    if (entry.isDirectory()) return entry.name.startsWith('.') || skip.test(entry.name) ? 'next' : 'enter';
    if (name.test(entry.name)) out.push(resolve(path));
    return 'next';
  });
  return walk.end === 'limit' ? undefined : out;
}

/** Whether the file holds the text (a Go binary names the absolute paths of the files it was compiled
 *  from, unless built with -trimpath). Read in chunks; a file over the limit is not searched. */
export function holdsText(path: string, text: string, limit = 512 * 1024 * 1024): boolean {
  const needle = Buffer.from(text, 'utf8');
  let fd: number;
  try {
    if (statSync(path).size > limit) return false;
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const chunk = Buffer.alloc(4 * 1024 * 1024);
    let carry = Buffer.alloc(0);
    for (let at = 0; ; ) {
      const n = readSync(fd, chunk, 0, chunk.length, at);
      if (n <= 0) return false;
      const window = Buffer.concat([carry, chunk.subarray(0, n)]);
      if (window.includes(needle)) return true;
      carry = window.subarray(Math.max(0, window.length - needle.length + 1));
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}
