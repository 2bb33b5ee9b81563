// A committed git workspace per test (the corpus's own builder), removed after each test, and a
// verdict with the file:line of every action, for tests of files that tools run by themselves.
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { check } from '../../src/pipeline.js';
import { caseWorkspace } from '../corpus/workspace.js';

export const EVIL = 'aws s3 rb s3://prod-assets --force';

/** A workspace maker for one test file; every workspace it made is removed after each test. */
export function workspaces(name: string): (files: Record<string, string>, uncommitted?: string[]) => string {
  const made: string[] = [];
  afterEach(() => { for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true }); });
  return (files, uncommitted = []) => {
    const dir = caseWorkspace(name, files, uncommitted);
    made.push(dir);
    return dir;
  };
}

/** The verdict, and the reasons' text with each action's file:line. */
export async function judge(command: string, cwd: string) {
  const { report } = await check({ commands: [command], cwd, implicitConfig: false });
  const at = report.actions.map((a) => a.source?.file && `${a.source.file}:${a.source.line}`).filter(Boolean);
  return { verdict: report.verdict, text: [...report.reasons.map((r) => r.message), ...at].join('\n') };
}
