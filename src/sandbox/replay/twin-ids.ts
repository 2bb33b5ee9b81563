import type { World } from '../../world/world.js';
import type { Inventory } from '../inventory/types.js';

/**
 * Real ids (from the world: production vpc-0abc, ARNs) -> the ids the twin gave the same
 * resources. Generated names differ in the twin; a replayed command must hit the twin's copy.
 */
export class TwinIds {
  private readonly map = new Map<string, string>();
  /** World id (Terraform address, resource known from a command) -> the twin items seeding created for it. */
  readonly bindings = new Map<string, string[]>();

  bind(worldId: string, twinKey: string): void {
    this.bindings.set(worldId, [...new Set([...(this.bindings.get(worldId) ?? []), twinKey])]);
  }

  /** The twin's id for a real one, when seeding gave the resource an id of its own. */
  twinIdOf(real: string): string | undefined {
    return this.map.get(real);
  }

  add(real: string, twin: string): void {
    if (real && twin && real !== twin && real.length >= 4) this.map.set(real, twin);
  }

  /**
   * Ids that cannot occur by accident inside other values (ARNs, `vpc-0abc...`, UUIDs) are replaced
   * wherever they appear; a plain name (`course-management-app`) only where it is the whole value,
   * or `/ecs/course-management-app` would be rewritten too.
   */
  static distinctive(id: string): boolean {
    return /^arn:/.test(id) || /^[a-z]+-[0-9a-f]{8,}$/.test(id) || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) || /^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(id) || /^https?:\/\//.test(id);
  }

  /** The real id the twin's id stands for, when the twin gave that resource a new one. */
  realIdOf(twin: string): string | undefined {
    for (const [real, mapped] of this.map) if (mapped === twin) return real;
    return undefined;
  }

  get size(): number {
    return this.map.size;
  }

  private readonly accounts = new Map<string, string>();
  private twinRegion = 'us-east-1';

  /** ARNs of a production account are rewritten to the twin's account and region. */
  mapAccount(real: string, twin: string, region = 'us-east-1'): void {
    if (/^\d{12}$/.test(real) && real !== twin) this.accounts.set(real, twin);
    this.twinRegion = region;
  }

  /** Replaces every known real id inside `value`; returns what was replaced. */
  rewrite(value: string): { value: string; rewrites: string[] } {
    const rewrites: string[] = [];
    let out = value;
    // Longest first, so an ARN is replaced before the name inside it.
    const whole = this.map.get(value);
    if (whole !== undefined && !TwinIds.distinctive(value)) return { value: whole, rewrites: [`${value} -> ${whole}`] };
    for (const [real, twin] of [...this.map].sort((a, b) => b[0].length - a[0].length)) {
      if (!TwinIds.distinctive(real)) continue;
      if (out.includes(real)) {
        out = out.split(real).join(twin);
        rewrites.push(`${real} -> ${twin}`);
      }
    }
    if (this.accounts.size) {
      out = out.replace(/arn:(aws[\w-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12}):/g, (arn, partition: string, service: string, region: string, account: string) => {
        const twin = this.accounts.get(account);
        if (!twin) return arn;
        const mapped = `arn:${partition}:${service}:${region ? this.twinRegion : ''}:${twin}:`;
        rewrites.push(`${arn} -> ${mapped}`);
        return mapped;
      });
    }
    return { value: out, rewrites: [...new Set(rewrites)] };
  }

  rewriteDeep<T>(value: T, rewrites: string[] = []): T {
    if (typeof value === 'string') {
      const r = this.rewrite(value);
      rewrites.push(...r.rewrites);
      return r.value as T;
    }
    if (Array.isArray(value)) return value.map((v) => this.rewriteDeep(v, rewrites)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.rewriteDeep(v, rewrites)])) as T;
    }
    return value;
  }
}

/** Matches world resources to twin resources by stack + logical id. */
export function twinIdsFromWorld(world: World | undefined, twin: Inventory, ids = new TwinIds()): TwinIds {
  if (!world) return ids;
  const byStack = new Map(twin.items.filter((i) => i.stack && !i.partOf).map((i) => [`${i.stack!.name}/${i.stack!.logicalId}`, i]));
  // A name two resources share, or a resource named after its stack (`Name: !Sub ${AWS::StackName}`),
  // cannot stand for one twin id: `--stack-name costexplorer-prod` must stay the stack's name.
  const owners = new Map<string, number>();
  const stackNames = new Set<string>();
  world.graph.forEachNode((_id, attrs) => {
    if (attrs?.stack) stackNames.add(attrs.stack);
    for (const name of new Set(attrs?.names ?? [])) owners.set(name, (owners.get(name) ?? 0) + 1);
  });
  world.graph.forEachNode((id, attrs) => {
    const key = attrs?.stack ? `${attrs.stack}/${id.split('/').pop()}` : id;
    const item = byStack.get(key) ?? byStack.get(id);
    if (!item) return;
    const twinArn = item.names.find((n) => n.startsWith('arn:'));
    for (const name of attrs?.names ?? []) {
      if (stackNames.has(name) || (owners.get(name) ?? 0) > 1) continue;
      ids.add(name, name.startsWith('arn:') && twinArn ? twinArn : item.id);
    }
  });
  return ids;
}
