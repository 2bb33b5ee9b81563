// Options whose value is a command a tool runs (`tar --to-command=...`, `sort --compress-program`),
// found in every spelling the tool's own option parser accepts: `--opt=value`, `--opt value`, an
// unambiguous prefix (`--to-com=cmd`), a short option in a cluster (`-xvIcmd`, `-xI cmd`), tar's
// old style (`tar xIf cmd a.tar`), and options the tool reads from a variable (TAR_OPTIONS).
import type { CommandOptionSpec } from '../../knowledge/wrappers.js';
import type { Word } from './syntax.js';

export interface CommandInOption {
  option: string;
  value: string;
  /** Where the option was given, when not on the command line (`TAR_OPTIONS`). */
  from?: string;
}

export function commandsInOptions(spec: CommandOptionSpec, args: readonly string[], env: Readonly<Record<string, string | undefined>>): CommandInOption[] {
  const out: CommandInOption[] = [];
  const fromVariable = spec.environment ? env[spec.environment] : undefined;
  // tar reads TAR_OPTIONS before its own arguments, as if they were written first.
  if (fromVariable) for (const found of scan(spec, splitOptionWords(fromVariable), false)) out.push({ ...found, from: spec.environment });
  out.push(...scan(spec, args, !!spec.oldStyle));
  return out;
}

function scan(spec: CommandOptionSpec, args: readonly string[], oldStyle: boolean): CommandInOption[] {
  const out: CommandInOption[] = [];
  const push = (option: string, value: string | undefined) => {
    if (value === undefined) return;
    if (option === '--checkpoint-action') {
      if (!value.startsWith('exec=')) return;
      value = value.slice(5);
    }
    out.push({ option, value });
  };
  const shortTakes = (c: string) => !!spec.shortWithArgument?.includes(c);
  let i = 0;
  // `tar xIf cmd a.tar`: the first word's letters are options; those that take a value take the next words in order.
  if (oldStyle && args[0] && /^[A-Za-z]+$/.test(args[0])) {
    let next = 1;
    for (const c of args[0]) {
      if (!shortTakes(c)) continue;
      const value = args[next++];
      if (spec.options.has(`-${c}`)) push(`-${c}`, value);
    }
    i = next;
  }
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = longName(spec, eq > 0 ? a.slice(0, eq) : a);
      if (!name) continue;
      push(name, eq > 0 ? a.slice(eq + 1) : args[++i]);
      continue;
    }
    if (spec.options.has(a)) { push(a, args[++i]); continue; }
    if (!spec.shortWithArgument || !/^-[A-Za-z]./.test(a)) continue;
    // A cluster: the first letter that takes a value ends it, with the rest of the word or the next word.
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if (!shortTakes(c)) continue;
      const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
      if (spec.options.has(`-${c}`)) push(`-${c}`, value);
      break;
    }
  }
  return out;
}

/** The command option a long option names: itself, or (getopt_long) a prefix of exactly one... or of
 *  several, which the tool refuses to run with: counted either way. */
function longName(spec: CommandOptionSpec, written: string): string | undefined {
  if (spec.options.has(written)) return written;
  if (!spec.abbreviations || written.length < 4 || spec.abbreviations.exact.has(written)) return undefined;
  return [...spec.options].find((o) => o.startsWith('--') && o.startsWith(written));
}

/** Words of an options variable: split on blanks, with quotes and backslashes as tar's wordsplit reads them. */
export function splitOptionWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const stop = end < 0 ? text.length : end;
      word += text.slice(i + 1, stop).replace(c === '"' ? /\\(["\\$`])/g : /(?!)/g, '$1');
      i = stop;
      started = true;
    } else if (c === '\\' && i + 1 < text.length) { word += text[++i]; started = true; }
    else if (/\s/.test(c)) { if (started) words.push(word); word = ''; started = false; }
    else { word += c; started = true; }
  }
  if (started) words.push(word);
  return words;
}

/** `--output-doc=F` as a getopt_long tool reads it: `--output-document=F`. An ambiguous prefix is
 *  left as written (the tool refuses it). */
export function fullLongOption(w: Word, options: readonly string[]): Word {
  if (!w.value.startsWith('--') || w.value.length < 4) return w;
  const eq = w.value.indexOf('=');
  const name = eq > 0 ? w.value.slice(0, eq) : w.value;
  if (options.includes(name)) return w;
  const matches = options.filter((o) => o.startsWith(name));
  if (matches.length !== 1) return w;
  const value = matches[0] + (eq > 0 ? w.value.slice(eq) : '');
  return { raw: value, value, dynamic: w.dynamic, glob: false, substitutions: [] };
}

/** Every long option of a tool's words under its full name, up to `--`. */
export function withFullLongOptions(words: readonly Word[], options: readonly string[]): Word[] {
  const end = words.findIndex((w, i) => i > 0 && w.value === '--');
  return words.map((w, i) => (i > 0 && (end < 0 || i < end) ? fullLongOption(w, options) : w));
}
