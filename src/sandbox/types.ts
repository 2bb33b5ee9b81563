import type { Action, BlastRadius, RollbackPlan, SandboxSummary } from '../model.js';
import type { World } from '../world/world.js';
import type { Inventory } from './inventory/types.js';
import type { ProviderChoice, ProviderKind } from './providers/types.js';
import type { EngineName } from './routing.js';
import type { StackSource } from './seed/cloudformation.js';
import type { StackEvent } from './stacks.js';

export interface SandboxRequest {
  actions: Action[];
  world: World;
  /** Templates of the stacks as they run now: seeded under the same stack names. */
  stacks: StackSource[];
  /** Proposed templates for stacks the agent changes: replayed as real change sets. */
  stackChanges?: StackSource[];
  /** `terraform show -json` state or a raw terraform.tfstate: seeded as equivalent resources. */
  terraformState?: { text: string; file: string };
  /** A `firebreak discover` inventory to seed from. */
  inventory?: Inventory;
  predicted: BlastRadius;
  rollback: RollbackPlan;
  provider?: ProviderChoice;
  /** Leave the emulators running afterwards (as `firebreak sandbox up` would). */
  keepWarm?: boolean;
  /** Working directory for replayed CLI commands (file:// paths resolve from it). Default: cwd. */
  cwd?: string;
  /** Progress lines for slow steps. */
  log?: (line: string) => void;
}

export type ReplayMethod = 'aws-cli' | 'sdk' | 'emulator-api' | 'change-set' | 'terraform';

export interface ReplayedCall {
  actionId: string;
  method: ReplayMethod;
  /** `aws ec2 delete-vpc --vpc-id vpc-1 --endpoint-url ...` or `ec2:DeleteVpc`. */
  call: string;
  engine: EngineName;
  ok: boolean;
  code?: string;
  message?: string;
  /** Real ids replaced by the twin's ids. */
  rewrites?: string[];
  /** The failure comes from what the emulator cannot model, not from the action: no finding. */
  emulatorLimitation?: string;
  ms: number;
}

export interface ObservedChange {
  resource: string;
  type: string;
  change: 'deleted' | 'created' | 'modified';
  engine: EngineName | 'aws';
  stack?: string;
  logicalId?: string;
  /** Attributes that changed (modified) or a note (data lost with a delete). */
  detail?: string;
  actionIds: string[];
  /** The real (production) id, when the twin gave the seeded resource an id of its own. */
  realId?: string;
}

export interface SandboxResult extends SandboxSummary {
  provider?: ProviderKind;
  howToFix?: string;
  engines: { name: EngineName; version?: string; endpoint: string }[];
  seeded: { stacks: { name: string; status: string; omitted: { logicalId: string; type: string; why: string }[]; error?: string }[]; terraform?: { created: number; skipped: { address: string; why: string }[] }; inventory?: { created: number; skipped: number } };
  replayed: ReplayedCall[];
  notReplayed: { actionId: string; reason: string }[];
  observed: ObservedChange[];
  agreement: number;
  disagreements: { resource: string; predicted: string; observed: string }[];
  /** Predicted resources the twin does not hold (not seeded, or not modelled by the emulator). */
  unobserved: { resource: string; why: string }[];
  errors: { actionId: string; call: string; code: string; message: string; engine: EngineName }[];
  /** Plain-language conclusions (partial failure, data not restored, ...). */
  findings: string[];
  stackEvents: StackEvent[];
  rollback: { step: number; verified: boolean; note: string }[];
  timings: { acquireMs: number; seedMs: number; replayMs: number; rollbackMs: number; totalMs: number };
}
