// Freeze window bounds: ISO 8601 with an explicit zone, or a whole day (UTC).

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export type Bound = 'start' | 'end';

/**
 * Milliseconds since the epoch, or an explanation of why the text is not accepted.
 * A date without a time is a whole UTC day: as a start it means 00:00 of that day, as an end
 * it means the end of that day (so `end: 2026-12-31` includes the 31st).
 * A time without a zone is refused: a freeze that silently shifts by hours is worse than none.
 */
export function parseBound(text: string, bound: Bound): number | string {
  if (DATE_ONLY.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return `"${text}" is not a real date`;
    return bound === 'start' ? ms : ms + 24 * 60 * 60 * 1000;
  }
  if (!DATE_TIME.test(text)) {
    return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)
      ? `"${text}" has no time zone: add Z or an offset such as +01:00`
      : `"${text}" is not an ISO 8601 date (2026-12-20) or date-time (2026-12-20T18:00:00Z)`;
  }
  const ms = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(ms) ? `"${text}" is not a real date-time` : ms;
}
