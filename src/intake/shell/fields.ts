// What bash does to a command's words before it runs the command: each `$NAME` / `${NAME}` is replaced
// by the value it has in the shell *before* the command (a prefix assignment `X=v cmd` or `env X=v cmd`
// only sets the command's environment: `X=/; X=build rm -rf "$X"` deletes `/`), and an unquoted one is
// split into words on IFS (`FILES="build /home/u"; rm -rf $FILES` deletes two paths, one of them outside
// the workspace; `GO="go build -o x"; $GO ./...` runs `go build`).
//
// Words are rewritten only where that changes what the command receives: a value that splits, a variable
// the command itself assigns, an unquoted empty value that vanishes. Every other word is left as written
// for the recognisers, which resolve `$NAME` themselves (and say where an unknown value comes from).
import type { Word } from './syntax.js';
import { expandText, type PathContext } from './path-resolve.js';
import { WRAPPERS } from '../../knowledge/wrappers.js';

type Piece = { text: string; quoted: boolean; name?: undefined } | { name: string; quoted: boolean };

/** A word whose value is not known here, with the reason (read by path-resolve's `whyNotKnown`). */
export function unknownWord(why: string): Word {
  const value = `$(firebreak: ${plainWhy(why)})`;
  return { raw: `"${value}"`, value, dynamic: true, glob: false, substitutions: [] };
}

/** A reason written into a word: no parentheses (it closes the marker) and no `$` (nothing expands it). */
function plainWhy(why: string): string {
  return why.replace(/[()]/g, '').replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, 'variable $1').replace(/[$`]/g, '');
}

/** The word cut into literal text and plain variable expansions, as bash reads its quoting; undefined
 *  when it holds anything else (a command substitution, `${X:-d}`, `$1`, `$@`, `$'...'`, a leading `~`). */
function pieces(raw: string): Piece[] | undefined {
  const out: Piece[] = [];
  const text = (t: string, quoted: boolean) => {
    const last = out[out.length - 1];
    if (last && last.name === undefined && last.quoted === quoted) last.text += t;
    else out.push({ text: t, quoted });
  };
  /** A `$` expansion at i: [piece, length], or undefined when it is not a plain variable. */
  const dollar = (i: number, quoted: boolean): [Piece | undefined, number] | undefined => {
    const rest = raw.slice(i + 1);
    const braced = /^\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(rest);
    if (braced) return [{ name: braced[1], quoted }, braced[0].length + 1];
    const bare = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (bare) return [{ name: bare[0], quoted }, bare[0].length + 1];
    // `$` before a character that starts no expansion is itself.
    if (rest === '' || /^[\s/.,:=+%@-]/.test(rest) || (quoted && rest.startsWith('"'))) return [undefined, 1];
    return undefined;
  };
  if (raw.startsWith('~')) return undefined;
  for (let i = 0; i < raw.length; ) {
    const c = raw[i];
    if (c === "'") {
      const end = raw.indexOf("'", i + 1);
      if (end < 0) return undefined;
      text(raw.slice(i + 1, end), true);
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < raw.length && raw[j] !== '"'; ) {
        const d = raw[j];
        if (d === '\\' && j + 1 < raw.length) {
          const e = raw[j + 1];
          if (e === '\n') { j += 2; continue; }
          text('$`"\\'.includes(e) ? e : `\\${e}`, true);
          j += 2;
        } else if (d === '`') return undefined;
        else if (d === '$') {
          const r = dollar(j, true);
          if (!r) return undefined;
          if (r[0]) out.push(r[0]); else text('$', true);
          j += r[1];
        } else { text(d, true); j++; }
      }
      if (j >= raw.length) return undefined;
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 < raw.length && raw[i + 1] !== '\n') text(raw[i + 1], true);
      i += 2;
    } else if (c === '`') return undefined;
    else if (c === '$') {
      if (raw[i + 1] === "'" || raw[i + 1] === '"') return undefined;
      const r = dollar(i, false);
      if (!r) return undefined;
      if (r[0]) out.push(r[0]); else text('$', false);
      i += r[1];
    } else { text(c, false); i++; }
  }
  return out;
}

const NAME_ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Names the command sets for itself: prefix assignments, and the `NAME=value` words of a wrapper that
 *  takes them (`env X=v cmd`, `cross-env X=v cmd`). `make X=v` passes X to make, not to the environment. */
export function ownAssignments(assigned: Readonly<Record<string, string | undefined>>, words: readonly Word[]): Map<string, string | undefined> {
  const out = new Map(Object.entries(assigned));
  let wrapper = false;
  for (const w of words) {
    const m = NAME_ASSIGNMENT.exec(w.value);
    if (wrapper && m) out.set(m[1], w.dynamic ? undefined : w.value.slice(m[0].length));
    else if (Object.hasOwn(WRAPPERS, w.value)) wrapper = WRAPPERS[w.value].assignments === true;
    else if (!w.value.startsWith('-')) wrapper = false;
  }
  return out;
}

/**
 * The words as bash hands them to the command. `ctx.vars` is the shell's state before the command (not
 * its own assignments); `own` the names the command assigns for itself.
 */
export function expandFields(words: readonly Word[], ctx: PathContext, own: ReadonlyMap<string, string | undefined>): Word[] {
  if (!words.some((w) => w.dynamic)) return words as Word[];
  const ifsChanged = Object.hasOwn(ctx.vars, 'IFS');
  let out: Word[] | undefined;
  for (const [i, w] of words.entries()) {
    const fields = w.dynamic ? wordFields(w, ctx, own, ifsChanged) : undefined;
    if (fields === undefined) { out?.push(w); continue; }
    out ??= words.slice(0, i);
    out.push(...fields);
  }
  return out ?? (words as Word[]);
}

/** The words one word becomes, or undefined to leave it as written. */
function wordFields(w: Word, ctx: PathContext, own: ReadonlyMap<string, string | undefined>, ifsChanged: boolean): Word[] | undefined {
  // `env PATH=$PATH:bin cmd`: the assignment word itself is expanded before the command, as any word is.
  const mentionsOwn = !NAME_ASSIGNMENT.test(w.value) && [...own.keys()].some((n) => new RegExp(`\\$\\{?[#!]?${n}(?![A-Za-z0-9_])`).test(w.raw));
  const parts = pieces(w.raw);
  if (!parts) return mentionsOwn ? [unknownWord(`${w.value} reads a variable this command assigns for itself, and bash expands the word with the value it had before: not known here`)] : undefined;
  if (!parts.some((p) => p.name !== undefined)) return undefined;
  const values = parts.map((p) => {
    if (p.name === undefined) return p.text;
    const e = expandText(`\${${p.name}}`, ctx);
    return e.text === undefined || e.mktemp ? undefined : e.text;
  });
  const unquotedVars = parts.map((p, k) => ({ p, v: values[k] })).filter(({ p }) => p.name !== undefined && !p.quoted);
  const splits = unquotedVars.some(({ v }) => v !== undefined && (/[ \t\n]/.test(v) || v === '' || (ifsChanged && v !== '')));
  if (!splits && !mentionsOwn) return undefined;
  // A variable the command assigns for itself: bash reads the value from before the command. When that is
  // not known, or is not what the command assigns (`TMPDIR=/Users rm -rf $TMPDIR/x` deletes $TMPDIR/x, not
  // /Users/x: the command does not do what it says), neither is assumed: that part is not known.
  const ambiguous = (k: number): string | undefined => {
    const name = parts[k].name;
    if (name === undefined || !own.has(name)) return undefined;
    const before = values[k];
    const mine = own.get(name);
    if (before === undefined) return `$${name} is assigned by this command for itself; bash expands the word with the value $${name} had before, which is not known here`;
    if (mine !== before) return `$${name} is assigned by this command for itself${mine !== undefined ? ` to ${mine}` : ''}, but bash expands the word with the value $${name} had before, ${before === '' ? 'empty' : before}: the command does not do what it says, so neither value is assumed`;
    return undefined;
  };
  const unclear = parts.map((_, k) => ambiguous(k));
  if (unclear.some(Boolean)) {
    if (splits) return [unknownWord(unclear.find(Boolean)!)];
    // One word: the parts the command's own assignment makes unclear are marked; the rest stays as written.
    const value = parts.map((p, k) => (p.name === undefined ? p.text : unclear[k] ? `$(firebreak: ${plainWhy(unclear[k]!)})` : own.has(p.name) ? values[k]! : `\${${p.name}}`)).join('');
    const raw = parts.map((p, k) => (p.name === undefined ? `'${p.text.replace(/'/g, `'\\''`)}'` : unclear[k] ? `"$(firebreak: ${plainWhy(unclear[k]!)})"` : own.has(p.name) ? `'${values[k]!.replace(/'/g, `'\\''`)}'` : p.quoted ? `"\${${p.name}}"` : `\${${p.name}}`)).join('');
    return [{ raw, value, dynamic: true, glob: false, substitutions: [] }];
  }
  const unknown = parts.find((p, k) => p.name !== undefined && values[k] === undefined);
  if (unknown) {
    const name = unknown.name!;
    return [unknownWord(own.has(name)
      ? `$${name} is assigned by this command for itself; bash expands the word with the value $${name} had before, which is not known here`
      : `${w.value} is split into words by bash, and $${name} is not known here`)];
  }
  if (ifsChanged && unquotedVars.some(({ v }) => v !== '')) return [unknownWord(`${w.value} is split into words on an IFS the script changed: how is not computed here`)];
  // Field splitting: unquoted values split on space, tab and newline; quoted text and literal text glue.
  const fields: { segs: { text: string; quoted: boolean }[]; real: boolean }[] = [];
  let cur: (typeof fields)[number] = { segs: [], real: false };
  parts.forEach((p, k) => {
    const v = values[k]!;
    if (p.name === undefined || p.quoted) {
      cur.segs.push({ text: v, quoted: p.quoted });
      if (p.quoted || v !== '') cur.real = true;
      return;
    }
    v.split(/[ \t\n]+/).forEach((s, j) => {
      if (j > 0) { if (cur.real) fields.push(cur); cur = { segs: [], real: false }; }
      if (s !== '') { cur.segs.push({ text: s, quoted: false }); cur.real = true; }
    });
  });
  if (cur.real) fields.push(cur);
  return fields.map(({ segs }) => {
    const value = segs.map((s) => s.text).join('');
    // A `$` that came out of a value is not expanded again: quoted in the raw text so nothing reads it as one.
    const raw = segs.map((s) => (s.quoted || /[$`\\'"\s]/.test(s.text) ? `'${s.text.replace(/'/g, `'\\''`)}'` : s.text)).join('');
    const glob = segs.some((s) => !s.quoted && /[*?[]/.test(s.text));
    return { raw, value, dynamic: false, glob, substitutions: [] };
  });
}
