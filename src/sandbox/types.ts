import type { Action, BlastRadius, RollbackPlan, SandboxSummary } from '../model.js';
import type { World } from '../world/world.js';
import type { Inventory } from './inventory/types.js';
import type { ProviderChoice } from './providers/types.js';
import type { StackSource } from './seed/cloudformation.js';

export type { ObservedChange, ReplayedCall, ReplayMethod } from '../model.js';

/** A change set that exists in production (named in the commands) and must exist in the twin too. */
export interface NamedChangeSet {
  stack: string;
  name: string;
  /** The proposed template, when known (`--template-after`). */
  template?: StackSource;
  /** The saved DescribeChangeSet response, to rebuild the change from when no template is given. */
  described?: { file: string; body: Record<string, unknown> };
}

export interface SandboxRequest {
  actions: Action[];
  world: World;
  /** Templates of the stacks as they run now: seeded under the same stack names. */
  stacks: StackSource[];
  /** Proposed templates for stacks the agent changes: replayed as real change sets. */
  stackChanges?: StackSource[];
  /** Change sets the agent describes / executes by name. */
  changeSets?: NamedChangeSet[];
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

type RunFields =
  | 'engines'
  | 'seeded'
  | 'replayed'
  | 'notReplayed'
  | 'observed'
  | 'agreement'
  | 'coverage'
  | 'agreements'
  | 'disagreements'
  | 'unobserved'
  | 'refused'
  | 'errors'
  | 'findings'
  | 'stackEvents'
  | 'rollback'
  | 'timings';

/** A sandbox run as runSandbox returns it: every field of the summary present. */
export type SandboxResult = SandboxSummary & Required<Pick<SandboxSummary, RunFields>>;
