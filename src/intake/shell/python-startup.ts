// PYTHONPATH names folders every Python the command starts looks in first, and Python imports a
// `sitecustomize.py` or `usercustomize.py` it finds there before any of its own code:
// `PYTHONPATH=/tmp/x pytest` runs /tmp/x/sitecustomize.py. Such a file is read as a script the
// command runs. (`.pth` files are read only in site folders, which PYTHONPATH does not add.) A
// module there named like a standard-library one replaces it (code/python-shadowing.ts).
import { readdirSync } from 'node:fs';
import type { PlannedAction } from '../types.js';
import { scriptPath } from '../code/source.js';
import { judgeShadowingModules } from '../code/python-shadowing.js';
import { commandEvidence, makeAction, type RecognisedCommand } from './command.js';
import { pathContext } from './guard-files.js';
import { expandText } from './path-resolve.js';
import { quoteWord } from './unwrap.js';

const STARTUP_FILES = ['sitecustomize.py', 'usercustomize.py'];

export async function pythonStartupCode(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const written = rc.env.PYTHONPATH;
  if (!written) return [];
  const value = knownValue(written, rc);
  if (value === undefined) return [unknownFolder(rc, written)];
  const out: PlannedAction[] = [];
  for (const entry of value.split(':').filter(Boolean)) {
    let names: string[];
    try {
      names = readdirSync(scriptPath(rc, entry));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = `${entry.replace(/\/+$/, '')}/${name}`;
      const why = `PYTHONPATH=${value}: every Python this command starts runs ${file} first`;
      if (STARTUP_FILES.includes(name)) out.push(...(await rc.nested(`PYTHONPATH= python3 ${quoteWord(file)}`, { evidence: [commandEvidence(why, 'PYTHONPATH', value)] })));
    }
    out.push(...(await judgeShadowingModules(rc, scriptPath(rc, entry), `PYTHONPATH=${value} puts ${entry} before the standard library`)));
  }
  return out;
}

/** The folders as bash passes them. `${PYTHONPATH:+:$PYTHONPATH}` in its own value is what the hook's
 *  environment holds (the walker expands the line's own earlier assignments before this point). */
function knownValue(written: string, rc: RecognisedCommand): string | undefined {
  if (!/[$`]/.test(written)) return written;
  const ambient = process.env.PYTHONPATH ?? '';
  const own = written
    .replace(/\$\{PYTHONPATH:\+([^{}]*?)\$\{?PYTHONPATH\}?([^{}]*?)\}/g, (_, before: string, after: string) => (ambient ? `${before}${ambient}${after}` : ''))
    .replace(/\$\{PYTHONPATH\}|\$PYTHONPATH\b/g, ambient);
  const { PYTHONPATH: _self, ...vars } = rc.env;
  return expandText(own, { ...pathContext(rc), vars }).text;
}

function unknownFolder(rc: RecognisedCommand, written: string): PlannedAction {
  return makeAction(rc, {
    operation: 'unknown',
    verb: 'run startup code',
    tool: 'python',
    target: { type: 'code:script', id: `${written}/sitecustomize.py` },
    scope: 'unknown',
    evidence: [commandEvidence(`PYTHONPATH=${written} names a folder known only at run time: every Python this command starts runs a sitecustomize.py or usercustomize.py there first, which Firebreak cannot read`, 'PYTHONPATH', written)],
  });
}
