// What less runs from its initial commands and option files (knowledge/less.ts): on its command
// line (`less '+!cmd' f`, `less -k keys f`) and in the variables it reads as options (LESS, judged
// where it is set, since git, man and systemctl page through less).
import { LESS_FILE_OPTIONS, LESS_MARK_KEYS, LESS_OPAQUE_KEYS, LESS_SHELL_KEYS, LESS_SHORT_WITH_VALUE, LESS_STRING_KEYS } from '../../knowledge/less.js';
import { quoteWord } from './unwrap.js';

export type LessFinding = { runs: string; why: string } | { unknown: string };

/** `less [options] [+cmd] [++cmd] [files]`. */
export function lessArguments(args: readonly string[]): LessFinding[] {
  const out: LessFinding[] = [];
  const commands: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { files.push(...args.slice(i + 1)); break; }
    if (a.startsWith('+')) { commands.push(a.replace(/^\+\+?/, '')); continue; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      const option = fileOption(name);
      if (option) {
        const value = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (value !== '/dev/null') out.push({ unknown: `less ${name} ${value ?? ''}: ${LESS_FILE_OPTIONS[option]}, which Firebreak does not follow` });
      } else if (eq < 0 && /^--(prompt|pattern|tag|tag-file|shift|window|tabs|max-back-scroll|max-forw-scroll|jump-target|color|header|quotes|rscroll|line-num-width|status-col-width|wordwrap|intr)$/.test(a)) i++;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      // A cluster: the first letter that takes a value ends it, with the rest of the word or the next word.
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === '+') continue; // `-+X` resets option X
        if (!LESS_SHORT_WITH_VALUE.includes(c)) continue;
        const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (Object.hasOwn(LESS_FILE_OPTIONS, `-${c}`) && value !== '/dev/null') out.push({ unknown: `less -${c} ${value ?? ''}: ${LESS_FILE_OPTIONS[`-${c}`]}, which Firebreak does not follow` });
        break;
      }
      continue;
    }
    files.push(a);
  }
  for (const keys of commands) out.push(...initialCommands(keys, files[0]));
  return out;
}

/** The LESS variable (and those read like it): options, with `+cmd` strings that end at `$` or at the end. */
export function lessVariable(variable: string, value: string): LessFinding[] {
  const out: LessFinding[] = [];
  for (let i = value.indexOf('+'); i >= 0; i = value.indexOf('+', i + 1)) {
    const end = value.indexOf('$', i);
    const keys = value.slice(i + 1, end < 0 ? undefined : end).replace(/^\+/, '');
    out.push(...initialCommands(keys, undefined).map((f) => ('runs' in f ? { ...f, why: `${variable}: ${f.why} at every less it starts (git log, man, systemctl)` } : { unknown: `${variable}: ${f.unknown}` })));
  }
  // The options around them, as on the command line (`-R -kkeys`, `--lesskey-src=f`).
  const options = value.replace(/\+[^$]*(\$|$)/g, ' ').split(/\s+/).filter((w) => w.startsWith('-'));
  for (const f of lessArguments(options)) if ('unknown' in f) out.push({ unknown: `${variable}: ${f.unknown}` });
  return out;
}

/** Keystrokes less types at start: each command up to the end of its line. */
export function initialCommands(keys: string, file: string | undefined): LessFinding[] {
  const out: LessFinding[] = [];
  let i = 0;
  const line = (from: number) => {
    const nl = keys.slice(from).search(/[\r\n]/);
    return nl < 0 ? { text: keys.slice(from), next: keys.length } : { text: keys.slice(from, from + nl), next: from + nl + 1 };
  };
  while (i < keys.length) {
    const c = keys[i];
    const two = keys.slice(i, i + 2);
    if (c === '!' || c === '|') {
      // `|` takes a mark first: `|.cmd` pipes from the top of the screen.
      const { text, next } = line(i + (c === '|' ? 2 : 1));
      if (text.trim()) out.push({ runs: shellText(text, file), why: LESS_SHELL_KEYS[c] });
      i = next;
    } else if (LESS_STRING_KEYS.has(two) || LESS_STRING_KEYS.has(c)) {
      i = line(i + (LESS_STRING_KEYS.has(two) ? 2 : 1)).next;
    } else if (Object.hasOwn(LESS_OPAQUE_KEYS, c)) {
      out.push({ unknown: `a less initial command ${LESS_OPAQUE_KEYS[c]}, which Firebreak does not follow` });
      i = line(i + 1).next;
    } else if (c === '-' || c === '_') {
      // `-o file` typed as a command: the option's value follows on the line.
      const option = keys[i + 1] ?? '';
      if (Object.hasOwn(LESS_FILE_OPTIONS, `-${option}`)) out.push({ unknown: `a less initial command sets -${option}: less ${LESS_FILE_OPTIONS[`-${option}`]}, which Firebreak does not follow` });
      i = LESS_SHORT_WITH_VALUE.includes(option) ? line(i + 2).next : i + 2;
    } else if (LESS_MARK_KEYS.has(c)) i += 2;
    else i++;
  }
  return out;
}

/** less hands `!` text to the shell after putting the file's name for `%` and the previous file's for `#`. */
function shellText(text: string, file: string | undefined): string {
  const name = quoteWord(file ?? 'FILE');
  return text.replace(/(\\?)([%#])/g, (m, escaped: string, c: string) => (escaped ? c : c === '%' ? name : 'PREVIOUS-FILE'));
}

function fileOption(name: string): string | undefined {
  if (Object.hasOwn(LESS_FILE_OPTIONS, name)) return name;
  // getopt-style prefixes of less's long options (`--lesskey-s=F`).
  const found = Object.keys(LESS_FILE_OPTIONS).filter((o) => o.startsWith('--') && name.length > 4 && o.startsWith(name));
  return found[0];
}
