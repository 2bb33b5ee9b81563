import type { Resource } from '../../model.js';
import type { WorldFragment } from '../../world/world.js';
import { literalPhysicalNames } from './physical-names.js';
import { effectiveDeletionPolicy, effectiveUpdateReplacePolicy } from './policies.js';
import { describeReference, findReferences } from './references.js';
import type { Template, TemplateResource } from './template.js';

/** `STACK/LogicalId`: how the world names a stack's resource. */
export function stackResourceId(stackName: string, logicalId: string): string {
  return `${stackName}/${logicalId}`;
}

/** What a template says exists once its stack is deployed: resources and their declared dependencies. */
export function templateWorld(template: Template, stackName: string): WorldFragment {
  const resources = template.resources.map((r) => toWorldResource(r, template.file, stackName));
  return { resources, edges: declaredEdges(template, stackName) };
}

export function toWorldResource(resource: TemplateResource, file: string, stackName: string): Resource {
  const deletion = effectiveDeletionPolicy(resource);
  const replace = effectiveUpdateReplacePolicy(resource);
  const attributes: Record<string, unknown> = {
    ...resource.properties,
    ...resource.facts,
    DeletionPolicy: deletion.policy,
    DeletionPolicyOrigin: deletion.origin,
    UpdateReplacePolicy: replace.policy,
  };
  if (resource.condition) attributes.Condition = resource.condition;
  const world: Resource = {
    id: stackResourceId(stackName, resource.logicalId),
    type: resource.type,
    cfnType: resource.type,
    names: [...new Set([resource.logicalId, ...literalPhysicalNames(resource.type, resource.properties)])],
    source: 'cloudformation-template',
    file,
    stack: stackName,
    attributes,
  };
  const tags = literalTags(resource.properties.Tags);
  if (tags) world.tags = tags;
  return world;
}

/** Edges from Ref / Fn::GetAtt / Fn::Sub in Properties and from DependsOn; one per pair, first reason kept. */
function declaredEdges(template: Template, stackName: string): WorldFragment['edges'] {
  const logicalIds = new Set(template.resources.map((r) => r.logicalId));
  const edges = new Map<string, WorldFragment['edges'][number]>();
  const add = (from: string, to: string, detail: string) => {
    if (from === to || !logicalIds.has(to)) return;
    const key = `${from}\u0000${to}`;
    if (edges.has(key)) return;
    edges.set(key, {
      from: stackResourceId(stackName, from),
      to: stackResourceId(stackName, to),
      dependency: { reason: 'declared', detail },
    });
  };
  for (const resource of template.resources) {
    for (const ref of findReferences(resource.properties)) {
      const where = ref.path ? `${resource.logicalId}.${ref.path}` : resource.logicalId;
      add(resource.logicalId, ref.target, `${where}: ${describeReference(ref)}`);
    }
    for (const dependency of resource.dependsOn) add(resource.logicalId, dependency, `${resource.logicalId}: DependsOn ${dependency}`);
  }
  return [...edges.values()];
}

/** Tags as a literal `[{Key, Value}]` list or a `{key: value}` mapping; intrinsic values are left out. */
function literalTags(tags: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (Array.isArray(tags)) {
    for (const tag of tags) {
      if (typeof tag?.Key === 'string' && typeof tag?.Value === 'string') out[tag.Key] = tag.Value;
    }
  } else if (typeof tags === 'object' && tags !== null) {
    for (const [key, value] of Object.entries(tags)) if (typeof value === 'string') out[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
