// Is a person there to answer an `ask`? Anything that says "unattended" wins.
const TRUTHY = /^(1|true|yes)$/i;

export function unattendedByEnvironment(env: NodeJS.ProcessEnv): boolean {
  return TRUTHY.test(env.CI ?? '') || TRUTHY.test(env.GITHUB_ACTIONS ?? '') || TRUTHY.test(env.FIREBREAK_UNATTENDED ?? '');
}
