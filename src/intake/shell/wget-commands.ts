// `wget -e CMD`, `--execute=CMD`, `-qe CMD`: a .wgetrc command. One that is an option by another
// name (knowledge/wgetrc.ts) is rewritten into that option, so everything that reads wget's command
// line (the output file, the upload, `--use-askpass`) sees it; one that only tunes the download is
// left as it is; the wget recogniser finds any other unknown.
import { WGET_LONG_OPTIONS, WGETRC_OPTIONS, WGETRC_TUNING, wgetrcName } from '../../knowledge/wgetrc.js';
import type { Word } from './syntax.js';
import { fullLongOption } from './command-options.js';

/** wget's short options that take a value (`-nv` is `-n v`). */
const SHORT_WITH_VALUE = 'eoaiBtOTwQPUlARDIXn';
const BOOLEAN = new Set(['deleteafter']);

export interface WgetrcCommand {
  name: string;
  value: string;
}

/** `name = value`, as wget parses a .wgetrc line. */
export function parseWgetrcCommand(text: string): WgetrcCommand | undefined {
  const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*$/s.exec(text);
  return m ? { name: m[1], value: m[2] } : undefined;
}

/** Whether a .wgetrc command only tunes the download. */
export function isTuningCommand(text: string): boolean {
  const c = parseWgetrcCommand(text);
  return !!c && WGETRC_TUNING.has(wgetrcName(c.name));
}

/** wget's words with each `-e` command that equals an option written as that option. */
export function wgetWithOptions(words: readonly Word[]): Word[] {
  const out: Word[] = [words[0]];
  for (let i = 1; i < words.length; i++) {
    const w = fullLongOption(words[i], WGET_LONG_OPTIONS);
    const a = w.value;
    if (a === '--') { out.push(...words.slice(i)); break; }
    let command: string | undefined;
    let prefix: string | undefined;
    if (a === '--execute' || a === '-e') { command = words[i + 1]?.value; if (command !== undefined) i++; }
    else if (a.startsWith('--execute=')) command = a.slice(10);
    else if (/^-[A-Za-z]/.test(a) && !a.startsWith('--')) {
      // A cluster: the first letter that takes a value ends it.
      for (let j = 1; j < a.length; j++) {
        if (!SHORT_WITH_VALUE.includes(a[j])) continue;
        if (a[j] === 'e') {
          prefix = j > 1 ? a.slice(0, j) : undefined;
          if (j + 1 < a.length) command = a.slice(j + 1);
          else { command = words[i + 1]?.value; if (command !== undefined) i++; }
        }
        break;
      }
    }
    if (command === undefined) { out.push(w); continue; }
    if (prefix) out.push(like(w, prefix));
    out.push(...asOptions(w, command));
  }
  return out;
}

function asOptions(from: Word, command: string): Word[] {
  const c = parseWgetrcCommand(command);
  const name = c ? wgetrcName(c.name) : '';
  const option = c && Object.hasOwn(WGETRC_OPTIONS, name) ? WGETRC_OPTIONS[name] : undefined;
  if (!c || !option) return [like(from, '-e'), like(from, command)];
  if (BOOLEAN.has(name)) return /^(on|1|yes|true)$/i.test(c.value) ? [like(from, option)] : [];
  return [like(from, `${option}=${c.value}`)];
}

function like(from: Word, value: string): Word {
  return { raw: value, value, dynamic: from.dynamic || value.includes('$'), glob: false, substitutions: [] };
}
