// Inline accepts, written where the risk is:
//   .tf:      # firebreak:accept production-delete reason="..." expires=2027-03-31 [owner=@team]
//             (before a resource block, or inside it): accepts that rule for that resource
//   scripts:  the same comment on a command's line or the line before it: for that command
//   templates: Metadata: {firebreak: {accept: [{rule, reason, expires, owner?}]}} on a resource
// They accept escalations only (a block needs an owned exception in the policy), and every one
// needs a reason and an expiry date.
import { parseBound } from '../config/iso-time.js';
import type { RiskException } from '../model.js';

export const ACCEPT_MARKER = 'firebreak:accept';

export interface InlineProblem {
  file: string;
  line: number;
  message: string;
}

export interface InlineAccepts {
  accepts: RiskException[];
  problems: InlineProblem[];
}

const COMMENT = /(?:^|\s)(?:#|\/\/)\s*firebreak:accept\b(.*)$/;

/** `key=value` and `key="quoted value"` pairs after the rule id. */
function fields(text: string): { rule?: string; values: Record<string, string> } {
  const values: Record<string, string> = {};
  const words = text.trim();
  const rule = /^([A-Za-z0-9][\w.-]*)/.exec(words)?.[1];
  const rest = rule ? words.slice(rule.length) : words;
  for (const m of rest.matchAll(/([a-z]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+))/g)) values[m[1]] = m[2] ?? m[3] ?? m[4] ?? '';
  return { rule, values };
}

function toException(text: string, file: string, line: number, target: string, scope: RiskException['scope'], problems: InlineProblem[]): RiskException | undefined {
  const { rule, values } = fields(text);
  const problem = (message: string) => {
    problems.push({ file, line, message: `${file}:${line}: ${message}; this accept is ignored` });
    return undefined;
  };
  if (!rule) return problem('firebreak:accept needs a rule id first (firebreak:accept RULE reason="..." expires=YYYY-MM-DD)');
  if (!values.reason) return problem(`the accept of ${rule} needs reason="..."`);
  if (!values.expires) return problem(`the accept of ${rule} needs expires=YYYY-MM-DD`);
  const bound = parseBound(values.expires, 'end');
  if (typeof bound === 'string') return problem(`expires: ${bound}`);
  return {
    rule,
    target: values.target ?? target,
    ...(values.environment ? { environment: values.environment } : {}),
    owner: values.owner ?? 'inline',
    reason: values.reason,
    expires: values.expires,
    source: { kind: 'inline', file, line },
    ...(scope ? { scope } : {}),
  };
}

/** Every id under which Terraform reports a resource declared as `type.name` (any module, any instance, any workspace). */
export function terraformTargetGlob(type: string, name: string): string {
  const base = `${type}.${name}`;
  return `{${base},${base}[*],*.${base},*.${base}[*],*/${base},*/${base}[*]}`;
}

/** Accepts in Terraform source: a comment before a resource block (or inside it) names that resource. */
export function acceptsInTerraform(text: string, file: string): InlineAccepts {
  const lines = text.split(/\r?\n/);
  const accepts: RiskException[] = [];
  const problems: InlineProblem[] = [];
  const blocks: { type: string; name: string; start: number; end: number }[] = [];
  let open: { type: string; name: string; start: number; depth: number } | undefined;
  let depth = 0;
  lines.forEach((line, i) => {
    const code = line.replace(/(#|\/\/).*$/, '');
    const head = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/.exec(code);
    if (head && !open) open = { type: head[1], name: head[2], start: i, depth };
    for (const ch of code) {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    if (open && depth <= open.depth && i >= open.start && code.includes('}')) {
      blocks.push({ type: open.type, name: open.name, start: open.start, end: i });
      open = undefined;
    }
  });
  lines.forEach((line, i) => {
    const m = COMMENT.exec(line);
    if (!m) return;
    const inside = blocks.find((b) => i >= b.start && i <= b.end);
    const after = inside ?? blocks.find((b) => b.start > i && lines.slice(i + 1, b.start).every((l) => /^\s*((#|\/\/).*)?$/.test(l)));
    if (!after) {
      problems.push({ file, line: i + 1, message: `${file}:${i + 1}: firebreak:accept is not before or inside a resource block; this accept is ignored` });
      return;
    }
    const exception = toException(m[1], file, i + 1, terraformTargetGlob(after.type, after.name), undefined, problems);
    if (exception) accepts.push(exception);
  });
  return { accepts, problems };
}

/** Accepts in a script (shell, Makefile, workflow run steps): for the command on the same or the next line. */
export function acceptsInScript(text: string, file: string): InlineAccepts {
  const lines = text.split(/\r?\n/);
  const accepts: RiskException[] = [];
  const problems: InlineProblem[] = [];
  lines.forEach((line, i) => {
    const m = COMMENT.exec(line);
    if (!m) return;
    const before = line.slice(0, m.index).trim();
    let last = i;
    if (!before) {
      for (let j = i + 1; j < lines.length; j++) {
        if (/^\s*(#.*)?$/.test(lines[j])) continue;
        last = j;
        break;
      }
    }
    const exception = toException(m[1], file, i + 1, '*', { file, lines: [i + 1, last + 1] }, problems);
    if (exception) accepts.push(exception);
  });
  return { accepts, problems };
}

/** Accepts in a template's resource Metadata, for that resource of whichever stack deploys it. */
export function acceptsInTemplate(resources: { logicalId: string; metadata?: unknown; line?: number }[], file: string): InlineAccepts {
  const accepts: RiskException[] = [];
  const problems: InlineProblem[] = [];
  for (const resource of resources) {
    const meta = resource.metadata as { firebreak?: { accept?: unknown } } | undefined;
    const list = meta && typeof meta === 'object' ? meta.firebreak?.accept : undefined;
    if (list === undefined) continue;
    const line = resource.line ?? 1;
    const entries = Array.isArray(list) ? list : [list];
    for (const entry of entries) {
      const text =
        typeof entry === 'string'
          ? entry
          : entry && typeof entry === 'object'
            ? Object.entries(entry as Record<string, unknown>)
                .map(([k, v]) => (k === 'rule' ? String(v) : `${k}="${String(v).replace(/"/g, '\\"')}"`))
                .sort((a) => (a.includes('=') ? 1 : -1))
                .join(' ')
            : '';
      const exception = toException(text, file, line, `{${resource.logicalId},*/${resource.logicalId}}`, undefined, problems);
      if (exception) accepts.push(exception);
    }
  }
  return { accepts, problems };
}

/** The same accept in two revisions of a file (line numbers may differ). */
export function sameAccept(a: RiskException, b: RiskException): boolean {
  return a.rule === b.rule && a.target === b.target && a.reason === b.reason && a.expires === b.expires && a.owner === b.owner && (a.environment ?? '') === (b.environment ?? '');
}
