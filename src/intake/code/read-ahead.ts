// Code a tool call writes, to be read after the call is answered (agents/hook/read-ahead.ts): the
// call that runs it next then finds its IR in the sealed cache (cache.ts) instead of loading the
// parser. Only the languages whose readers keep their IR there. Nothing here decides a verdict: a
// text queued and never read, or read differently, only means the run reads it itself.
export type ReadAheadLanguage = 'python' | 'javascript' | 'typescript' | 'ruby' | 'php';

export interface ReadAhead {
  language: ReadAheadLanguage;
  /** The path as the tool call names it: TypeScript's grammar follows the file name (readers/javascript.ts). */
  file: string;
  text: string;
}

const BY_EXTENSION: Readonly<Record<string, ReadAheadLanguage>> = {
  py: 'python', pyw: 'python',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescript',
  rb: 'ruby', rake: 'ruby',
  php: 'php',
};
/** Texts read ahead after one call, and their total size (a script larger than 256 KB is not read at all: source.ts). */
export const MAX_READ_AHEAD = 4;
export const MAX_READ_AHEAD_CHARS = 512 * 1024;
/** As MAX_SCRIPT_BYTES (source.ts): a larger script is never read, so never read ahead. */
const MAX_TEXT_CHARS = 256 * 1024;

const queued: ReadAhead[] = [];

export function readAheadLanguage(path: string): ReadAheadLanguage | undefined {
  const m = /\.([A-Za-z]+)$/.exec(path);
  return m ? BY_EXTENSION[m[1]!] ?? BY_EXTENSION[m[1]!.toLowerCase()] : undefined;
}

/** Queues `text`, the whole new content of `path`, when it is code a cached reader reads. */
export function queueReadAhead(path: string, text: string): void {
  const language = readAheadLanguage(path);
  if (!language || !text.trim() || text.length > MAX_TEXT_CHARS || queued.length >= MAX_READ_AHEAD) return;
  if (queued.some((q) => q.language === language && q.text === text)) return;
  if (queued.reduce((n, q) => n + q.text.length, text.length) > MAX_READ_AHEAD_CHARS) return;
  queued.push({ language, file: path, text });
}

/** Called by the cache for each text read in this process: one written and run by the same call is in the cache already. */
export function noteReadHere(language: string, text: string): void {
  for (let i = queued.length - 1; i >= 0; i--) if (queued[i]!.language === language && queued[i]!.text === text) queued.splice(i, 1);
}

/** The queued texts; empties the queue. */
export function takeReadAhead(): ReadAhead[] {
  return queued.splice(0, queued.length);
}
