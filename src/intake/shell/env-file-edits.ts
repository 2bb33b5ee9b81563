// What an in-place edit (`sed -i`, `perl -pi -e`) leaves in an environment file, when the edit is
// simple enough to replay here: `s/^LOG_LEVEL=.*/LOG_LEVEL=debug/` on the file's text. An edit can
// make a guard variable without naming it (`s/_TO_DATA//` turns `PATH_TO_DATA=` into `PATH=`,
// `s/x/\x46IREBREAK_HOME=/` spells it in hex, `y/.../.../` changes letters), so the result is
// compared, not the words; anything this does not replay (a script file, a computed expression, the
// `e` and `w` flags, case-changing escapes, other sed commands, perl code that is not one s///) is
// not known.

type Edit = (lines: string[]) => string[];
export type EditedText = { text: string } | { why: string };

/** The text after `name argv` edits `before` in place, or why that is not known. */
export function editedText(name: string, argv: readonly string[], before: string): EditedText {
  const edits = name === 'sed' ? sedEdits(argv) : name === 'perl' ? perlEdits(argv) : { why: `an in-place edit by ${name}` };
  if ('why' in edits) return edits;
  let lines = before.split('\n');
  for (const edit of edits) lines = edit(lines);
  return { text: lines.join('\n') };
}

function sedEdits(argv: readonly string[]): Edit[] | { why: string } {
  const scripts: string[] = [];
  let extended = false;
  let sawScriptOption = false;
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { operands.push(...argv.slice(i + 1)); break; }
    if (a === '--expression' || a === '-e') { scripts.push(argv[++i] ?? ''); sawScriptOption = true; continue; }
    if (a.startsWith('--expression=')) { scripts.push(a.slice(13)); sawScriptOption = true; continue; }
    if (a === '--regexp-extended') { extended = true; continue; }
    if (a.startsWith('--file') || a === '--null-data' || a === '--zero-terminated') return { why: `sed ${a}: an edit Firebreak does not replay` };
    if (a.startsWith('--')) continue;
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const c = a[k];
        if (c === 'i') break; // the rest is a backup suffix
        if (c === 'E' || c === 'r') extended = true;
        else if (c === 'e') { const rest = a.slice(k + 1); scripts.push(rest || (argv[++i] ?? '')); sawScriptOption = true; break; }
        else if (c === 'f' || c === 'z') return { why: `sed -${c}: an edit Firebreak does not replay` };
      }
      continue;
    }
    operands.push(a);
  }
  if (!sawScriptOption && operands.length) scripts.push(operands[0]);
  const edits: Edit[] = [];
  for (const script of scripts) {
    const parsed = sedScript(script, extended);
    if ('why' in parsed) return parsed;
    edits.push(...parsed);
  }
  return edits;
}

/** One sed script: `s` commands, `d`, and the one-line `a`/`i`/`c` text forms, each with an optional address (ignored: the edit is replayed on every line, which can only show more). */
function sedScript(script: string, extended: boolean): Edit[] | { why: string } {
  const edits: Edit[] = [];
  let i = 0;
  const unknown = (what: string) => ({ why: `the sed expression ${JSON.stringify(script.slice(0, 80))} (${what}), an edit Firebreak does not replay` });
  while (i < script.length) {
    while (i < script.length && /[\s;]/.test(script[i])) i++;
    if (i >= script.length) break;
    // Address: a line number, $, or /regex/, optionally a range and a `!`.
    const address = /^(\d+|\$|\/(?:[^/\\]|\\.)*\/I?)(,(\d+|\$|\/(?:[^/\\]|\\.)*\/I?))?\s*(!?)\s*/.exec(script.slice(i));
    if (address) i += address[0].length;
    const selects = address ? lineSelector(address[1]!, address[2] !== undefined || address[4] === '!', extended) : () => true;
    if (selects === undefined) return unknown('an address Firebreak does not replay');
    const c = script[i];
    if (c === 's') {
      const d = script[i + 1];
      if (d === undefined || /[\s\\\n]/.test(d)) return unknown('an s command without a delimiter');
      const [pattern, afterPattern] = delimited(script, i + 2, d);
      if (afterPattern < 0) return unknown('an unfinished s command');
      const [replacement, afterReplacement] = delimited(script, afterPattern, d);
      if (afterReplacement < 0) return unknown('an unfinished s command');
      const flags = /^[gpiI0-9]*/.exec(script.slice(afterReplacement))![0];
      i = afterReplacement + flags.length;
      if (i < script.length && !/[\s;}]/.test(script[i])) return unknown(`the s flag ${script[i]}`);
      const regex = jsRegex(pattern, d, extended, /[iI]/.test(flags));
      const rep = jsReplacement(replacement, d);
      if (regex === undefined || rep === undefined) return unknown('a pattern or replacement with escapes Firebreak does not replay');
      edits.push((lines) => lines.flatMap((line, n) => (selects(line, n, lines) ? line.replace(regex, rep).split('\n') : [line])));
    } else if (c === 'd') {
      i++;
      edits.push((lines) => lines.filter((line, n) => !selects(line, n, lines)));
    } else if (c === 'a' || c === 'i' || c === 'c') {
      const text = script.slice(i + 1).replace(/^\\?\s*/, '');
      if (/\\/.test(text)) return unknown('text with escapes');
      edits.push((lines) => [...lines, ...text.split('\n')]);
      i = script.length;
    } else return unknown(`the sed command ${c}`);
  }
  return edits;
}

/** Which lines a sed address picks (`3`, `$`, `/re/`); undefined for ranges and negation. The text's
 *  trailing newline leaves an empty last element that is not a line. */
function lineSelector(address: string, rangeOrNot: boolean, extended: boolean): ((line: string, n: number, lines: string[]) => boolean) | undefined {
  if (rangeOrNot) return undefined;
  const last = (lines: string[]) => (lines[lines.length - 1] === '' ? lines.length - 2 : lines.length - 1);
  if (address === '$') return (_l, n, lines) => n === last(lines);
  if (/^\d+$/.test(address)) return (_l, n) => n === Number(address) - 1;
  const m = /^\/(.*)\/(I?)$/.exec(address);
  const regex = m ? jsRegex(m[1]!, '/', extended, m[2] === 'I') : undefined;
  if (!regex) return undefined;
  return (line, n, lines) => n <= last(lines) && new RegExp(regex.source, regex.flags.replace('g', '')).test(line);
}

/** The text up to the next unescaped delimiter, and the index after it (-1 when there is none). */
function delimited(s: string, from: number, d: string): [string, number] {
  let out = '';
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length) { out += s[i + 1] === d ? d : s.slice(i, i + 2); i++; continue; }
    if (s[i] === d) return [out, i + 1];
    out += s[i];
  }
  return [out, -1];
}

const POSIX_CLASS: Record<string, string> = { alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f' };

/** A sed (BRE, or ERE with -E) pattern as a JavaScript regex; undefined for what this does not translate. */
function jsRegex(pattern: string, d: string, extended: boolean, ignoreCase: boolean): RegExp | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '[') {
      const m = /^\[\^?\]?(?:\[:[a-z]+:\]|[^\]])*\]/.exec(pattern.slice(i));
      if (!m) return undefined;
      let cls = m[0];
      for (const [name, body] of Object.entries(POSIX_CLASS)) cls = cls.split(`[:${name}:]`).join(body);
      if (cls.includes('[:')) return undefined;
      out += cls.replace(/^\[(\^?)\]/, '[$1\\]');
      i += m[0].length - 1;
    } else if (c === '\\') {
      const n = pattern[++i];
      if (n === undefined) return undefined;
      if (!extended && '(){}+?|'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else if (/[.*[\]^$\\/(){}+?|]/.test(n) || n === d) out += `\\${n}`;
      else if (n === 'n' || n === 't' || n === 'w' || n === 'W' || n === 's' || n === 'S' || n === 'b' || n === 'B') out += `\\${n}`;
      else if (/[1-9]/.test(n)) out += `\\${n}`;
      else return undefined;
    } else if (!extended && '(){}+?|'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  try {
    return new RegExp(out, ignoreCase ? 'gi' : 'g');
  } catch {
    return undefined;
  }
}

/** A sed replacement as a String.replace one: `&` and `\1`; other escapes (`\x46`, `\U`, `\L`) are not replayed. */
function jsReplacement(rep: string, d: string): string | undefined {
  let out = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i];
    if (c === '$') out += '$$';
    else if (c === '&') out += '$&';
    else if (c === '\\') {
      const n = rep[++i];
      if (n === undefined) return undefined;
      if (/[1-9]/.test(n)) out += `$${n}`;
      else if (n === 'n') out += '\n';
      else if (n === '&' || n === '\\' || n === d || n === '/') out += n;
      else return undefined;
    } else out += c;
  }
  return out;
}

/** `perl -pi -e 's/a/b/g'`: one s/// with plain text; any other perl code is not replayed. */
function perlEdits(argv: readonly string[]): Edit[] | { why: string } {
  const code: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (/^-[a-zA-Z0-9.]*[eE]$/.test(argv[i]) && !argv[i].startsWith('--')) code.push(argv[++i] ?? '');
  }
  const unknown = { why: `the perl code ${JSON.stringify(code.join('; ').slice(0, 80))}, an edit Firebreak does not replay` };
  if (code.length !== 1) return unknown;
  const m = /^\s*s([^\w\s{(<[])((?:[^\\]|\\.)*?)\1((?:[^\\$@]|\\[1-9\\/]|\$[1-9&])*?)\1([gi]*)\s*;?\s*$/.exec(code[0]);
  if (!m) return unknown;
  const [, d, pattern, replacement, flags] = m;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern.split(`\\${d}`).join(d), flags.includes('i') ? 'gi' : flags.includes('g') ? 'g' : '');
  } catch {
    return unknown;
  }
  const rep = replacement.replace(/\\([1-9])/g, '$$$1').replace(/\\([\\/])/g, '$1');
  return [(lines) => lines.flatMap((line) => line.replace(regex, rep).split('\n'))];
}
