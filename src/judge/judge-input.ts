import type { Action, ActionPrediction, BlastRadius, Reversibility, RiskException, SandboxSummary } from '../model.js';

/** An action after prediction: what the judge sees. */
export type JudgedAction = Action & { reversibility: Reversibility; stateful: boolean; dataLoss: boolean };

export interface JudgeInput {
  actions: JudgedAction[];
  blastRadius: BlastRadius;
  sandbox: SandboxSummary;
  /** The agent's autonomy tier (firebreak.yaml agent.autonomy). Absent: rules with `autonomy` do not match. */
  autonomy?: string;
  /** Which environment names are production (Config.environments fits). Used for blast-radius
   *  resources; names it does not list count as production unless an action says otherwise. */
  environments?: Record<string, { production: boolean }>;
  /** Prediction evidence per action, cited in reasons when present. */
  predictions?: ActionPrediction[];
  /** Accepted risks beyond the policy's own exceptions (inline accepts, baseline entries). */
  exceptions?: RiskException[];
  /** When exceptions are checked for expiry (default: now). */
  now?: Date;
}
