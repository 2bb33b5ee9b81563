// PYTHONPATH's folders are searched for sitecustomize.py/usercustomize.py by every Python a command
// starts. Its own earlier value (`PYTHONPATH=src:$PYTHONPATH`) is the line's earlier assignment, or
// else what the hook's environment holds; a folder known only at run time is unread code.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

const DELETE_BUCKET = "import boto3\nboto3.client('s3').delete_bucket(Bucket='prod-assets')\n";
const saved = process.env.PYTHONPATH;
const made: string[] = [];

afterEach(() => {
  if (saved === undefined) delete process.env.PYTHONPATH; else process.env.PYTHONPATH = saved;
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function verdict(command: string, files: Record<string, string> = {}): Promise<{ verdict: string; text: string }> {
  const dir = caseWorkspace('pythonpath', files);
  made.push(dir);
  const { report } = await check({ commands: [command], cwd: dir, implicitConfig: false });
  return { verdict: report.verdict, text: JSON.stringify([report.reasons, report.actions.map((a) => a.evidence)]) };
}

describe('PYTHONPATH startup code', () => {
  it('reads the folder the hook environment names when the line refers to its own earlier value', async () => {
    const site = caseWorkspace('pythonpath-site', { 'sitecustomize.py': DELETE_BUCKET });
    made.push(site);
    process.env.PYTHONPATH = site;
    const r = await verdict('PYTHONPATH=src:$PYTHONPATH pytest -q');
    expect(r.verdict, r.text).toBe('escalate');
    expect(r.text).toContain('delete_bucket');
    expect(r.text).toContain('sitecustomize.py');
  });

  it('takes an unset environment value as empty in `${PYTHONPATH:+:$PYTHONPATH}`', async () => {
    delete process.env.PYTHONPATH;
    const r = await verdict('PYTHONPATH="$PWD/src${PYTHONPATH:+:${PYTHONPATH}}" pytest -q', { 'src/app.py': 'X = 1\n' });
    expect(r.verdict).toBe('pass');
  });

  it('a folder from a variable nobody set is unread startup code', async () => {
    delete process.env.SITE_DIR;
    const r = await verdict('PYTHONPATH=$SITE_DIR pytest -q');
    expect(r.verdict).toBe('escalate');
    expect(r.text).toContain('known only at run time');
  });

  it('the line\'s own earlier value wins over the environment', async () => {
    process.env.PYTHONPATH = '/nonexistent-firebreak-test';
    const r = await verdict('export PYTHONPATH=tools/site; PYTHONPATH=src:$PYTHONPATH pytest -q', { 'tools/site/usercustomize.py': DELETE_BUCKET });
    expect(r.verdict, r.text).toBe('escalate');
    expect(r.text).toContain('delete_bucket');
  });
});
