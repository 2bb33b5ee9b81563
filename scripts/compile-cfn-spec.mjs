// Writes dist/cfn-spec.json: per CloudFormation resource type, only what a template diff and the
// schema edges read of @aws-cdk/aws-service-spec (which properties force replacement, which are
// scrutinised for IAM and security groups, which refer to another type, whether the type holds
// state). Loading the whole database (db.json.gz) costs ~0.4-1 s of CPU and ~150 MB in every
// process that diffs a template; the slice is a JSON parse. src/intake/cloudformation/spec-slice.ts
// uses it when it was built from the installed version of the spec, and the database otherwise.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const specEntry = require.resolve('@aws-cdk/aws-service-spec');
const { version } = JSON.parse(readFileSync(join(dirname(specEntry), '..', 'package.json'), 'utf8'));
const db = require('@aws-cdk/aws-service-spec').loadAwsServiceSpecSync();

const resources = {};
const types = [...new Set(db.all('resource').map((r) => r.cloudFormationType))].sort();
for (const type of types) {
  // The resource a lookup by type finds (what cloudformation-diff and schema-edges.ts use).
  const found = db.lookup('resource', 'cloudFormationType', 'equals', type)[0];
  const properties = {};
  for (const [name, p] of Object.entries(found.properties)) {
    const slim = {};
    if (p.causesReplacement !== undefined) slim.causesReplacement = p.causesReplacement;
    if (p.scrutinizable !== undefined) slim.scrutinizable = p.scrutinizable;
    if (p.relationshipRefs !== undefined) slim.relationshipRefs = p.relationshipRefs.map((r) => ({ cloudFormationType: r.cloudFormationType, propertyName: r.propertyName }));
    properties[name] = slim;
  }
  resources[type] = { properties };
  if (found.isStateful !== undefined) resources[type].isStateful = found.isStateful;
  if (found.scrutinizable !== undefined) resources[type].scrutinizable = found.scrutinizable;
}
const out = new URL('../dist/cfn-spec.json', import.meta.url).pathname;
writeFileSync(`${out}.tmp`, JSON.stringify({ source: '@aws-cdk/aws-service-spec', version, resources }));
renameSync(`${out}.tmp`, out);
