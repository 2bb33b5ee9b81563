import type { Dependency, Resource } from '../model.js';
import { specSlice } from '../intake/cloudformation/spec-slice.js';

type SpecDatabase = Awaited<ReturnType<(typeof import('@aws-cdk/aws-service-spec'))['loadAwsServiceSpec']>>;

/** The parts of a spec resource used here. */
interface SpecResource {
  isStateful?: boolean;
  properties: Record<string, { causesReplacement?: string; relationshipRefs?: { cloudFormationType: string; propertyName: string }[] }>;
}

// Facts from @aws-cdk/aws-service-spec (db.json.gz, every CloudFormation resource type):
// which properties point at which resource types, which force replacement, which types hold
// state. The database takes about a second to load, so it is loaded once, lazily.

export interface RelationshipProperty {
  property: string;
  targetType: string;
  targetProperty?: string;
}

export interface ReplacementProperty {
  property: string;
  causesReplacement: 'yes' | 'maybe';
}

export interface SchemaEdge {
  from: string;
  to: string;
  dependency: Dependency;
}

let database: Promise<SpecDatabase> | undefined;
/** Milliseconds the last database load took (for benchmarks and reports). */
export let specLoadMs: number | undefined;

function loadSpec(): Promise<SpecDatabase> {
  database ??= (async () => {
    const started = performance.now();
    const { loadAwsServiceSpec } = await import('@aws-cdk/aws-service-spec');
    const db = await loadAwsServiceSpec();
    specLoadMs = performance.now() - started;
    return db;
  })();
  return database;
}

async function specFor(cfnType: string): Promise<SpecResource | undefined> {
  // The build's slice of the spec when it matches the installed one (no database load).
  const slice = specSlice();
  if (slice) return Object.hasOwn(slice.resources, cfnType) ? slice.resources[cfnType] : undefined;
  const found: SpecResource | undefined = (await loadSpec()).lookup('resource', 'cloudFormationType', 'equals', cfnType)[0];
  return found;
}

/** Top-level properties the spec says refer to another resource type (`SubnetId` -> AWS::EC2::Subnet). */
export async function relationshipProperties(cfnType: string): Promise<RelationshipProperty[]> {
  const spec = await specFor(cfnType);
  if (!spec) return [];
  return Object.entries(spec.properties).flatMap(([property, definition]) =>
    (definition.relationshipRefs ?? []).map((ref) => ({
      property,
      targetType: ref.cloudFormationType,
      targetProperty: ref.propertyName,
    })),
  );
}

/** Properties whose change replaces the resource ('maybe': only for some changes). */
export async function replacementProperties(cfnType: string): Promise<ReplacementProperty[]> {
  const spec = await specFor(cfnType);
  if (!spec) return [];
  const properties: ReplacementProperty[] = [];
  for (const [property, definition] of Object.entries(spec.properties)) {
    if (definition.causesReplacement === 'yes' || definition.causesReplacement === 'maybe') {
      properties.push({ property, causesReplacement: definition.causesReplacement });
    }
  }
  return properties;
}

/** Whether the spec marks the type as holding state; undefined when it does not say (or the type is unknown). */
export async function isStatefulType(cfnType: string): Promise<boolean | undefined> {
  return (await specFor(cfnType))?.isStateful;
}

/**
 * Edges the templates do not declare: a property holding a LITERAL physical id / name / ARN
 * (`SubnetId: subnet-0abc`) of a world resource of the type the spec says that property
 * refers to. Declared references (`Ref`, `Fn::GetAtt`) are objects, not strings, so they
 * never match here; template-declared edges already cover them.
 */
export async function schemaEdges(resources: Resource[], byName: Map<string, string>): Promise<SchemaEdge[]> {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const edges: SchemaEdge[] = [];
  const seen = new Set<string>();
  const relationsByType = new Map<string, RelationshipProperty[]>();
  for (const resource of resources) {
    if (!resource.cfnType) continue;
    let relations = relationsByType.get(resource.cfnType);
    if (!relations) {
      relations = await relationshipProperties(resource.cfnType);
      relationsByType.set(resource.cfnType, relations);
    }
    for (const relation of relations) {
      for (const literal of literalValues(resource.attributes[relation.property])) {
        const targetId = byName.get(literal);
        const target = targetId === undefined ? undefined : byId.get(targetId);
        if (!target || target.id === resource.id || (target.cfnType ?? target.type) !== relation.targetType) continue;
        const key = `${resource.id}\u0000${target.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        edges.push({
          from: resource.id,
          to: target.id,
          dependency: {
            reason: 'schema',
            detail: `${shortName(resource)}.${relation.property} = ${literal} is a ${relation.targetType}`,
          },
        });
      }
    }
  }
  return edges;
}

/** A literal string, or the literal strings of a list (`SecurityGroupIds: [sg-1, sg-2]`). */
function literalValues(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

/** `Instance` for `stack/Instance`; the id itself otherwise. */
function shortName(resource: Resource): string {
  return resource.stack && resource.id.startsWith(`${resource.stack}/`) ? resource.id.slice(resource.stack.length + 1) : resource.id;
}
