// One hook call's time, shared by everything that judges it. Agents run the hook with a 10 s timeout
// (install/targets.ts) and run the command when a hook dies, so the answer must be written before
// that, however the call is judged: by the resident judge, in-process, or in-process after the
// judge failed. The budget counts from the hook process's start.

/** The seconds agents are told to wait for the hook (install/targets.ts). */
export const HOOK_TIMEOUT_S = 10;
/** The internal deadline of one call: a verdict later than this is a deny for want of time. */
export const HOOK_DEADLINE_MS = 8_000;
/** What the resident client keeps back: it stops waiting for the judge when this much is left,
 *  so that a hung judge still leaves time to judge the call in-process. */
export const RESIDENT_RESERVE_MS = 1_500;
/** The least an in-process judgment gets after the judge failed, whatever is left. */
export const MIN_IN_PROCESS_MS = 1_000;
/** What the judge keeps back from the client's wait for the audit record and the reply: its own
 *  judgment must end this long before the client stops waiting. */
export const JUDGE_ANSWER_MARGIN_MS = 600;

/** The call's whole budget (FIREBREAK_HOOK_DEADLINE_MS, else HOOK_DEADLINE_MS). */
export function hookBudgetMs(env: NodeJS.ProcessEnv): number {
  const given = Number(env.FIREBREAK_HOOK_DEADLINE_MS);
  return given > 0 ? given : HOOK_DEADLINE_MS;
}

/** What is left of the budget in this hook process (performance.now() counts from its start): never
 *  less than MIN_IN_PROCESS_MS, or the whole budget when that is smaller. */
export function leftOfBudgetMs(env: NodeJS.ProcessEnv): number {
  const total = hookBudgetMs(env);
  return Math.max(Math.min(MIN_IN_PROCESS_MS, total), Math.floor(total - performance.now()));
}

/** How long the resident client may wait for the judge: until RESIDENT_RESERVE_MS is left. */
export function judgeWaitMs(env: NodeJS.ProcessEnv): number {
  return Math.floor(hookBudgetMs(env) - RESIDENT_RESERVE_MS - performance.now());
}
