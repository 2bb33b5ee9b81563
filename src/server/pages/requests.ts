// The queue, the history, and one request: what would run, where, why Firebreak stopped it, what
// it would hit, how to undo it, the blast-radius graph, and the decision.
import type { RequestRow, RequestSummary } from '../service/types.js';
import { html, query, type Html } from './html.js';

export interface Filters {
  repo?: string;
  environment?: string;
  agent?: string;
  status?: string;
}

const short = (text: string, n = 140) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);
const summaryOf = (r: RequestRow) => JSON.parse(r.summary) as RequestSummary;

function filterForm(action: string, filters: Filters, values: { repo: string[]; environment: string[]; agent: string[] }, statuses?: string[]): Html {
  const select = (name: keyof Filters, label: string, options: string[]) => html`<label>${label}<select name="${name}" data-filter="${name}">
<option value="">all</option>${options.map((v) => html`<option value="${v}" ${filters[name] === v ? html`selected` : ''}>${v}</option>`)}</select></label>`;
  return html`<form class="filters" method="get" action="${action}">${select('repo', 'Repository', values.repo)}${select('environment', 'Environment', values.environment)}${select('agent', 'Agent', values.agent)}${
    statuses ? select('status', 'Status', statuses) : ''
  }<button type="submit">Filter</button> <a href="${action}">clear</a></form>`;
}

function requestTable(rows: RequestRow[], decided: boolean): Html {
  if (!rows.length) return html`<p class="muted" id="empty">${decided ? 'No decided requests yet.' : 'Nothing is waiting for a decision.'}</p>`;
  return html`<table id="requests"><thead><tr><th>Request</th><th>Status</th><th>Requested</th><th>Agent / machine</th><th>Repository</th><th>Environment</th><th>Command</th><th>Impact</th><th>${decided ? 'Decided' : 'Expires'}</th></tr></thead><tbody>
${rows.map((r) => {
  const s = summaryOf(r);
  return html`<tr data-request="${r.id}"><td><a href="/requests/${r.id}">${r.id}</a></td><td><span class="badge ${r.status}">${r.status}</span></td><td>${r.created_at}</td>
<td>${r.agent}<br><span class="muted">${r.machine}</span></td><td>${short(r.repo, 60)}</td><td>${r.environment}</td><td><code>${short(s.commands[0] ?? '')}</code></td><td>${short(s.impact, 90)}</td>
<td>${decided ? html`${r.decided_at}<br><span class="muted">${r.decided_by}</span>` : r.expires_at}</td></tr>`;
})}</tbody></table>`;
}

export function queuePage(rows: RequestRow[], filters: Filters, values: { repo: string[]; environment: string[]; agent: string[] }): Html {
  return html`<h1>Waiting for a decision (${rows.length})</h1>${filterForm('/queue', filters, values)}${requestTable(rows, false)}`;
}

export function historyPage(rows: RequestRow[], filters: Filters, values: { repo: string[]; environment: string[]; agent: string[] }): Html {
  return html`<h1>History</h1>${filterForm('/history', filters, values, ['approved', 'rejected', 'expired'])}${requestTable(rows, true)}`;
}

export interface RequestPageOptions {
  csrf: string;
  canDecide: { ok: true } | { ok: false; why: string };
  events: { kind: string; actor: string; at: string; detail: string }[];
  now: Date;
}

export function requestPage(r: RequestRow, o: RequestPageOptions): Html {
  const s = summaryOf(r);
  const expiredNow = r.status === 'pending' && r.expires_at <= o.now.toISOString();
  const vars = Object.entries(s.variables);
  return html`<h1>${r.id} <span class="badge ${expiredNow ? 'expired' : r.status}" id="status">${expiredNow ? 'expired' : r.status}</span></h1>
<p class="muted">Requested ${r.created_at} by <b>${r.agent}</b>${r.session_id ? html` (session <code>${r.session_id}</code>)` : ''} on <b>${r.machine}</b> (${r.hostname})${
    r.owner ? html`, ${r.owner}'s machine` : ''
  } · repository <code>${r.repo}</code> · environment <b>${r.environment}</b> · ${r.status === 'pending' ? html`deadline ${r.expires_at}: unanswered, it counts as rejected` : ''}</p>
${decisionSection(r, o)}
<div class="grid"><div>
<section><h2>What would run</h2>${s.commands.map((c) => html`<pre class="command">$ ${c}</pre>`)}
<p class="muted">in <code>${s.cwd}</code>${vars.length ? html` with ${vars.map(([k, v]) => html`<code>${k}=${v}</code> `)}` : ''}</p></section>
${r.stated_reason ? html`<section><h2>The agent's stated reason</h2><p class="reason" id="stated-reason">${r.stated_reason}</p><p class="muted">The agent's own words: not verified by Firebreak.</p></section>` : ''}
<section><h2>Why Firebreak stopped it</h2><ul id="why">${s.why.map((w) => html`<li>${w.message} <code>${w.rule}</code></li>`)}</ul></section>
<section><h2>What it would do</h2><ul>${s.what.map((w) => html`<li>${w}</li>`)}</ul><p><b>Blast radius:</b> <span id="impact">${s.impact}</span></p>
${s.dataLoss.length ? html`<p><b>Data loss:</b></p><ul id="data-loss">${s.dataLoss.map((d) => html`<li>${d}</li>`)}</ul>` : html`<p class="muted">No data loss predicted.</p>`}</section>
</div><div>
<section><h2>Rollback plan</h2>${s.rollback.length ? html`<ul id="rollback">${s.rollback.map((l) => html`<li>${l}</li>`)}</ul>` : html`<p class="muted" id="rollback">No rollback steps: treat it as irreversible.</p>`}</section>
<section><h2>History</h2><ul id="events">${o.events.map((e) => html`<li>${e.at} <b>${e.kind}</b> by ${e.actor}${eventDetail(e.detail)}</li>`)}</ul></section>
</div></div>
<section><h2>Blast-radius graph</h2>${
    r.report
      ? html`<iframe class="graph" id="report-frame" src="/requests/${r.id}/report" sandbox="allow-scripts" title="blast-radius graph and rollback plan"></iframe>`
      : html`<p class="muted">The hook sent no report for this request.</p>`
  }</section>`;
}

function eventDetail(detail: string): Html | string {
  try {
    const d = JSON.parse(detail) as Record<string, unknown>;
    const parts = [d.note ? `note: ${String(d.note)}` : '', d.validUntil ? `until ${String(d.validUntil)}` : '', typeof d.use === 'number' ? `use ${d.use}` : ''].filter(Boolean);
    return parts.length ? html` (${parts.join(', ')})` : '';
  } catch {
    return '';
  }
}

function decisionSection(r: RequestRow, o: RequestPageOptions): Html {
  if (r.status !== 'pending') {
    return html`<section id="decision"><h2>Decision</h2><p><span class="badge ${r.status}">${r.status}</span> by <b>${r.decided_by}</b> at ${r.decided_at}${
      r.valid_until ? html`, valid until ${r.valid_until} (${r.reusable ? 'reusable' : 'once'}; used ${r.uses} time(s))` : ''
    }${r.hold_until && r.status !== 'approved' ? html`; the same action is denied until ${r.hold_until}` : ''}</p>${r.note ? html`<p>Note: <span id="note">${r.note}</span></p>` : ''}</section>`;
  }
  if (!o.canDecide.ok) return html`<section id="decision"><p class="notice">${o.canDecide.why}</p></section>`;
  return html`<section class="decide" id="decision"><h2>Decide</h2>
<form method="post" action="/requests/${r.id}/approve" id="approve-form"><input type="hidden" name="csrf" value="${o.csrf}">
<label for="approve-note">Note (kept with the decision)</label><textarea id="approve-note" name="note" maxlength="2000"></textarea>
<div class="row"><label>Approval lasts <select name="ttl" id="ttl"><option value="15m">15 minutes</option><option value="1h" selected>1 hour</option><option value="4h">4 hours</option><option value="24h">24 hours</option></select></label>
<label><input type="checkbox" name="reusable" value="1" id="reusable"> reusable until then (default: once)</label></div>
<button class="approve" type="submit" id="approve">Approve exactly this</button></form>
<form method="post" action="/requests/${r.id}/reject" id="reject-form"><input type="hidden" name="csrf" value="${o.csrf}">
<label for="reject-note">Why not (shown to the agent)</label><textarea id="reject-note" name="note" maxlength="2000"></textarea>
<button class="reject" type="submit" id="reject">Reject</button></form></section>`;
}
