// find's -name / -path patterns (fnmatch without FNM_PATHNAME or FNM_PERIOD): `*` and `?` match a
// leading dot, and in -path a `/` too; `[...]` and `[!...]` are sets. -iname / -ipath ignore case.

/** The pattern as a regular expression over a name (or, with `path`, a whole path). */
export function findPattern(pattern: string, caseless: boolean, path = false): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += path ? '.*' : '[^/]*';
    else if (c === '?') re += path ? '.' : '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) re += pattern[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else { re += `[${pattern.slice(i + 1, close).replace(/^[!^]/, '^').replace(/\\/g, '\\\\').replace(/\[/g, '\\[')}]`; i = close; }
    } else re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  try {
    return new RegExp(`^${re}$`, caseless ? 'i' : '');
  } catch {
    // A set this reading gets wrong (`[z-a]`): taken to match anything, never less than find would.
    return /^/;
  }
}
