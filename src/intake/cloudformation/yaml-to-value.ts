import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { SHORT_FORM_TAGS } from './short-forms.js';

/** A problem found while turning the YAML tree into plain data, with where it is. */
export class YamlValueError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

export interface PlainDocument {
  value: unknown;
  /** Path (`Resources.Db.Properties.Engine`, `...Tags[0]`) -> 1-based line of the key or item. */
  lines: Record<string, number>;
}

/** Aliases can expand a small file into an enormous value ("billion laughs"): cap the work. */
const MAX_NODES = 1_000_000;
const MAX_ALIAS_EXPANSIONS = 10_000;

/**
 * Converts a parsed YAML document to plain JSON-like data, rewriting CloudFormation
 * short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub [...]`) to their long forms, and records
 * the line of every mapping key and sequence item by template path.
 */
export function yamlToValue(doc: Document, lineCounter: LineCounter): PlainDocument {
  const lines: Record<string, number> = {};
  let visited = 0;
  let expansions = 0;
  const aliasTargets = new Map<object, Node>();

  const lineOf = (node: Node | null | undefined) =>
    node?.range ? lineCounter.linePos(node.range[0]) : undefined;

  const fail = (message: string, path: string, node: Node | null | undefined): never => {
    const pos = lineOf(node);
    throw new YamlValueError(message, path, pos?.line, pos?.col);
  };

  const convert = (node: unknown, path: string, viaAlias: boolean): unknown => {
    if (++visited > MAX_NODES) fail('the document has too many values', path, node as Node);
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      if (++expansions > MAX_ALIAS_EXPANSIONS) fail('the document expands to too many values (aliases)', path, node);
      // Alias.resolve searches the whole document: once per alias is enough.
      const target = aliasTargets.get(node) ?? node.resolve(doc);
      if (target) aliasTargets.set(node, target);
      if (!target) fail(`alias *${node.source} has no anchor`, path, node);
      return convert(target, path, true);
    }
    const tag = (node as Node).tag;
    const plain = convertUntagged(node as Node, path, viaAlias);
    if (tag && tag in SHORT_FORM_TAGS) return toLongForm(tag, plain, path, node as Node);
    return plain;
  };

  const convertUntagged = (node: Node, path: string, viaAlias: boolean): unknown => {
    if (isScalar(node)) return node.value ?? null;
    if (isSeq(node)) {
      return node.items.map((item, i) => {
        const itemPath = `${path}[${i}]`;
        if (!viaAlias) record(itemPath, item as Node);
        return convert(item, itemPath, viaAlias);
      });
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || key.value === null || typeof key.value === 'object') {
          fail('mapping keys must be plain strings', path, (key as Node) ?? node);
        }
        const name = String((key as { value: unknown }).value);
        const childPath = path ? `${path}.${name}` : name;
        if (!viaAlias) record(childPath, key as Node);
        // `__proto__` as a key must stay data, never touch the prototype.
        Object.defineProperty(out, name, {
          value: convert(pair.value, childPath, viaAlias),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return fail('unsupported YAML node', path, node);
  };

  const record = (path: string, node: Node | null | undefined) => {
    const pos = lineOf(node);
    if (pos) lines[path] = pos.line;
  };

  const toLongForm = (tag: string, value: unknown, path: string, node: Node): unknown => {
    const longName = SHORT_FORM_TAGS[tag];
    if (tag === '!GetAtt' && typeof value === 'string') {
      // `!GetAtt Db.Endpoint.Address` -> ["Db", "Endpoint.Address"]: the logical id has no dots.
      const dot = value.indexOf('.');
      if (dot <= 0 || dot === value.length - 1) fail(`!GetAtt ${value}: expected LogicalId.Attribute`, path, node);
      return { [longName]: [value.slice(0, dot), value.slice(dot + 1)] };
    }
    return { [longName]: value };
  };

  return { value: convert(doc.contents, '', false), lines };
}
