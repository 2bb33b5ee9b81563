// One SQL statement -> what it does. Facts about statement kinds are the tables below.
import type { Operation, Reversibility } from '../../../model.js';
import { tokenize, type SqlToken } from './tokens.js';

export interface StatementEffect {
  operation: Operation;
  /** `DROP TABLE`, `DELETE`, `\i`. */
  verb: string;
  /** `sql:table`, `sql:database`, ... */
  targetType: string;
  targets: string[];
  scope: 'resource' | 'environment' | 'unknown';
  reversibility?: Reversibility;
  /** Plain-language facts, in order. */
  facts: string[];
  /** Statements that change the session rather than data (`USE db`, `\c db`). */
  session?: { database?: string };
  /** psql `\! cmd`: a shell command to walk. */
  shell?: string;
}

interface DropKind { type: string; scope: 'resource' | 'environment'; reversibility: Reversibility; fact: string }

/** DROP <kind>: what is lost. Words after DROP, longest first. */
const DROP_KINDS: [string[], DropKind][] = [
  [['MATERIALIZED', 'VIEW'], { type: 'sql:view', scope: 'resource', reversibility: 'recoverable', fact: 'a materialized view can be recreated from its definition' }],
  [['TABLE'], { type: 'sql:table', scope: 'resource', reversibility: 'irreversible', fact: 'DROP TABLE deletes the table and all its rows' }],
  [['DATABASE'], { type: 'sql:database', scope: 'environment', reversibility: 'irreversible', fact: 'DROP DATABASE deletes the database and all its data' }],
  [['SCHEMA'], { type: 'sql:schema', scope: 'environment', reversibility: 'irreversible', fact: 'DROP SCHEMA deletes the schema (with CASCADE: every table in it)' }],
  [['INDEX'], { type: 'sql:index', scope: 'resource', reversibility: 'recoverable', fact: 'an index can be rebuilt from its table' }],
  [['VIEW'], { type: 'sql:view', scope: 'resource', reversibility: 'recoverable', fact: 'a view can be recreated from its definition' }],
  [['SEQUENCE'], { type: 'sql:sequence', scope: 'resource', reversibility: 'irreversible', fact: 'the sequence position is lost' }],
  [['FUNCTION'], { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'a function can be recreated from its source' }],
  [['PROCEDURE'], { type: 'sql:function', scope: 'resource', reversibility: 'recoverable', fact: 'a procedure can be recreated from its source' }],
  [['TRIGGER'], { type: 'sql:trigger', scope: 'resource', reversibility: 'recoverable', fact: 'a trigger can be recreated from its definition' }],
  [['TYPE'], { type: 'sql:type', scope: 'resource', reversibility: 'recoverable', fact: 'a type can be recreated from its definition' }],
  [['EXTENSION'], { type: 'sql:extension', scope: 'resource', reversibility: 'recoverable', fact: 'an extension can be reinstalled (objects it owned are dropped)' }],
  [['USER'], { type: 'sql:role', scope: 'resource', reversibility: 'recoverable', fact: 'a role can be recreated, but its grants must be restored by hand' }],
  [['ROLE'], { type: 'sql:role', scope: 'resource', reversibility: 'recoverable', fact: 'a role can be recreated, but its grants must be restored by hand' }],
  [['TABLESPACE'], { type: 'sql:tablespace', scope: 'environment', reversibility: 'irreversible', fact: 'DROP TABLESPACE removes the storage location' }],
];

const READ_VERBS = new Set(['SELECT', 'SHOW', 'DESCRIBE', 'DESC', 'VALUES', 'TABLE', 'PRAGMA', 'LISTEN', 'FETCH']);
const SESSION_VERBS = new Set(['BEGIN', 'START', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'SET', 'RESET', 'DISCARD', 'DECLARE', 'CLOSE', 'PREPARE', 'DEALLOCATE', 'LOCK']);
const PERMISSION_VERBS = new Set(['GRANT', 'REVOKE']);
const MAINTENANCE_VERBS = new Set(['VACUUM', 'ANALYZE', 'ANALYSE', 'REINDEX', 'CLUSTER', 'OPTIMIZE', 'CHECKPOINT', 'REFRESH']);
const DATA_CHANGING = new Set(['DELETE', 'UPDATE', 'INSERT', 'MERGE', 'TRUNCATE', 'DROP']);
/** psql meta-commands that only show things or change display settings. */
const PSQL_READ_META = /^\\(d[a-zA-Z+]*|l\+?|list|dn|du|dt|x|timing|q|quit|conninfo|\?|h|help|echo|pset|set|unset|a|t|H|T|f|C|encoding|errverbose|g|gx|p|print|r|reset|w|write|o|out|qecho|prompt|sv|sf|ef|ev|e|edit|s|watch|copyright|lo_list|drds|z|sleep|if|elif|else|endif|warn)(\s|$)/;

export function classifyStatement(text: string, backslashEscapes = false): StatementEffect {
  if (text.startsWith('\\')) return classifyMeta(text);
  const tokens = tokenize(text, backslashEscapes);
  const words = tokens.filter((t) => t.kind === 'word');
  const first = words[0]?.upper ?? '';
  if (!first) return unknown(text, 'empty or unreadable statement');
  if (first === 'EXPLAIN') {
    const analyze = words[1]?.upper === 'ANALYZE' || words[1]?.upper === 'ANALYSE' || tokens.some((t) => t.depth === 1 && t.upper === 'ANALYZE');
    if (!analyze) return read('EXPLAIN');
    const inner = tokens.findIndex((t) => t.kind === 'word' && DATA_CHANGING.has(t.upper));
    if (inner < 0) return read('EXPLAIN ANALYZE');
    const effect = classifyTokens(tokens.slice(inner));
    effect.facts.unshift('EXPLAIN ANALYZE executes the statement');
    return effect;
  }
  if (first === 'WITH') {
    const inner = tokens.findIndex((t) => t.kind === 'word' && DATA_CHANGING.has(t.upper) && t.upper !== 'DROP');
    if (inner < 0) return read('WITH');
    return classifyTokens(tokens.slice(inner));
  }
  return classifyTokens(tokens);
}

function classifyTokens(tokens: SqlToken[]): StatementEffect {
  const words = tokens.filter((t) => t.kind === 'word');
  const w = (i: number) => words[i]?.upper ?? '';
  const first = w(0);
  if (READ_VERBS.has(first)) return read(first);
  if (SESSION_VERBS.has(first)) return { ...none(first) };
  if (first === 'USE') return { ...none('USE'), session: { database: identAfter(tokens, 1) } };
  if (PERMISSION_VERBS.has(first)) return effect('permissions', first, 'sql:grant', [namesAfter(tokens, 'ON')[0] ?? '(grant)'], 'resource', undefined, [`${first} changes who can access what`]);
  if (MAINTENANCE_VERBS.has(first)) return effect('update', first, 'sql:table', [identAfter(tokens, 1) ?? '(database)'], 'resource', undefined, [`${first} is maintenance; it does not change data`]);

  if (first === 'DROP') {
    for (const [kw, kind] of DROP_KINDS) {
      if (kw.every((k, i) => w(1 + i) === k)) {
        const names = namesAfterKeywords(tokens, 1 + kw.length);
        const cascade = words.some((t) => t.upper === 'CASCADE');
        const facts = [kind.fact];
        if (cascade) facts.push('CASCADE also drops every object that depends on it');
        const verb = `DROP ${kw.join(' ')}`;
        return effect('delete', verb, kind.type, names, cascade && kind.scope === 'resource' ? 'unknown' : kind.scope, kind.reversibility, facts);
      }
    }
    return effect('delete', `DROP ${w(1)}`, `sql:${w(1).toLowerCase() || 'object'}`, namesAfterKeywords(tokens, 2), 'resource', undefined, [`DROP ${w(1)}`]);
  }
  if (first === 'TRUNCATE') {
    const names = namesAfterKeywords(tokens, w(1) === 'TABLE' ? 2 : 1);
    return effect('delete', 'TRUNCATE', 'sql:table', names, 'resource', 'irreversible', ['TRUNCATE deletes every row of the table']);
  }
  if (first === 'DELETE') {
    const from = words.findIndex((t) => t.upper === 'FROM');
    const names = from >= 0 ? namesAfter(tokens, 'FROM') : [];
    const bounded = hasTopLevel(tokens, 'WHERE');
    return effect('delete', 'DELETE', 'sql:table', names, 'resource', 'irreversible',
      bounded ? ['DELETE ... WHERE deletes the matching rows; they can only be restored from a backup'] : ['DELETE without WHERE deletes every row of the table'],
      { bounded });
  }
  if (first === 'UPDATE') {
    const names = namesAfterKeywords(tokens, w(1) === 'ONLY' ? 2 : 1);
    const bounded = hasTopLevel(tokens, 'WHERE');
    return effect('update', 'UPDATE', 'sql:table', names, 'resource', bounded ? undefined : 'irreversible',
      bounded ? ['UPDATE ... WHERE overwrites the matching rows; old values only survive in a backup'] : ['UPDATE without WHERE overwrites a column in every row; the old values are lost'],
      { bounded });
  }
  if (first === 'ALTER') {
    const table = w(1) === 'TABLE';
    const names = namesAfterKeywords(tokens, 2);
    if (table) {
      const dropIdx = words.findIndex((t, i) => i > 2 && t.upper === 'DROP');
      if (dropIdx > 0) {
        const what = words[dropIdx + 1]?.upper;
        if (what === 'CONSTRAINT' || what === 'DEFAULT' || what === 'NOT' || what === 'INDEX' || what === 'PRIMARY' || what === 'FOREIGN' || what === 'IDENTITY' || what === 'EXPRESSION') {
          return effect('update', `ALTER TABLE DROP ${what}`, 'sql:table', names.slice(0, 1), 'resource', 'recoverable', [`drops a ${what.toLowerCase()} (no rows lost)`]);
        }
        const col = what === 'COLUMN' ? words[dropIdx + 2]?.text : words[dropIdx + 1]?.text;
        return effect('delete', 'ALTER TABLE DROP COLUMN', 'sql:table', names.slice(0, 1), 'resource', 'irreversible', [`DROP COLUMN ${col ?? ''} deletes the column's data in every row`], { column: col });
      }
    }
    if (w(1) === 'USER' || w(1) === 'ROLE') return effect('permissions', `ALTER ${w(1)}`, 'sql:role', names.slice(0, 1), 'resource', undefined, [`changes the ${w(1).toLowerCase()}`]);
    return effect('update', `ALTER ${w(1)}`, `sql:${(w(1) || 'object').toLowerCase()}`, names.slice(0, 1), w(1) === 'DATABASE' ? 'environment' : 'resource', undefined, [`ALTER ${w(1)}`]);
  }
  if (first === 'CREATE') {
    if (w(1) === 'USER' || w(1) === 'ROLE') return effect('permissions', `CREATE ${w(1)}`, 'sql:role', namesAfterKeywords(tokens, 2), 'resource', undefined, ['creates a database role']);
    const orReplace = w(1) === 'OR' && w(2) === 'REPLACE';
    const kindAt = orReplace ? 3 : 1;
    let kind = w(kindAt);
    let skip = kindAt + 1;
    while (['TEMP', 'TEMPORARY', 'UNLOGGED', 'UNIQUE', 'GLOBAL', 'LOCAL', 'MATERIALIZED'].includes(kind)) { kind = w(skip); skip++; }
    return effect(orReplace ? 'update' : 'create', `CREATE${orReplace ? ' OR REPLACE' : ''} ${kind}`, `sql:${(kind || 'object').toLowerCase()}`, namesAfterKeywords(tokens, skip), 'resource', orReplace ? undefined : 'reversible', [orReplace ? 'replaces the existing definition' : 'creates a new object']);
  }
  if (first === 'INSERT' || first === 'COPY' || first === 'LOAD') {
    const names = first === 'LOAD' ? namesAfter(tokens, 'TABLE') : namesAfterKeywords(tokens, first === 'INSERT' && w(1) === 'INTO' ? 2 : first === 'INSERT' ? 1 : 1);
    if (first === 'COPY' && !words.some((t) => t.upper === 'FROM')) return read('COPY TO');
    const conflictUpdate = first === 'INSERT' && words.some((t, i) => t.upper === 'CONFLICT' && words[i + 2]?.upper === 'UPDATE');
    return effect(conflictUpdate ? 'update' : 'create', first === 'INSERT' ? 'INSERT' : first, 'sql:table', names, 'resource', undefined, [conflictUpdate ? 'INSERT ... ON CONFLICT DO UPDATE overwrites existing rows' : 'adds rows']);
  }
  if (first === 'REPLACE' || first === 'MERGE' || first === 'UPSERT') {
    return effect('update', first, 'sql:table', namesAfterKeywords(tokens, w(1) === 'INTO' ? 2 : 1), 'resource', undefined, [`${first} may overwrite existing rows`]);
  }
  if (first === 'CALL' || first === 'DO' || first === 'EXEC' || first === 'EXECUTE') {
    return unknown(first, `${first} runs code whose effect is not visible in the statement`);
  }
  return unknown(first, `${first} is not a statement Firebreak recognises`);
}

function classifyMeta(text: string): StatementEffect {
  const cmd = text.split(/\s+/)[0];
  const arg = text.slice(cmd.length).trim();
  if (cmd === '\\c' || cmd === '\\connect') return { ...none(cmd), session: { database: arg.split(/\s+/)[0] || undefined } };
  if (cmd === '\\!') return { ...unknown(cmd, 'runs a shell command from psql'), shell: arg };
  if (cmd === '\\i' || cmd === '\\ir' || cmd === '\\include' || cmd === '\\include_relative') return unknown(cmd, `runs the SQL in ${arg}: its statements are not visible`);
  if (cmd === '\\copy') return /\bfrom\b/i.test(arg) ? effect('create', '\\copy from', 'sql:table', [arg.split(/[\s(]+/)[0]], 'resource', undefined, ['loads rows into the table']) : read('\\copy to');
  if (cmd === '\\gexec') return unknown(cmd, '\\gexec executes every result row as SQL: the statements are not visible');
  if (PSQL_READ_META.test(text)) return { ...read(cmd), targetType: 'sql:database' };
  return unknown(cmd, `psql meta-command ${cmd} is not recognised`);
}

function effect(operation: Operation, verb: string, targetType: string, targets: string[], scope: StatementEffect['scope'], reversibility: Reversibility | undefined, facts: string[], extra: Record<string, unknown> = {}): StatementEffect & Record<string, unknown> {
  return { operation, verb, targetType, targets: targets.length ? targets : ['(unnamed)'], scope, reversibility, facts, ...extra };
}

function read(verb: string): StatementEffect {
  return { operation: 'read', verb, targetType: 'sql:database', targets: [], scope: 'resource', facts: [] };
}

function none(verb: string): StatementEffect {
  return { operation: 'read', verb, targetType: 'sql:session', targets: [], scope: 'resource', facts: [], session: {} };
}

function unknown(verb: string, why: string): StatementEffect {
  return { operation: 'unknown', verb, targetType: 'sql:database', targets: [], scope: 'unknown', facts: [why] };
}

function hasTopLevel(tokens: SqlToken[], keyword: string): boolean {
  return tokens.some((t) => t.kind === 'word' && t.depth === 0 && t.upper === keyword);
}

/** Object names after the n-th word, skipping IF [NOT] EXISTS / ONLY, comma separated. */
function namesAfterKeywords(tokens: SqlToken[], wordIndex: number): string[] {
  let seen = -1;
  let i = 0;
  for (; i < tokens.length; i++) {
    if (tokens[i].kind === 'word') seen++;
    if (seen === wordIndex - 1) { i++; break; }
  }
  return readNames(tokens, i);
}

function namesAfter(tokens: SqlToken[], keyword: string): string[] {
  const i = tokens.findIndex((t) => t.kind === 'word' && t.upper === keyword);
  return i < 0 ? [] : readNames(tokens, i + 1);
}

function identAfter(tokens: SqlToken[], wordIndex: number): string | undefined {
  return namesAfterKeywords(tokens, wordIndex)[0];
}

const NAME_PREFIX_SKIP = new Set(['IF', 'NOT', 'EXISTS', 'ONLY', 'CONCURRENTLY', 'TABLE']);

function readNames(tokens: SqlToken[], start: number): string[] {
  const names: string[] = [];
  let i = start;
  while (i < tokens.length && tokens[i].kind === 'word' && NAME_PREFIX_SKIP.has(tokens[i].upper)) i++;
  let current = '';
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word' || t.kind === 'ident') {
      if (current && !current.endsWith('.')) break;
      current += t.text;
    } else if (t.kind === 'punct' && t.text === '.') current += '.';
    else if (t.kind === 'punct' && t.text === ',') { if (current) names.push(current); current = ''; }
    else break;
  }
  if (current) names.push(current);
  return names;
}
