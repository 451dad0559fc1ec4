/**
 * Value types of the periodic review (定期核查): one aggregate per live case, its stream holding the
 * case's review cycles one after another. Approval owns it because a review is a township decision
 * about the case with the same segregation of duties as the first approval (审核/确认); payments
 * only carries out what was decided (see DESIGN.md beside this file).
 */
import type { Actor, Fen, ReviewBasis, ReviewCadence } from '@sa/domain-shared';
import type { Programme, Reason } from '../values';

/** The five outcomes of a review. */
export const reviewOutcomes = ['continue', 'change-amount', 'start-gradual-exit', 'suspend', 'terminate'] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];

/** A step of the rule trace: which rule, applied to what, gave what. */
export interface ReviewTraceStep {
  readonly rule: string;
  readonly detail: string;
}

/** The household's money as the case pays it now: what a re-check is compared with. */
export interface ReviewedHousehold {
  readonly householdSize: number;
  readonly countedMonthlyIncomeFen: Fen;
  /** Standard per person per month (dibao, or the extreme-poverty support standard). */
  readonly standardFen: Fen;
  readonly monthlyAmountFen: Fen;
}

/** The figures of the regional policy version in force that a step uses, with its id (recomputable). */
export interface ReviewTerms {
  readonly policyId: string;
  readonly stableIntervalMonths: number;
  readonly variableIntervalMonths: number;
  readonly recheckDueWorkingDays: number;
  readonly gradualExitMonths: number;
  readonly holidays: readonly string[];
  readonly adjustedWorkingDays: readonly string[];
  readonly intervalsSource: string;
  readonly recheckDueSource: string;
}

/** What the township's re-check found (入户核查 and, where wired, the county data check). */
export interface RecheckFindings {
  readonly householdSize: number;
  readonly countedMonthlyIncomeFen: Fen;
  /** Standard per person per month in force on the re-check day for this case's programme and area. */
  readonly standardFen: Fen;
  /** The rise in income comes from work (就业): a dibao household then gets the gradual exit (渐退). */
  readonly incomeFromEmployment: boolean;
  readonly basis: ReviewBasis;
  /** The economic check the figures came from, when one was run. */
  readonly checkId?: string;
  readonly findings: string;
}

export interface ReviewProposal {
  readonly outcome: Exclude<ReviewOutcome, 'suspend'>;
  readonly perCapitaMonthlyIncomeFen: Fen;
  /** The amount the re-checked household is owed (0 when it is no longer entitled). */
  readonly monthlyAmountFen: Fen;
}

export interface ReviewDecisionRecord {
  readonly outcome: ReviewOutcome;
  readonly reasons: readonly Reason[];
  readonly decidedBy: Actor;
}

export type { Programme, ReviewBasis, ReviewCadence };
