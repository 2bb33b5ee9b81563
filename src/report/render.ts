import type { Report } from '../model.js';
import { renderJson, renderJsonChunks } from './json.js';
import { renderText, type TextOptions } from './text.js';

export type Format = 'text' | 'json' | 'markdown' | 'sarif' | 'html';

export function renderReport(report: Report, format: Format, options: TextOptions = {}): string {
  return format === 'json' ? renderJson(report) : renderText(report, options);
}

/** Renderers with heavier dependencies (bundled browser code) are loaded only when asked for. */
export async function renderReportAsync(
  report: Report,
  format: Format,
  options: TextOptions & { ci?: import('../ci/gate.js').CiContext; fullReportUrl?: string; repositoryUrl?: string } = {},
): Promise<string> {
  switch (format) {
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown(report, options);
    case 'sarif':
      return (await import('./sarif.js')).renderSarif(report, options);
    case 'html':
      return (await import('./html/index.js')).renderHtml(report, options);
    default:
      return renderReport(report, format, options);
  }
}

/** The same text, in pieces where a format can give it so (JSON): a large report is written without being held whole. */
export async function renderReportPieces(report: Report, format: Format, options: Parameters<typeof renderReportAsync>[2] = {}): Promise<string | Iterable<string>> {
  return format === 'json' ? renderJsonChunks(report) : renderReportAsync(report, format, options);
}
