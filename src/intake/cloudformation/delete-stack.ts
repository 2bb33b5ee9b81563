import type { IntakeResult, PlannedAction } from '../types.js';
import { parseTemplate } from './parse-template.js';
import { literalPhysicalNames } from './physical-names.js';
import { removalFacts } from './policy-facts.js';
import { resourcePath } from './template.js';
import { stackResourceId, templateWorld } from './template-world.js';
import type { TemplateText } from './diff-templates.js';

/** "This stack is deleted": one delete per resource, each with what its DeletionPolicy keeps. */
export function deleteStackActions(template: TemplateText, stackName: string): IntakeResult {
  const parsed = parseTemplate(template.text, template.file);
  const actions = parsed.resources.map((resource): PlannedAction => {
    const facts = removalFacts(resource);
    const path = resourcePath(resource.logicalId);
    return {
      source: { kind: 'cloudformation-template', file: parsed.file, line: parsed.lines[path], path },
      operation: 'delete',
      verb: 'delete-stack',
      tool: 'cloudformation',
      target: {
        type: resource.type,
        id: stackResourceId(stackName, resource.logicalId),
        names: [...new Set([resource.logicalId, ...literalPhysicalNames(resource.type, resource.properties)])],
      },
      scope: 'resource',
      hints: { stackName },
      before: resource.properties,
      evidence: facts.evidence,
      details: { logicalId: resource.logicalId, ...facts.details },
    };
  });
  return { kind: 'cloudformation-template', file: parsed.file, actions, world: templateWorld(parsed, stackName), warnings: parsed.warnings };
}

/** The name pipeline-contract.md uses. */
export const deleteStack = deleteStackActions;
