// The frame of every page: navigation, who is logged in, and the one style block.
import { Html, html } from './html.js';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;color:#1f2328;background:#f6f8fa}
header{display:flex;gap:18px;align-items:center;padding:10px 24px;background:#fff;border-bottom:1px solid #d0d7de}
header .brand{font-weight:700;font-size:16px}header nav a{margin-right:14px;color:#0969da;text-decoration:none}header nav a.here{font-weight:700;color:#1f2328}
header .who{margin-left:auto;color:#57606a}header form{display:inline}main{padding:16px 24px;max-width:1400px}
h1{font-size:20px;margin:4px 0 12px}h2{font-size:16px;margin:0 0 8px}section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin-bottom:16px}
table{border-collapse:collapse;width:100%;font-size:13px;background:#fff}td,th{border-bottom:1px solid #eaeef2;padding:6px 8px;text-align:left;vertical-align:top}
th{color:#57606a;font-weight:600}code,pre{font-size:12px;background:#f6f8fa;border-radius:4px}code{padding:1px 4px;word-break:break-all}pre{padding:8px;white-space:pre-wrap;word-break:break-all;margin:4px 0}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.pending{background:#bf8700}.approved{background:#1a7f37}.rejected,.expired{background:#cf222e}.unguarded{background:#cf222e}.guarded{background:#1a7f37}.broken{background:#cf222e}.intact{background:#1a7f37}
.muted{color:#57606a}.filters{display:flex;gap:10px;align-items:end;margin-bottom:12px;flex-wrap:wrap}.filters label{display:flex;flex-direction:column;font-size:12px;color:#57606a}
select,input[type=text],input[type=password],textarea{font:inherit;padding:4px 6px;border:1px solid #d0d7de;border-radius:6px}textarea{width:100%;min-height:54px}
button{font:inherit;padding:5px 14px;border-radius:6px;border:1px solid #d0d7de;background:#f6f8fa;cursor:pointer}button.approve{background:#1a7f37;color:#fff;border-color:#1a7f37}button.reject{background:#cf222e;color:#fff;border-color:#cf222e}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px}.decide form{margin-bottom:12px}.decide .row{display:flex;gap:12px;align-items:center;margin:6px 0}
iframe.graph{width:100%;height:720px;border:1px solid #d0d7de;border-radius:6px;background:#fff}.notice{padding:8px 12px;border-radius:6px;background:#fff8c5;border:1px solid #d4a72c;margin-bottom:12px}
.error{background:#ffebe9;border-color:#cf222e}.reason{border-left:3px solid #d4a72c;padding-left:8px}ul{padding-left:18px;margin:4px 0}
.login{max-width:360px;margin:60px auto}.login label{display:block;margin:8px 0 2px}.login input{width:100%}
`;

export interface Viewer {
  name: string;
  role: string;
  csrf: string;
}

export function layout(o: { title: string; nonce: string; viewer?: Viewer; here?: string; body: Html; notice?: { text: string; error?: boolean } }): string {
  const nav = [
    ['queue', '/queue', 'Queue'],
    ['history', '/history', 'History'],
    ['fleet', '/fleet', 'Fleet'],
    ['audit', '/audit', 'Audit'],
  ];
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${o.title} · Firebreak</title><link rel="icon" href="data:,"><style nonce="${o.nonce}">${new Html(STYLE)}</style></head>
<body><header><span class="brand">Firebreak</span>${
    o.viewer
      ? html`<nav>${nav.map(([key, href, label]) => html`<a href="${href}" class="${o.here === key ? 'here' : ''}">${label}</a>`)}</nav>
<span class="who">${o.viewer.name} (${o.viewer.role})</span><form method="post" action="/logout"><input type="hidden" name="csrf" value="${o.viewer.csrf}"><button type="submit">Log out</button></form>`
      : ''
  }</header>
<main>${o.notice ? html`<p class="notice ${o.notice.error ? 'error' : ''}" role="${o.notice.error ? 'alert' : 'status'}">${o.notice.text}</p>` : ''}${o.body}</main></body></html>
`.value;
}
