// Terraform addresses and references: `module.net[0].aws_subnet.a["x"]`, `aws_vpc.main.id`.

export type InstanceKey = string | number;
/** `*` = a splat or an index Terraform could not evaluate: every instance. */
export type RefKey = InstanceKey | '*';

type Step = { name: string } | { key: RefKey };

/** Splits a traversal into names and bracket keys; null when it is not one. */
export function parseTraversal(text: string): Step[] | null {
  const steps: Step[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      i++;
      continue;
    }
    if (c === '[') {
      const close = readKey(text, i + 1);
      if (!close) return null;
      steps.push({ key: close.key });
      i = close.end;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    if (j === i) return null;
    steps.push({ name: text.slice(i, j) });
    i = j;
  }
  return steps;
}

function readKey(text: string, start: number): { key: RefKey; end: number } | null {
  if (text[start] === '"') {
    let j = start + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    if (text[j + 1] !== ']') return null;
    try {
      return { key: JSON.parse(text.slice(start, j + 1)) as string, end: j + 2 };
    } catch {
      return null;
    }
  }
  const close = text.indexOf(']', start);
  if (close === -1) return null;
  const inner = text.slice(start, close).trim();
  const key: RefKey = /^\d+$/.test(inner) ? Number(inner) : '*';
  return { key, end: close + 1 };
}

export function formatKey(key: InstanceKey | undefined | null): string {
  if (key === undefined || key === null) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export interface ParsedAddress {
  modules: { name: string; key?: InstanceKey }[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: InstanceKey;
}

/** Parses an absolute resource instance address; null when it is not one. */
export function parseInstanceAddress(address: string): ParsedAddress | null {
  const steps = parseTraversal(address);
  if (!steps) return null;
  const modules: ParsedAddress['modules'] = [];
  let i = 0;
  const nameAt = (k: number) => {
    const s = steps[k];
    return s && 'name' in s ? s.name : undefined;
  };
  const keyAt = (k: number): InstanceKey | undefined => {
    const s = steps[k];
    return s && 'key' in s && s.key !== '*' ? s.key : undefined;
  };
  while (nameAt(i) === 'module') {
    const name = nameAt(i + 1);
    if (!name) return null;
    const key = keyAt(i + 2);
    modules.push(key === undefined ? { name } : { name, key });
    i += key === undefined ? 2 : 3;
  }
  let mode: 'managed' | 'data' = 'managed';
  if (nameAt(i) === 'data') {
    mode = 'data';
    i++;
  }
  const type = nameAt(i);
  const name = nameAt(i + 1);
  if (!type || !name) return null;
  const key = keyAt(i + 2);
  const used = i + 2 + (key === undefined ? 0 : 1);
  if (used !== steps.length) return null;
  return key === undefined ? { modules, mode, type, name } : { modules, mode, type, name, key };
}

export function moduleInstanceOf(parsed: Pick<ParsedAddress, 'modules'>): string {
  return parsed.modules.map((m) => `module.${m.name}${formatKey(m.key)}`).join('.');
}

export function configModuleOf(parsed: Pick<ParsedAddress, 'modules'>): string {
  return parsed.modules.map((m) => `module.${m.name}`).join('.');
}

/** The configuration address of a resource: module path and name, without instance keys. */
export function configAddressOf(parsed: ParsedAddress): string {
  return joinAddress(configModuleOf(parsed), `${parsed.mode === 'data' ? 'data.' : ''}${parsed.type}.${parsed.name}`);
}

export function joinAddress(modulePath: string, relative: string): string {
  return modulePath ? `${modulePath}.${relative}` : relative;
}

/** What a configuration reference (`expressions.*.references[]`) points at. */
export type Reference =
  | { kind: 'resource'; mode: 'managed' | 'data'; type: string; name: string; key?: RefKey }
  | { kind: 'module'; call: string; output?: string }
  | { kind: 'var'; name: string }
  | { kind: 'local'; name: string }
  | { kind: 'other' };

const NOT_RESOURCES = new Set(['count', 'each', 'path', 'terraform', 'self', 'null', 'true', 'false']);

export function parseReference(text: string): Reference {
  const steps = parseTraversal(text);
  const first = steps?.[0];
  if (!steps || !first || !('name' in first)) return { kind: 'other' };
  const nameAt = (k: number) => {
    const s = steps[k];
    return s && 'name' in s ? s.name : undefined;
  };
  const keyAt = (k: number) => {
    const s = steps[k];
    return s && 'key' in s ? s.key : undefined;
  };
  switch (first.name) {
    case 'var':
    case 'local': {
      const name = nameAt(1);
      return name ? { kind: first.name, name } : { kind: 'other' };
    }
    case 'module': {
      const call = nameAt(1);
      if (!call) return { kind: 'other' };
      // module.x[0].output or module.x.output
      const output = nameAt(2) ?? nameAt(3);
      return output ? { kind: 'module', call, output } : { kind: 'module', call };
    }
    case 'data': {
      const type = nameAt(1);
      const name = nameAt(2);
      if (!type || !name) return { kind: 'other' };
      const key = keyAt(3);
      return key === undefined ? { kind: 'resource', mode: 'data', type, name } : { kind: 'resource', mode: 'data', type, name, key };
    }
    default: {
      if (NOT_RESOURCES.has(first.name)) return { kind: 'other' };
      const name = nameAt(1);
      if (!name) return { kind: 'other' };
      const key = keyAt(2);
      return key === undefined
        ? { kind: 'resource', mode: 'managed', type: first.name, name }
        : { kind: 'resource', mode: 'managed', type: first.name, name, key };
    }
  }
}
