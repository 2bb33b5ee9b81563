import type { CollectionTag, ScalarTag } from 'yaml';
import { SHORT_FORM_TAGS } from './short-forms.js';

/**
 * Tells the `yaml` parser that CloudFormation's short-form tags exist, on scalars, sequences
 * and mappings alike, without resolving them: the node keeps its tag and `yaml-to-value.ts`
 * rewrites it to the long form while it still knows where the node is in the file.
 * Any other `!Tag` stays unresolved, and `parse-template.ts` reports it as an input error.
 */
export const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = Object.keys(SHORT_FORM_TAGS).flatMap(
  (tag): (ScalarTag | CollectionTag)[] => [
    { tag, resolve: (source: string) => source },
    { tag, collection: 'seq', resolve: (node) => node },
    { tag, collection: 'map', resolve: (node) => node },
  ],
);
