import type { ScenarioOutcome } from '../scenarios/run.js';

/** `2/3 (1 refused by AWS)`: verified of the steps that had something to restore. */
function rollbackCell(r: NonNullable<ScenarioOutcome['sandbox']>['rollback']): string {
  const executable = r.steps - r['not-executable'] - r['not-needed'];
  if (!r.steps) return '-';
  const extra = [r['refused-by-aws'] ? `${r['refused-by-aws']} refused by AWS` : '', r.incomplete ? `${r.incomplete} incomplete` : '', r.failed ? `${r.failed} failed` : ''].filter(Boolean);
  return `${r.verified}/${executable}${extra.length ? ` (${extra.join(', ')})` : ''}`;
}

/** scenario | expected | got | blast radius | irreversible | time | result | title, what differed, and a legend. */
export function renderScenarioTable(outcomes: ScenarioOutcome[], options: { color?: boolean; width?: number } = {}): string {
  const paint = (code: number, text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const withSandbox = outcomes.some((o) => o.sandbox);
  const header = ['scenario', 'expected', 'got', 'blast radius', 'irreversible', 'time', ...(withSandbox ? ['sandbox', 'agreement', 'coverage', 'rollback verified'] : []), 'result'];
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
  // The title closes each row, cut to the terminal when its width is known.
  const titleAt = widths.reduce((sum, w) => sum + w + 2, 0);
  const titled = (text: string, title: string) => `${text.padEnd(titleAt)}${fit(title, options.width ? options.width - titleAt : undefined)}`.trimEnd();
  const out = [titled(line(header), 'title'), titled(line(widths.map((w) => '-'.repeat(w))), '-----')];
  rows.forEach((row, i) => {
    const text = titled(line(row), outcomes[i].title);
    out.push(row[verdictColumn] === 'ok' ? text : paint(31, text));
  });
  const failures = outcomes.filter((o) => o.mismatches.length > 0);
  for (const failure of failures) {
    out.push('', `${failure.name}:`);
    for (const mismatch of failure.mismatches) out.push(`  - ${mismatch}`);
  }
  out.push('', `${outcomes.length - failures.length} of ${outcomes.length} scenarios as expected`, '', ...legend(withSandbox));
  return out.join('\n') + '\n';
}

function legend(withSandbox: boolean): string[] {
  return [
    'expected / got     the verdict the scenario expects and the one Firebreak gave: pass, escalate (a person decides) or block',
    'blast radius       resources changed, deleted or hit through what depends on them',
    'irreversible       actions that cannot be undone (their data or the resource is lost for good)',
    'time               the whole check of the scenario, read to report',
    ...(withSandbox
      ? [
          'sandbox            the replay in the local AWS twin (docs/sandbox.md)',
          'agreement          observed changes that match the prediction (n/a: nothing could be scored)',
          'coverage           predicted resources the twin could observe',
          'rollback verified  rollback steps run in the twin that put things back, of those that could run',
        ]
      : []),
    'result             ok when every expectation held; MISMATCH lists what did not',
    'Full report of one scenario: firebreak scenarios show <scenario>',
  ];
}

function fit(text: string, room: number | undefined): string {
  if (room === undefined || text.length <= room) return text;
  return room < 12 ? '' : `${text.slice(0, room - 1).trimEnd()}…`;
}
