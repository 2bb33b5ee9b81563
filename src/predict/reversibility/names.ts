// The physical name / id of an action's target, for messages and rollback commands.
import { valuesAt, type ResourceFacts, type Dialect } from '../../knowledge/index.js';
import { keysOf } from '../../knowledge/index.js';
import type { Action, Resource } from '../../model.js';
import { flagRecord } from './sources.js';

const DIALECTS: Dialect[] = ['tf', 'cfn', 'cli'];

/** The first value of the type's name keys in the action's flags, before, or the resource;
 *  else the first name the input gave; else the id. */
export function resourceName(action: Action, resource: Resource | undefined, facts: ResourceFacts | undefined): string {
  const flags = { ...flagRecord(action.details?.['params']), ...flagRecord(action.details?.['flags']) };
  const sources = [flags, action.before, resource?.attributes].filter(Boolean) as Record<string, unknown>[];
  for (const keys of facts?.nameKeys ?? []) {
    const paths = pathsOf(keys);
    for (const source of sources) {
      for (const path of paths) {
        const value = valuesAt(source, path)[0];
        if (typeof value === 'string' && value !== '') return stripS3(value);
      }
    }
  }
  const given = action.target.names?.[0] ?? resource?.names[0];
  if (given) return stripS3(given);
  const id = action.target.id;
  return /^[a-z0-9]+:[^:]/.test(id) && !id.startsWith('arn:') ? id.slice(id.indexOf(':') + 1) : id;
}

/** Every dialect's spelling of one name key, listed once per knowledge entry rather than per action and source. */
const spellings = new WeakMap<object, string[]>();
function pathsOf(keys: NonNullable<ResourceFacts['nameKeys']>[number]): string[] {
  let paths = spellings.get(keys);
  if (!paths) spellings.set(keys, (paths = DIALECTS.flatMap((d) => keysOf(keys[d]))));
  return paths;
}

function stripS3(value: string): string {
  return value.startsWith('s3://') ? value.slice(5).split('/')[0]! : value;
}
