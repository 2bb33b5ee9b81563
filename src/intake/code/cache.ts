// What a reader made of a piece of code (its IR), kept per user so that reading the same script
// again costs a file read instead of loading the parser: the IR is a function of the language, the
// text and the reader's own code, and nothing else (imports, the workspace and the command are
// judged afresh on every call). Entries live in the per-user folder, which the guard keeps agents
// from writing, and each is sealed with an HMAC under a key derived from the per-user approval key:
// an entry that does not verify, or does not parse, is ignored and the code is read again.
//
// On by default; FIREBREAK_CODE_CACHE=0 turns it off. Test runs (VITEST set) read afresh unless
// FIREBREAK_CODE_CACHE=1.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../../version.js';
import type { Expr, Program } from './ir.js';
import type { CodeLanguage } from './languages.js';

const FORMAT = 1;
/** Entries kept; past this the oldest go. */
const MAX_ENTRIES = 2000;
/** IR larger than this is not kept (it would cost more to read than to parse). */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;
const PURPOSE = 'code-reading cache';

interface Store {
  dir: string;
  keyId: string;
  key: Buffer;
}

let store: Promise<Store | undefined> | undefined;
const fingerprints = new Map<string, string>();

export function codeCacheEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FIREBREAK_CODE_CACHE === '0') return false;
  if (env.VITEST && env.FIREBREAK_CODE_CACHE !== '1') return false;
  return true;
}

/**
 * The IR of `text`: from the cache when a sealed entry for the same language, text and reader
 * code is there, else from `read` (and then kept). `variant` is whatever else the reader decides
 * on (the grammar a file name picks); `modules` are the URLs of the modules whose code decides the
 * IR (`import.meta.url` of the reader and what it builds on).
 */
export async function cachedProgram(language: CodeLanguage, variant: string, text: string, file: string | undefined, modules: readonly string[], read: () => Promise<Program>): Promise<Program> {
  if (!codeCacheEnabled()) return read();
  const s = await openStore();
  if (!s) return read();
  const digest = createHash('sha256').update(`${fingerprint(modules)}\0${language}\0${variant}\0`).update(text).digest('hex');
  const path = join(s.dir, `${digest}.json`);
  const hit = load(s, path, digest, language, file);
  if (hit) return hit;
  const program = await read();
  save(s, path, digest, program);
  return program;
}

/** Forgets the loaded key (tests point FIREBREAK_HOME elsewhere between cases). */
export function resetCodeCache(): void {
  store = undefined;
}

function openStore(): Promise<Store | undefined> {
  store ??= (async () => {
    try {
      const [{ approvalKeyFile, LocalKeySeal }, { userDir }] = await Promise.all([import('../../agents/approvals/seal.js'), import('../../config/file-names.js')]);
      const seal = await LocalKeySeal.load(approvalKeyFile(), { create: true });
      if (!seal) return undefined;
      const dir = join(userDir(), 'code-cache');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return { dir, keyId: seal.keyId, key: seal.derivedKey(PURPOSE) };
    } catch {
      // No usable key or folder: read every time.
      return undefined;
    }
  })();
  return store;
}

/** Firebreak's version and the identity of each module (the bundle's chunk names carry a content hash; size and mtime cover a build without). */
function fingerprint(modules: readonly string[]): string {
  const id = modules.join('\n');
  let f = fingerprints.get(id);
  if (f === undefined) {
    const parts = [`firebreak ${VERSION}`, `format ${FORMAT}`];
    for (const url of modules) {
      let stamp = '';
      try {
        const st = statSync(fileURLToPath(url));
        stamp = ` ${st.size} ${st.mtimeMs}`;
      } catch {
        // not a file URL: the URL alone
      }
      parts.push(`${url}${stamp}`);
    }
    fingerprints.set(id, (f = parts.join('\n')));
  }
  return f;
}

interface Header {
  v: number;
  keyId: string;
  mac: string;
}

interface Body {
  language: CodeLanguage;
  calls: Program['calls'];
  bindings: [string, Expr[]][];
  imports: Program['imports'];
  problems: Program['problems'];
  mentions?: [string, number][];
  classes?: string[];
}

function mac(s: Store, digest: string, body: string): Buffer {
  return createHmac('sha256', s.key).update(`${digest}\n`).update(body).digest();
}

function load(s: Store, path: string, digest: string, language: CodeLanguage, file: string | undefined): Program | undefined {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    // One header line (format, key, MAC), then the IR as JSON.
    const newline = raw.indexOf('\n');
    if (newline < 0) return undefined;
    const header = JSON.parse(raw.slice(0, newline)) as Partial<Header>;
    const text = raw.slice(newline + 1);
    if (header.v !== FORMAT || header.keyId !== s.keyId || typeof header.mac !== 'string') return undefined;
    const given = Buffer.from(header.mac, 'hex');
    const expected = mac(s, digest, text);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const body = JSON.parse(text) as Body;
    if (body.language !== language || !Array.isArray(body.calls) || !Array.isArray(body.bindings) || !Array.isArray(body.imports) || !Array.isArray(body.problems)) return undefined;
    return {
      language, ...(file !== undefined ? { file } : {}), calls: body.calls, bindings: new Map(body.bindings), imports: body.imports, problems: body.problems,
      ...(Array.isArray(body.mentions) ? { mentions: new Map(body.mentions) } : {}), ...(Array.isArray(body.classes) ? { classes: new Set(body.classes) } : {}),
    };
  } catch {
    return undefined;
  }
}

function save(s: Store, path: string, digest: string, program: Program): void {
  try {
    const body: Body = {
      language: program.language, calls: program.calls, bindings: [...program.bindings], imports: program.imports, problems: program.problems,
      ...(program.mentions ? { mentions: [...program.mentions] } : {}), ...(program.classes ? { classes: [...program.classes] } : {}),
    };
    const text = JSON.stringify(body);
    if (text.length > MAX_ENTRY_BYTES) return;
    const header: Header = { v: FORMAT, keyId: s.keyId, mac: mac(s, digest, text).toString('hex') };
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(header)}\n${text}`, { mode: 0o600 });
    renameSync(temp, path);
    if (Number.parseInt(digest.slice(0, 2), 16) < 8) prune(s.dir);
  } catch {
    // A cache that cannot be written only costs the next read its parse.
  }
}

/** Keeps the folder bounded: past MAX_ENTRIES, the least recently written go (checked on about one write in 32). */
function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const aged = names.map((n) => {
    try {
      return { n, t: statSync(join(dir, n)).mtimeMs };
    } catch {
      return { n, t: 0 };
    }
  });
  aged.sort((a, b) => a.t - b.t);
  for (const { n } of aged.slice(0, names.length - Math.floor(MAX_ENTRIES * 0.8))) {
    try {
      unlinkSync(join(dir, n));
    } catch {
      // gone already
    }
  }
}
