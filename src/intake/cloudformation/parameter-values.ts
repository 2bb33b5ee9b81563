// Stack parameter values as the AWS CLI and pipelines write them. No imports: the CLI reads
// --parameters before anything heavy is loaded.

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads parameter values: `Key=Value` pairs, CloudFormation's `[{ParameterKey, ParameterValue}]`,
 *  or a template configuration `{"Parameters": {...}}`. */
export function parseParameterValues(text: string): Record<string, string> | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    if (Array.isArray(data)) {
      const out: Record<string, string> = {};
      for (const entry of data) {
        if (!isMapping(entry) || typeof entry.ParameterKey !== 'string') return undefined;
        if (entry.ParameterValue !== undefined) out[entry.ParameterKey] = String(entry.ParameterValue);
      }
      return out;
    }
    if (isMapping(data) && isMapping(data.Parameters)) return Object.fromEntries(Object.entries(data.Parameters).map(([k, v]) => [k, String(v)]));
    if (isMapping(data)) return Object.fromEntries(Object.entries(data).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v)).map(([k, v]) => [k, String(v)]));
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const pair of trimmed.split(/\s+/)) {
    const m = /^(?:ParameterKey=)?([A-Za-z0-9]+)(?:,ParameterValue)?=(.*)$/.exec(pair);
    if (!m) return undefined;
    out[m[1]] = m[2];
  }
  return out;
}
