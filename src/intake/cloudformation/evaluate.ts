// CloudFormation as it deploys: parameter values (given, else defaults), Mappings, Conditions
// and Fn::If evaluated into the resources' properties, so a change that only touches those
// sections shows as the resource changes it causes. What cannot be known here (the region, the
// account, a parameter with no value, another resource's attribute) is left as written, and the
// sections it depends on are reported as not evaluated.
import { isMapping } from './parse-template.js';
import type { Template, TemplateResource } from './template.js';

export interface EvaluationInput {
  /** Parameter values for this deployment (ParameterKey -> value); defaults fill the rest. */
  parameters?: Record<string, string>;
  stackName?: string;
  region?: string;
  accountId?: string;
}

export interface Evaluation {
  body: Record<string, unknown>;
  /** Names the evaluated resources still depend on and that could not be resolved, per section. */
  unresolved: { Parameters: Set<string>; Mappings: Set<string>; Conditions: Set<string> };
  /** Parameter values used, for evidence (name -> value and where it came from). */
  values: Record<string, { value: string; from: 'given' | 'default' }>;
  /** Resources dropped because their Condition is false. */
  dropped: string[];
}

type Tri = boolean | undefined;
const NO_VALUE = Symbol('AWS::NoValue');
const MAX_DEPTH = 64;

export function evaluateTemplate(body: Record<string, unknown>, input: EvaluationInput = {}): Evaluation {
  const params = isMapping(body.Parameters) ? body.Parameters : {};
  const mappings = isMapping(body.Mappings) ? body.Mappings : {};
  const conditions = isMapping(body.Conditions) ? body.Conditions : {};
  const unresolved = { Parameters: new Set<string>(), Mappings: new Set<string>(), Conditions: new Set<string>() };
  const values: Evaluation['values'] = {};

  const paramValue = (name: string): unknown => {
    const declared = params[name];
    const given = input.parameters?.[name];
    const raw = given ?? (isMapping(declared) && declared.Default !== undefined ? String(declared.Default) : undefined);
    if (raw === undefined) return undefined;
    values[name] = { value: raw, from: given !== undefined ? 'given' : 'default' };
    const type = isMapping(declared) && typeof declared.Type === 'string' ? declared.Type : 'String';
    // SSM parameter types resolve at deploy time from Parameter Store: not knowable here.
    if (type.startsWith('AWS::SSM::Parameter::Value')) {
      delete values[name];
      return undefined;
    }
    return type.startsWith('List<') || type === 'CommaDelimitedList' ? raw.split(',').map((s) => s.trim()) : raw;
  };

  const pseudo = (name: string): unknown => {
    switch (name) {
      case 'AWS::StackName':
        return input.stackName;
      case 'AWS::Region':
        return input.region;
      case 'AWS::AccountId':
        return input.accountId;
      case 'AWS::Partition':
        return input.region?.startsWith('cn-') ? 'aws-cn' : input.region?.startsWith('us-gov-') ? 'aws-us-gov' : input.region ? 'aws' : undefined;
      case 'AWS::URLSuffix':
        return input.region?.startsWith('cn-') ? 'amazonaws.com.cn' : input.region ? 'amazonaws.com' : undefined;
      default:
        return undefined;
    }
  };

  const conditionCache = new Map<string, Tri>();
  const condition = (name: string, depth: number): Tri => {
    if (conditionCache.has(name)) return conditionCache.get(name);
    conditionCache.set(name, undefined); // a loop stays unknown
    const result = depth > MAX_DEPTH || !(name in conditions) ? undefined : truth(conditions[name], depth + 1);
    conditionCache.set(name, result);
    if (result === undefined) unresolved.Conditions.add(name);
    return result;
  };

  const truth = (value: unknown, depth: number): Tri => {
    if (typeof value === 'boolean') return value;
    if (!isMapping(value)) return undefined;
    const [fn, args] = single(value);
    if (fn === 'Condition' && typeof args === 'string') return condition(args, depth);
    if (fn === 'Fn::Not' && Array.isArray(args) && args.length === 1) {
      const inner = truth(args[0], depth + 1);
      return inner === undefined ? undefined : !inner;
    }
    if ((fn === 'Fn::And' || fn === 'Fn::Or') && Array.isArray(args)) {
      const parts = args.map((a) => truth(a, depth + 1));
      if (fn === 'Fn::And') return parts.includes(false) ? false : parts.every((p) => p === true) ? true : undefined;
      return parts.includes(true) ? true : parts.every((p) => p === false) ? false : undefined;
    }
    if (fn === 'Fn::Equals' && Array.isArray(args) && args.length === 2) {
      const [a, b] = args.map((x) => resolve(x, depth + 1));
      if (!isLiteral(a) || !isLiteral(b)) return undefined;
      return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
    }
    return undefined;
  };

  /** The value with everything knowable resolved; NO_VALUE where AWS::NoValue removes it. */
  const resolve = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) return value;
    if (Array.isArray(value)) return value.map((v) => resolve(v, depth + 1)).filter((v) => v !== NO_VALUE);
    if (!isMapping(value)) return value;
    const [fn, args] = single(value);
    switch (fn) {
      case 'Ref': {
        if (typeof args !== 'string') break;
        if (args === 'AWS::NoValue') return NO_VALUE;
        if (args.startsWith('AWS::')) return pseudo(args) ?? value;
        if (args in params) {
          const found = paramValue(args);
          if (found === undefined) unresolved.Parameters.add(args);
          return found ?? value;
        }
        return value; // a resource: its id is known only after deploy
      }
      case 'Fn::If': {
        if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') break;
        const chosen = condition(args[0], depth + 1);
        if (chosen === undefined) return { 'Fn::If': [args[0], kept(resolve(args[1], depth + 1)), kept(resolve(args[2], depth + 1))] };
        return resolve(chosen ? args[1] : args[2], depth + 1);
      }
      case 'Fn::FindInMap': {
        if (!Array.isArray(args) || args.length < 3) break;
        const [map, top, second] = args.slice(0, 3).map((a) => resolve(a, depth + 1));
        const table = typeof map === 'string' ? mappings[map] : undefined;
        if (typeof map === 'string' && typeof top === 'string' && typeof second === 'string' && isMapping(table)) {
          const row = table[top];
          if (isMapping(row) && row[second] !== undefined) return row[second];
          // Language extensions: a default value when the keys are missing.
          const fallback = isMapping(args[3]) ? args[3].DefaultValue : undefined;
          if (fallback !== undefined) return resolve(fallback, depth + 1);
        }
        if (typeof map === 'string') unresolved.Mappings.add(map);
        return { 'Fn::FindInMap': [map, top, second, ...args.slice(3)] };
      }
      case 'Fn::Sub': {
        if (typeof args === 'string') return substitute(args, {}, depth);
        if (Array.isArray(args) && typeof args[0] === 'string' && isMapping(args[1])) {
          const vars = Object.fromEntries(Object.entries(args[1]).map(([k, v]) => [k, resolve(v, depth + 1)]));
          return substitute(args[0], vars, depth);
        }
        break;
      }
      case 'Fn::Join': {
        if (!Array.isArray(args) || args.length !== 2) break;
        const [sep, list] = [resolve(args[0], depth + 1), resolve(args[1], depth + 1)];
        if (typeof sep === 'string' && Array.isArray(list) && list.every((x) => typeof x === 'string')) return list.join(sep);
        return { 'Fn::Join': [sep, list] };
      }
      case 'Fn::Select': {
        if (!Array.isArray(args) || args.length !== 2) break;
        const [index, list] = [resolve(args[0], depth + 1), resolve(args[1], depth + 1)];
        const at = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : undefined;
        if (at !== undefined && Array.isArray(list) && at < list.length && isLiteral(list[at])) return list[at];
        return { 'Fn::Select': [index, list] };
      }
      case 'Fn::Split': {
        if (!Array.isArray(args) || args.length !== 2) break;
        const [sep, text] = [resolve(args[0], depth + 1), resolve(args[1], depth + 1)];
        if (typeof sep === 'string' && typeof text === 'string') return text.split(sep);
        return { 'Fn::Split': [sep, text] };
      }
      default:
        break;
    }
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const resolved = resolve(inner, depth + 1);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  };

  /** `${Param}` and `${AWS::StackName}` replaced where known; `${Resource.Attr}` stays. */
  const substitute = (text: string, vars: Record<string, unknown>, depth: number): unknown => {
    let complete = true;
    const replaced = text.replace(/\$\{([^!}][^}]*)\}/g, (whole, name: string) => {
      const key = name.trim();
      let found: unknown;
      if (key in vars) found = vars[key];
      else if (key.startsWith('AWS::')) found = pseudo(key);
      else if (key in params) {
        found = paramValue(key);
        if (found === undefined) unresolved.Parameters.add(key);
      }
      if (typeof found === 'string' || typeof found === 'number') return String(found);
      if (Array.isArray(found) && found.every((f) => typeof f === 'string')) return found.join(',');
      complete = false;
      return whole;
    });
    if (complete) return replaced.replace(/\$\{!/g, '${');
    void depth;
    return Object.keys(vars).length ? { 'Fn::Sub': [replaced, vars] } : { 'Fn::Sub': replaced };
  };

  const resources = isMapping(body.Resources) ? body.Resources : {};
  const evaluated: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [logicalId, declaration] of Object.entries(resources)) {
    if (!isMapping(declaration)) {
      evaluated[logicalId] = declaration;
      continue;
    }
    const when = typeof declaration.Condition === 'string' ? condition(declaration.Condition, 0) : true;
    if (when === false) {
      dropped.push(logicalId);
      continue;
    }
    const next: Record<string, unknown> = { ...declaration };
    if (declaration.Properties !== undefined) {
      const properties = resolve(declaration.Properties, 0);
      if (properties !== NO_VALUE) next.Properties = properties;
      else delete next.Properties;
    }
    for (const key of ['DeletionPolicy', 'UpdateReplacePolicy']) {
      if (declaration[key] !== undefined) next[key] = kept(resolve(declaration[key], 0));
    }
    evaluated[logicalId] = next;
  }
  return { body: { ...body, Resources: evaluated }, unresolved, values, dropped };
}

/** AWS::NoValue inside an intrinsic that stays unevaluated is written back as it was. */
function kept(value: unknown): unknown {
  return value === NO_VALUE ? { Ref: 'AWS::NoValue' } : value;
}

function single(value: Record<string, unknown>): [string | undefined, unknown] {
  const keys = Object.keys(value);
  return keys.length === 1 ? [keys[0], value[keys[0]]] : [undefined, undefined];
}

function isLiteral(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return true;
  return Array.isArray(value) && value.every(isLiteral);
}

/** CloudFormation compares as strings: `Fn::Equals [!Ref Count, 2]` holds for the parameter "2". */
function normalise(value: unknown): unknown {
  return Array.isArray(value) ? value.map(normalise) : String(value);
}

export { parseParameterValues } from './parameter-values.js';

export interface EvaluatedTemplate {
  template: Template;
  evaluation: Evaluation;
  /** The template as written (sections compared before evaluation). */
  written: Record<string, unknown>;
}

/** The template with parameters, mappings and conditions evaluated into its resources. */
export function evaluatedTemplate(template: Template, input: EvaluationInput): EvaluatedTemplate {
  const evaluation = evaluateTemplate(template.body, input);
  const resources = isMapping(evaluation.body.Resources) ? evaluation.body.Resources : {};
  const kept = template.resources
    .filter((r) => !evaluation.dropped.includes(r.logicalId))
    .map((r) => {
      const declaration = resources[r.logicalId];
      if (!isMapping(declaration)) return r;
      const next: TemplateResource = { ...r, properties: isMapping(declaration.Properties) ? declaration.Properties : {} };
      if (declaration.DeletionPolicy !== undefined) next.deletionPolicy = declaration.DeletionPolicy;
      if (declaration.UpdateReplacePolicy !== undefined) next.updateReplacePolicy = declaration.UpdateReplacePolicy;
      return next;
    });
  return { template: { ...template, body: evaluation.body, resources: kept }, evaluation, written: template.body };
}

