// `90s`, `15m`, `1h`, `7d` -> milliseconds.
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(text);
  if (!match) throw new Error(`not a duration: "${text}" (use e.g. 30m, 1h, 7d)`);
  return Math.round(Number(match[1]) * UNITS[match[2].toLowerCase()]);
}
