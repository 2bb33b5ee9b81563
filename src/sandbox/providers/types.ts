import type { EngineEndpoint, EngineHealth } from '../engines.js';

export type ProviderKind = 'endpoint' | 'docker' | 'host';
export type ProviderChoice = 'auto' | ProviderKind;

export interface StartOptions {
  /** Progress lines for slow steps. */
  log?: (line: string) => void;
  /** Leave the emulators running after this process exits (`firebreak sandbox up`). */
  detach?: boolean;
  timeoutMs?: number;
}

/** One way of getting emulators: already running, Docker containers, or host processes. */
export interface SandboxProvider {
  readonly kind: ProviderKind;
  /** Starts (or connects to) the emulators; resolves once they answer health checks. */
  start(opts?: StartOptions): Promise<EngineEndpoint[]>;
  /** Stops what start() started (a no-op for emulators someone else runs). */
  stop(): Promise<void>;
  endpoints(): EngineEndpoint[];
  health(): Promise<EngineHealth[]>;
}

/** Thrown when a provider cannot give us an emulator; says how to get one. */
export class SandboxUnavailableError extends Error {
  constructor(message: string, readonly howToFix: string) {
    super(message);
    this.name = 'SandboxUnavailableError';
  }
}
