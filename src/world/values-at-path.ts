/** String values at a dot path, walking through arrays (Terraform nested blocks, id lists). */
export function valuesAtPath(value: unknown, path: string): string[] {
  const out: string[] = [];
  const walk = (current: unknown, steps: string[]): void => {
    if (Array.isArray(current)) {
      for (const item of current) walk(item, steps);
      return;
    }
    if (steps.length === 0) {
      if (typeof current === 'string' && current !== '') out.push(current);
      return;
    }
    if (current === null || typeof current !== 'object') return;
    walk((current as Record<string, unknown>)[steps[0]], steps.slice(1));
  };
  walk(value, path.split('.'));
  return out;
}
