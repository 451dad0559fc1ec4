/** Events of the PeriodicReview aggregate: `{ type, data }`, money in integer fen, each with its policy version. */
import type { Actor, Fen, ReviewBasis, ReviewCadence } from '@sa/domain-shared';
import type { Programme, Reason } from '../values';
import type { RecheckFindings, ReviewedHousehold, ReviewOutcome, ReviewProposal, ReviewTraceStep } from './values';

export interface PeriodicReviewScheduled {
  readonly type: 'PeriodicReviewScheduled';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: string;
    /** 1 for the first review of the case, then 2, 3, … */
    readonly cycle: number;
    readonly dueOn: string;
    readonly cadence: ReviewCadence;
    readonly intervalMonths: number;
    readonly basis: ReviewBasis;
    readonly household: ReviewedHousehold;
    readonly trace: readonly ReviewTraceStep[];
    readonly policyId: string;
    readonly scheduledBy: Actor;
    readonly scheduledAt: string;
  };
}

export interface PeriodicReviewOpened {
  readonly type: 'PeriodicReviewOpened';
  readonly data: {
    readonly applicationId: string;
    readonly region: string;
    readonly cycle: number;
    readonly dueOn: string;
    readonly openedOn: string;
    /** Last working day to record the re-check. */
    readonly recheckDueBy: string;
    readonly trace: readonly ReviewTraceStep[];
    readonly policyId: string;
    readonly openedBy: Actor;
    readonly openedAt: string;
  };
}

export interface PeriodicRecheckRecorded {
  readonly type: 'PeriodicRecheckRecorded';
  readonly data: {
    readonly applicationId: string;
    readonly cycle: number;
    readonly recheck: RecheckFindings;
    readonly proposal: ReviewProposal;
    readonly trace: readonly ReviewTraceStep[];
    readonly policyId: string;
    readonly recordedBy: Actor;
    readonly recordedAt: string;
  };
}

/** The re-check deadline passed: payment is suspended from suspendFromMonth until a late review decides. */
export interface PeriodicReviewLapsed {
  readonly type: 'PeriodicReviewLapsed';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: string;
    readonly cycle: number;
    readonly recheckDueBy: string;
    readonly suspendFromMonth: string;
    readonly reasons: readonly Reason[];
    readonly lapsedBy: Actor;
    readonly lapsedAt: string;
  };
}

export interface PeriodicReviewDecided {
  readonly type: 'PeriodicReviewDecided';
  readonly data: {
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: string;
    readonly cycle: number;
    readonly outcome: ReviewOutcome;
    readonly reasons: readonly Reason[];
    /** First month the outcome takes effect in payment (the month after the decision). */
    readonly effectiveMonth: string;
    /** What the household is owed after the review (the re-check's figures). */
    readonly household: ReviewedHousehold;
    readonly perCapitaMonthlyIncomeFen: Fen;
    /** Set for start-gradual-exit: the months still paid (policy). */
    readonly gradualExitMonths?: number;
    /** The review had lapsed and payment was suspended: an outcome that keeps paying resumes it. */
    readonly resumesSuspension: boolean;
    readonly recheckedBy: Actor;
    readonly trace: readonly ReviewTraceStep[];
    readonly policyId: string;
    readonly decidedBy: Actor;
    readonly decidedAt: string;
  };
}

export type PeriodicReviewEvent = PeriodicReviewScheduled | PeriodicReviewOpened | PeriodicRecheckRecorded | PeriodicReviewLapsed | PeriodicReviewDecided;
