// Plain-language sentences for reasons: "a1 deletes AWS::RDS::DBInstance DataTalks/Db in
// production: irreversible (skip_final_snapshot = true)".
import type { Evidence, Operation } from '../model.js';
import type { EnvironmentFacts } from './environment-selector.js';
import type { JudgedAction } from './judge-input.js';

const DOES: Record<Operation, string> = {
  read: 'reads',
  create: 'creates',
  update: 'updates',
  replace: 'replaces',
  delete: 'deletes',
  permissions: 'changes permissions of',
  unknown: 'runs',
};

export function does(action: JudgedAction): string {
  return action.operation === 'unknown' ? `runs "${action.verb}" on` : DOES[action.operation];
}

export function targetText(action: JudgedAction): string {
  const { type, id } = action.target;
  // A Terraform address names its type already: `aws_db_instance.main`, not `aws_db_instance aws_db_instance.main`.
  const t = id.startsWith(`${type}.`) || id.includes(`.${type}.`) ? id : `${type} ${id}`;
  return action.scope === 'environment' ? `everything in ${t}` : t;
}

export function environmentText(env: EnvironmentFacts): string {
  if (env.assumed) return 'an unknown environment (treated as production)';
  return env.production && env.name !== 'production' ? `${env.name} (production)` : env.name;
}

/** The evidence a reason cites: prediction first, then intake facts, then config. */
export function citedEvidence(action: JudgedAction, predicted: Evidence[] = []): Evidence[] {
  return [...predicted, ...(action.intrinsic?.evidence ?? []), ...action.evidence];
}

export function evidenceText(e: Evidence): string {
  if (e.key !== undefined && e.value !== undefined && e.kind !== 'config') return `${e.key} = ${shortValue(e.value)}`;
  return e.message;
}

export function summarise(action: JudgedAction, env: EnvironmentFacts, evidence: Evidence[]): string {
  const facts = [action.reversibility === 'unknown' ? 'reversibility unknown' : action.reversibility];
  if (action.dataLoss) facts.push('data loss');
  if (action.stateful && action.operation !== 'read') facts.push('stateful');
  // Placement (config matches, the plan's provider block) explains the environment, not the facts.
  const because = distinct(evidence.filter((e) => e.kind !== 'config' && e.key !== 'provider_config').map(evidenceText)).slice(0, 2);
  const freeze = action.freeze ? ` during code freeze "${action.freeze}"` : '';
  return `${action.id} ${does(action)} ${targetText(action)} in ${environmentText(env)}${freeze}: ${facts.join(', ')}${
    because.length ? ` (${because.join('; ')})` : ''
  }`;
}

/** Evidence texts once each: a reading ("--force = true") is dropped when a fuller text says it too. */
function distinct(texts: string[]): string[] {
  const kept: string[] = [];
  for (const text of texts) {
    if (kept.some((k) => k.includes(text))) continue;
    const longer = kept.findIndex((k) => text.includes(k));
    if (longer >= 0) kept[longer] = text;
    else kept.push(text);
  }
  return kept;
}

/** Fill `{name}` placeholders; names were checked when the policy loaded. */
export function render(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? '-' : String(v);
  });
}

function shortValue(value: unknown): string {
  let text: string;
  try {
    // A flag given once reads as its value: `--pending-window-in-days = 7`, not `= ["7"]`.
    const single = Array.isArray(value) && value.length === 1 ? value[0] : value;
    text = typeof single === 'string' ? single : (JSON.stringify(single) ?? String(single));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
