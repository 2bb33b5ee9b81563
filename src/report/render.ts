import type { Report } from '../model.js';
import { renderJson } from './json.js';
import { renderText, type TextOptions } from './text.js';

export type Format = 'text' | 'json';

export function renderReport(report: Report, format: Format, options: TextOptions = {}): string {
  return format === 'json' ? renderJson(report) : renderText(report, options);
}
