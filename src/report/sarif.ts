// SARIF 2.1.0 for code scanning: one result per policy reason that did not pass, located at the
// line the action came from. A deleted resource is located where it was: the base revision's
// file and the removed block's lines. Accepted findings are results with an external
// suppression that names the exception, its owner and its expiry.
import { createHash } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Accepted, Decision, Reason, Report } from '../model.js';
import { summaryLine } from './summary.js';

const LEVEL: Record<Decision, 'error' | 'warning' | 'note'> = { block: 'error', escalate: 'warning', pass: 'note' };

/** Where each rule is explained (docs/policy.md, one anchor per rule). */
export const RULES_HELP_URL = 'https://firebreak.dev/docs/policy#rule-';

export interface SarifOptions {
  /** `https://github.com/owner/repo`: lets a location in the base revision resolve to a blob URL. */
  repositoryUrl?: string;
}

type Action = Report['actions'][number];

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  return JSON.stringify(toSarif(report, options), null, 2) + '\n';
}

export function toSarif(report: Report, options: SarifOptions = {}): Record<string, unknown> {
  const reasons = report.reasons.filter((r) => r.decision !== 'pass');
  const accepted = report.accepted ?? [];
  const ruleIds = [...new Set([...reasons.map((r) => r.rule), ...accepted.map((a) => a.rule)])];
  const actions = new Map(report.actions.map((a) => [a.id, a]));
  const fallback = report.actions.find((a) => a.source.file);
  const bases = new Set<string>();

  const result = (finding: Reason | Accepted, decision: Decision): Record<string, unknown> => {
    const action = finding.actionId ? actions.get(finding.actionId) : undefined;
    const located = action?.source.file ? action : fallback;
    const entry: Record<string, unknown> = {
      ruleId: `firebreak/${finding.rule}`,
      ruleIndex: ruleIds.indexOf(finding.rule),
      level: LEVEL[decision],
      message: { text: messageOf(finding, action) },
      partialFingerprints: { firebreakReason: fingerprint(finding.rule, action?.target.id) },
      properties: {
        decision,
        ...(action ? { actionId: action.id, operation: action.operation, target: action.target.id, reversibility: action.reversibility } : {}),
      },
    };
    if (located?.source.file) {
      const { source } = located;
      if (source.revision) bases.add(source.revision);
      entry.locations = [
        {
          physicalLocation: {
            artifactLocation: artifact(source.file!),
            ...(source.line ? { region: { startLine: source.line, ...(source.endLine && source.endLine >= source.line ? { endLine: source.endLine } : {}) } } : {}),
          },
          ...(action ? { logicalLocations: [{ name: action.target.id, fullyQualifiedName: action.target.id, kind: 'resource' }] } : {}),
          ...(source.revision ? { message: { text: `where ${action?.target.id ?? 'it'} was declared in the base revision ${source.revision.slice(0, 12)}: the change removes it` } } : {}),
        },
      ];
      if (source.revision && !isAbsolute(source.file!)) {
        // The same place, resolved against the base revision (a viewer that follows uriBaseIds opens the old file).
        entry.relatedLocations = [
          {
            id: 1,
            physicalLocation: {
              artifactLocation: { uri: encodePath(source.file!), uriBaseId: baseId(source.revision) },
              ...(source.line ? { region: { startLine: source.line, ...(source.endLine && source.endLine >= source.line ? { endLine: source.endLine } : {}) } } : {}),
            },
            message: { text: `removed block at ${source.file}:${source.line ?? 1}${source.endLine ? `-${source.endLine}` : ''} (base ${source.revision.slice(0, 12)})` },
          },
        ];
        (entry.properties as Record<string, unknown>).baseRevision = source.revision;
      }
    }
    return entry;
  };

  const results = [
    ...reasons.map((reason) => result(reason, reason.decision)),
    ...accepted.map((a) => ({
      ...result(a, a.decision),
      suppressions: [
        {
          kind: 'external',
          status: 'accepted',
          justification: `${a.exception.reason} (owner ${a.exception.owner}${a.exception.expires ? `, expires ${a.exception.expires}` : ''}; ${a.exception.source.kind}${a.exception.source.file ? ` ${a.exception.source.file}${a.exception.source.line ? `:${a.exception.source.line}` : ''}` : ''})`,
        },
      ],
    })),
  ];

  const described = new Map((report.policy?.rules ?? []).map((r) => [r.id, r]));
  const originalUriBaseIds: Record<string, unknown> = { SRCROOT: { description: { text: 'The repository root' } } };
  for (const revision of bases) {
    originalUriBaseIds[baseId(revision)] = {
      ...(options.repositoryUrl ? { uri: `${options.repositoryUrl.replace(/\/$/, '')}/blob/${revision}/` } : {}),
      description: { text: `The repository at the base revision ${revision}` },
    };
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        properties: { summary: summaryLine(report), verdict: report.verdict, blastRadius: report.blastRadius.counts.total, accepted: accepted.length },
        tool: {
          driver: {
            name: 'firebreak',
            version: report.tool.version,
            informationUri: 'https://firebreak.dev',
            rules: ruleIds.map((id) => {
              const sample = reasons.find((r) => r.rule === id) ?? accepted.find((a) => a.rule === id)!;
              const rule = described.get(id);
              const decision = rule?.decision ?? ('decision' in sample ? sample.decision : 'escalate');
              const description = rule?.description ?? (id === 'default' ? 'No rule in the policy covers this action, so the policy default applies.' : sample.message);
              return {
                id: `firebreak/${id}`,
                name: id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
                shortDescription: { text: firstSentence(description) },
                fullDescription: { text: description },
                helpUri: `${RULES_HELP_URL}${id}`,
                help: { text: helpText(id, description, decision), markdown: helpMarkdown(id, description, decision) },
                defaultConfiguration: { level: LEVEL[decision === 'pass' ? 'escalate' : decision] },
                properties: { tags: ['infrastructure', 'blast-radius'], decision },
              };
            }),
          },
        },
        originalUriBaseIds,
        results,
      },
    ],
  };
}

/** What to do about a finding of this rule. */
function nextStep(decision: Decision): string {
  return decision === 'block'
    ? 'Blocked: change the plan, or have the owner add an exception to the policy (rule, target, owner, reason, expires); a block cannot be approved once.'
    : 'Needs a person: approve the pull request check, or accept it reviewably with a policy exception or an inline `# firebreak:accept RULE reason=... expires=...`.';
}

function helpText(id: string, description: string, decision: Decision): string {
  return `${description}\n\n${nextStep(decision)}\nRule ${id}: ${RULES_HELP_URL}${id}`;
}

function helpMarkdown(id: string, description: string, decision: Decision): string {
  return `**${id}** (${decision}): ${description}\n\n${nextStep(decision)}\n\n[About this rule](${RULES_HELP_URL}${id})`;
}

function firstSentence(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  return (end > 0 ? text.slice(0, end + 1) : text).slice(0, 200);
}

function baseId(revision: string): string {
  return `BASE_${revision.slice(0, 12)}`;
}

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function artifact(file: string): Record<string, string> {
  return isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: encodePath(file), uriBaseId: 'SRCROOT' };
}

function messageOf(finding: Reason | Accepted, action: Action | undefined): string {
  const lead = action ? `${action.operation} ${action.target.id} (${action.target.type}): ` : '';
  const evidence = action?.evidence.slice(0, 2).map((e) => e.message).join(' ') ?? '';
  const where = action?.source.revision ? ` It was declared at ${action.source.file}:${action.source.line ?? 1} in the base revision ${action.source.revision.slice(0, 12)}.` : '';
  return `${lead}${finding.message}${where}${evidence ? ` Evidence: ${evidence}` : ''}`;
}

function fingerprint(rule: string, target: string | undefined): string {
  return createHash('sha256').update(`${rule}\0${target ?? ''}`).digest('hex').slice(0, 32);
}
