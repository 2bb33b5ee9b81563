// The blast-radius graph and rollback plan of one request, drawn by the same HTML report the
// CLI writes (src/report/html). The report came from a machine, so it is validated at the edge
// and served inside a sandboxed frame whose policy runs only the report's own three scripts,
// pinned by hash: anything else in it, injected or not, does not run.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Report } from '../../model.js';
import { baseHeaders } from './respond.js';

let scriptHashes: string | undefined;

async function allowedScripts(): Promise<string> {
  if (scriptHashes) return scriptHashes;
  const { browserBundles } = await import('../../report/html/assets.js');
  const { CLIENT_SCRIPT } = await import('../../report/html/client.js');
  const bundles = browserBundles();
  // As page.ts inlines them: `</script` cannot end the element early.
  const inline = (code: string) => code.replace(/<\/script/gi, '<\\/script');
  scriptHashes = [bundles.graphology, bundles.sigma, CLIENT_SCRIPT].map((code) => `'sha256-${createHash('sha256').update(inline(code)).digest('base64')}'`).join(' ');
  return scriptHashes;
}

export async function sendReportFrame(res: ServerResponse, report: Report): Promise<void> {
  const { renderHtml } = await import('../../report/html/index.js');
  const page = renderHtml(report);
  baseHeaders(res);
  res.setHeader('x-frame-options', 'SAMEORIGIN');
  res.setHeader(
    'content-security-policy',
    `default-src 'none'; script-src ${await allowedScripts()}; style-src 'unsafe-inline'; img-src data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-scripts`,
  );
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
}
