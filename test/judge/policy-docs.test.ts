// Every rule a SARIF result can cite has its anchor in docs/policy.md (the rule's helpUri).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadPolicy } from '../../src/judge/policy.js';

const docs = readFileSync(new URL('../../docs/policy.md', import.meta.url), 'utf8');

describe('docs/policy.md', () => {
  it.each([...loadPolicy().rules.map((r) => r.id), 'default'])('explains %s at its helpUri anchor', (id) => {
    expect(docs).toContain(`<a id="rule-${id}"></a>`);
  });
});
