// Glob matching for config and policy patterns (profiles, stacks, resource types, hosts).
//
// Deliberately small instead of picomatch: these patterns match names, not file paths, so
// `*` crosses `/`, `.` and `:` (`AWS::RDS::*`, `https://api.example.com/*`, `module.db.*`).
//   *      any run of characters (also `**`)
//   ?      exactly one character
//   {a,b}  either alternative (no nesting)
//   \x     the character x literally
// Matching is case-insensitive: `Prod-*` matches the profile `prod-admin`. Being generous
// here is fail-closed for production patterns and harmless elsewhere.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let source = '';
  let inBraces = false;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '\\' && i + 1 < glob.length) {
      source += escapeRegExp(glob[++i]);
    } else if (ch === '*') {
      while (glob[i + 1] === '*') i++;
      source += '.*';
    } else if (ch === '?') {
      source += '.';
    } else if (ch === '{' && !inBraces && glob.indexOf('}', i) > i) {
      inBraces = true;
      source += '(?:';
    } else if (ch === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (ch === ',' && inBraces) {
      source += '|';
    } else {
      source += escapeRegExp(ch);
    }
  }
  const re = new RegExp(`^${source}$`, 'is');
  cache.set(glob, re);
  return re;
}

export function globMatch(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}

/** True when any of the globs matches the value. */
export function anyGlobMatches(globs: readonly string[] | undefined, value: string | undefined): boolean {
  if (!globs || value === undefined) return false;
  return globs.some((g) => globMatch(g, value));
}

/** The first glob that matches, for evidence messages. */
export function firstMatchingGlob(globs: readonly string[] | undefined, value: string | undefined): string | undefined {
  if (!globs || value === undefined) return undefined;
  return globs.find((g) => globMatch(g, value));
}

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}
