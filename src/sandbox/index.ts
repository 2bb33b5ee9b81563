// Public API of the sandbox. Importing this module loads no AWS SDK and no dockerode.
export { runSandbox } from './run.js';
export type { SandboxRequest, SandboxResult, ObservedChange, ReplayedCall } from './types.js';
export { installEmulators, isInstalled } from './install.js';
export { warmUp, warmDown, warmStatus, readWarmState } from './warm.js';
export { acquireSandbox, HOW_TO_GET_A_SANDBOX } from './providers/choose.js';
export type { ProviderChoice, ProviderKind, SandboxProvider } from './providers/types.js';
export { SANDBOX_SERVICES, routeService } from './routing.js';
export { discover } from './discover.js';
