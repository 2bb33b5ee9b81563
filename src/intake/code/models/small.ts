// What the calls the small readers recognise do (Perl, R, awk, sed).
import type { CallSite, Library } from '../evaluate.js';
import type { CodeLanguage } from '../languages.js';
import { runProcess, touchFile, writesNothing } from './shared.js';
import { textOf, UNKNOWN, type Value } from '../values.js';

export function smallLibrary(language: CodeLanguage): Library {
  return {
    global: (name) => ({ t: 'path', path: name }),
    call: (site) => (site.fn.t === 'path' ? call(site, site.fn.path, language) : UNKNOWN),
  };
}

/** Named arguments (`recursive = TRUE`, `file = "x"`) the small readers pass as one-entry dicts. */
function named(site: CallSite): { positional: Value[]; options: Map<string, Value> } {
  const positional: Value[] = [];
  const options = new Map<string, Value>();
  for (const a of site.args) {
    if (a.t === 'dict' && a.entries.length === 1 && a.entries[0][0] !== null) options.set(a.entries[0][0], a.entries[0][1]);
    else positional.push(a);
  }
  return { positional, options };
}

const STD_STREAMS = /^\/dev\/(stdout|stderr|null|fd\/[12])$/;

function call(site: CallSite, name: string, language: CodeLanguage): Value {
  const { positional, options } = named(site);
  const write = (path: Value | undefined, append = false) => {
    if (!path) return UNKNOWN;
    if (STD_STREAMS.test(textOf(path) ?? '')) return UNKNOWN;
    return touchFile({ ...site, args: [path] }, { op: append ? 'append' : 'write' }, name);
  };
  switch (name) {
    case 'sed.w':
    case 'awk.write':
      return write(positional[0]);
    case 'awk.append':
      return write(positional[0], true);
    case 'sed.e':
    case 'qx':
      return runProcess({ ...site, args: positional }, { form: 'shell' }, name === 'qx' ? 'backticks' : 'sed e');
    case 'system':
    case 'exec':
    case 'shell':
      if (language === 'r' || language === 'awk' || positional.length === 1) return runProcess({ ...site, args: positional }, { form: 'shell' }, name);
      return runProcess({ ...site, args: positional }, { form: 'rest' }, name);
    case 'system2': {
      const args = options.get('args');
      return runProcess({ ...site, args: [positional[0] ?? UNKNOWN, ...(args ? [args] : positional.slice(1))] }, { form: 'argv', argsArg: 1 }, name);
    }
    case 'unlink':
    case 'file.remove':
    case 'rmdir':
    case 'rmtree':
    case 'remove_tree': {
      const recursive = name === 'rmtree' || name === 'remove_tree' || (options.get('recursive')?.t === 'lit' && (options.get('recursive') as { v: unknown }).v === true);
      for (const p of positional) touchFile({ ...site, args: [p] }, { op: 'delete', recursive }, name);
      return UNKNOWN;
    }
    case 'rename':
    case 'file.rename':
      return touchFile({ ...site, args: positional }, { op: 'move', to: 1 }, name);
    case 'open':
      return perlOpen(site, positional);
    case 'eval': {
      const text = textOf(positional[0] ?? UNKNOWN);
      if (language === 'perl' && text !== undefined) site.emit({ kind: 'code', language: 'perl', text, via: 'eval' });
      else site.emit({ kind: 'unknown', why: `${name} runs code computed at run time: what it does is not visible` });
      return UNKNOWN;
    }
    case 'do':
    case 'source': {
      const path = textOf(positional[0] ?? UNKNOWN);
      if (path === undefined) site.emit({ kind: 'unknown', why: `${name} of a file whose path is computed at run time` });
      else site.emit({ kind: 'script', path, language, via: name });
      return UNKNOWN;
    }
    case 'writeLines':
      return write(options.get('con') ?? positional[1]);
    case 'write.csv':
    case 'write.table':
    case 'saveRDS':
      return write(options.get('file') ?? positional[1]);
    case 'save':
    case 'cat':
      return options.has('file') ? write(options.get('file'), options.get('append')?.t === 'lit') : UNKNOWN;
    case 'sink':
    case 'file.create':
      return positional[0] ? write(positional[0]) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/** Perl open: 3-argument modes, 2-argument mode prefixes, and pipes to or from commands. */
function perlOpen(site: CallSite, args: Value[]): Value {
  const [, modeOrExpr, ...rest] = args;
  if (!modeOrExpr) return UNKNOWN;
  const mode = textOf(modeOrExpr);
  if (rest.length) {
    if (mode === undefined) { site.emit({ kind: 'unknown', why: 'open with a mode computed at run time' }); return UNKNOWN; }
    if (mode.includes('|')) return runProcess({ ...site, args: rest }, rest.length === 1 ? { form: 'shell' } : { form: 'rest' }, 'open with a pipe');
    if (/^\+?>/.test(mode.trim()) || mode.includes('+<')) {
      if (/^>$/.test(mode.trim()) && rest[0] && writesNothing(site)) site.emit({ kind: 'file', op: 'truncate', path: rest[0], via: 'open' });
      return touchFile({ ...site, args: [rest[0]] }, { op: mode.includes('>>') ? 'append' : 'write' }, 'open');
    }
    if (rest[0]) site.emit({ kind: 'file', op: 'read', path: rest[0], via: 'open' });
    return UNKNOWN;
  }
  if (mode === undefined) {
    if (modeOrExpr.t === 'tmpl') {
      const first = modeOrExpr.parts[0] ?? '';
      const last = modeOrExpr.parts[modeOrExpr.parts.length - 1] ?? '';
      if (!first.trim().startsWith('|') && !last.trim().endsWith('|') && !/^\s*\+?>/.test(first)) return UNKNOWN;
    }
    site.emit({ kind: 'unknown', why: 'open of a file or command computed at run time' });
    return UNKNOWN;
  }
  const t = mode.trim();
  if (t.startsWith('|')) return runProcess({ ...site, args: [{ t: 'str', v: t.slice(1) }] }, { form: 'shell' }, 'open with a pipe');
  if (t.endsWith('|')) return runProcess({ ...site, args: [{ t: 'str', v: t.slice(0, -1) }] }, { form: 'shell' }, 'open with a pipe');
  const w = /^(\+?>>?|\+<)\s*(.*)$/.exec(t);
  if (w) return touchFile({ ...site, args: [{ t: 'str', v: w[2] }] }, { op: w[1].includes('>>') ? 'append' : 'write' }, 'open');
  site.emit({ kind: 'file', op: 'read', path: { t: 'str', v: t.replace(/^<\s*/, '') }, via: 'open' });
  return UNKNOWN;
}
