// Validates policies/default.yaml once at build time and writes dist/default-policy.json, so the
// hook path needs neither YAML nor zod to load the shipped policy (see src/judge/default-policy.ts).
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { parsePolicy } from '../dist/judge/policy.js';
import { sha256 } from '../dist/judge/default-policy.js';

const file = new URL('../policies/default.yaml', import.meta.url);
const yaml = readFileSync(file, 'utf8');
const { file: _file, ...policy } = parsePolicy(yaml, 'policies/default.yaml');
const out = new URL('../dist/default-policy.json', import.meta.url);
writeFileSync(`${out.pathname}.tmp`, JSON.stringify({ sha256: sha256(yaml), source: yaml, policy }));
renameSync(`${out.pathname}.tmp`, out);
