import { parseTemplate } from '../../intake/cloudformation/index.js';
import type { InventoryContext } from '../inventory/context.js';
import { send } from '../inventory/send.js';
import { firstStackFailure, placeholderParameters, settleStack, STACK_CAPABILITIES } from '../stacks.js';
import { twinTemplate } from './twin-template.js';

export interface StackSource {
  name: string;
  templateText: string;
  file: string;
  /** Parameter values; parameters without a value or Default get a placeholder. */
  parameters?: Record<string, string>;
}

export interface SeededStack {
  name: string;
  file: string;
  status: string;
  stackId?: string;
  /** Resources the twin leaves out, and why. */
  omitted: { logicalId: string; type: string; why: string }[];
  error?: string;
  ms: number;
}

/** The JSON template body the twin deploys for `source` (unmodelled types left out). */
export function twinBody(source: StackSource): { body: Record<string, unknown>; omitted: SeededStack['omitted'] } {
  const template = parseTemplate(source.templateText, source.file);
  return twinTemplate(template.body);
}

/** Deploys the template as the same stack name (CreateStack, then polls to completion). */
export async function seedStack(ctx: InventoryContext, source: StackSource): Promise<SeededStack> {
  const started = Date.now();
  let omitted: SeededStack['omitted'] = [];
  try {
    const twin = twinBody(source);
    omitted = twin.omitted;
    const res = await send(ctx, 'cloudformation', 'CreateStack', {
      StackName: source.name,
      TemplateBody: JSON.stringify(twin.body),
      Parameters: placeholderParameters(twin.body, source.parameters),
      Capabilities: STACK_CAPABILITIES,
    });
    const status = await settleStack(ctx, res.StackId ?? source.name);
    const ok = status === 'CREATE_COMPLETE';
    return {
      name: source.name,
      file: source.file,
      status,
      stackId: res.StackId,
      omitted,
      error: ok ? undefined : await firstStackFailure(ctx, res.StackId ?? source.name),
      ms: Date.now() - started,
    };
  } catch (e) {
    return { name: source.name, file: source.file, status: 'NOT_CREATED', omitted, error: (e as Error).message, ms: Date.now() - started };
  }
}
