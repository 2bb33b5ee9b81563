import { InputError } from '../../errors.js';
import { expandForEach } from './for-each.js';
import { looksLikeJson, readJsonText, readYamlText } from './read-text.js';
import { resourcePath, type Template, type TemplateResource } from './template.js';

/**
 * Reads a CloudFormation template (JSON or YAML, detected by content). Throws InputError,
 * naming the file and the line / template path, for anything that is not a template.
 */
export function parseTemplate(text: string, file: string): Template {
  const format = looksLikeJson(text) ? 'json' : 'yaml';
  const { value, lines } = format === 'json' ? readJsonText(text, file) : readYamlText(text, file);
  const where = (path: string) => (lines[path] ? `line ${lines[path]}, ${path}` : path);

  if (!isMapping(value)) {
    throw new InputError(
      `not a CloudFormation template: the document is ${describe(value)}, expected a mapping with a Resources section`,
      file,
      'line 1',
    );
  }
  if (!('Resources' in value)) {
    throw new InputError('not a CloudFormation template: it has no Resources section', file, 'Resources');
  }
  const section = value.Resources;
  if (!isMapping(section)) {
    throw new InputError(`Resources must be a mapping of logical ids to resources, found ${describe(section)}`, file, where('Resources'));
  }

  const warnings: string[] = [];
  const expanded = expandForEach(section, (loopKey, why) =>
    warnings.push(`${file}: ${where(resourcePath(loopKey))}: Fn::ForEach not expanded (${why}); the resources it generates are not checked`),
  );
  for (const [logicalId, loopKey] of Object.entries(expanded.origin)) {
    const line = lines[resourcePath(loopKey)];
    if (line && !lines[resourcePath(logicalId)]) lines[resourcePath(logicalId)] = line;
  }
  const resources: TemplateResource[] = [];
  for (const [logicalId, declaration] of Object.entries(expanded.resources)) {
    const path = resourcePath(logicalId);
    resources.push(readResource(logicalId, declaration, file, path, where, lines[path]));
  }
  if (resources.length === 0 && warnings.length === 0) {
    throw new InputError('not a CloudFormation template: Resources is empty', file, where('Resources'));
  }
  if (value.Transform !== undefined) {
    warnings.push(`${file}: Transform ${JSON.stringify(value.Transform)} is not expanded; resources it adds or rewrites are not checked`);
  }
  const parameters = isMapping(value.Parameters) ? Object.keys(value.Parameters) : [];
  // The diff sees what CloudFormation deploys: loops expanded.
  const body = Object.keys(expanded.origin).length > 0 ? { ...value, Resources: expanded.resources } : value;
  return { file, format, body, resources, parameters, lines, warnings };
}

function readResource(
  logicalId: string,
  declaration: unknown,
  file: string,
  path: string,
  where: (path: string) => string,
  line: number | undefined,
): TemplateResource {
  if (!isMapping(declaration)) {
    throw new InputError(`resource ${logicalId} must be a mapping with a Type, found ${describe(declaration)}`, file, where(path));
  }
  if (typeof declaration.Type !== 'string' || declaration.Type === '') {
    const problem = declaration.Type === undefined ? 'has no Type' : `has a Type that is ${describe(declaration.Type)}, not a type name`;
    throw new InputError(`resource ${logicalId} ${problem}`, file, where(declaration.Type === undefined ? path : `${path}.Type`));
  }
  const properties = declaration.Properties ?? {};
  if (!isMapping(properties)) {
    throw new InputError(`${logicalId}.Properties must be a mapping, found ${describe(properties)}`, file, where(`${path}.Properties`));
  }
  const resource: TemplateResource = {
    logicalId,
    type: declaration.Type,
    properties,
    dependsOn: readDependsOn(declaration.DependsOn, file, where(`${path}.DependsOn`)),
    line,
  };
  if (declaration.DeletionPolicy !== undefined) resource.deletionPolicy = declaration.DeletionPolicy;
  if (declaration.UpdateReplacePolicy !== undefined) resource.updateReplacePolicy = declaration.UpdateReplacePolicy;
  if (typeof declaration.Condition === 'string') resource.condition = declaration.Condition;
  if (declaration.Metadata !== undefined) resource.metadata = declaration.Metadata;
  return resource;
}

function readDependsOn(value: unknown, file: string, location: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw new InputError(`DependsOn must be a logical id or a list of them, found ${describe(value)}`, file, location);
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value} (${JSON.stringify(value).slice(0, 40)})`;
}
