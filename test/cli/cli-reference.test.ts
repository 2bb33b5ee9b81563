// docs/cli.md is generated from the commands' own help: it must say what the CLI says, and every
// command must be in it with a guide that exists.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFullProgram } from '../../src/cli/main.js';
// @ts-expect-error: a plain ES module script without types
import { renderCliReference } from '../../scripts/cli-reference.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/cli.md'), 'utf8');

describe('docs/cli.md', () => {
  it('is what scripts/cli-reference.mjs writes from the current commands (run it after changing a command)', async () => {
    const expected = renderCliReference(await buildFullProgram()) as string;
    expect(DOC, 'docs/cli.md is out of date: npm run build && node scripts/cli-reference.mjs').toBe(expected);
  });

  it('has every command and subcommand, each with a guide page that exists', async () => {
    const program = await buildFullProgram();
    const walk = (c: typeof program, path: string[]): string[][] => [path, ...c.commands.filter((s) => s.name() !== 'help').flatMap((s) => walk(s, [...path, s.name()]))];
    const paths = walk(program, ['firebreak']).slice(1);
    expect(paths.length).toBeGreaterThan(30);
    for (const path of paths) expect(DOC, path.join(' ')).toContain(`## ${path.join(' ')}\n`);
    for (const [, page, anchor] of DOC.matchAll(/\]\(([a-z-]+\.md)(#[a-z0-9-]+)?\)/g)) {
      expect(existsSync(join(ROOT, 'docs', page)), page).toBe(true);
      if (anchor) expect(headingAnchors(readFileSync(join(ROOT, 'docs', page), 'utf8')), `${page}${anchor}`).toContain(anchor.slice(1));
    }
  });
});

/** GitHub's anchors for a page's headings: lower case, punctuation dropped, spaces to dashes. */
export function headingAnchors(markdown: string): string[] {
  const anchors: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    anchors.push(heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-'));
  }
  for (const [, id] of markdown.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.push(id);
  return anchors;
}
