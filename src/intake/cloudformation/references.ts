/** One place a resource's properties point at another logical id. */
export interface TemplateReference {
  /** The logical id referred to (may be a parameter or pseudo parameter: callers filter). */
  target: string;
  kind: 'Ref' | 'GetAtt' | 'Sub';
  /** `Arn` for `Fn::GetAtt [X, Arn]` and `${X.Arn}`. */
  attribute?: string;
  /** Where, relative to Properties: `SubnetId`, `NetworkInterfaces[0].SubnetId`. */
  path: string;
}

/** Every Ref, Fn::GetAtt and Fn::Sub placeholder inside a value (conditions' branches included). */
export function findReferences(value: unknown, path = ''): TemplateReference[] {
  const found: TemplateReference[] = [];
  walk(value, path, found);
  return found;
}

function walk(value: unknown, path: string, found: TemplateReference[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${path}[${i}]`, found));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [key, argument] = entries[0];
    if (key === 'Ref' && typeof argument === 'string') {
      found.push({ target: argument, kind: 'Ref', path });
      return;
    }
    if (key === 'Fn::GetAtt') {
      const getAtt = readGetAtt(argument);
      if (getAtt) found.push({ ...getAtt, kind: 'GetAtt', path });
      else walk(argument, path, found);
      return;
    }
    if (key === 'Fn::Sub') {
      readSub(argument, path, found);
      return;
    }
  }
  for (const [key, child] of entries) walk(child, path ? `${path}.${key}` : key, found);
}

function readGetAtt(argument: unknown): { target: string; attribute?: string } | undefined {
  if (typeof argument === 'string') {
    const dot = argument.indexOf('.');
    return dot > 0 ? { target: argument.slice(0, dot), attribute: argument.slice(dot + 1) } : { target: argument };
  }
  if (Array.isArray(argument) && typeof argument[0] === 'string') {
    return { target: argument[0], attribute: typeof argument[1] === 'string' ? argument[1] : undefined };
  }
  return undefined;
}

/** `${X}` and `${X.Attr}` name logical ids; `${!Literal}` is an escaped literal; Sub's own variables are local. */
function readSub(argument: unknown, path: string, found: TemplateReference[]): void {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, undefined];
  const local = typeof variables === 'object' && variables !== null ? new Set(Object.keys(variables)) : new Set<string>();
  if (typeof text === 'string') {
    for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
      const name = match[1].trim();
      if (name === '' || name.startsWith('!')) continue;
      const dot = name.indexOf('.');
      const target = dot > 0 ? name.slice(0, dot) : name;
      if (local.has(name) || local.has(target)) continue;
      found.push({ target, kind: 'Sub', attribute: dot > 0 ? name.slice(dot + 1) : undefined, path });
    }
  } else {
    walk(text, path, found);
  }
  if (variables !== undefined) walk(variables, path, found);
}

/** `Ref Subnet`, `GetAtt Role.Arn`, `Sub ${Bucket.Arn}` for edge details. */
export function describeReference(ref: TemplateReference): string {
  const name = ref.attribute ? `${ref.target}.${ref.attribute}` : ref.target;
  if (ref.kind === 'Ref') return `Ref ${name}`;
  if (ref.kind === 'GetAtt') return `GetAtt ${name}`;
  return `Sub \${${name}}`;
}
