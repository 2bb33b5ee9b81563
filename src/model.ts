// The shared data model of the pipeline. Types only: no logic lives here.
//
// intake -> world -> predict -> sandbox -> judge -> rollback -> report
// Every stage reads and writes these plain, JSON-serialisable shapes.

/** What kind of change an action is. `permissions` = IAM / access changes. */
export type Operation = 'read' | 'create' | 'update' | 'replace' | 'delete' | 'permissions' | 'unknown';

/** Whether the effect of an action can be undone, and at what cost. */
export type Reversibility = 'reversible' | 'recoverable' | 'irreversible' | 'unknown';

export type Decision = 'pass' | 'escalate' | 'block';

/** How a resource in the blast radius is hit. `disrupted` = depends on something hit. */
export type Impact = 'deleted' | 'replaced' | 'modified' | 'created' | 'disrupted';

/** Which input format an action or resource came from. */
export type InputKind =
  | 'terraform-plan'
  | 'terraform-state'
  | 'cloudformation-template'
  | 'cloudformation-changeset'
  | 'shell'
  | 'aws-api-calls'
  | 'inventory'
  | 'hcl'
  | 'sandbox';

/** Where in the input something came from: file + line / JSON path, or the command text. */
export interface SourceRef {
  kind: InputKind;
  file?: string;
  line?: number;
  /** Last line of the block the action came from (a resource block, a template resource). */
  endLine?: number;
  /** The commit `file` and `line` refer to when it is not the one checked out: a deleted
   *  resource is shown where it was, in the base revision. */
  revision?: string;
  column?: number;
  /** JSON path (`resource_changes[3]`) or template path (`Resources.Db`). */
  path?: string;
  /** The shell command (the simple command this action came from, not the whole line). */
  command?: string;
}

/** One fact that decided something, in plain language, with where it came from. */
export interface Evidence {
  /** attribute: a resource attribute; policy: DeletionPolicy etc.; default: a documented default;
   *  knowledge: a fact from src/knowledge; command: a flag or argument; graph: a dependency path;
   *  sandbox: something observed in the emulator; config: firebreak.yaml. */
  kind: 'attribute' | 'policy' | 'default' | 'knowledge' | 'command' | 'graph' | 'sandbox' | 'config' | 'input';
  message: string;
  /** Attribute path or flag name that holds the value, when there is one. */
  key?: string;
  value?: unknown;
}

/** What an action targets. */
export interface Target {
  /** CloudFormation type when known (`AWS::RDS::DBInstance`), else the Terraform type
   *  (`aws_foo`), else a pseudo type: `sql:table`, `fs:path`, `k8s:namespace`, `git:ref`,
   *  `http:endpoint`, `aws:<service>:<resource>` for AWS API targets without a CFN type. */
  type: string;
  /** Resource id as the world knows it: Terraform address, `STACK/LogicalId`, physical id
   *  (`i-0abc`, bucket name), or a descriptive id (`psql:users`, `~/`). */
  id: string;
  /** Terraform address, when the target is a Terraform resource. */
  address?: string;
  /** Terraform type when known (`aws_db_instance`). */
  terraformType?: string;
  /** Physical ids / names / ARNs given in the input, used to find the resource in the world. */
  names?: string[];
}

/** Hints used to decide the environment a target lives in (resolved against firebreak.yaml). */
export interface EnvironmentHints {
  /** An environment named outright (`--environment`, a world state keyed by environment). */
  environment?: string;
  profile?: string;
  accountId?: string;
  region?: string;
  stackName?: string;
  workspace?: string;
  terraformAddress?: string;
  tags?: Record<string, string>;
  /** Database host / URL / kube context / API host: free-form names matched by patterns. */
  endpoint?: string;
  kubeContext?: string;
  namespace?: string;
}

/** One planned change, whatever input it came from. */
export interface Action {
  /** Stable within one report: `a1`, `a2`, ... assigned in input order. */
  id: string;
  source: SourceRef;
  operation: Operation;
  /** The verb as written: `terminate-instances`, `destroy`, `DROP TABLE`, `["delete","create"]`. */
  verb: string;
  /** The tool that would perform it: aws, terraform, cloudformation, kubectl, helm, sql, rm, git, http. */
  tool: string;
  target: Target;
  /** `resource`: one resource; `environment`: everything in a stack / state / namespace /
   *  database (delete-stack, terraform destroy); `unknown`: scope cannot be bounded. */
  scope: 'resource' | 'environment' | 'unknown';
  hints: EnvironmentHints;
  /** Resource attributes before / after the change, when the input carries them. */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Attributes that force replacement (Terraform replace_paths, CFN replacement cause). */
  replaceCauses?: string[];
  /** Reversibility decided by the input kind itself (SQL DROP, rm -rf, git push --force),
   *  where no resource knowledge is needed. Predict uses it when present. */
  intrinsic?: { reversibility: Reversibility; evidence: Evidence[] };
  /** Facts gathered at intake (flags such as --skip-final-snapshot, DeletionPolicy, action_reason). */
  evidence: Evidence[];
  /** For AWS API actions: the IAM action and its access level. */
  iam?: { action: string; accessLevel: 'Read' | 'List' | 'Write' | 'Permissions management' | 'Tagging' | 'Unknown' };
  /** Environment name resolved from hints + config (filled by the context stage). */
  environment?: string;
  /** True when the environment could not be determined and production was assumed. */
  environmentAssumed?: boolean;
  /** Whether the resolved environment is production (true when assumed). */
  production?: boolean;
  /** Name of a code-freeze window in force for this action's environment, if any. */
  freeze?: string;
  /** Anything else an intake module wants to keep for rollback / sandbox replay. */
  details?: Record<string, unknown>;
}

/** A resource that exists (or is planned), as a node of the world graph. */
export interface Resource {
  /** Terraform address, `STACK/LogicalId`, or physical id. */
  id: string;
  /** The type as the source spells it. */
  type: string;
  /** Canonical CloudFormation type when known. */
  cfnType?: string;
  terraformType?: string;
  /** Physical ids, names and ARNs, for resolving literal references. */
  names: string[];
  source: InputKind;
  file?: string;
  stack?: string;
  module?: string;
  environment?: string;
  /** Terraform workspace whose state holds it, when known (a keyed world state, the plan's workspace). */
  workspace?: string;
  /** Where it lives when its source says so (a plan's provider configuration, a keyed world state). */
  hints?: EnvironmentHints;
  tags?: Record<string, string>;
  /** Attributes that matter for reversibility (kept small: not the whole state). */
  attributes: Record<string, unknown>;
}

export type EdgeReason = 'declared' | 'schema' | 'implicit' | 'literal';

/** Edge from a dependent resource to the resource it depends on. */
export interface Dependency {
  reason: EdgeReason;
  /** Plain-language why: `vpc_id references aws_vpc.main`, `Ref VPC`, `subnet -> VPC`. */
  detail: string;
}

/** Per-action prediction. */
export interface ActionPrediction {
  actionId: string;
  reversibility: Reversibility;
  stateful: boolean;
  dataLoss: boolean;
  evidence: Evidence[];
}

export interface BlastResource {
  id: string;
  type: string;
  impact: Impact;
  /** 0 = directly hit by an action; n = n dependency hops away from one. */
  depth: number;
  /** Resource ids from the directly hit resource to this one. */
  path: string[];
  /** Why each hop exists (same length as path - 1). */
  pathReasons: string[];
  stateful: boolean;
  dataLoss: boolean;
  environment?: string;
  actionIds: string[];
}

export interface BlastRadius {
  resources: BlastResource[];
  counts: {
    total: number;
    deleted: number;
    replaced: number;
    modified: number;
    created: number;
    disrupted: number;
    stateful: number;
    dataLoss: number;
    irreversible: number;
  };
  /** Set when an action's scope is a whole environment but the world does not list it. */
  unknownScope: { actionId: string; message: string }[];
  /** Dependencies among the resources above (dependent -> what it depends on), for drawing the
   *  graph: omitted when there are none. At most MAX_BLAST_EDGES; `edgesOmitted` counts the rest. */
  edges?: BlastEdge[];
  edgesOmitted?: number;
}

export interface BlastEdge {
  from: string;
  to: string;
  reason: string;
}

export interface Reason {
  rule: string;
  decision: Decision;
  message: string;
  /** What the rule adds, without the sentence about the action the message opens with: renderers
   *  state the action once and list each rule's detail beneath it. */
  detail?: string;
  actionId?: string;
  resource?: string;
  evidence?: Evidence[];
}

export interface RollbackStep {
  order: number;
  phase: 'safeguard' | 'inverse' | 'restore';
  actionId?: string;
  /** Every action the step covers when it is more than one (re-applying a Terraform revision undoes them all). */
  actionIds?: string[];
  description: string;
  /** A command a person could run, when one exists. */
  command?: string;
  /** Set by the sandbox when the step was executed there. */
  verified?: boolean;
}

export interface RollbackPlan {
  steps: RollbackStep[];
  irreversible: { actionId: string; resource: string; whatIsLost: string }[];
}

// ---- Sandbox: replaying the actions in a local AWS emulator (the "twin") ----------------------

export type SandboxStatus = 'not-run' | 'unavailable' | 'ok' | 'partial' | 'error';

/** The local emulators a twin runs on. */
export type SandboxEngineName = 'localstack' | 'moto';

export type SandboxProviderKind = 'endpoint' | 'docker' | 'host';

/** How a replayed step reached the twin. */
export type ReplayMethod = 'aws-cli' | 'sdk' | 'emulator-api' | 'change-set' | 'terraform';

/** One call made against the twin for an action. */
export interface ReplayedCall {
  actionId: string;
  method: ReplayMethod;
  /** `aws ec2 delete-vpc --vpc-id vpc-1 --endpoint-url ...` or `ec2:DeleteVpc`. */
  call: string;
  engine: SandboxEngineName;
  ok: boolean;
  code?: string;
  message?: string;
  /** Real ids replaced by the twin's ids. */
  rewrites?: string[];
  /** The failure comes from what the emulator cannot model, not from the action: no finding. */
  emulatorLimitation?: string;
  /** Parts of the written command the replay left out on purpose (`>> /tmp/x.log 2>&1`). */
  ignored?: string[];
  /** The resource the call acts on, when one action stands for several (`terraform destroy`). */
  target?: string;
  ms: number;
}

/** What a change looked like in the twin. `deleted` includes a recoverable deletion (see `recoverable`). */
export type ObservedChangeKind = 'deleted' | 'created' | 'modified';

export interface ObservedChange {
  /** The world's id when the world knows the resource (Terraform address, STACK/LogicalId), else the twin's. */
  resource: string;
  type: string;
  change: ObservedChangeKind;
  engine: SandboxEngineName | 'aws';
  stack?: string;
  logicalId?: string;
  /** Attributes that changed (modified) or a note (data lost with a delete). */
  detail?: string;
  /** A deletion that can still be undone (KMS key pending deletion, secret in its recovery window). */
  recoverable?: string;
  /** The replayed actions whose step produced the change (from the snapshot taken after each step). */
  actionIds: string[];
  /** The real (production) id, when the twin gave the seeded resource an id of its own. */
  realId?: string;
  /** The twin's physical id, when `resource` is the world's id. */
  physicalId?: string;
}

/** A predicted resource in the twin: what was predicted and what the twin showed. */
export interface SandboxComparisonEntry {
  resource: string;
  predicted: Impact | 'untouched';
  observed: ObservedChangeKind | 'unchanged';
}

/** A predicted change that did not happen because the twin refused the call with an AWS error. */
export interface SandboxRefusal {
  resource: string;
  predicted: Impact;
  actionId: string;
  code: string;
  message: string;
}

/** What happened to one rollback step when it was executed in the twin after the replay. */
export type RollbackOutcome =
  /** Executed, and every resource it restores is back. */
  | 'verified'
  /** Executed, but something it should restore is not back. */
  | 'incomplete'
  /** AWS itself would refuse the step (re-creating a Retain table that still exists): not a Firebreak failure. */
  | 'refused-by-aws'
  /** The step failed in the twin for another reason. */
  | 'failed'
  /** A safeguard, a manual step or a command the sandbox does not run. */
  | 'not-executable'
  /** Nothing changed in the twin, so there was nothing to restore. */
  | 'not-needed';

export interface RollbackVerification {
  step: number;
  verified: boolean;
  outcome: RollbackOutcome;
  note: string;
}

export interface SandboxSeededStack {
  name: string;
  status: string;
  omitted: { logicalId: string; type: string; why: string }[];
  error?: string;
}

export interface SandboxSummary {
  status: SandboxStatus;
  reason?: string;
  /** What to do when the sandbox is unavailable. */
  howToFix?: string;
  provider?: SandboxProviderKind;
  engines?: { name: SandboxEngineName; version?: string; endpoint: string; extension?: string }[];
  seeded?: {
    stacks: SandboxSeededStack[];
    terraform?: { created: number; skipped: { address: string; why: string }[] };
    /** Resources known only from commands, API calls or a change set, created so the replay can act on them. */
    world?: { created: string[]; skipped: { resource: string; why: string }[] };
    /** Named change sets that exist in production, created in the twin from the after-template or the saved change set. */
    changeSets?: { stack: string; name: string; from: string; ok: boolean; note?: string }[];
  };
  replayed?: ReplayedCall[];
  notReplayed?: { actionId: string; reason: string }[];
  /** Every change the twin showed, step by step. */
  observed?: ObservedChange[];
  /** Agreeing / scored predicted resources; null when the twin could observe nothing to score. */
  agreement?: number | null;
  /** Predicted resources the twin could observe / predicted resources (disrupted ones aside); null when none were predicted. */
  coverage?: number | null;
  /** Predicted resources the twin held and showed as predicted. */
  agreements?: SandboxComparisonEntry[];
  /** Predicted resources the twin showed otherwise, and changes nobody predicted. */
  disagreements?: SandboxComparisonEntry[];
  /** Predicted resources the twin does not hold, with the reason. */
  unobserved?: { resource: string; why: string }[];
  /** Predicted changes the twin refused with an AWS error (they would fail in AWS too). */
  refused?: SandboxRefusal[];
  errors?: { actionId: string; call: string; code: string; message: string; engine: SandboxEngineName }[];
  /** Plain-language conclusions (partial failure, data not restored, ...). */
  findings?: string[];
  stackEvents?: { stack: string; logicalId: string; type: string; status: string; reason?: string; timestamp?: string }[];
  rollback?: RollbackVerification[];
  timings?: { acquireMs: number; seedMs: number; replayMs: number; rollbackMs: number; totalMs: number };
}

export interface DriftItem {
  address: string;
  type: string;
  actions: string[];
  source: SourceRef;
}

/** A risk a team accepted: one rule, what it applies to, who owns it, why, until when. */
export interface RiskException {
  /** Rule id (`production-data-loss`), or `default` for actions no rule covers. */
  rule: string;
  /** Glob over the target's id, address or names (`aws_db_instance.legacy*`, `prod-db/*`, `*`). */
  target: string;
  /** Environment selector: a name (glob) or production / non-production / unknown. */
  environment?: string;
  owner: string;
  reason: string;
  /** ISO date or date-time; a date means the end of that day (UTC). */
  expires?: string;
  source: { kind: 'policy' | 'inline' | 'baseline'; file?: string; line?: number };
  /** Inline accepts apply only to what comes from their file (and lines, for a script line or a block). */
  scope?: { file: string; lines?: [number, number] };
}

/** A finding a RiskException accepted: what would have been decided, and by which exception not. */
export interface Accepted {
  rule: string;
  /** The decision the rule would have given. */
  decision: Decision;
  message: string;
  actionId?: string;
  resource?: string;
  exception: Omit<RiskException, 'scope'>;
}

/** Terraform's own summary of a plan: `N to add, N to change, N to destroy` (+ replacements). */
export interface ChangeSummary {
  add: number;
  change: number;
  destroy: number;
  replace: number;
  /** `Plan: 1 to add, 0 to change, 2 to destroy, 1 to replace.` */
  text: string;
}

export interface Report {
  schemaVersion: '2.0';
  /** The Terraform-style line every format opens with. */
  summary: ChangeSummary;
  tool: { name: 'firebreak'; version: string };
  generatedAt: string;
  inputs: { kind: InputKind; file?: string; command?: string }[];
  verdict: Decision;
  reasons: Reason[];
  actions: (Action & { reversibility: Reversibility; stateful: boolean; dataLoss: boolean })[];
  blastRadius: BlastRadius;
  rollback: RollbackPlan;
  sandbox: SandboxSummary;
  /** Changes made outside Terraform (resource_drift): shown, not judged as the agent's action. */
  drift: DriftItem[];
  /** Findings accepted by an exception (policy, inline accept or baseline), with the exception. */
  accepted: Accepted[];
  /** Inline accepts added by the change under review (CI): listed for the reviewer, not applied. */
  proposedAccepts?: RiskException[];
  /** The policy that judged, and the rules the reasons cite (help text in SARIF and comments). */
  policy?: { file?: string; extends?: string[]; rules: { id: string; description: string; decision: Decision }[] };
  warnings: string[];
  timings: Record<string, number>;
}
