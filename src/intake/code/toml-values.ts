// A small TOML reader (TOML 1.0 tables, dotted keys, strings of all four kinds, arrays, inline tables,
// scalars kept as text) that keeps each value's 1-based line, so a command tox reads from
// pyproject.toml or tox.toml is reported at its own line. Anything it does not model is an error
// with the line, never a guess: callers turn it into an unknown.

export type TomlNode =
  /** `contentLine`: the line the text starts on (after a multi-line string's first newline). */
  | { kind: 'string'; value: string; line: number; multiline: boolean; contentLine: number }
  | { kind: 'scalar'; value: string; line: number }
  | { kind: 'array'; items: TomlNode[]; line: number }
  | { kind: 'table'; entries: Map<string, TomlNode>; line: number };

export class TomlError extends Error {
  constructor(message: string, readonly line: number) {
    super(message);
  }
}

export function parseToml(text: string): TomlNode & { kind: 'table' } {
  const root: TomlNode & { kind: 'table' } = { kind: 'table', entries: new Map(), line: 1 };
  let at = 0;
  let line = 1;
  const fail = (why: string): never => { throw new TomlError(why, line); };
  const peek = () => text[at];
  const advance = (n = 1) => { for (let i = 0; i < n; i++) { if (text[at] === '\n') line++; at++; } };
  const spaces = () => { while (peek() === ' ' || peek() === '\t') advance(); };
  const blank = () => {
    for (;;) {
      spaces();
      if (peek() === '#') while (at < text.length && peek() !== '\n') advance();
      else if (peek() === '\n' || peek() === '\r') advance();
      else return;
    }
  };
  const endOfLine = () => {
    spaces();
    if (peek() === '#') while (at < text.length && peek() !== '\n') advance();
    if (peek() === '\r') advance();
    if (at < text.length && peek() !== '\n') fail(`unexpected ${JSON.stringify(peek())}`);
  };
  const key = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      spaces();
      if (peek() === '"' || peek() === "'") {
        const s = str();
        if (s.multiline) fail('a multi-line string as a key');
        parts.push(s.value);
      } else {
        const m = /^[A-Za-z0-9_-]+/.exec(text.slice(at, at + 256));
        if (!m) fail('a key was expected');
        parts.push(m![0]);
        advance(m![0].length);
      }
      spaces();
      if (peek() !== '.') return parts;
      advance();
    }
  };
  const str = (): TomlNode & { kind: 'string' } => {
    const start = line;
    const q = peek();
    const triple = text.startsWith(q.repeat(3), at);
    advance(triple ? 3 : 1);
    if (triple && peek() === '\r') advance();
    if (triple && peek() === '\n') advance();
    const contentLine = line;
    let out = '';
    for (;;) {
      if (at >= text.length) fail('an unterminated string');
      if (triple && text.startsWith(q.repeat(3), at)) {
        // Up to two quotes may end a multi-line string's content (`""""` is `"` then the closing `"""`).
        let run = 3;
        while (run < 5 && text[at + run] === q) run++;
        out += q.repeat(run - 3);
        advance(run);
        return { kind: 'string', value: out, line: start, multiline: true, contentLine };
      }
      if (!triple && peek() === q) {
        advance();
        return { kind: 'string', value: out, line: start, multiline: false, contentLine };
      }
      const c = peek();
      if (!triple && c === '\n') fail('a newline in a one-line string');
      if (q === '"' && c === '\\') {
        const e = text[at + 1];
        if (triple && (e === '\n' || e === ' ' || e === '\t' || e === '\r')) {
          advance();
          while (/[\s]/.test(peek() ?? '')) advance();
          continue;
        }
        const map: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\u001b' };
        if (e !== undefined && Object.hasOwn(map, e)) { out += map[e]; advance(2); continue; }
        if (e === 'u' || e === 'U') {
          const n = e === 'u' ? 4 : 8;
          const hex = text.slice(at + 2, at + 2 + n);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) fail('a bad unicode escape');
          out += String.fromCodePoint(parseInt(hex, 16));
          advance(2 + n);
          continue;
        }
        fail(`an unknown escape \\${e ?? ''}`);
      }
      out += c;
      advance();
    }
  };
  const value = (): TomlNode => {
    const start = line;
    const c = peek();
    if (c === '"' || c === "'") return str();
    if (c === '[') {
      advance();
      const items: TomlNode[] = [];
      for (;;) {
        blank();
        if (peek() === ']') { advance(); return { kind: 'array', items, line: start }; }
        items.push(value());
        blank();
        if (peek() === ',') { advance(); continue; }
        if (peek() === ']') { advance(); return { kind: 'array', items, line: start }; }
        fail('an array without , or ]');
      }
    }
    if (c === '{') {
      advance();
      const table: TomlNode & { kind: 'table' } = { kind: 'table', entries: new Map(), line: start };
      spaces();
      if (peek() === '}') { advance(); return table; }
      for (;;) {
        const k = key();
        if (peek() !== '=') fail('= was expected');
        advance();
        spaces();
        assign(table, k, value());
        spaces();
        if (peek() === ',') { advance(); continue; }
        if (peek() === '}') { advance(); return table; }
        fail('an inline table without , or }');
      }
    }
    const m = /^[^\s,\]}#]+/.exec(text.slice(at, at + 256));
    if (!m) fail('a value was expected');
    advance(m![0].length);
    return { kind: 'scalar', value: m![0], line: start };
  };
  const assign = (table: TomlNode & { kind: 'table' }, path: string[], v: TomlNode) => {
    let t = table;
    for (const part of path.slice(0, -1)) {
      let next = t.entries.get(part);
      if (!next) t.entries.set(part, (next = { kind: 'table', entries: new Map(), line: v.line }));
      if (next.kind !== 'table') fail(`${part} is not a table`);
      t = next as TomlNode & { kind: 'table' };
    }
    const last = path[path.length - 1];
    if (t.entries.has(last)) fail(`${path.join('.')} is defined twice`);
    t.entries.set(last, v);
  };
  const tableAt = (path: string[], arrayItem: boolean, start: number): TomlNode & { kind: 'table' } => {
    let t = root;
    for (const [i, part] of path.entries()) {
      let next = t.entries.get(part);
      const lastPart = i === path.length - 1;
      if (lastPart && arrayItem) {
        if (!next) t.entries.set(part, (next = { kind: 'array', items: [], line: start }));
        if (next.kind !== 'array') fail(`${path.join('.')} is not an array of tables`);
        const item: TomlNode & { kind: 'table' } = { kind: 'table', entries: new Map(), line: start };
        (next as TomlNode & { kind: 'array' }).items.push(item);
        return item;
      }
      if (!next) t.entries.set(part, (next = { kind: 'table', entries: new Map(), line: start }));
      if (next.kind === 'array') next = next.items[next.items.length - 1];
      if (!next || next.kind !== 'table') fail(`${path.join('.')} is not a table`);
      t = next as TomlNode & { kind: 'table' };
    }
    return t;
  };
  let current = root;
  for (;;) {
    blank();
    if (at >= text.length) return root;
    if (peek() === '[') {
      const start = line;
      const arrayItem = text[at + 1] === '[';
      advance(arrayItem ? 2 : 1);
      const path = key();
      if (peek() !== ']' || (arrayItem && text[at + 1] !== ']')) fail('a table header without ]');
      advance(arrayItem ? 2 : 1);
      current = tableAt(path, arrayItem, start);
      endOfLine();
      continue;
    }
    const k = key();
    if (peek() !== '=') fail('= was expected');
    advance();
    spaces();
    assign(current, k, value());
    endOfLine();
  }
}

/** The node at a dotted path of tables. */
export function tomlAt(node: TomlNode | undefined, ...path: string[]): TomlNode | undefined {
  let at = node;
  for (const part of path) at = at?.kind === 'table' ? at.entries.get(part) : undefined;
  return at;
}
