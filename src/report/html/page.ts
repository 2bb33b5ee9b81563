// The report page: verdict, actions, the blast-radius graph and the rollback plan, in one file.
import type { Report } from '../../model.js';
import type { CiContext } from '../../ci/gate.js';
import { countsLine, locationOf, summarize, summaryLine } from '../summary.js';
import { CLIENT_SCRIPT } from './client.js';
import { IMPACT_COLORS, type GraphData } from './graph-data.js';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328;background:#f6f8fa}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #d0d7de}h1{margin:0;font-size:22px}
.verdict{display:inline-block;padding:2px 10px;border-radius:6px;color:#fff;font-weight:700;margin-right:8px}
.pass{background:#1a7f37}.escalate{background:#bf8700}.block{background:#cf222e}
.summary{margin:8px 0 0;color:#57606a}main{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:16px;padding:16px 24px}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin-bottom:16px}
h2{font-size:16px;margin:0 0 8px}h3{font-size:15px;margin:0 0 4px;word-break:break-all}h4{margin:10px 0 4px;font-size:13px;color:#57606a;text-transform:uppercase}
#graph{height:520px;min-height:320px;border:1px solid #d0d7de;border-radius:6px;background:#fff;position:relative}
.legend span{margin-right:12px;font-size:12px}.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:middle}
#node-list{list-style:none;padding:0;margin:8px 0 0;max-height:160px;overflow:auto;font-size:12px}#node-list li{cursor:pointer;padding:2px 4px;border-radius:4px}
#node-list li.selected,#node-list li:hover{background:#ddf4ff}code{font-size:12px;background:#f6f8fa;padding:1px 4px;border-radius:4px;word-break:break-all}
.path li .reason{color:#57606a;font-size:12px;display:block}.meta{color:#57606a;margin:0}
#rollback li.related{background:#fff8c5}table{border-collapse:collapse;width:100%;font-size:12px}td,th{border-bottom:1px solid #eaeef2;padding:4px 6px;text-align:left;vertical-align:top}
.side{position:sticky;top:12px;align-self:start}#why{overflow-wrap:anywhere;max-height:460px;overflow:auto}#rollback{max-height:320px;overflow:auto}ul{padding-left:18px}
`;

export function renderPage(report: Report, graph: GraphData, bundles: { graphology: string; sigma: string }, ci?: CiContext): string {
  const s = summarize(report);
  const decision = ci?.decision ?? report.verdict;
  const changing = report.actions.filter((a) => a.operation !== 'read');
  const data = { verdict: decision, graph };
  const legend = Object.entries(IMPACT_COLORS).map(([impact, color]) => `<span><i class="dot" style="background:${color}"></i>${impact}</span>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Firebreak: ${decision.toUpperCase()}</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style></head>
<body>
<header><h1><span class="verdict ${decision}" id="verdict">${decision.toUpperCase()}</span>Firebreak blast-radius report</h1>
<p class="summary" id="plan-summary">${esc(summaryLine(report))}${(report.accepted ?? []).length ? ` · ${(report.accepted ?? []).length} accepted by an exception` : ''}</p>
<p class="summary">${esc(countsLine(s))}${ci ? ` · ${esc(ci.from.slice(0, 7))}..${esc(ci.head.slice(0, 7))}` : ''}${ci?.agent.agent ? ' · agent-authored' : ''}</p>
${ci?.approval ? `<p class="summary">Approval: ${esc(ci.approval.detail)}</p>` : ''}</header>
<main>
<div>
<section><h2>Blast radius</h2><div class="legend">${legend}<span>size = criticality (data, production, dependents) · arrows point from a resource to what it depends on</span></div>
<div id="graph" aria-label="blast radius graph"></div><ul id="node-list" aria-label="affected resources"></ul></section>
<section><h2>Why</h2><ul>${report.reasons.filter((r) => r.decision !== 'pass').slice(0, 50).map((r) => `<li><b>${r.decision}</b> ${esc(r.message)} <code>${esc(r.rule)}</code></li>`).join('') || '<li>No rule objected.</li>'}</ul></section>
<section><h2>Actions (${changing.length})</h2><table><thead><tr><th>id</th><th>operation</th><th>target</th><th>where</th><th>reversibility</th></tr></thead><tbody>
${changing.slice(0, 500).map((a) => `<tr><td>${a.id}</td><td>${a.operation}</td><td><code>${esc(a.target.id)}</code><br>${esc(a.target.type)}</td><td>${esc(locationOf(a.source))}</td><td>${a.reversibility}${a.dataLoss ? ', data loss' : ''}</td></tr>`).join('\n')}
</tbody></table></section>
</div>
<div class="side">
<section id="why-section"><h2>Why is it affected?</h2><div id="why"><p class="meta">Click a node in the graph.</p></div></section>
<section><h2>Rollback plan</h2><ol id="rollback">${report.rollback.steps.map((st) => `<li data-action="${esc(st.actionId ?? '')}"><i>${st.phase}</i> ${esc(st.description)}${st.command ? `<br><code>${esc(st.command)}</code>` : ''}</li>`).join('') || '<li>No rollback steps.</li>'}</ol>
${report.rollback.irreversible.length ? `<h4>Cannot be undone</h4><ul>${report.rollback.irreversible.map((i) => `<li><code>${esc(i.resource)}</code>: ${esc(i.whatIsLost)}</li>`).join('')}</ul>` : ''}</section>
</div>
</main>
<script id="firebreak-data" type="application/json">${json(data)}</script>
<script>${inline(bundles.graphology)}</script>
<script>${inline(bundles.sigma)}</script>
<script>${inline(CLIENT_SCRIPT)}</script>
</body></html>
`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** JSON inside <script>: no `</script>` or comment openers can end it early. */
function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function inline(code: string): string {
  return code.replace(/<\/script/gi, '<\\/script');
}
