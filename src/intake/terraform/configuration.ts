import { joinAddress } from './address.js';
import { isObject, type Json, type ShapeChecker } from './shape.js';

/** A module of the plan's `configuration`, at its configuration path (`module.a.module.b`, '' = root). */
export interface ConfigModule {
  path: string;
  body: Json;
  /** The `module_calls.<name>` object that instantiates it (absent for the root). */
  call?: Json;
  parentPath?: string;
  jsonPath: string;
}

/** A resource block of the configuration, at its absolute configuration address. */
export interface ConfigResource {
  address: string;
  modulePath: string;
  mode: 'managed' | 'data';
  body: Json;
  jsonPath: string;
}

export interface ConfigIndex {
  modules: Map<string, ConfigModule>;
  resources: Map<string, ConfigResource>;
}

const MAX_MODULE_DEPTH = 100;

/** Indexes `configuration.root_module` and every `module_calls.<name>.module` below it. */
export function indexConfiguration(configuration: unknown, check: ShapeChecker): ConfigIndex {
  const index: ConfigIndex = { modules: new Map(), resources: new Map() };
  const config = check.optionalObject(configuration, 'configuration');
  const root = config && check.optionalObject(config.root_module, 'configuration.root_module');
  if (root) addModule(index, { path: '', body: root, jsonPath: 'configuration.root_module' }, check, 0);
  return index;
}

function addModule(index: ConfigIndex, module: ConfigModule, check: ShapeChecker, depth: number): void {
  if (depth > MAX_MODULE_DEPTH) check.fail(module.jsonPath, `modules nested more than ${MAX_MODULE_DEPTH} deep`);
  index.modules.set(module.path, module);
  const resources = check.optionalArray(module.body.resources, `${module.jsonPath}.resources`);
  for (let i = 0; i < resources.length; i++) {
    const at = `${module.jsonPath}.resources[${i}]`;
    const body = check.object(resources[i], at);
    const mode = body.mode === 'data' ? 'data' : 'managed';
    // The field is spelt onto the path only if the check fails (ShapeChecker).
    const type = check.optionalString(body.type, at, '.type');
    const name = check.optionalString(body.name, at, '.name');
    const relative = type && name ? `${mode === 'data' ? 'data.' : ''}${type}.${name}` : check.string(body.address, at, '.address');
    const address = joinAddress(module.path, relative);
    index.resources.set(address, { address, modulePath: module.path, mode, body, jsonPath: at });
  }
  const calls = check.optionalObject(module.body.module_calls, `${module.jsonPath}.module_calls`) ?? {};
  for (const name in calls) {
    const at = `${module.jsonPath}.module_calls.${name}`;
    const call = check.object(calls[name], at);
    // A call to a module Terraform could not load has no `module`: nothing below it is known.
    if (!isObject(call.module)) continue;
    addModule(
      index,
      { path: joinAddress(module.path, `module.${name}`), body: call.module, call, parentPath: module.path, jsonPath: `${at}.module` },
      check,
      depth + 1,
    );
  }
}

/**
 * Every `references` list in an expression tree, with the attribute path that holds it.
 * Nested blocks appear as arrays of objects (or single objects) of further expressions;
 * an expression with `constant_value` is a literal and is not searched.
 */
export function forEachReferenceList(expressions: unknown, attributePath: string, visit: (attributePath: string, references: unknown[]) => void, depth = 0): void {
  if (depth > 64) return;
  if (Array.isArray(expressions)) {
    for (const block of expressions) forEachReferenceList(block, attributePath, visit, depth + 1);
    return;
  }
  if (!isObject(expressions)) return;
  if ('references' in expressions || 'constant_value' in expressions) {
    if (Array.isArray(expressions.references)) visit(attributePath, expressions.references);
    return;
  }
  for (const key in expressions) {
    const child = expressions[key];
    // Most attributes are literals or scalars: skipped before their attribute path is spelt.
    if (typeof child !== 'object' || child === null || holdsNoReferences(child)) continue;
    forEachReferenceList(child, attributePath ? `${attributePath}.${key}` : key, visit, depth + 1);
  }
}

/** An expression (it has `references` or `constant_value`) without a references list: nothing to visit. */
function holdsNoReferences(expression: object): boolean {
  if (Array.isArray(expression)) return false;
  return ('references' in expression || 'constant_value' in expression) && !Array.isArray((expression as Json).references);
}

/** All references of a resource block: attributes, count/for_each, depends_on. */
export function forEachResourceReferenceList(body: Json, visit: (attributePath: string, references: unknown[]) => void): void {
  forEachReferenceList(body.expressions, '', visit);
  forEachReferenceList(body.count_expression, 'count', visit);
  forEachReferenceList(body.for_each_expression, 'for_each', visit);
  if (Array.isArray(body.depends_on)) visit('depends_on', body.depends_on);
}
