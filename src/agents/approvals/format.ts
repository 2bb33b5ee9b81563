// `firebreak approvals`: each request with the context a person needs to decide.
import { effectiveStatus, type ApprovalRequest } from './request.js';
import { storedReasonLines } from '../../report/reason-groups.js';

export function formatRequest(r: ApprovalRequest, now: Date): string {
  const status = effectiveStatus(r, now);
  const lines = [
    `${r.id}  ${status}  requested ${r.created} by ${r.agent}${r.sessionId ? ` (session ${r.sessionId})` : ''}, expires ${status === 'approved' ? r.approvedUntil : r.expires}`,
    ...r.action.commands.map((c) => `  $ ${c}`),
    `  in ${r.action.environment.cwd}${Object.keys(r.action.environment.variables).length ? ` with ${Object.entries(r.action.environment.variables).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}`,
    '  What:',
    ...r.what.map((w) => `    ${w}`),
    '  Why:',
    ...storedReasonLines(r.why, { head: '    ', sub: '      ' }, 6),
    `  Impact: ${r.impact}`,
  ];
  if (r.rollback.length) lines.push('  Rollback:', ...r.rollback.map((s) => `    ${s}`));
  if (r.note) lines.push(`  Note: ${r.note}`);
  if (status === 'pending') lines.push(`  Decide: firebreak approve ${r.id} [--ttl 1h] [--note ...] [--reusable] | firebreak deny ${r.id}`);
  return lines.join('\n');
}
