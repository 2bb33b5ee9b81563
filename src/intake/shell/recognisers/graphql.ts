// GraphQL request bodies: which top-level mutation fields are called, what their names say
// they do (volumeDelete -> delete of a volume), and the id they act on.
import type { Operation } from '../../../model.js';

export interface GraphqlOperation {
  kind: 'query' | 'mutation' | 'subscription';
  field: string;
  operation: Operation;
  /** `volume` from `volumeDelete` / `deleteVolume`. */
  noun?: string;
  id?: string;
  why: string;
}

/** Verb stems in mutation names, as data. Checked in order: destructive first. */
const VERB_STEMS: [RegExp, Operation][] = [
  [/^(delete|destroy|remove|drop|purge|terminate|wipe|erase|uninstall|revoke|detach|disconnect|unlink|archive|reset)/i, 'delete'],
  [/(delete|destroy|remove|drop|purge|terminate|wipe|erase|uninstall|revoke|detach|disconnect|unlink|archive|reset)s?$/i, 'delete'],
  [/^(create|add|insert|new|provision|deploy|attach|connect|link|invite|generate)/i, 'create'],
  [/(create|add|insert|provision|attach|connect|link|invite|generate)$/i, 'create'],
  [/^(update|set|upsert|patch|rename|restart|redeploy|rollback|restore|move|transfer|change|edit|modify|scale|upgrade|enable|disable|pause|resume|stop|start|suspend|cancel|sync|trigger)/i, 'update'],
  [/(update|set|upsert|patch|rename|restart|redeploy|rollback|restore|move|transfer|change|edit|modify|scale|upgrade|enable|disable|pause|resume|stop|start|suspend|cancel|sync|trigger)$/i, 'update'],
];

/** Body text -> operations, or undefined when it is not a GraphQL request we can read. */
export function analyseGraphql(body: string): GraphqlOperation[] | undefined {
  let query: string | undefined;
  let variables: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(body);
    const first = Array.isArray(parsed) ? parsed[0] : parsed;
    if (first && typeof first === 'object' && typeof (first as { query?: unknown }).query === 'string') {
      query = (first as { query: string }).query;
      const v = (first as { variables?: unknown }).variables;
      if (v && typeof v === 'object') variables = v as Record<string, unknown>;
    }
  } catch {
    if (/^\s*(mutation|query|subscription|\{)/.test(body)) query = body;
    else {
      const q = /(?:^|&)query=([^&]*)/.exec(body);
      if (q) query = safeDecode(q[1]);
    }
  }
  if (query === undefined) return undefined;
  const ops = topLevelFields(query);
  if (!ops.length) return [{ kind: 'query', field: '(unreadable)', operation: 'unknown', why: 'GraphQL document Firebreak cannot read' }];
  return ops.map(({ kind, field, args }) => {
    if (kind !== 'mutation') return { kind, field, operation: 'read' as Operation, why: `GraphQL ${kind} ${field} only reads` };
    const stem = VERB_STEMS.find(([re]) => re.test(field));
    const operation = stem?.[1] ?? 'unknown';
    const noun = nounOf(field);
    const id = idFrom(args, variables);
    return {
      kind, field, operation, noun, id,
      why: operation === 'unknown' ? `GraphQL mutation ${field}: its effect is not known` : `GraphQL mutation ${field} is a ${operation}${noun ? ` of a ${noun}` : ''}${id ? ` (${id})` : ''}`,
    };
  });
}

function nounOf(field: string): string | undefined {
  for (const [re] of VERB_STEMS) {
    const rest = field.replace(re, '');
    if (rest !== field && rest) return rest.charAt(0).toLowerCase() + rest.slice(1).replace(/s$/, '');
  }
  return undefined;
}

/** First argument named *id / *Id / name, literal or $variable. Nested input objects are searched too. */
function idFrom(args: string, variables: Record<string, unknown>): string | undefined {
  const literal = /\b(\w*(?:id|Id|ID|name|Name))\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(args);
  if (literal) return literal[2];
  const variable = /\b(\w*(?:id|Id|ID|name|Name|input))\s*:\s*\$(\w+)/.exec(args);
  if (variable) return scalarId(variables[variable[2]]);
  const anyVar = /\$(\w+)/.exec(args);
  if (anyVar) return scalarId(variables[anyVar[1]]);
  return undefined;
}

function scalarId(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v && typeof v === 'object') {
    for (const [k, val] of Object.entries(v)) if (/id$|name$/i.test(k) && (typeof val === 'string' || typeof val === 'number')) return String(val);
  }
  return undefined;
}

/** Top-level selections of every operation in the document: `mutation { a(x: 1) { id } b }`. */
function topLevelFields(doc: string): { kind: GraphqlOperation['kind']; field: string; args: string }[] {
  const out: { kind: GraphqlOperation['kind']; field: string; args: string }[] = [];
  const src = insignificantRemoved(doc);
  let i = 0;
  while (i < src.length) {
    const head = /\s*(mutation|query|subscription|fragment)?\s*(\w+)?\s*(\([^)]*\))?\s*(@\w+\s*)*\{/y;
    head.lastIndex = i;
    const m = head.exec(src);
    if (!m) break;
    const kind = (m[1] ?? 'query') as GraphqlOperation['kind'] | 'fragment';
    i = head.lastIndex;
    let depth = 1;
    while (i < src.length && depth > 0) {
      if (depth === 1) {
        const field = /\s*(?:\w+\s*:\s*)?(\w+)\s*/y;
        field.lastIndex = i;
        const f = field.exec(src);
        if (f && f[1] !== '...') {
          i = field.lastIndex;
          let args = '';
          if (src[i] === '(') {
            const end = matching(src, i, '(', ')');
            args = src.slice(i + 1, end);
            i = end + 1;
          }
          if (kind !== 'fragment') out.push({ kind, field: f[1], args });
          continue;
        }
      }
      const c = src[i];
      if (c === '"') { i = skipString(src, i); continue; }
      if (c === '{') depth++;
      if (c === '}') depth--;
      i++;
    }
  }
  return out;
}

/** The document with comments and commas (both insignificant in GraphQL) blanked outside strings:
 *  `query A {...}, mutation B {...}` has two operations; a `#` inside a string starts no comment. */
function insignificantRemoved(doc: string): string {
  let out = '';
  for (let i = 0; i < doc.length;) {
    const c = doc[i];
    if (c === '"') {
      const end = doc.startsWith('"""', i) ? blockStringEnd(doc, i) : skipString(doc, i);
      out += doc.slice(i, end);
      i = end;
    } else if (c === '#') {
      while (i < doc.length && doc[i] !== '\n' && doc[i] !== '\r') i++;
    } else {
      out += c === ',' ? ' ' : c;
      i++;
    }
  }
  return out;
}

function blockStringEnd(s: string, i: number): number {
  const end = s.indexOf('"""', i + 3);
  return end < 0 ? s.length : end + 3;
}

function matching(s: string, i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < s.length; j++) {
    if (s[j] === '"') { j = skipString(s, j) - 1; continue; }
    if (s[j] === open) depth++;
    if (s[j] === close && --depth === 0) return j;
  }
  return s.length;
}

function skipString(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
  return j + 1;
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; }
}
