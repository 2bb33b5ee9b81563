// argparse: `args = parser.parse_args()` then `args.target_dir` is what the command line gives
// `--target-dir` (or the option's default), when every argument the parser defines is in view and
// the command line is known. Anything argparse would read differently from this plain reading (an
// abbreviated option, a cluster of short options, sub-commands, arguments added where the parser is
// not known, a type that converts) leaves the value unknown: never a guess that drops a value.
import type { CallSite, Evaluator } from '../evaluate.js';
import type { Expr } from '../ir.js';
import { obj, str, textOf, unknown, type Value } from '../values.js';

export const PARSER = 'argparse.parser';
export const GROUP = 'argparse.group';
export const NAMESPACE = 'argparse.namespace';

/** Parser options that change how the command line is read: not followed. */
const READING_OPTIONS = ['parents', 'prefix_chars', 'fromfile_prefix_chars', 'argument_default'];

/** `argparse.ArgumentParser(...)`: a parser, known by the call that made it. */
export function newParser(site: CallSite): Value {
  const odd = site.call.spread || READING_OPTIONS.some((k) => site.kwargs.has(k));
  return obj(PARSER, { id: { t: 'lit', v: site.call.id }, ...(odd ? { odd: { t: 'lit', v: true } } : {}) });
}

/** Methods of a parser or an argument group; `parse_args` gives the namespace. */
export function parserMethod(site: CallSite, receiver: Value & { t: 'obj' }, method: string): Value {
  if (method === 'add_argument_group' || method === 'add_mutually_exclusive_group') return obj(GROUP, { id: receiver.props.id ?? { t: 'lit', v: -1 } });
  if (method !== 'parse_args' || receiver.cls !== PARSER) return unknown(`what ${method} of an argparse parser gives`);
  return parseArgs(site, receiver);
}

/** `args.name` of a namespace parse_args gave. */
export function namespaceMember(receiver: Value & { t: 'obj' }, name: string): Value {
  if (receiver.props.why) return unknown(`args.${name}: ${textOf(receiver.props.why) ?? 'the command line is not read'}`);
  return receiver.props[`arg:${name}`] ?? unknown(`args.${name}, an argument the parser defines where Firebreak does not see it`);
}

interface Argument {
  strings: string[];
  dest: string;
  /** value: takes the next word; true/false: store_true/store_false; count: a counted flag; exit: --version, --help. */
  takes: 'value' | 'true' | 'false' | 'count' | 'exit';
  positional: boolean;
  dflt: Value;
  convert: (text: string) => Value;
}

type Read = { ok: true; args: Argument[] } | { ok: false; why: string };

function failed(why: string): Value {
  return obj(NAMESPACE, { why: str(why) });
}

function parseArgs(site: CallSite, parser: Value & { t: 'obj' }): Value {
  if (site.evaluator.program.namesInText !== false) return failed('the code reaches names through text (getattr, globals...), so arguments may be added out of sight');
  if (parser.props.odd) return failed('the parser reads the command line in a way Firebreak does not follow (parents, prefix_chars, fromfile_prefix_chars)');
  // The reader may list one call more than once: counted by where it is.
  const parsers = new Set(site.evaluator.program.calls.filter((c) => /(^|\.)ArgumentParser$/.test(dotted(c.callee) ?? '')).map((c) => `${c.loc.line}:${c.loc.text}`)).size;
  if (parsers !== 1) return failed('the code builds more than one argparse parser');
  const read = argumentsOf(site.evaluator, idOf(parser));
  if (!read.ok) return failed(read.why);
  const given = site.args[0] ?? site.kwargs.get('args');
  let words: Value[] | undefined = site.evaluator.context.args;
  if (given !== undefined && !(given.t === 'lit' && given.v === null)) words = given.t === 'list' ? given.items : undefined;
  if (!words) return failed('the command line is not known');
  const texts = words.map(textOf);
  if (texts.some((t) => t === undefined)) return failed('the command line has parts known only at run time');
  const found = readCommandLine(read.args, texts as string[]);
  if (typeof found === 'string') return failed(found);
  const props: Record<string, Value> = {};
  for (const a of read.args) {
    const last = found.get(a.dest);
    props[`arg:${a.dest}`] = last !== undefined ? last : a.dflt;
  }
  return obj(NAMESPACE, props);
}

/** Every `add_argument` on the parser (or its groups); any whose parser is not known makes the reading fail. */
function argumentsOf(ev: Evaluator, id: string): Read {
  const args: Argument[] = [];
  for (const call of ev.program.calls) {
    if (call.callee.k !== 'attr') continue;
    const method = call.callee.name;
    if (!['add_argument', 'add_subparsers', 'set_defaults', 'add_parser'].includes(method)) continue;
    const receiver = ev.value(call.callee.obj);
    const ours = receiver.t === 'obj' && (receiver.cls === PARSER || receiver.cls === GROUP) && idOf(receiver) === id;
    const other = receiver.t === 'obj' && (receiver.cls === PARSER || receiver.cls === GROUP) && !ours;
    if (other) continue;
    if (method === 'add_parser' && !ours) continue;
    if (!ours) return { ok: false, why: `line ${call.loc.line} adds arguments to a parser Firebreak cannot place` };
    if (method !== 'add_argument') return { ok: false, why: `line ${call.loc.line}: ${method} (sub-commands or defaults set apart) is not followed` };
    if (call.spread) return { ok: false, why: `line ${call.loc.line} adds an argument from values spread at run time` };
    const strings = call.args.map((a) => textOf(ev.value(a)));
    if (!strings.length || strings.some((s) => s === undefined)) return { ok: false, why: `line ${call.loc.line} adds an argument whose name is computed at run time` };
    const kw = new Map(call.kwargs.map((k) => [k.name, k.value] as const));
    const positional = !strings[0]!.startsWith('-');
    const action = kw.has('action') ? textOf(ev.value(kw.get('action')!)) : 'store';
    if (kw.has('nargs') || kw.has('const') || !['store', 'store_true', 'store_false', 'count', 'version', 'help'].includes(action ?? '')) return { ok: false, why: `line ${call.loc.line} adds an argument with nargs, const or an action Firebreak does not follow` };
    const destGiven = kw.has('dest') ? textOf(ev.value(kw.get('dest')!)) : undefined;
    if (kw.has('dest') && destGiven === undefined) return { ok: false, why: `line ${call.loc.line} names the argument's destination at run time` };
    const long = strings.find((s) => s!.startsWith('--'));
    const dest = destGiven ?? (positional ? strings[0]! : (long ?? strings[0]!).replace(/^-+/, '')).replace(/-/g, '_');
    const convert = converter(kw.has('type') ? ev.value(kw.get('type')!) : undefined);
    const takes = action === 'store_true' ? 'true' : action === 'store_false' ? 'false' : action === 'count' ? 'count' : action === 'version' || action === 'help' ? 'exit' : 'value';
    let dflt: Value = takes === 'true' ? { t: 'lit', v: false } : takes === 'false' ? { t: 'lit', v: true } : takes === 'count' ? unknown('how often a flag is given')
      : positional ? unknown(`the argument ${dest}, which the command line does not give`) : { t: 'lit', v: null };
    if (kw.has('default')) {
      const d = ev.value(kw.get('default')!);
      const text = d.t === 'str' ? d.v : undefined;
      dflt = text !== undefined ? convert(text) : d;
    }
    args.push({ strings: strings as string[], dest, takes, positional, dflt, convert });
  }
  return { ok: true, args };
}

function idOf(v: Value & { t: 'obj' }): string {
  const id = v.props.id;
  return id?.t === 'lit' ? String(id.v) : '';
}

function dotted(e: Expr): string | undefined {
  if (e.k === 'name') return e.name;
  if (e.k === 'module') return e.path;
  if (e.k === 'attr') {
    const base = dotted(e.obj);
    return base === undefined ? undefined : `${base}.${e.name}`;
  }
  return undefined;
}

/** `type=`: none or str keeps the text, pathlib's Path makes a path; any other conversion is not followed. */
function converter(type: Value | undefined): (text: string) => Value {
  if (type === undefined || (type.t === 'path' && type.path === 'str')) return (t) => str(t);
  if (type.t === 'path' && /(^|\.)(Path|PurePath|PosixPath)$/.test(type.path)) return (t) => obj('python.path', { path: str(t) });
  return () => unknown('an argument converted by a type Firebreak does not follow');
}

/** The value the command line gives each destination (the last time it is given), or why it cannot be read. */
function readCommandLine(args: Argument[], words: string[]): Map<string, Value> | string {
  const out = new Map<string, Value>();
  const options = args.filter((a) => !a.positional);
  const positionals = args.filter((a) => a.positional);
  let next = 0;
  let onlyPositional = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!onlyPositional && w === '--') { onlyPositional = true; continue; }
    if (!onlyPositional && w.length > 1 && w.startsWith('-')) {
      const eq = w.indexOf('=');
      const name = eq > 0 ? w.slice(0, eq) : w;
      let explicit = eq > 0 ? w.slice(eq + 1) : undefined;
      let option = options.find((o) => o.strings.includes(name));
      if (!option && !w.startsWith('--')) {
        // `-tVALUE`: a short option with its value attached; anything else is a cluster or unknown.
        option = options.find((o) => o.strings.includes(w.slice(0, 2)));
        if (!option || option.takes !== 'value') return `${w} is a cluster of short options or one the parser does not define`;
        explicit = w.slice(2);
      }
      if (!option) return `${w} is not an option the parser defines (argparse takes abbreviations of long options)`;
      if (option.takes === 'exit') return `${w} makes argparse print and exit`;
      if (option.takes !== 'value') {
        if (explicit !== undefined) return `${w} gives a value to a flag`;
        out.set(option.dest, option.takes === 'count' ? unknown('how often a flag is given') : { t: 'lit', v: option.takes === 'true' });
        continue;
      }
      const value = explicit ?? words[++i];
      if (value === undefined) return `${w} is given no value`;
      out.set(option.dest, option.convert(value));
      continue;
    }
    const p = positionals[next++];
    if (!p) return `${w} is an argument the parser does not define`;
    out.set(p.dest, p.convert(w));
  }
  return out;
}
