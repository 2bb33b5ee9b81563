// A fast structural scan of .tf text: top-level blocks, their lines, simple literal attributes and
// the references in their bodies. It is not an HCL parser: it feeds the dependency graph of files
// the change does not touch (parsing every file of a large repository with hcl2json costs seconds).
// Files the change touches are parsed for real (./parse.ts).

export interface ScannedBlock {
  /** resource | data | module | moved | variable | output | locals | ... */
  kind: string;
  labels: string[];
  line: number;
  endLine: number;
  /** Top-level `key = literal` assignments of the body (strings, numbers, booleans). */
  literals: Record<string, string | number | boolean>;
  /** `type.name` and `module.name` references found in the body. */
  references: string[];
  body: string;
  /** The whole block as written, header to closing brace. */
  source: string;
}

export interface ScanResult {
  blocks: ScannedBlock[];
  /** Set when braces or strings do not balance: the file needs the real parser to say why. */
  problem?: string;
}

const REFERENCE = /(?<![\w."-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z_][\w-]*|module\.[A-Za-z_][\w-]*)/g;
const LITERAL = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=[ \t]*(?:"((?:[^"\\$]|\\.|\$(?!\{))*)"|(-?\d+(?:\.\d+)?)|(true|false))[ \t]*(?:#.*|\/\/.*)?$/;

export function scanTerraform(text: string): ScanResult {
  const blocks: ScannedBlock[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  let depth = 0;
  let current: { kind: string; labels: string[]; line: number; start: number; from: number } | undefined;

  const headerAt = (from: number): { kind: string; labels: string[]; open: number } | undefined => {
    const end = text.indexOf('{', from);
    if (end < 0) return undefined;
    const header = text.slice(from, end);
    if (header.includes('\n') || header.includes('=')) return undefined;
    const match = /^([A-Za-z_][\w-]*)((?:\s+(?:"[^"]*"|[A-Za-z_][\w-]*))*)\s*$/.exec(header);
    if (!match) return undefined;
    const labels = [...match[2].matchAll(/"([^"]*)"|([A-Za-z_][\w-]*)/g)].map((m) => m[1] ?? m[2]);
    return { kind: match[1], labels, open: end };
  };

  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return { blocks, problem: `unclosed comment at line ${line}` };
      line += count(text, i, end, '\n');
      i = end + 2;
      continue;
    }
    if (c === '"') {
      const end = skipString(text, i + 1);
      if (end < 0) return { blocks, problem: `unclosed string at line ${line}` };
      line += count(text, i, end, '\n');
      i = end;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const heredoc = /^<<-?([A-Za-z_]\w*)[ \t]*\n/.exec(text.slice(i, i + 80));
      if (heredoc) {
        const close = new RegExp(`\\n[ \\t]*${heredoc[1]}[ \\t]*(?=\\n|$)`, 'g');
        close.lastIndex = i;
        const found = close.exec(text);
        if (!found) return { blocks, problem: `unclosed heredoc ${heredoc[1]} at line ${line}` };
        const end = found.index + found[0].length;
        line += count(text, i, end, '\n');
        i = end;
        continue;
      }
    }
    if (depth === 0 && /[A-Za-z_]/.test(c) && (i === 0 || /\s/.test(text[i - 1]))) {
      const header = headerAt(i);
      if (header) {
        current = { kind: header.kind, labels: header.labels, line, start: header.open + 1, from: i };
        depth = 1;
        i = header.open + 1;
        continue;
      }
    }
    // Outside blocks a .tf file holds nothing but block headers, comments and white space.
    if (depth === 0 && !/\s/.test(c)) return { blocks, problem: `unexpected ${JSON.stringify(c)} outside any block at line ${line}` };
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth < 0) return { blocks, problem: `unexpected "}" at line ${line}` };
      if (depth === 0 && current) {
        const body = text.slice(current.start, i);
        blocks.push({ kind: current.kind, labels: current.labels, line: current.line, endLine: line, literals: literalsOf(body), references: referencesOf(body), body, source: text.slice(current.from, i + 1) });
        current = undefined;
      }
    }
    i++;
  }
  if (depth !== 0) return { blocks, problem: `a block opened at line ${current?.line ?? '?'} is not closed` };
  return { blocks };
}

function skipString(text: string, from: number): number {
  let interpolation = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '\n' && interpolation === 0) return -1;
    if (c === '$' && text[i + 1] === '{') {
      interpolation++;
      i++;
      continue;
    }
    if (c === '}' && interpolation > 0) {
      interpolation--;
      continue;
    }
    if (c === '"' && interpolation === 0) return i + 1;
  }
  return -1;
}

function count(text: string, from: number, to: number, char: string): number {
  let found = 0;
  for (let i = text.indexOf(char, from); i >= 0 && i < to; i = text.indexOf(char, i + 1)) found++;
  return found;
}

function literalsOf(body: string): Record<string, string | number | boolean> {
  const literals: Record<string, string | number | boolean> = {};
  let depth = 0;
  for (const raw of body.split('\n')) {
    if (depth === 0) {
      const match = LITERAL.exec(raw);
      if (match) literals[match[1]] = match[2] !== undefined ? match[2] : match[3] !== undefined ? Number(match[3]) : match[4] === 'true';
    }
    for (const c of raw.replace(/"(?:[^"\\]|\\.)*"/g, '')) {
      if (c === '{' || c === '[' || c === '(') depth++;
      else if (c === '}' || c === ']' || c === ')') depth = Math.max(0, depth - 1);
    }
  }
  return literals;
}

function referencesOf(body: string): string[] {
  const found = new Set<string>();
  for (const match of body.matchAll(REFERENCE)) found.add(match[1]);
  return [...found];
}
