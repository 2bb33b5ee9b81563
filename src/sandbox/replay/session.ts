import type { SandboxAwsEnv, SandboxCredentials } from '../aws-env.js';
import type { CallLog } from '../call-log.js';
import type { EngineEndpoint } from '../engines.js';
import type { InventoryContext } from '../inventory/context.js';
import type { TwinIds } from './twin-ids.js';

/** Everything a replay step needs to reach the twin, and only the twin. */
export interface ReplaySession {
  engines: EngineEndpoint[];
  ctx: InventoryContext;
  credentials: SandboxCredentials;
  awsEnv: SandboxAwsEnv;
  ids: TwinIds;
  calls: CallLog;
  cwd: string;
  /** Named change sets that exist in the twin because they exist in production: stack -> change-set name. */
  changeSets?: Map<string, string>;
}
