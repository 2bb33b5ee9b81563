// Memos a module keeps for the life of a process (the guarded set, git's repository discovery,
// files read with their stat data) are right for a hook process, which judges one call and exits.
// The resident judge (src/agents/resident/server.ts) judges many calls in one process, each with
// its own working folder, environment and files on disk: it forgets them all before each call, so
// no answer depends on what the disk or the environment said for an earlier one.

const resets: (() => void)[] = [];

/** Registers how to forget a module's memo; call at module top level. */
export function forgetPerCall(reset: () => void): void {
  resets.push(reset);
}

/** Forgets every registered memo (the resident judge, before each call). */
export function forgetCallState(): void {
  for (const reset of resets) reset();
}
