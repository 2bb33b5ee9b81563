// firebreak_check for agents that plan first: submit commands, a plan file or an action list,
// get the verdict, blast radius and rollback plan back before acting.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isInputError } from '../../errors.js';
import type { Report } from '../../model.js';
import { configFileFor } from '../state-dir.js';
import { impactSummary, reasonLines, rollbackLines } from '../hook/message.js';

export const checkInput = {
  commands: z.array(z.string()).optional().describe('shell commands you plan to run, e.g. ["aws --profile prod rds delete-db-instance ..."]'),
  plan: z.string().optional().describe('path to a Terraform plan JSON (terraform show -json plan.out)'),
  files: z.array(z.string()).optional().describe('paths of any inputs (CloudFormation templates, change sets, state, scripts); kind detected from content'),
  actions: z
    .array(z.object({ service: z.string(), operation: z.string(), parameters: z.record(z.string(), z.unknown()).optional(), region: z.string().optional(), profile: z.string().optional() }))
    .optional()
    .describe('AWS API calls you plan to make'),
  cwd: z.string().optional().describe('working directory the actions would run in (default: the server cwd)'),
};

type CheckArgs = { commands?: string[]; plan?: string; files?: string[]; actions?: Record<string, unknown>[]; cwd?: string };

export async function runCheckTool(args: CheckArgs) {
  const cwd = resolve(args.cwd ?? process.cwd());
  const given = (args.commands?.length ?? 0) + (args.plan ? 1 : 0) + (args.files?.length ?? 0) + (args.actions?.length ?? 0);
  if (!given) return failure('nothing to check: give commands, plan, files or actions');
  let temp: string | undefined;
  try {
    let actionsFile: string | undefined;
    if (args.actions?.length) {
      temp = await mkdtemp(join(tmpdir(), 'firebreak-mcp-'));
      actionsFile = join(temp, 'actions.json');
      await writeFile(actionsFile, JSON.stringify(args.actions));
    }
    const { check } = await import('../../pipeline.js');
    const config = configFileFor(cwd);
    const { report } = await check({
      commands: args.commands,
      plan: args.plan,
      files: args.files,
      actionsFile,
      cwd,
      implicitConfig: false,
      ...(config ? { config } : {}),
    });
    return { content: [{ type: 'text' as const, text: summary(report) }], structuredContent: structured(report) };
  } catch (error) {
    return failure(isInputError(error) ? error.describe() : `internal error: ${(error as Error).message}`);
  } finally {
    if (temp) await rm(temp, { recursive: true, force: true });
  }
}

function summary(report: Report): string {
  const advice =
    report.verdict === 'pass'
      ? 'You may proceed.'
      : report.verdict === 'block'
        ? 'Do not run this. Choose a less destructive path (targeted change, snapshot/backup first, non-production).'
        : 'A person must approve this before it runs; consider a less destructive alternative.';
  return [
    `verdict: ${report.verdict}. ${advice}`,
    ...reasonLines(report.reasons),
    `impact: ${impactSummary(report)}`,
    ...rollbackLines(report).map((l) => `rollback ${l}`),
  ].join('\n');
}

function structured(report: Report): Record<string, unknown> {
  return {
    verdict: report.verdict,
    reasons: report.reasons.map((r) => ({ rule: r.rule, decision: r.decision, message: r.message, ...(r.actionId ? { actionId: r.actionId } : {}) })),
    actions: report.actions.map((a) => ({ id: a.id, operation: a.operation, tool: a.tool, verb: a.verb, target: a.target.id, type: a.target.type, environment: a.environment, reversibility: a.reversibility })),
    blastRadius: report.blastRadius.counts,
    rollback: report.rollback,
  };
}

function failure(message: string) {
  return { content: [{ type: 'text' as const, text: `firebreak_check failed: ${message}. Nothing was judged: do not treat this as a pass.` }], isError: true };
}
