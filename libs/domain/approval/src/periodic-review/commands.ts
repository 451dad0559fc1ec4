/** Commands of the PeriodicReview aggregate (stream periodic-review-<applicationId>). */
import type { Actor, ReviewBasis } from '@sa/domain-shared';
import type { Programme, Reason } from '../values';
import type { RecheckFindings, ReviewedHousehold, ReviewOutcome, ReviewTerms } from './values';

/** An approved case's first review, from its approval (CaseApproved): due the first day of start month + interval. */
export interface ScheduleFirstReview {
  readonly type: 'ScheduleFirstReview';
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: string;
  readonly benefitStartMonth: string;
  readonly household: ReviewedHousehold;
  readonly basis: ReviewBasis;
  readonly terms: ReviewTerms;
  readonly scheduledBy: Actor;
  readonly scheduledAt: string;
}

/** The review falls due: it opens by itself (the scheduler) and the re-check deadline starts. */
export interface OpenReview {
  readonly type: 'OpenReview';
  readonly applicationId: string;
  /** The China calendar day it opens on, YYYY-MM-DD. */
  readonly today: string;
  readonly terms: ReviewTerms;
  readonly openedBy: Actor;
  readonly openedAt: string;
}

/** A township worker records the re-check (核查) of the household. */
export interface RecordRecheck {
  readonly type: 'RecordRecheck';
  readonly applicationId: string;
  readonly recheck: RecheckFindings;
  readonly terms: ReviewTerms;
  readonly recordedBy: Actor;
  readonly recordedAt: string;
}

/** No re-check by the deadline (the household cannot be reached, refuses): payment is suspended from next month. */
export interface LapseReview {
  readonly type: 'LapseReview';
  readonly applicationId: string;
  readonly today: string;
  readonly lapsedBy: Actor;
  readonly lapsedAt: string;
}

/** The township (or county) decides, someone other than who re-checked (分离). */
export interface DecideReview {
  readonly type: 'DecideReview';
  readonly applicationId: string;
  readonly outcome: ReviewOutcome;
  readonly reasons: readonly Reason[];
  readonly terms: ReviewTerms;
  readonly decidedBy: Actor;
  readonly decidedAt: string;
}

export type PeriodicReviewCommand = ScheduleFirstReview | OpenReview | RecordRecheck | LapseReview | DecideReview;
