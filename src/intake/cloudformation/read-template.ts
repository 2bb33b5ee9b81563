import type { IntakeResult } from '../types.js';
import { parseTemplate } from './parse-template.js';
import { templateWorld } from './template-world.js';
import { evaluatedTemplate } from './evaluate.js';
import { expandTemplate } from './expand.js';

/** A deployed stack's template as world: its resources and their declared dependencies, no actions. */
export function readTemplate(text: string, file: string, stackName: string, parameters?: Record<string, string>): IntakeResult {
  const template = evaluatedTemplate(expandTemplate(parseTemplate(text, file)), { stackName, ...(parameters ? { parameters } : {}) }).template;
  return {
    kind: 'cloudformation-template',
    file,
    actions: [],
    world: templateWorld(template, stackName),
    warnings: template.warnings,
  };
}
