import type { Dependency, InputKind, Resource } from '../../model.js';
import type { WorldFragment } from '../../world/world.js';
import { forEachResourceReferenceList, type ConfigIndex } from './configuration.js';
import type { TfInstance } from './instance.js';
import { physicalNames, tagsOf } from './names.js';
import { ReferenceResolver, type RefTarget } from './references.js';

export interface TerraformWorld {
  world: WorldFragment;
  warnings: string[];
}

const EMPTY_CONFIG: ConfigIndex = { modules: new Map(), resources: new Map() };

/**
 * World fragment from resource instances: managed instances become resources; edges come
 * from configuration references and depends_on, and from dependencies recorded in state.
 * Data sources are not nodes: an edge through one links the reader to what it reads.
 */
export function buildTerraformWorld(instances: readonly TfInstance[], source: InputKind, file: string, config: ConfigIndex = EMPTY_CONFIG): TerraformWorld {
  const managed = new Map<string, TfInstance[]>();
  const data = new Map<string, TfInstance[]>();
  const managedByModule = new Map<string, string[]>();
  const resources: Resource[] = [];
  for (const instance of instances) {
    const byConfig = instance.mode === 'data' ? data : managed;
    const list = byConfig.get(instance.configAddress);
    if (list) {
      list.push(instance);
    } else {
      // Made with its first element: `[]` and a push would reserve room for 17 (V8), and most
      // resources have one instance.
      byConfig.set(instance.configAddress, [instance]);
      if (instance.mode === 'managed') {
        let inModule = managedByModule.get(instance.configModule);
        if (!inModule) managedByModule.set(instance.configModule, (inModule = []));
        inModule.push(instance.configAddress);
      }
    }
    if (instance.mode === 'managed') resources.push(toResource(instance, source, file));
  }

  const resolver = new ReferenceResolver(config, managed, data, managedByModule);
  const edges = new EdgeCollector(managed);

  for (const resource of config.resources.values()) {
    if (resource.mode !== 'managed') continue;
    const dependents = managed.get(resource.address);
    if (!dependents) continue;
    forEachResourceReferenceList(resource.body, (attribute, refs) => {
      const targets = resolver.resolve(refs, resource.modulePath);
      if (targets.length === 0) return;
      const spell = attribute === 'depends_on' ? spellDependsOn : spellReference;
      for (const dependent of dependents) edges.add(dependent, targets, spell, attribute);
    });
    for (const { call, refs, parentPath } of moduleDependsOn(config, resource.modulePath)) {
      const targets = resolver.resolve(refs, parentPath);
      for (const dependent of dependents) edges.add(dependent, targets, spellModuleDependsOn, call);
    }
  }

  for (const instance of instances) {
    if (instance.mode !== 'managed' || instance.dependsOn.length === 0) continue;
    const targets = resolver.resolveRecorded(instance.dependsOn, instance.configModule);
    edges.add(instance, targets, spellRecorded, '');
  }

  const warnings: string[] = [];
  if (resolver.unresolved.local > 0) {
    warnings.push(
      `${resolver.unresolved.local} reference(s) go through local values, which plan JSON does not describe: dependencies through them are missing from the graph`,
    );
  }
  return { world: { resources, edges: edges.list }, warnings };
}

function toResource(instance: TfInstance, source: InputKind, file: string): Resource {
  const resource: Resource = {
    id: instance.address,
    type: instance.type,
    terraformType: instance.type,
    names: physicalNames(instance.type, instance.values),
    source,
    file,
    attributes: instance.values,
  };
  if (instance.moduleInstance) resource.module = instance.moduleInstance;
  const tags = tagsOf(instance.values);
  if (tags) resource.tags = tags;
  return resource;
}

/**
 * An edge's detail, from the dependent's address, the dependency's, the target that led there
 * and how (the attribute, or the module call whose depends_on it is).
 */
type Spell = (from: string, to: string, target: RefTarget, how: string) => string;

const spellReference: Spell = (from, to, t, attribute) => `${from}.${attribute} references ${to}${through(t)}`;
const spellDependsOn: Spell = (from, to, t) => `${from} depends_on ${to}${through(t)}`;
const spellModuleDependsOn: Spell = (from, to, t, call) => `${from} depends on ${to}: ${call} has depends_on${through(t)}`;
const spellRecorded: Spell = (from, to, t) => `${from} depends on ${to} (recorded in state)${through(t)}`;

/**
 * A declared edge holds what it was made from and spells its detail when read: a 10k plan has
 * ~13,000 edges and a report reads the detail of those on a blast-radius path or between two
 * resources of the radius (~5,000 of them), each at most twice. Nothing else of it is spelt or kept.
 */
class DeclaredDependency implements Dependency {
  readonly reason = 'declared';
  constructor(
    private readonly from: string,
    private readonly to: string,
    private readonly target: RefTarget,
    private readonly how: string,
    private readonly spell: Spell,
  ) {}

  get detail(): string {
    return this.spell(this.from, this.to, this.target, this.how);
  }
}

function through(target: RefTarget): string {
  return target.via.length ? ` through ${target.via.join(' -> ')}` : '';
}

/** The depends_on of every module call above a module, each resolved where it is written. */
function moduleDependsOn(config: ConfigIndex, modulePath: string): { call: string; refs: unknown[]; parentPath: string }[] {
  const found: { call: string; refs: unknown[]; parentPath: string }[] = [];
  for (let module = config.modules.get(modulePath); module?.parentPath !== undefined; module = config.modules.get(module.parentPath)) {
    const refs = module.call?.depends_on;
    if (Array.isArray(refs) && refs.length) found.push({ call: module.path, refs, parentPath: module.parentPath });
  }
  return found;
}

/** Deduplicated instance-to-instance edges. */
class EdgeCollector {
  readonly list: WorldFragment['edges'] = [];
  /**
   * dependent address -> dependency addresses already linked (the addresses' own strings: no key
   * is built): the one address while there is one, then a set. Most resources link to one other,
   * and everything here is copied by the collector until the world is built.
   */
  private readonly seen = new Map<string, string | Set<string>>();
  /** configuration address -> module instance -> instances: finding candidates stays O(1) in module count. */
  private readonly byModuleInstance = new Map<string, Map<string, TfInstance[]>>();

  constructor(private readonly managed: Map<string, TfInstance[]>) {}

  add(dependent: TfInstance, targets: readonly RefTarget[], spell: Spell, how: string): void {
    let linked = this.seen.get(dependent.address);
    for (const target of targets) {
      for (const dependency of this.candidates(target, dependent)) {
        if (dependency.address === dependent.address || dependency.deposedKey !== undefined) continue;
        if (linked === undefined) this.seen.set(dependent.address, (linked = dependency.address));
        else if (typeof linked === 'string') {
          if (linked === dependency.address) continue;
          this.seen.set(dependent.address, (linked = new Set([linked, dependency.address])));
        } else {
          if (linked.has(dependency.address)) continue;
          linked.add(dependency.address);
        }
        this.list.push({ from: dependent.address, to: dependency.address, dependency: new DeclaredDependency(dependent.address, dependency.address, target, how, spell) });
      }
    }
  }

  /**
   * Instances a target means for this dependent: all instances of a counted resource unless
   * the reference names one; within the same module, the dependent's own module instance.
   */
  private candidates(target: RefTarget, dependent: TfInstance): TfInstance[] {
    let found = this.managed.get(target.configAddress);
    if (!found) return [];
    if (target.configModule === dependent.configModule && dependent.moduleInstance !== dependent.configModule) {
      const same = this.inModuleInstance(target.configAddress, found).get(dependent.moduleInstance);
      if (same) found = same;
    }
    if (target.key !== undefined && target.key !== '*') return found.filter((i) => i.key === target.key);
    return found;
  }

  private inModuleInstance(configAddress: string, instances: TfInstance[]): Map<string, TfInstance[]> {
    let index = this.byModuleInstance.get(configAddress);
    if (!index) {
      index = new Map();
      for (const instance of instances) {
        const list = index.get(instance.moduleInstance);
        if (list) list.push(instance);
        else index.set(instance.moduleInstance, [instance]);
      }
      this.byModuleInstance.set(configAddress, index);
    }
    return index;
  }
}
