import type { EngineName } from './routing.js';

/** One request the sandbox (or discover) sent: which operation, to which host, answered by which engine. */
export interface CallRecord {
  service: string;
  operation: string;
  host: string;
  engine?: EngineName | 'aws';
  ok?: boolean;
  errorCode?: string;
}

/** Collects every call, so reports can say which engine answered and tests can check hosts and verbs. */
export class CallLog {
  readonly calls: CallRecord[] = [];
  record(call: CallRecord): void {
    this.calls.push(call);
  }
  operations(): string[] {
    return this.calls.map((c) => `${c.service}:${c.operation}`);
  }
  hosts(): string[] {
    return [...new Set(this.calls.map((c) => c.host))];
  }
}
