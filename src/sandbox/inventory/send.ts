import { sdkCommand, type SdkService } from '../sdk-clients.js';
import type { InventoryContext } from './context.js';

/** `client.send(new <Operation>Command(input))` for a service with an installed SDK client. */
export async function send(ctx: InventoryContext, service: SdkService, operation: string, input: Record<string, unknown> = {}): Promise<any> {
  const command = await sdkCommand(service, operation, input);
  if (!command) throw new Error(`the ${service} SDK has no ${operation} operation`);
  return (await ctx.client(service)).send(command);
}

/** Follows NextToken / Marker style pagination, at most `maxPages` pages. */
export async function sendAll<T>(
  ctx: InventoryContext,
  service: SdkService,
  operation: string,
  input: Record<string, unknown>,
  pick: (page: any) => T[] | undefined,
  tokens: { in: string; out: string } = { in: 'NextToken', out: 'NextToken' },
  maxPages = 20,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await send(ctx, service, operation, token ? { ...input, [tokens.in]: token } : input);
    out.push(...(pick(res) ?? []));
    token = res?.[tokens.out];
    if (!token) break;
  }
  return out;
}

export function tagMap(tags: { Key?: string; Value?: string }[] | undefined): Record<string, string> | undefined {
  if (!tags?.length) return undefined;
  return Object.fromEntries(tags.map((t) => [t.Key ?? '', t.Value ?? '']));
}
