// `trap "rm -rf '$tmpdir'" RETURN`: a handler written in double quotes is expanded where `trap` runs,
// not where the handler runs. When each expansion in it is a variable whose value the text makes known
// at that point (a literal, a folder it computed, a fresh `mktemp` path), the handler is plain text the
// walk can judge as any command; a value not known keeps the handler one built at run time.
import { expandText } from './path-resolve.js';
import type { RecognisedCommand } from './command.js';

/** A double-quoted word whose only expansions are `$NAME` / `${NAME}` and whose only escape is `\"`: no
 *  substitution, no operator, no `\$` (expanded when the handler runs, not here). */
const QUOTED_NAMES = /^"((?:[^"\\`$]|\\"|\$(?:[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\}))*)"$/;
/** A value the handler text can take in as it is: nothing a shell would read as more than letters of a path. */
const PLAIN_VALUE = /^[A-Za-z0-9._/+@%,:=-]*$/;

/** The handler `trap` sets, as text, when its word is built from values known here; undefined otherwise.
 *  A fresh `mktemp` path stands as the name mktemp makes (`/tmp/tmp.XXXXXXXXXX`): only its random letters
 *  are not known, and they are letters. */
export function trapHandlerNow(rc: RecognisedCommand): string | undefined {
  // `X=/ trap "rm -rf $X" EXIT`: bash expands the word with X as it was before the command.
  if (rc.container || !rc.workspace || !/^\s*trap\s/.test(rc.source.command ?? '')) return undefined;
  let at = 1;
  if (rc.argv[1] === '--') at = 2;
  const word = rc.words[at];
  if (!word?.dynamic || rc.argv.length < at + 2) return undefined;
  const quoted = QUOTED_NAMES.exec(word.raw);
  if (!quoted) return undefined;
  const ctx = { workspace: rc.workspace, cwd: rc.cwd, vars: rc.env, env: process.env };
  let known = true;
  const text = quoted[1].replace(/\\"|\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole: string, braced: string | undefined, bare: string | undefined) => {
    if (whole === '\\"') return '"';
    const value = expandText(`\${${braced ?? bare}}`, ctx).text;
    if (value === undefined || !PLAIN_VALUE.test(value)) known = false;
    return value ?? '';
  });
  return known ? text : undefined;
}
