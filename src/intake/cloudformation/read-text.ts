import { LineCounter, parseDocument } from 'yaml';
import { InputError } from '../../errors.js';
import { CLOUDFORMATION_TAGS } from './yaml-tags.js';
import { yamlToValue, YamlValueError, type PlainDocument } from './yaml-to-value.js';

/** JSON if the first meaningful character opens an object or array, else YAML. */
export function looksLikeJson(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[';
}

/** Parses JSON text; a syntax error names the file, line and column. */
export function readJsonText(text: string, file: string): PlainDocument {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new InputError(`invalid JSON: ${message.replace(/\s*\(line \d+ column \d+\)/, '')}`, file, jsonErrorLocation(text, message));
  }
  return { value, lines: jsonLines(text) };
}

/** Parses YAML text with CloudFormation's short-form tags; unknown tags are errors. */
export function readYamlText(text: string, file: string): PlainDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: CLOUDFORMATION_TAGS, lineCounter, prettyErrors: false });
  const problem = doc.errors[0] ?? doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const pos = lineCounter.linePos(problem.pos[0]);
    const message =
      problem.code === 'TAG_RESOLVE_FAILED'
        ? `unknown YAML tag ${problem.message.replace(/^Unresolved tag: /, '')}: not a CloudFormation intrinsic function`
        : `invalid YAML: ${problem.message}`;
    throw new InputError(message, file, `line ${pos.line}, column ${pos.col}`);
  }
  try {
    return yamlToValue(doc, lineCounter);
  } catch (e) {
    if (e instanceof YamlValueError) {
      const where = [e.line ? `line ${e.line}, column ${e.column}` : undefined, e.path || undefined];
      throw new InputError(e.message, file, where.filter(Boolean).join(', '));
    }
    throw e;
  }
}

/** Where a JSON.parse error is: Node 20 says "at position N", Node 22 adds "(line L column C)". */
function jsonErrorLocation(text: string, message: string): string | undefined {
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  const position = /at position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) return undefined;
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/** Lines of JSON keys: JSON is (nearly) YAML, so the YAML parser finds them; best effort. */
function jsonLines(text: string): Record<string, number> {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
    return doc.errors.length === 0 ? yamlToValue(doc, lineCounter).lines : {};
  } catch {
    return {};
  }
}
