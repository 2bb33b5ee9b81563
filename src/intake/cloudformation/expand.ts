// What CloudFormation will really deploy, before it is judged: the SAM transform expanded, and
// the facts custom resources establish about other resources (CDK's autoDeleteObjects).
import { isMapping } from './parse-template.js';
import { expandSam, SAM_TRANSFORM, usesSam } from './sam.js';
import { resourcePath, type Template, type TemplateResource } from './template.js';

/** CDK custom resources that delete what another resource holds when that resource is deleted. */
const DATA_DESTROYING_CUSTOM_RESOURCES: Readonly<Record<string, { property: string; fact: string; says: string }>> = {
  'Custom::S3AutoDeleteObjects': { property: 'BucketName', fact: 'AutoDeleteObjects', says: 'empties the bucket before it is deleted (CDK autoDeleteObjects)' },
};

export function expandTemplate(template: Template): Template {
  const expanded = usesSam(template.body) ? expandedSam(template) : template;
  return withCustomResourceFacts(expanded);
}

function expandedSam(template: Template): Template {
  const { body, origin, notExpanded } = expandSam(template.body);
  const declared = new Map(template.resources.map((r) => [r.logicalId, r]));
  const resources = isMapping(body.Resources) ? body.Resources : {};
  const lines = { ...template.lines };
  const list: TemplateResource[] = [];
  for (const [logicalId, declaration] of Object.entries(resources)) {
    if (!isMapping(declaration) || typeof declaration.Type !== 'string') continue;
    const from = origin[logicalId] ?? logicalId;
    const line = template.lines[resourcePath(from)];
    if (line && !lines[resourcePath(logicalId)]) lines[resourcePath(logicalId)] = line;
    const source = declared.get(from);
    const resource: TemplateResource = {
      logicalId,
      type: declaration.Type,
      properties: isMapping(declaration.Properties) ? declaration.Properties : {},
      dependsOn: typeof declaration.DependsOn === 'string' ? [declaration.DependsOn] : Array.isArray(declaration.DependsOn) ? declaration.DependsOn.filter((d): d is string => typeof d === 'string') : [],
      ...(line ? { line } : {}),
    };
    if (declaration.DeletionPolicy !== undefined) resource.deletionPolicy = declaration.DeletionPolicy;
    if (declaration.UpdateReplacePolicy !== undefined) resource.updateReplacePolicy = declaration.UpdateReplacePolicy;
    if (typeof declaration.Condition === 'string') resource.condition = declaration.Condition;
    if (source?.metadata !== undefined && from === logicalId) resource.metadata = source.metadata;
    list.push(resource);
  }
  const warnings = template.warnings.filter((w) => !(w.includes('Transform') && w.includes(SAM_TRANSFORM) && notExpanded.length === 0));
  if (notExpanded.length) warnings.push(`${template.file}: SAM resources ${notExpanded.join(', ')} are not expanded here: judged as written`);
  return { ...template, body, resources: list, lines, warnings };
}

function withCustomResourceFacts(template: Template): Template {
  const facts = new Map<string, Record<string, unknown>>();
  for (const resource of template.resources) {
    const known = DATA_DESTROYING_CUSTOM_RESOURCES[resource.type];
    const ref = known ? resource.properties[known.property] : undefined;
    const target = isMapping(ref) && typeof ref.Ref === 'string' ? ref.Ref : undefined;
    if (known && target) facts.set(target, { ...facts.get(target), [known.fact]: true, [`${known.fact}By`]: `${resource.logicalId} (${resource.type}) ${known.says}` });
  }
  if (facts.size === 0) return template;
  return { ...template, resources: template.resources.map((r) => (facts.has(r.logicalId) ? { ...r, facts: { ...r.facts, ...facts.get(r.logicalId) } } : r)) };
}
