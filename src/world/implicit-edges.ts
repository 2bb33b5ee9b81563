import { implicitDependencyRules } from '../knowledge/index.js';
import type { ImplicitRule } from '../knowledge/types.js';
import type { Resource } from '../model.js';
import type { WorldGraph } from './world.js';
import { addDependency } from './build.js';
import { collectAtSteps } from './values-at-path.js';

interface IndexedRule {
  rule: ImplicitRule;
  path: string;
  steps: string[];
}

let rulesByType: Map<string, IndexedRule[]> | undefined;

/** Rules keyed by the dependent's type as each dialect spells it (TF attribute vs CFN property). */
function rulesFor(resource: Resource): IndexedRule[] {
  if (!rulesByType) {
    rulesByType = new Map();
    const add = (type: string, entry: IndexedRule) => rulesByType!.set(type, [...(rulesByType!.get(type) ?? []), entry]);
    for (const rule of implicitDependencyRules()) {
      if (rule.cfnProperty) add(rule.dependentType, { rule, path: rule.cfnProperty, steps: rule.cfnProperty.split('.') });
      if (rule.terraformAttribute) for (const type of rule.dependentTerraformTypes) add(type, { rule, path: rule.terraformAttribute, steps: rule.terraformAttribute.split('.') });
    }
  }
  return rulesByType.get(resource.type) ?? [];
}

function isOfType(resource: Resource, rule: ImplicitRule): boolean {
  return resource.type === rule.dependencyType || resource.cfnType === rule.dependencyType || rule.dependencyTerraformTypes.includes(resource.type);
}

/**
 * AWS's own rules (subnet -> VPC, instance -> security group, Lambda -> role, ...) applied to
 * attribute values: the value names another resource in the world, of the type the rule expects.
 */
export function addImplicitEdges(graph: WorldGraph, byName: Map<string, string>): void {
  const values: string[] = [];
  graph.forEachNode((id, resource) => {
    for (const { rule, path, steps } of rulesFor(resource)) {
      values.length = 0;
      collectAtSteps(resource.attributes, steps, 0, values);
      for (const value of values) {
        const target = byName.get(value);
        if (!target || target === id) continue;
        // An edge the plan's references already give is kept: its detail is not spelt for nothing.
        if (graph.hasDirectedEdge(id, target) || !isOfType(graph.getNodeAttributes(target), rule)) continue;
        addDependency(graph, id, target, { reason: 'implicit', detail: `${rule.detail}: ${id}.${path} = ${value}` });
      }
    }
  });
}
