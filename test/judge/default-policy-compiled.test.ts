import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadDefaultPolicy, sha256, DEFAULT_POLICY_YAML } from '../../src/judge/default-policy.js';
import { loadPolicy } from '../../src/judge/policy.js';

describe('the precompiled default policy', () => {
  it('is exactly what parsing policies/default.yaml gives', async () => {
    expect(await loadDefaultPolicy()).toEqual(loadPolicy());
  });

  it('the build wrote a compiled copy for the current YAML (npm test builds first)', () => {
    const compiled = JSON.parse(readFileSync(new URL('../../dist/default-policy.json', import.meta.url), 'utf8'));
    expect(compiled.sha256).toBe(sha256(readFileSync(DEFAULT_POLICY_YAML, 'utf8')));
    // The loader compares the text itself (no hashing on the hook path): it must be the YAML, byte for byte.
    expect(compiled.source).toBe(readFileSync(DEFAULT_POLICY_YAML, 'utf8'));
    expect(compiled.policy.rules.length).toBe(loadPolicy().rules.length);
  });
});
