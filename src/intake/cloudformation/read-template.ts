import type { IntakeResult } from '../types.js';
import { parseTemplate } from './parse-template.js';
import { templateWorld } from './template-world.js';

/** A deployed stack's template as world: its resources and their declared dependencies, no actions. */
export function readTemplate(text: string, file: string, stackName: string): IntakeResult {
  const template = parseTemplate(text, file);
  return {
    kind: 'cloudformation-template',
    file,
    actions: [],
    world: templateWorld(template, stackName),
    warnings: template.warnings,
  };
}
