import { configModuleOf, joinAddress, parseInstanceAddress, parseReference, type RefKey, type Reference } from './address.js';
import { forEachReferenceList, forEachResourceReferenceList, type ConfigIndex } from './configuration.js';
import type { TfInstance } from './instance.js';
import { isObject } from './shape.js';

/** A managed resource (configuration address) that a reference leads to. */
export interface RefTarget {
  configAddress: string;
  configModule: string;
  key?: RefKey;
  /** Variables, outputs and data sources the reference went through, outermost first. */
  via: string[];
}

const MAX_VIA = 4;
/** The `via` of a direct reference: one shared empty list (a target's `via` is never changed, only copied). */
const NO_VIA: string[] = Object.freeze([]) as unknown as string[];

/**
 * Resolves configuration references to managed resources: follows `var.*` into the calling
 * module's inputs, `module.x.out` into that module's outputs, and goes through data sources
 * (a data source is a read: what matters is what it reads from).
 */
export class ReferenceResolver {
  /** References that could not be followed, by kind (`local` values are not in plan JSON). */
  readonly unresolved = { local: 0, output: 0 };
  /** kind ('var' / 'output' / 'data') -> scope (module path or address) -> name -> targets. Keyed by the strings already in hand: no key is spelt per lookup. */
  private readonly memo = new Map<string, Map<string, Map<string, RefTarget[]>>>();
  private readonly modulePathsByPrefix = new Map<string, string[]>();
  private readonly references = new Map<string, Reference>();

  constructor(
    private readonly config: ConfigIndex,
    /** configuration address -> managed instances present in the world. */
    private readonly managed: Map<string, TfInstance[]>,
    /** configuration address -> data instances (for state-recorded dependencies of data sources). */
    private readonly data: Map<string, TfInstance[]>,
    /** configuration module path -> configuration addresses of its managed resources. */
    private readonly managedByModule: Map<string, string[]>,
  ) {}

  /** Resolves one `references` list written in the module at `modulePath`. */
  resolve(references: readonly unknown[], modulePath: string): RefTarget[] {
    const parsed: Reference[] = [];
    for (const text of references) if (typeof text === 'string') parsed.push(this.parsed(text));
    const targets: RefTarget[] = [];
    // Terraform lists every prefix of a traversal (`a.b[0].id`, `a.b[0]`, `a.b`): the bare
    // prefix would widen an indexed reference to every instance, so it is dropped.
    let keyed: Set<string> | undefined;
    let withOutput: Set<string> | undefined;
    // Each resource reference's address is spelt once, for both passes.
    const addresses: (string | undefined)[] = [];
    for (const ref of parsed) {
      if (ref.kind === 'resource') {
        const address = resourceAddress(ref, modulePath);
        addresses.push(address);
        if (ref.key !== undefined) (keyed ??= new Set()).add(address);
        continue;
      }
      addresses.push(undefined);
      if (ref.kind === 'module' && ref.output !== undefined) (withOutput ??= new Set()).add(ref.call);
    }
    for (let i = 0; i < parsed.length; i++) {
      const ref = parsed[i];
      switch (ref.kind) {
        case 'resource': {
          const address = addresses[i]!;
          if (ref.key === undefined && keyed?.has(address)) break;
          if (ref.mode === 'data') {
            for (const t of this.throughDataSource(address)) targets.push(t);
          } else {
            const target: RefTarget = { configAddress: address, configModule: modulePath, via: NO_VIA };
            if (ref.key !== undefined) target.key = ref.key;
            targets.push(target);
          }
          break;
        }
        case 'var':
          for (const t of this.throughVariable(modulePath, ref.name)) targets.push(t);
          break;
        case 'module': {
          const child = joinAddress(modulePath, `module.${ref.call}`);
          if (ref.output !== undefined) {
            for (const t of this.throughOutput(child, ref.output)) targets.push(t);
          } else if (!withOutput?.has(ref.call)) {
            for (const t of this.wholeModule(child)) targets.push(t);
          }
          break;
        }
        case 'local':
          this.unresolved.local++;
          break;
        default:
          break;
      }
    }
    return dedupe(targets);
  }

  /** A module called many times repeats its references word for word: each text is parsed once. */
  private parsed(text: string): Reference {
    let reference = this.references.get(text);
    if (!reference) this.references.set(text, (reference = parseReference(text)));
    return reference;
  }

  private memoised(kind: string, scope: string, name: string, compute: () => RefTarget[]): RefTarget[] {
    let byScope = this.memo.get(kind);
    if (!byScope) this.memo.set(kind, (byScope = new Map()));
    let byName = byScope.get(scope);
    if (!byName) byScope.set(scope, (byName = new Map()));
    const known = byName.get(name);
    if (known) return known;
    byName.set(name, []); // cycle guard: a reference loop resolves to nothing more
    const result = dedupe(compute());
    byName.set(name, result);
    return result;
  }

  private throughVariable(modulePath: string, name: string): RefTarget[] {
    return this.memoised('var', modulePath, name, () => {
      const module = this.config.modules.get(modulePath);
      const inputs = module?.call && isObject(module.call.expressions) ? module.call.expressions : undefined;
      if (!module || module.parentPath === undefined || !inputs || !(name in inputs)) return [];
      const targets: RefTarget[] = [];
      forEachReferenceList(inputs[name], '', (_, refs) => {
        for (const t of this.resolve(refs, module.parentPath!)) targets.push(t);
      });
      return targets.map((t) => via(t, joinAddress(modulePath, `var.${name}`)));
    });
  }

  private throughOutput(modulePath: string, name: string): RefTarget[] {
    return this.memoised('output', modulePath, name, () => {
      const module = this.config.modules.get(modulePath);
      const outputs = module && isObject(module.body.outputs) ? module.body.outputs : undefined;
      const output = outputs?.[name];
      if (!isObject(output)) {
        this.unresolved.output++;
        return [];
      }
      const targets: RefTarget[] = [];
      forEachReferenceList(output.expression, '', (_, refs) => {
        for (const t of this.resolve(refs, modulePath)) targets.push(t);
      });
      if (Array.isArray(output.depends_on)) for (const t of this.resolve(output.depends_on, modulePath)) targets.push(t);
      return targets.map((t) => via(t, `${modulePath}.${name}`));
    });
  }

  private throughDataSource(address: string): RefTarget[] {
    return this.memoised('data', address, '', () => {
      const targets: RefTarget[] = [];
      const configured = this.config.resources.get(address);
      if (configured) {
        forEachResourceReferenceList(configured.body, (_, refs) => {
          for (const t of this.resolve(refs, configured.modulePath)) targets.push(t);
        });
      }
      for (const instance of this.data.get(address) ?? []) {
        for (const t of this.resolveRecorded(instance.dependsOn, instance.configModule)) targets.push(t);
      }
      return targets.map((t) => via(t, address));
    });
  }

  /** Every managed resource in a module and its descendants (`depends_on = [module.x]`). */
  wholeModule(modulePath: string): RefTarget[] {
    const targets: RefTarget[] = [];
    for (const path of this.modulePathsUnder(modulePath)) {
      for (const configAddress of this.managedByModule.get(path) ?? []) targets.push({ configAddress, configModule: path, via: NO_VIA });
    }
    return targets;
  }

  private modulePathsUnder(prefix: string): string[] {
    let paths = this.modulePathsByPrefix.get(prefix);
    if (!paths) {
      paths = [...this.managedByModule.keys()].filter((p) => p === prefix || p.startsWith(`${prefix}.`));
      this.modulePathsByPrefix.set(prefix, paths);
    }
    return paths;
  }

  /**
   * Resolves dependencies recorded in state (`depends_on` / `dependencies`). Terraform 0.13+
   * writes absolute configuration addresses; 0.12 wrote them relative to the module.
   */
  resolveRecorded(dependencies: readonly string[], modulePath: string): RefTarget[] {
    const targets: RefTarget[] = [];
    for (const dependency of dependencies) {
      const parsed = parseInstanceAddress(dependency);
      if (!parsed) {
        if (dependency.startsWith('module.')) {
          const call = /^module\.[^.[]+/.exec(dependency)?.[0];
          if (call) for (const t of this.wholeModule(call)) targets.push(t);
        }
        continue;
      }
      const absolute = stripKeys(dependency);
      const relative = joinAddress(modulePath, absolute);
      const address = this.isKnown(absolute) || !modulePath ? absolute : relative;
      if (parsed.mode === 'data') {
        for (const t of this.throughDataSource(address)) targets.push(t);
      } else {
        const resolved = parseInstanceAddress(address);
        targets.push({ configAddress: address, configModule: resolved ? configModuleOf(resolved) : '', via: NO_VIA });
      }
    }
    return dedupe(targets);
  }

  private isKnown(address: string): boolean {
    return this.managed.has(address) || this.data.has(address) || this.config.resources.has(address);
  }
}

function resourceAddress(ref: Extract<Reference, { kind: 'resource' }>, modulePath: string): string {
  return joinAddress(modulePath, `${ref.mode === 'data' ? 'data.' : ''}${ref.type}.${ref.name}`);
}

function stripKeys(address: string): string {
  const parsed = parseInstanceAddress(address);
  if (!parsed) return address;
  const modules = parsed.modules.map((m) => `module.${m.name}`).join('.');
  return joinAddress(modules, `${parsed.mode === 'data' ? 'data.' : ''}${parsed.type}.${parsed.name}`);
}

function via(target: RefTarget, step: string): RefTarget {
  return { ...target, via: [step, ...target.via].slice(0, MAX_VIA) };
}

/** The first target of each configuration address and key, in order (no key string is spelt per target). */
function dedupe(targets: RefTarget[]): RefTarget[] {
  if (targets.length < 2) return targets;
  // configuration address -> the keys seen (`String(key)`, as one key: 0 and '0' are the same target).
  const seen = new Map<string, Set<string> | string>();
  let kept: RefTarget[] | undefined;
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i];
    const key = String(t.key);
    const keys = seen.get(t.configAddress);
    let duplicate = false;
    if (keys === undefined) seen.set(t.configAddress, key);
    else if (typeof keys === 'string') {
      if (keys === key) duplicate = true;
      else seen.set(t.configAddress, new Set([keys, key]));
    } else if (keys.has(key)) duplicate = true;
    else keys.add(key);
    if (duplicate) kept ??= targets.slice(0, i);
    else if (kept) kept.push(t);
  }
  return kept ?? targets;
}
