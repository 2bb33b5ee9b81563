// What a reader made of a piece of code (its IR), kept per user so that reading the same script
// again costs a file read instead of loading the parser: the IR is a function of the language, the
// text and the reader's own code, and nothing else (imports, the workspace and the command are
// judged afresh on every call). Entries live in the per-user folder, which the guard keeps agents
// from writing, sealed (config/sealed-store.ts) under a key derived for this purpose from the
// per-user approval key: an entry that does not verify, or does not parse, is ignored and the code
// is read again.
//
// On by default; FIREBREAK_CODE_CACHE=0 turns it off. Test runs (VITEST set) read afresh unless
// FIREBREAK_CODE_CACHE=1.
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SealedStore } from '../../config/sealed-store.js';
import { sha256Hex } from '../../util/sha256.js';
import { VERSION } from '../../version.js';
import { forgetPerCall } from '../../util/per-call.js';
import type { Expr, Program } from './ir.js';
import type { CodeLanguage } from './languages.js';
import { noteReadHere } from './read-ahead.js';

const FORMAT = 2;
/** Entries kept; past this the oldest go. */
const MAX_ENTRIES = 2000;
/** IR larger than this is not kept (it would cost more to read than to parse). */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

let store: Promise<SealedStore | undefined> | undefined;
const fingerprints = new Map<string, string>();
// The store is opened with the environment of the call that first reads code (its per-user folder).
forgetPerCall(() => {
  store = undefined;
});

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
  noteReadHere(language, text);
  store ??= SealedStore.open('code-cache', 'code-reading cache', { create: true, maxEntries: MAX_ENTRIES });
  const s = await store;
  if (!s) return read();
  const digest = entryDigest(`${fingerprint(modules)}\0${language}\0${variant}\0${text}`);
  const name = `${digest}.json`;
  const hit = parseBody(s.read(name, digest), language, file);
  if (hit) return hit;
  const program = await read();
  const body = serialise(program);
  if (body.length <= MAX_ENTRY_BYTES) s.write(name, digest, body);
  return program;
}

/**
 * Text up to 16 KB (a one-liner, most scripts) is hashed in plain JavaScript: loading node:crypto
 * cost a hook call ~6 ms, more than the hash. Larger text with node:crypto. The same digest.
 */
export function entryDigest(text: string): string {
  if (text.length <= 16 * 1024) return sha256Hex(text);
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}

/** Forgets the loaded key (tests point FIREBREAK_HOME elsewhere between cases). */
export function resetCodeCache(): void {
  store = undefined;
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

interface Body {
  language: CodeLanguage;
  calls: Program['calls'];
  bindings: [string, Expr[]][];
  imports: Program['imports'];
  problems: Program['problems'];
  mentions?: [string, number][];
  classes?: string[];
  namesInText?: boolean;
}

function serialise(program: Program): string {
  const body: Body = {
    language: program.language, calls: program.calls, bindings: [...program.bindings], imports: program.imports, problems: program.problems,
    ...(program.mentions ? { mentions: [...program.mentions] } : {}), ...(program.classes ? { classes: [...program.classes] } : {}),
    ...(program.namesInText !== undefined ? { namesInText: program.namesInText } : {}),
  };
  return JSON.stringify(body);
}

function parseBody(text: string | undefined, language: CodeLanguage, file: string | undefined): Program | undefined {
  if (text === undefined) return undefined;
  try {
    const body = JSON.parse(text) as Body;
    if (body.language !== language || !Array.isArray(body.calls) || !Array.isArray(body.bindings) || !Array.isArray(body.imports) || !Array.isArray(body.problems)) return undefined;
    return {
      language, ...(file !== undefined ? { file } : {}), calls: body.calls, bindings: new Map(body.bindings), imports: body.imports, problems: body.problems,
      ...(Array.isArray(body.mentions) ? { mentions: new Map(body.mentions) } : {}), ...(Array.isArray(body.classes) ? { classes: new Set(body.classes) } : {}),
      ...(typeof body.namesInText === 'boolean' ? { namesInText: body.namesInText } : {}),
    };
  } catch {
    return undefined;
  }
}
