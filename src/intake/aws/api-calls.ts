// A JSON list of AWS API calls an agent plans to make: `[{service, operation, parameters?, profile?, region?}]`
// or `{calls: [...]}`. Service and operation in SDK, CLI or IAM spelling; parameters PascalCase.
import { z } from 'zod';
import { InputError } from '../../errors.js';
import type { Evidence } from '../../model.js';
import { parseJsonText } from '../terraform/json-text.js';
import type { IntakeResult, PlannedAction } from '../types.js';
import { awsCallToActions } from './call.js';
import { apiParameter, type AwsCallParameter } from './parameters.js';

const apiCallSchema = z.object({
  service: z.string().trim().min(1, 'service must be a non-empty string'),
  operation: z.string().trim().min(1, 'operation must be a non-empty string'),
  parameters: z.record(z.string(), z.unknown()).optional(),
  profile: z.string().optional(),
  region: z.string().optional(),
  endpoint: z.string().optional(),
});

type ApiCall = z.infer<typeof apiCallSchema>;

function pathText(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : `${text}.${String(part)}`), base);
}

/** The call list and the JSON path prefix of its elements (`calls` or the root). */
function callList(document: unknown, file: string): { calls: unknown[]; base: string } {
  if (Array.isArray(document)) return { calls: document, base: '' };
  if (document && typeof document === 'object' && 'calls' in document) {
    const calls = (document as { calls: unknown }).calls;
    if (Array.isArray(calls)) return { calls, base: 'calls' };
    throw new InputError('"calls" must be an array of calls', file, 'calls');
  }
  throw new InputError('expected an array of calls, or an object {"calls": [...]}; each call is {service, operation, parameters?, profile?, region?}', file, '$');
}

function validCall(raw: unknown, file: string, at: string): ApiCall {
  const result = apiCallSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = pathText(at, issue.path);
  const message = issue.code === 'invalid_type' && issue.path.length === 1 && raw && typeof raw === 'object' && !(String(issue.path[0]) in raw)
    ? `missing "${String(issue.path[0])}"`
    : issue.message;
  throw new InputError(message, file, where);
}

export async function readAwsApiCalls(text: string, file: string): Promise<IntakeResult> {
  const document = parseJsonText(text, file, 'AWS API call list');
  const { calls, base } = callList(document, file);
  const actions: PlannedAction[] = [];
  const warnings: string[] = [];
  if (calls.length === 0) warnings.push(`${file}: the call list is empty`);
  for (const [index, raw] of calls.entries()) {
    const at = `${base}[${index}]`;
    const call = validCall(raw, file, at);
    const parameters = Object.entries(call.parameters ?? {})
      .map(([name, value]) => apiParameter(name, value))
      .filter((p): p is AwsCallParameter => p !== undefined);
    const evidence: Evidence[] = [];
    const planned = await awsCallToActions(
      { service: call.service, operation: call.operation, parameters, profile: call.profile, region: call.region, endpoint: call.endpoint, verb: call.operation, evidence },
      { kind: 'aws-api-calls', file, path: at },
    );
    if (planned.some((a) => a.operation === 'unknown')) warnings.push(`${file}: ${at}: ${call.service} ${call.operation} is not a known AWS action`);
    actions.push(...planned);
  }
  return { kind: 'aws-api-calls', file, actions, warnings };
}
