import type { Report } from '../../model.js';
import type { CiContext } from '../../ci/gate.js';
import { browserBundles } from './assets.js';
import { graphData } from './graph-data.js';
import { renderPage } from './page.js';

/** A self-contained HTML report (sigma.js + graphology inlined): opens offline from file://. */
export function renderHtml(report: Report, options: { ci?: CiContext } = {}): string {
  return renderPage(report, graphData(report), browserBundles(), options.ci);
}
