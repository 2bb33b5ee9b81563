import type { Action, DriftItem, InputKind } from '../model.js';
import type { WorldFragment } from '../world/world.js';

/** An action before the pipeline numbers it (ids are assigned in input order). */
export type PlannedAction = Omit<Action, 'id'>;

/** What reading one input gives: the planned actions, and what it says exists. */
export interface IntakeResult {
  kind: InputKind;
  file?: string;
  actions: PlannedAction[];
  world?: WorldFragment;
  drift?: import('../model.js').DriftItem[];
  /** Inline accepts (`# firebreak:accept RULE ...`, template Metadata) that apply to this input's actions. */
  accepts?: import('../model.js').RiskException[];
  /** Inline accepts added by the change under review: shown to the reviewer, not applied. */
  proposedAccepts?: import('../model.js').RiskException[];
  warnings: string[];
}

export type { DriftItem };
