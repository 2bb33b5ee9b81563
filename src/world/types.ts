import { cfnTypeFor } from '../knowledge/index.js';

/** The CloudFormation name of a resource type, whichever dialect it is written in. */
export function canonicalType(type: string): string | undefined {
  return type.startsWith('AWS::') ? type : cfnTypeFor(type);
}
