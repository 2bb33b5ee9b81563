import type { ShapeChecker } from './shape.js';

/** Major versions of the plan / state JSON format this reader understands. */
const SUPPORTED_MAJORS = new Set([0, 1]);

/** Rejects a `format_version` whose major version is not 0 or 1: its meaning may have changed. */
export function checkFormatVersion(value: unknown, check: ShapeChecker): string {
  const version = check.string(value, 'format_version');
  const match = /^(\d+)\.\d+/.exec(version);
  if (!match) check.fail('format_version', `"${version}" is not a format version (expected major.minor, such as "1.2")`);
  if (!SUPPORTED_MAJORS.has(Number(match[1]))) {
    check.fail('format_version', `format_version "${version}" is not supported: Firebreak reads format versions 0.x and 1.x`);
  }
  return version;
}
