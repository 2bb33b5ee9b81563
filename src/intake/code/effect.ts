// What a piece of code does, in the terms Firebreak already judges. Produced by the evaluator
// (one list per program), turned into actions by effects.ts.
import type { Loc } from './ir.js';
import type { CodeLanguage } from './languages.js';
import type { Value } from './values.js';

interface At {
  /** Where in the code, and the call as written. */
  loc: Loc;
  /** File the code is in (as the command names it); undefined for inline code. */
  file?: string;
}

export type Effect = At & (
  /** An AWS SDK call: judged through the same IAM data as the CLI. */
  | { kind: 'aws'; service: string; operation: string; params: [string, Value][]; unknownParams?: string; profile?: string; region?: string; endpoint?: string }
  /** Google Cloud / Azure SDK calls Firebreak models by name. */
  | { kind: 'cloud'; provider: 'gcp' | 'azure'; operation: 'delete' | 'read' | 'unknown'; targetType: string; id?: string; method: string }
  /** A shell command the code runs (a literal command string or argv): walked as shell. */
  | { kind: 'shell'; text: string; via: string }
  /** Files the code deletes, writes, moves or copies: judged like rm / redirections / mv / cp. */
  | { kind: 'file'; op: 'delete' | 'write' | 'append' | 'move' | 'copy' | 'read' | 'chmod' | 'truncate'; path: Value; to?: Value; recursive?: boolean; via: string; /** chmod: the mode as the shell would spell it (`600`), undefined when computed at run time. */ mode?: string }
  /** SQL the code sends through a database driver. */
  | { kind: 'sql'; client: 'psql' | 'mysql' | 'sqlite3'; statement: string; host?: string; database?: string; via: string }
  /** An HTTP request: judged like curl (control-plane hosts, GraphQL mutations). */
  | { kind: 'http'; method: string; url: Value; body?: string; via: string }
  /** Literal code the program runs (`exec("...")`, `eval('...')`): read as well. */
  | { kind: 'code'; language: CodeLanguage; text: string; via: string }
  /** A script file the program runs (`runpy.run_path('x.py')`, `fork('./w.js')`): read as well. Its
   *  path is relative to the folder the command runs in, as the runtime resolves it, or with
   *  `fromCode` to the code's own folder (a module it imports). */
  | { kind: 'script'; path: string; language?: CodeLanguage; via: string; fromCode?: boolean }
  /** Something the code does that Firebreak cannot follow. */
  | { kind: 'unknown'; why: string }
);

export type EffectKind = Effect['kind'];
