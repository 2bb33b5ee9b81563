// `firebreak discover`: a read-only inventory of a live account (or an emulator with
// --endpoint-url) through the SDK. Only List/Describe/Get calls; the call log proves it.
import { CallLog } from './call-log.js';
import type { InventoryContext } from './inventory/context.js';
import { LISTERS } from './inventory/listers.js';
import { takeInventory } from './inventory/snapshot.js';
import type { Inventory } from './inventory/types.js';
import { sdkClient, type SdkClient, type SdkService } from './sdk-clients.js';

export interface DiscoverOptions {
  profile?: string;
  region?: string;
  endpointUrl?: string;
  services?: string[];
  /** For tests against an emulator. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export const READ_ONLY_OPERATION = /^(List|Describe|Get|Head)/;

export async function discover(opts: DiscoverOptions = {}): Promise<{ inventory: Inventory; operations: string[]; skipped: string[] }> {
  const log = new CallLog();
  const clients = new Map<string, Promise<SdkClient>>();
  const ctx: InventoryContext = {
    engineFor: () => 'aws',
    client(service: SdkService) {
      let c = clients.get(service);
      if (!c) {
        c = sdkClient(service, { endpoint: opts.endpointUrl, engine: 'aws', region: opts.region, profile: opts.profile, credentials: opts.credentials, loopbackOnly: false, log });
        clients.set(service, c);
      }
      return c;
    },
    dispose() {
      for (const c of clients.values()) void c.then((x) => x.destroy()).catch(() => {});
    },
  };
  const wanted = opts.services ?? Object.keys(LISTERS);
  const sdkServices = wanted.filter((s) => LISTERS[s]?.sdk);
  try {
    const inventory = await takeInventory(ctx, sdkServices);
    const operations = log.operations();
    const writes = operations.filter((o) => !READ_ONLY_OPERATION.test(o.split(':')[1]));
    if (writes.length) throw new Error(`discover sent non-read operations: ${writes.join(', ')}`);
    return { inventory, operations, skipped: wanted.filter((s) => !sdkServices.includes(s)) };
  } finally {
    ctx.dispose();
  }
}
