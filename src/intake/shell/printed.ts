// What `echo` and `printf` print, when the words show it. `echo` without -e prints backslashes as
// they are in bash but turns them into line breaks and tabs in zsh and dash (the agent's shell may be
// either), so such text is not known; printf reuses its format until the arguments run out, as the
// shell's does.

/** The text printed, or undefined when it depends on which shell runs it. */
export function printedText(name: 'echo' | 'printf' | string, args: readonly string[]): string | undefined {
  if (name === 'echo') {
    let i = 0;
    let newline = true;
    let escapes: boolean | undefined;
    while (i < args.length && /^-[neE]+$/.test(args[i]!)) {
      for (const c of args[i]!.slice(1)) {
        if (c === 'n') newline = false;
        else escapes = c === 'e';
      }
      i++;
    }
    const text = args.slice(i).join(' ');
    if (escapes === undefined && ESCAPE.test(text)) return undefined;
    return (escapes ? unescape(text) : text) + (newline ? '\n' : '');
  }
  const [format = '', ...rest] = args;
  const conversions = format.match(CONVERSION)?.filter((m) => m !== '%%').length ?? 0;
  let out = '';
  let n = 0;
  do {
    out += unescape(format).replace(CONVERSION, (m) => {
      if (m === '%%') return '%';
      const arg = rest[n++] ?? '';
      return m.endsWith('b') ? unescape(arg) : arg;
    });
  } while (conversions > 0 && n < rest.length);
  return out;
}

const CONVERSION = /%[-#0 +]*\d*(\.\d+)?[sdbqcixXfeEgG%]/g;
const ESCAPE = /\\(n|t|r|\\|0[0-7]{0,3}|x[0-9a-fA-F]|[abcefv])/;

function unescape(s: string): string {
  return s.replace(/\\(n|t|r|\\|'|"|0[0-7]{0,3}|x[0-9a-fA-F]{1,2})/g, (_m, e: string) => {
    if (e === 'n') return '\n';
    if (e === 't') return '\t';
    if (e === 'r') return '\r';
    if (e[0] === '0') return String.fromCharCode(parseInt(e, 8) || 0);
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return e;
  });
}
