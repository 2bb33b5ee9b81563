// PYTHONPATH names folders every Python the command starts looks in first, and Python imports a
// `sitecustomize.py` or `usercustomize.py` it finds there before any of its own code:
// `PYTHONPATH=/tmp/x pytest` runs /tmp/x/sitecustomize.py. Such a file is read as a script the
// command runs. (`.pth` files are read only in site folders, which PYTHONPATH does not add.)
import { readdirSync } from 'node:fs';
import type { PlannedAction } from '../types.js';
import { scriptPath } from '../code/source.js';
import { commandEvidence, type RecognisedCommand } from './command.js';

const STARTUP_FILES = ['sitecustomize.py', 'usercustomize.py'];

export async function pythonStartupCode(rc: RecognisedCommand): Promise<PlannedAction[]> {
  const value = rc.env.PYTHONPATH;
  if (!value) return [];
  const out: PlannedAction[] = [];
  for (const entry of value.split(':').filter(Boolean)) {
    if (/[$`]/.test(entry)) continue;
    let names: string[];
    try {
      names = readdirSync(scriptPath(rc, entry));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = `${entry.replace(/\/+$/, '')}/${name}`;
      const why = `PYTHONPATH=${value}: every Python this command starts runs ${file} first`;
      if (STARTUP_FILES.includes(name)) out.push(...(await rc.nested(`PYTHONPATH= python3 ${quote(file)}`, { evidence: [commandEvidence(why, 'PYTHONPATH', value)] })));
    }
  }
  return out;
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
