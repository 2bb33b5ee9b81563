// Reading code when it is written rather than when it runs (docs/code-reading-speed.md): a file
// tool or a heredoc that writes a script queues its text (intake/code/read-ahead.ts); once the
// answer is on stdout, the hook leaves the texts in the per-user folder and starts a detached
// `firebreak hook --read-ahead FILE`, which reads each text with the same readers and cache as a
// hook call, and exits. The call that runs the script then finds the IR in the sealed cache
// (~80-100 ms less CPU for a 500-line script); the writing call pays for starting a process.
// The cache stays sealed: the reader computes the IR itself from the text it is handed and keys it
// by that text, so whatever reaches it (even text an agent chose) can only produce the true IR of
// some text. A text that differs from what is run is a miss, and the run reads it as before.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { userDir } from '../../config/file-names.js';
import { MAX_READ_AHEAD, MAX_READ_AHEAD_CHARS, type ReadAhead, type ReadAheadLanguage } from '../../intake/code/read-ahead.js';

/** A reader still running after this stops (background work: nothing waits for it). */
const READ_AHEAD_MS = 10_000;
const FOLDER = 'read-ahead';
/** Readers running at once: an agent writing 200 scripts in a burst starts at most this many; a
 *  call that finds every slot taken starts none (the run reads the code itself). Each reader holds a
 *  slot file (`slot-N`, made with O_EXCL, holding its pid) until it exits. */
export const READ_AHEAD_SLOTS = 2;
/** Hand-over files older than this were never picked up (a reader that did not start): removed by the next reader. */
const STALE_MS = 60_000;

/** As the code cache (intake/code/cache.ts codeCacheEnabled), and FIREBREAK_READ_AHEAD=0 turns it off. */
export function readAheadEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FIREBREAK_READ_AHEAD === '0' || env.FIREBREAK_CODE_CACHE === '0') return false;
  return !env.VITEST || env.FIREBREAK_CODE_CACHE === '1';
}

/**
 * Leaves `texts` for a detached reader and starts it. The texts go through a file in the per-user
 * folder rather than a pipe: a child without pipes is cheaper to start, and nothing is left to
 * flush before this process exits. Never throws: a reader that does not start costs a cache miss.
 */
export function startReadAhead(texts: ReadAhead[]): void {
  const bin = process.argv[1];
  if (!texts.length || !bin || !readAheadEnabled()) return;
  try {
    const dir = join(userDir(), FOLDER);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Every slot held by a live reader: starting another would only queue behind them.
    if (freeSlots(dir) === 0) return;
    const file = join(dir, `${process.pid}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(texts), { mode: 0o600 });
    const { spawn } = process.getBuiltinModule('node:child_process');
    const child = spawn(process.execPath, [bin, 'hook', '--read-ahead', file], { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no read-ahead: the run reads the code itself
  }
}

const LANGUAGES: readonly ReadAheadLanguage[] = ['python', 'javascript', 'typescript', 'ruby', 'php'];

/** `firebreak hook --read-ahead FILE`: reads the texts FILE holds into the code cache, at low priority. */
export async function readAheadMain(file: string | undefined): Promise<void> {
  setTimeout(() => process.exit(0), READ_AHEAD_MS).unref();
  try {
    process.getBuiltinModule('node:os').setPriority(19);
  } catch {
    // the default priority
  }
  let texts: unknown;
  try {
    if (!file) throw new Error('no file');
    texts = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    process.exit(1);
  } finally {
    removeHandOvers(file);
  }
  if (!Array.isArray(texts)) process.exit(1);
  // Another reader may have taken the last slot since this one was started: this one skips.
  if (!takeSlot(join(userDir(), FOLDER))) process.exit(0);
  let chars = 0;
  for (const t of texts.slice(0, MAX_READ_AHEAD) as Partial<ReadAhead>[]) {
    if (!t || typeof t.text !== 'string' || typeof t.file !== 'string' || !LANGUAGES.includes(t.language as ReadAheadLanguage)) continue;
    if ((chars += t.text.length) > MAX_READ_AHEAD_CHARS) break;
    try {
      await readInto(t.language as ReadAheadLanguage, t.text, t.file);
    } catch {
      // a text the reader cannot read is read (and reported) by the call that runs it
    }
  }
  process.exit(0);
}

const slotName = /^slot-\d+$/;

/** Whether the slot file at `path` is held by a reader still running (its pid alive, the file younger than a reader lives). */
function held(path: string): boolean {
  try {
    if (Date.now() - statSync(path).mtimeMs > READ_AHEAD_MS + 5_000) return false;
    const pid = Number(readFileSync(path, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: a live process of another user holds it.
    return (e as { code?: string }).code === 'EPERM';
  }
}

/** Slots not held by a live reader. */
function freeSlots(dir: string): number {
  let free = 0;
  for (let n = 0; n < READ_AHEAD_SLOTS; n++) if (!held(join(dir, `slot-${n}`))) free++;
  return free;
}

/** Takes a slot for this process until it exits; a slot left by a reader that died is taken over. */
function takeSlot(dir: string): boolean {
  for (let n = 0; n < READ_AHEAD_SLOTS; n++) {
    const path = join(dir, `slot-${n}`);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, String(process.pid));
        closeSync(fd);
        process.on('exit', () => {
          try {
            if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
          } catch {
            // gone already
          }
        });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST' || held(path)) break;
        try {
          unlinkSync(path); // a dead reader's slot
        } catch {
          // another reader removed it first
        }
      }
    }
  }
  return false;
}

/** This reader's file, and any left by readers that never started. Only files in the per-user folder's own subfolder. */
function removeHandOvers(file: string | undefined): void {
  const dir = join(userDir(), FOLDER);
  try {
    if (file && join(dir, file.slice(file.lastIndexOf('/') + 1)) === file) unlinkSync(file);
  } catch {
    // gone already
  }
  try {
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (slotName.test(name) ? !held(path) && now - statSync(path).mtimeMs > STALE_MS : now - statSync(path).mtimeMs > STALE_MS) unlinkSync(path);
    }
  } catch {
    // nothing to clean
  }
}

/** The reader a hook call uses for this language, through the same cache (intake/code/analyse.ts). */
async function readInto(language: ReadAheadLanguage, text: string, file: string): Promise<void> {
  switch (language) {
    case 'python':
      await (await import('../../intake/code/readers/python.js')).readPython(text, file);
      return;
    case 'javascript':
    case 'typescript':
      await (await import('../../intake/code/readers/javascript.js')).readJavaScript(text, language, file);
      return;
    case 'ruby':
      await (await import('../../intake/code/readers/ruby.js')).readRuby(text, file);
      return;
    case 'php':
      await (await import('../../intake/code/readers/php.js')).readPhp(text, file);
  }
}
