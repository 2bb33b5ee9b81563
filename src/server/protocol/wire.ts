// What crosses the wire between hooks and the server, validated at the edge with zod: every
// string bounded and free of NUL (PostgreSQL refuses it; nothing half-written), every list
// bounded, enums where a value is shown unescaped anywhere. Unknown keys are dropped.
import { z } from 'zod';

export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
export const MAX_AUDIT_BATCH = 500;

export function text(max: number) {
  return z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters');
}
const name = (max = 200) => text(max).min(1, 'must not be empty');
const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex digits`);
const count = z.number().int().min(0).max(1_000_000_000);
const iso = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d\d-\d\dT/.test(s), 'must be an ISO-8601 date-time');

export const binding = hex(64);
export const challenge = z.string().regex(/^[A-Za-z0-9_-]{22,86}$/, 'must be 16-64 random bytes, base64url');

// The pipeline report, as far as the page draws it (src/report/html): ids and enums strictly.
const operation = z.enum(['read', 'create', 'update', 'replace', 'delete', 'permissions', 'unknown']);
const reversibility = z.enum(['reversible', 'recoverable', 'irreversible', 'unknown']);
const decision = z.enum(['pass', 'escalate', 'block']);
const impact = z.enum(['deleted', 'replaced', 'modified', 'created', 'disrupted']);
const actionId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'an action id such as a1');
const evidence = z.object({ kind: text(40), message: text(4000), key: text(500).optional() });
const sourceRef = z.object({
  kind: text(60),
  file: text(2000).optional(),
  line: count.optional(),
  column: count.optional(),
  path: text(2000).optional(),
  command: text(8000).optional(),
});

export const reportSchema = z.object({
  // Any 1.x or 2.x report: hooks on other versions of Firebreak post to the same server. 2.0 only
  // changed how the JSON file is written (references instead of copies); what a hook posts is the
  // report in memory, whose fields here are those of 1.x.
  schemaVersion: z.string().regex(/^[12]\.\d+$/),
  tool: z.object({ name: z.literal('firebreak'), version: text(40) }),
  generatedAt: iso,
  verdict: decision,
  reasons: z
    .array(z.object({ rule: text(200), decision, message: text(4000), actionId: actionId.optional(), resource: text(2000).optional() }))
    .max(500),
  actions: z
    .array(
      z.object({
        id: actionId,
        source: sourceRef,
        operation,
        verb: text(500),
        tool: text(100),
        target: z.object({ type: text(500), id: text(2000), address: text(2000).optional() }),
        scope: z.enum(['resource', 'environment', 'unknown']),
        evidence: z.array(evidence).max(100),
        environment: text(200).optional(),
        production: z.boolean().optional(),
        reversibility,
        stateful: z.boolean(),
        dataLoss: z.boolean(),
      }),
    )
    .max(2000),
  blastRadius: z.object({
    resources: z
      .array(
        z.object({
          id: text(2000),
          type: text(500),
          impact,
          depth: z.number().int().min(0).max(1000),
          path: z.array(text(2000)).max(200),
          pathReasons: z.array(text(2000)).max(200),
          stateful: z.boolean(),
          dataLoss: z.boolean(),
          environment: text(200).optional(),
          actionIds: z.array(actionId).max(200),
        }),
      )
      .max(5000),
    counts: z.object({
      total: count,
      deleted: count,
      replaced: count,
      modified: count,
      created: count,
      disrupted: count,
      stateful: count,
      dataLoss: count,
      irreversible: count,
    }),
    unknownScope: z.array(z.object({ actionId, message: text(2000) })).max(500),
    edges: z.array(z.object({ from: text(2000), to: text(2000), reason: text(2000) })).max(5000).optional(),
    edgesOmitted: count.optional(),
  }),
  rollback: z.object({
    steps: z
      .array(
        z.object({
          order: count,
          phase: z.enum(['safeguard', 'inverse', 'restore']),
          actionId: actionId.optional(),
          description: text(4000),
          command: text(8000).optional(),
          verified: z.boolean().optional(),
        }),
      )
      .max(2000),
    irreversible: z.array(z.object({ actionId, resource: text(2000), whatIsLost: text(4000) })).max(2000),
  }),
});
export type WireReport = z.infer<typeof reportSchema>;

const blastCounts = reportSchema.shape.blastRadius.shape.counts;

/** A hook's escalation: the action, what it would hit, how to undo it, and the report. */
export const requestBody = z.object({
  binding,
  challenge,
  agent: name(40),
  sessionId: text(200).optional(),
  /** The agent's own words about why (e.g. Claude's tool description): shown as unverified. */
  statedReason: text(2000).optional(),
  hostname: name(255),
  repo: name(1000),
  cwd: name(4000),
  environment: name(200),
  commands: z.array(text(16_000)).min(1, 'at least one command').max(20),
  variables: z.record(text(100), text(2000)).refine((v) => Object.keys(v).length <= 40, 'at most 40 variables'),
  what: z.array(text(2000)).max(200),
  why: z.array(z.object({ rule: text(200), message: text(4000) })).max(100),
  impact: text(2000),
  dataLoss: z.array(text(2000)).max(200),
  blastRadius: blastCounts,
  rollback: z.array(text(4000)).max(100),
  /** Asked-for deadline for a person's answer (ms); the server clamps it to its own limits. */
  deadlineMs: z.number().int().min(1000).max(30 * 24 * 3600_000).optional(),
  report: reportSchema.optional(),
});
export type RequestBody = z.infer<typeof requestBody>;

export const checkBody = z.object({ binding, challenge });

const auditEntry = z
  .object({
    seq: z.number().int(),
    time: iso,
    prev: z.string().max(64),
    hash: hex(64),
    agent: text(100),
    verdict: text(20),
    answer: text(20),
    input: z.array(text(16_000)).max(100),
    reasons: z.array(z.object({ rule: text(200), message: text(4000) })).max(100),
  })
  // The whole entry is hashed by the hook: keep every field it wrote (bounded by the body size).
  .catchall(z.unknown());
export type WireAuditEntry = z.infer<typeof auditEntry>;

export const auditBody = z.object({
  /** One hash chain: chosen by the hook (sha256 of its token id and state folder). */
  source: hex(32),
  /** Where that chain lives on the machine (the repository path). */
  label: name(1000),
  entries: z.array(auditEntry).min(1).max(MAX_AUDIT_BATCH),
});

export const inventoryBody = z.object({
  hostname: name(255),
  firebreakVersion: name(40),
  root: text(4000),
  agents: z
    .array(
      z.object({
        agent: name(40),
        configs: z.array(text(4000)).max(100),
        hookInstalled: z.boolean(),
        /** Per tool kind (shell, file, mcp, ...): does the Firebreak hook see it? */
        coverage: z.record(text(60), z.boolean()).optional(),
        bypass: z.array(z.object({ file: text(4000), setting: text(1000) })).max(100),
        mcpServers: z.array(z.object({ name: text(200), cloud: z.boolean(), why: text(1000).optional(), file: text(4000).optional() })).max(200),
      }),
    )
    .max(20),
  findings: z.array(z.object({ agent: text(40).optional(), kind: text(60), message: text(2000), file: text(4000).optional() })).max(500),
});
export type InventoryBody = z.infer<typeof inventoryBody>;

/** The first problem, said plainly: `commands.0: at most 16000 characters`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : 'body';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return `${where}: ${issue.message}${more}`;
}
