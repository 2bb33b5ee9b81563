/**
 * Expands `Fn::ForEach::Name: [Identifier, [literal, ...], {OutputKey: Template}]` in a
 * Resources section (AWS::LanguageExtensions), as CloudFormation does on deploy, so the
 * generated resources are checked. A collection that is not a literal list (`!Ref Param`)
 * cannot be expanded here: the loop is left out and reported.
 */
export function expandForEach(
  section: Record<string, unknown>,
  onUnexpandable: (loopKey: string, why: string) => void,
): { resources: Record<string, unknown>; origin: Record<string, string> } {
  const resources: Record<string, unknown> = {};
  /** Generated logical id -> the loop key it came from (for line numbers). */
  const origin: Record<string, string> = {};
  const expand = (entries: Record<string, unknown>, loopKey: string | undefined) => {
    for (const [key, value] of Object.entries(entries)) {
      if (!key.startsWith('Fn::ForEach::')) {
        define(resources, key, value);
        if (loopKey) origin[key] = loopKey;
        continue;
      }
      const outer = loopKey ?? key;
      if (!Array.isArray(value) || value.length !== 3 || typeof value[0] !== 'string' || !isMapping(value[2])) {
        onUnexpandable(outer, 'expected [Identifier, Collection, {OutputKey: Template}]');
        continue;
      }
      const [identifier, collection, body] = value;
      if (!Array.isArray(collection) || !collection.every((item) => typeof item === 'string')) {
        onUnexpandable(outer, 'the collection is not a literal list (it is only known at deploy time)');
        continue;
      }
      for (const item of collection) expand(substitute(body, identifier, item) as Record<string, unknown>, outer);
    }
  };
  expand(section, undefined);
  return { resources, origin };
}

/** Replaces `Ref: Identifier`, `${Identifier}` and `&{Identifier}` (alphanumerics only) with the value. */
function substitute(node: unknown, identifier: string, value: string): unknown {
  if (typeof node === 'string') {
    return node.split(`\${${identifier}}`).join(value).split(`&{${identifier}}`).join(value.replace(/[^A-Za-z0-9]/g, ''));
  }
  if (Array.isArray(node)) return node.map((item) => substitute(item, identifier, value));
  if (!isMapping(node)) return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === 'Ref' && node.Ref === identifier) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node)) define(out, substitute(key, identifier, value) as string, substitute(child, identifier, value));
  return out;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
