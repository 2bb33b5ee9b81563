// SARIF 2.1.0 for code scanning: one result per policy reason that did not pass, located at the
// line of the changed file the action came from.
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Decision, Reason, Report } from '../model.js';

const LEVEL: Record<Decision, 'error' | 'warning' | 'note'> = { block: 'error', escalate: 'warning', pass: 'note' };

export function renderSarif(report: Report): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n';
}

export function toSarif(report: Report): Record<string, unknown> {
  const reasons = report.reasons.filter((r) => r.decision !== 'pass');
  const ruleIds = [...new Set(reasons.map((r) => r.rule))];
  const actions = new Map(report.actions.map((a) => [a.id, a]));
  const fallback = report.actions.find((a) => a.source.file);
  const results = reasons.map((reason) => {
    const action = reason.actionId ? actions.get(reason.actionId) : undefined;
    const located = action?.source.file ? action : fallback;
    const result: Record<string, unknown> = {
      ruleId: `firebreak/${reason.rule}`,
      ruleIndex: ruleIds.indexOf(reason.rule),
      level: LEVEL[reason.decision],
      message: { text: messageOf(reason, action) },
      partialFingerprints: { firebreakReason: fingerprint(reason, action?.target.id) },
      properties: {
        decision: reason.decision,
        ...(action ? { actionId: action.id, operation: action.operation, target: action.target.id, reversibility: action.reversibility } : {}),
      },
    };
    if (located?.source.file) {
      result.locations = [
        {
          physicalLocation: {
            artifactLocation: artifact(located.source.file),
            ...(located.source.line ? { region: { startLine: located.source.line } } : {}),
          },
          ...(action ? { logicalLocations: [{ name: action.target.id, kind: 'resource' }] } : {}),
        },
      ];
    }
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'firebreak',
            version: report.tool.version,
            rules: ruleIds.map((id) => {
              const sample = reasons.find((r) => r.rule === id)!;
              return {
                id: `firebreak/${id}`,
                name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
                shortDescription: { text: `Firebreak policy rule ${id}` },
                fullDescription: { text: sample.message },
                defaultConfiguration: { level: LEVEL[sample.decision] },
                properties: { tags: ['infrastructure', 'blast-radius'] },
              };
            }),
          },
        },
        originalUriBaseIds: { SRCROOT: { description: { text: 'The repository root' } } },
        results,
        properties: { verdict: report.verdict, blastRadius: report.blastRadius.counts.total },
      },
    ],
  };
}

function artifact(file: string): Record<string, string> {
  return isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

function messageOf(reason: Reason, action: Report['actions'][number] | undefined): string {
  const lead = action ? `${action.operation} ${action.target.id} (${action.target.type}): ` : '';
  const evidence = action?.evidence.slice(0, 2).map((e) => e.message).join(' ') ?? '';
  return `${lead}${reason.message}${evidence ? ` Evidence: ${evidence}` : ''}`;
}

function fingerprint(reason: Reason, target: string | undefined): string {
  return createHash('sha256').update(`${reason.rule}\0${target ?? ''}`).digest('hex').slice(0, 32);
}
