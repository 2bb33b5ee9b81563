// The shipped default policy without YAML or zod on the hot path: the build validates it once and
// writes dist/default-policy.json with the sha256 of the YAML it came from. A stale or missing
// compiled copy falls back to parsing the YAML, so an edited policies/default.yaml always counts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Policy } from './policy.js';
import { sha256Hex } from '../util/sha256.js';

export const DEFAULT_POLICY_YAML = new URL('../../policies/default.yaml', import.meta.url);
const COMPILED = [new URL('../default-policy.json', import.meta.url), new URL('../../dist/default-policy.json', import.meta.url)];

export interface CompiledPolicy {
  sha256: string;
  /** The YAML it came from: comparing the text is exact and costs nothing, where hashing 10 KB in cold JavaScript cost a hook call ~5-10 ms. */
  source?: string;
  policy: Policy;
}

export function sha256(text: string): string {
  return sha256Hex(text);
}

export async function loadDefaultPolicy(): Promise<Policy> {
  const yaml = readFileSync(DEFAULT_POLICY_YAML, 'utf8');
  let digest: string | undefined;
  for (const url of COMPILED) {
    try {
      const compiled = JSON.parse(readFileSync(url, 'utf8')) as CompiledPolicy;
      const same = compiled.source !== undefined ? compiled.source === yaml : compiled.sha256 === (digest ??= sha256(yaml));
      if (same) return { ...compiled.policy, file: fileURLToPath(DEFAULT_POLICY_YAML) };
    } catch {
      // not built here: try the next place, then parse
    }
  }
  const { parsePolicy } = await import('./policy.js');
  return parsePolicy(yaml, fileURLToPath(DEFAULT_POLICY_YAML));
}
