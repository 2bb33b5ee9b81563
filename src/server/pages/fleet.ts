// Discover and audit views: which machines run which agents, guarded or not, and whether every
// shipped audit chain is intact.
import type { SourceSummary } from '../service/audit.js';
import { unguardedAgents, type MachineView } from '../service/inventory.js';
import { html, type Html } from './html.js';

export function fleetPage(machines: MachineView[]): Html {
  const unguarded = machines.filter((m) => m.unguarded).length;
  if (!machines.length) return html`<h1>Fleet</h1><p class="muted" id="empty">No machine has reported yet: run <code>firebreak doctor --report</code> on each.</p>`;
  return html`<h1>Fleet (${machines.length} machine(s), ${unguarded} unguarded)</h1>
<table id="fleet"><thead><tr><th>Machine</th><th>Status</th><th>Agents</th><th>Bypass modes</th><th>MCP servers</th><th>Firebreak</th><th>Reported</th></tr></thead><tbody>
${machines.map((m) => {
  const why = unguardedAgents(m.inventory);
  return html`<tr data-machine="${m.name}" data-hostname="${m.hostname}"><td><b>${m.name}</b><br><span class="muted">${m.hostname}</span></td>
<td>${m.unguarded ? html`<span class="badge unguarded">unguarded</span><ul>${why.map((w) => html`<li>${w}</li>`)}</ul>` : html`<span class="badge guarded">guarded</span>`}</td>
<td><ul>${m.inventory.agents.map((a) => html`<li>${a.agent}: hook ${a.hookInstalled ? 'installed' : html`<b>missing</b>`}${
    a.coverage ? html` (${Object.entries(a.coverage).map(([tool, on]) => `${tool} ${on ? '✓' : '✗'}`).join(', ')})` : ''
  }</li>`)}</ul></td>
<td><ul>${m.inventory.agents.flatMap((a) => a.bypass.map((b) => html`<li>${a.agent}: ${b.setting}</li>`))}</ul></td>
<td><ul>${m.inventory.agents.flatMap((a) => a.mcpServers.map((s) => html`<li>${a.agent}: ${s.name}${s.cloud ? html` <b>(cloud access)</b>` : ''}</li>`))}</ul></td>
<td>${m.firebreakVersion}</td><td>${m.reportedAt}</td></tr>`;
})}</tbody></table>`;
}

export function auditPage(sources: SourceSummary[]): Html {
  const broken = sources.filter((s) => s.breaks.length).length;
  return html`<h1>Audit (${sources.length} chain(s), ${broken} broken)</h1>
<p><a href="/audit/export.jsonl" id="export">Export every entry as JSON lines</a> · check them yourself with <code>firebreak audit verify --server</code></p>
${
  sources.length
    ? html`<table id="sources"><thead><tr><th>Machine</th><th>Where</th><th>Entries</th><th>Head</th><th>Status</th><th>Last received</th></tr></thead><tbody>
${sources.map((s) => html`<tr data-source="${s.id}"><td>${s.machine}</td><td><code>${s.label}</code></td><td>${s.entries}</td><td>seq ${s.headSeq} <code>${s.headHash.slice(0, 12)}</code></td>
<td>${s.breaks.length ? html`<span class="badge broken">broken</span><ul>${s.breaks.map((b) => html`<li>${b.at}: ${b.reason}</li>`)}</ul>` : html`<span class="badge intact">intact</span>`}</td><td>${s.updatedAt}</td></tr>`)}
</tbody></table>`
    : html`<p class="muted" id="empty">No audit entries received yet.</p>`
}`;
}

export function loginPage(o: { loginCsrf: string; failed?: boolean }): Html {
  return html`<form class="login" method="post" action="/login"><h1>Log in</h1>${o.failed ? html`<p class="notice error" role="alert">Wrong name or password.</p>` : ''}
<input type="hidden" name="login_csrf" value="${o.loginCsrf}">
<label for="name">Name</label><input id="name" name="name" type="text" autocomplete="username" required maxlength="64">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<p><button type="submit" id="login">Log in</button></p></form>`;
}
