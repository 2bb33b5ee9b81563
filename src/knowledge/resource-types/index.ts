import type { ResourceFacts } from '../types.js';
import { APPLICATION_TYPES } from './application.js';
import { COMPUTE_TYPES } from './compute.js';
import { DATABASE_TYPES } from './database.js';
import { NETWORK_TYPES } from './network.js';
import { SECURITY_TYPES } from './security.js';
import { STORAGE_TYPES } from './storage.js';

export { GENERIC_DELETION_RULES } from './generic.js';

/** Every resource type the knowledge base knows, one entry per type. */
export const RESOURCE_TYPES: readonly ResourceFacts[] = [
  ...NETWORK_TYPES,
  ...COMPUTE_TYPES,
  ...DATABASE_TYPES,
  ...STORAGE_TYPES,
  ...SECURITY_TYPES,
  ...APPLICATION_TYPES,
];
