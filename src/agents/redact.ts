// Removes credentials from anything the agent layer writes (audit log, approval requests).
// Builds on the shell intake's rules and adds raw key material that can appear anywhere.
import { redactSecrets as redactShell } from '../intake/shell/redact.js';

const RULES: [RegExp, string][] = [
  [/-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g, '-----BEGIN $1PRIVATE KEY-----***-----END $1PRIVATE KEY-----'],
  [/\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\b/g, '***AWS-KEY-ID***'],
  [/((?:aws_secret_access_key|aws_session_token|secret_?access_?key|session_?token|SecretAccessKey|SessionToken)["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, '$1***'],
  [/\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1***'],
  [/\b(gh[pousr]_|github_pat_|xox[baprs]-|sk-(?:ant-|proj-)?|glpat-|AIza)[A-Za-z0-9_-]{10,}/g, '$1***'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, '***JWT***'],
  // 40-char base64 blobs next to a key id are AWS secret keys even without a label.
  [/(\*\*\*AWS-KEY-ID\*\*\*[\s:=,"']+)[A-Za-z0-9/+=]{40}\b/g, '$1***'],
];

export function redact(text: string): string {
  let out = redactShell(text);
  for (const [re, replacement] of RULES) out = out.replace(re, replacement);
  return out;
}

/** Redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
