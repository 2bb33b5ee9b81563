import type { ScenarioOutcome } from '../scenarios/run.js';

/** `2/3 (1 refused by AWS)`: verified of the steps that had something to restore. */
function rollbackCell(r: NonNullable<ScenarioOutcome['sandbox']>['rollback']): string {
  const executable = r.steps - r['not-executable'] - r['not-needed'];
  if (!r.steps) return '-';
  const extra = [r['refused-by-aws'] ? `${r['refused-by-aws']} refused by AWS` : '', r.incomplete ? `${r.incomplete} incomplete` : '', r.failed ? `${r.failed} failed` : ''].filter(Boolean);
  return `${r.verified}/${executable}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

/** scenario | expected | got | blast radius | irreversible | time, then what differed. */
export function renderScenarioTable(outcomes: ScenarioOutcome[], options: { color?: boolean } = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const withSandbox = outcomes.some((o) => o.sandbox);
  const header = ['scenario', 'expected', 'got', 'blast radius', 'irreversible', 'time', ...(withSandbox ? ['sandbox', 'agreement', 'coverage', 'rollback verified'] : []), ''];
  const percent = (n: number | null) => (n === null ? 'n/a' : `${Math.round(n * 100)}%`);
  const rows = outcomes.map((o) => [
    o.name,
    o.expected,
    o.got,
    String(o.blastRadius),
    String(o.irreversible),
    `${o.ms} ms`,
    ...(withSandbox
      ? o.sandbox
        ? [o.sandbox.status, percent(o.sandbox.agreement), percent(o.sandbox.coverage), rollbackCell(o.sandbox.rollback)]
        : ['-', '-', '-', '-']
      : []),
    o.mismatches.length === 0 ? 'ok' : 'MISMATCH',
  ]);
  const verdictColumn = header.length - 1;
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) {
    const text = line(row);
    out.push(row[verdictColumn] === 'ok' ? text : paint(31, text));
  }
  const failures = outcomes.filter((o) => o.mismatches.length > 0);
  for (const failure of failures) {
    out.push('', `${failure.name}:`);
    for (const mismatch of failure.mismatches) out.push(`  - ${mismatch}`);
  }
  out.push('', `${outcomes.length - failures.length} of ${outcomes.length} scenarios as expected`);
  return out.join('\n') + '\n';
}
