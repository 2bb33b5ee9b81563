// The slice of @aws-cdk/aws-service-spec that a template diff and the schema edges read, written
// by the build (scripts/compile-cfn-spec.mjs -> dist/cfn-spec.json, ~0.5 MB): loading the whole
// database costs ~0.4-1 s of CPU and ~150 MB in every process that diffs a template. The slice is
// used only when it was built from the installed version of the spec; otherwise null, and callers
// load the database as before.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface SliceProperty {
  causesReplacement?: string;
  scrutinizable?: string;
  relationshipRefs?: { cloudFormationType: string; propertyName: string }[];
}

export interface SliceResource {
  properties: Record<string, SliceProperty>;
  isStateful?: boolean;
  scrutinizable?: string;
}

interface SliceFile {
  version: string;
  resources: Record<string, SliceResource>;
}

/** Places dist/cfn-spec.json can be from this module: the bundle (dist/bundle), compiled (dist/intake/cloudformation), source (src/intake/cloudformation). */
const SLICE_FILES = ['../cfn-spec.json', '../../cfn-spec.json', '../../../dist/cfn-spec.json'];

const require = createRequire(import.meta.url);

let slice: SliceFile | null | undefined;
/** The built slice, when it matches the installed spec. */
export function specSlice(): SliceFile | null {
  if (slice !== undefined) return slice;
  slice = null;
  for (const relative of SLICE_FILES) {
    let text: string;
    try {
      text = readFileSync(new URL(relative, import.meta.url), 'utf8');
    } catch {
      continue;
    }
    const parsed = JSON.parse(text) as SliceFile;
    const installed = (JSON.parse(readFileSync(join(dirname(require.resolve('@aws-cdk/aws-service-spec')), '..', 'package.json'), 'utf8')) as { version: string }).version;
    if (parsed.version === installed && parsed.resources) slice = parsed;
    break;
  }
  return slice;
}

/** The one lookup cloudformation-diff makes (`loadResourceModel`), answered from the slice. */
function sliceDatabase(resources: Record<string, SliceResource>) {
  return {
    lookup(entity: string, field: string, operator: string, value: string): SliceResource[] {
      if (entity !== 'resource' || field !== 'cloudFormationType' || operator !== 'equals') {
        // A lookup the slice was not built for: better no answer than a wrong one.
        throw new Error(`the CloudFormation spec slice cannot answer ${entity}.${field} ${operator}`);
      }
      const found = Object.hasOwn(resources, value) ? resources[value] : undefined;
      return found ? [found] : [];
    },
  };
}

let installed = false;
/**
 * Gives @aws-cdk/cloudformation-diff the slice in place of the whole database. It loads the
 * database through `loadAwsServiceSpecSync` of the copy of @aws-cdk/aws-service-spec it resolves,
 * called when it first needs a resource model; that function is replaced on that copy. Without a
 * matching slice nothing is replaced.
 */
export function useSpecSliceForDiff(): void {
  if (installed) return;
  installed = true;
  const built = specSlice();
  if (!built) return;
  const fromDiff = createRequire(require.resolve('@aws-cdk/cloudformation-diff'));
  const spec = fromDiff('@aws-cdk/aws-service-spec') as { loadAwsServiceSpecSync: () => unknown };
  const database = sliceDatabase(built.resources);
  spec.loadAwsServiceSpecSync = () => database;
}
