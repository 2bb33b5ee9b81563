/** String values at a dot path, walking through arrays (Terraform nested blocks, id lists). */
export function valuesAtPath(value: unknown, path: string): string[] {
  const out: string[] = [];
  collectAtSteps(value, path.split('.'), 0, out);
  return out;
}

/** The same for a path already split into its steps, appended to `out` (nothing is allocated per step). */
export function collectAtSteps(current: unknown, steps: readonly string[], at: number, out: string[]): void {
  if (Array.isArray(current)) {
    for (const item of current) collectAtSteps(item, steps, at, out);
    return;
  }
  if (at === steps.length) {
    if (typeof current === 'string' && current !== '') out.push(current);
    return;
  }
  if (current === null || typeof current !== 'object') return;
  collectAtSteps((current as Record<string, unknown>)[steps[at]], steps, at + 1, out);
}
