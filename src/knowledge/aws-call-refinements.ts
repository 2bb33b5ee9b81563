// AWS calls that IAM's action data describes too coarsely: the access level or the verb covers
// the worst case, and the call's own parameters (or what it really removes) decide.
import type { Evidence, Operation } from '../model.js';

/** The call deletes what a resource holds; the resource itself stays. */
export interface ContentsOnly {
  lost: string;
  kept: string;
}

interface Refinement {
  contentsOnly?: ContentsOnly;
  /** IAM files the action under Permissions management because one of its attributes is a
   *  policy; it changes permissions only when the call sets such an attribute. */
  permissionsWhen?: { parameter: string; attributeNames?: string[]; nameParameter?: string };
}

/** Key: IAM action, lower case. */
export const AWS_CALL_REFINEMENTS: Readonly<Record<string, Refinement>> = {
  'sqs:purgequeue': { contentsOnly: { lost: 'every message waiting in the queue', kept: 'the queue, its URL and its configuration' } },
  'sqs:deletemessage': { contentsOnly: { lost: 'the message named by its receipt handle', kept: 'the queue' } },
  'sqs:deletemessagebatch': { contentsOnly: { lost: 'the messages named by their receipt handles', kept: 'the queue' } },
  's3:deleteobject': { contentsOnly: { lost: 'the object (or, with versioning, it is hidden behind a delete marker)', kept: 'the bucket' } },
  's3:deleteobjectversion': { contentsOnly: { lost: 'that version of the object, permanently', kept: 'the bucket and other versions' } },
  'dynamodb:deleteitem': { contentsOnly: { lost: 'the item', kept: 'the table' } },
  'ecr:batchdeleteimage': { contentsOnly: { lost: 'the images named', kept: 'the repository' } },
  'sqs:setqueueattributes': { permissionsWhen: { parameter: 'attributes', attributeNames: ['Policy', 'RedriveAllowPolicy'] } },
  'sns:settopicattributes': { permissionsWhen: { parameter: 'attributename', nameParameter: 'attributename', attributeNames: ['Policy', 'DataProtectionPolicy'] } },
};

export interface RefinedCall {
  operation?: Operation;
  accessLevel?: 'Write';
  contentsOnly?: ContentsOnly;
  evidence: Evidence[];
}

/** Attribute names a `--attributes` value sets: JSON keys, or shorthand `Name=value,...`; undefined when not visible (file://). */
export function attributeNamesOf(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (/^(file|fileb|https?):\/\//i.test(trimmed)) return undefined;
  if (trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : undefined;
    } catch {
      return undefined;
    }
  }
  const names = [...trimmed.matchAll(/(?:^|,)\s*([A-Za-z][A-Za-z0-9]*)\s*=/g)].map((m) => m[1]);
  return names.length ? names : undefined;
}

/**
 * What the call really does, given its IAM action and parameters (key: normalized parameter
 * name, value: the values as written). Unknown parameter content keeps the IAM worst case.
 */
export function refineCall(iamAction: string, parameters: ReadonlyMap<string, string[]>): RefinedCall {
  const refinement = AWS_CALL_REFINEMENTS[iamAction.toLowerCase()];
  if (!refinement) return { evidence: [] };
  if (refinement.contentsOnly) {
    const { lost, kept } = refinement.contentsOnly;
    return {
      contentsOnly: refinement.contentsOnly,
      evidence: [{ kind: 'knowledge', key: iamAction, message: `${iamAction} deletes ${lost}; ${kept} stays` }],
    };
  }
  const rule = refinement.permissionsWhen!;
  const values = parameters.get(rule.parameter);
  if (!values?.length) return { evidence: [] };
  const names = rule.nameParameter ? values : attributeNamesOf(values.join(' '));
  if (!names) return { evidence: [] };
  const policies = names.filter((n) => rule.attributeNames?.some((a) => a.toLowerCase() === n.toLowerCase()));
  if (policies.length) return { evidence: [{ kind: 'command', key: rule.parameter, value: policies, message: `sets ${policies.join(', ')}: who may use the resource changes` }] };
  return {
    operation: 'update',
    accessLevel: 'Write',
    evidence: [{ kind: 'command', key: rule.parameter, value: names, message: `sets ${names.join(', ')} and no policy: a configuration change, not a permissions change` }],
  };
}
