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
  const t = `${action.target.type} ${action.target.id}`;
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
  const because = evidence
    .filter((e) => e.kind !== 'config')
    .slice(0, 2)
    .map(evidenceText);
  const freeze = action.freeze ? ` during code freeze "${action.freeze}"` : '';
  return `${action.id} ${does(action)} ${targetText(action)} in ${environmentText(env)}${freeze}: ${facts.join(', ')}${
    because.length ? ` (${because.join('; ')})` : ''
  }`;
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
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
