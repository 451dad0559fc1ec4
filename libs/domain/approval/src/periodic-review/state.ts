/** The PeriodicReview aggregate's state: the case's current cycle and what it needs to decide. */
import type { Actor, ReviewBasis } from '@sa/domain-shared';
import type { Programme } from '../values';
import type { PeriodicReviewEvent } from './events';
import type { RecheckFindings, ReviewedHousehold, ReviewProposal } from './values';

export type ReviewPhase = 'unscheduled' | 'scheduled' | 'open' | 'rechecked' | 'closed';

export interface ScheduledReview {
  readonly phase: Exclude<ReviewPhase, 'unscheduled'>;
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: string;
  readonly cycle: number;
  readonly dueOn: string;
  readonly basis: ReviewBasis;
  /** What the case pays now. */
  readonly household: ReviewedHousehold;
  readonly recheckDueBy?: string;
  readonly recheck?: { readonly findings: RecheckFindings; readonly proposal: ReviewProposal; readonly recordedBy: Actor };
  /** Payment was suspended because this cycle's re-check was late. */
  readonly lapsed: boolean;
}

export type PeriodicReviewState = { readonly phase: 'unscheduled' } | ScheduledReview;

export const initialPeriodicReviewState: PeriodicReviewState = { phase: 'unscheduled' };

export function evolvePeriodicReview(state: PeriodicReviewState, event: PeriodicReviewEvent): PeriodicReviewState {
  if (event.type === 'PeriodicReviewScheduled') {
    const { applicationId, programme, region, cycle, dueOn, basis, household } = event.data;
    // A suspension from a lapse stays until a later decision resumes it: carried into the next cycle.
    const lapsed = state.phase !== 'unscheduled' && state.lapsed;
    return { phase: 'scheduled', applicationId, programme, region, cycle, dueOn, basis, household, lapsed };
  }
  if (state.phase === 'unscheduled') return state;
  switch (event.type) {
    case 'PeriodicReviewOpened':
      return { ...state, phase: 'open', recheckDueBy: event.data.recheckDueBy };
    case 'PeriodicRecheckRecorded': {
      const { recheck, proposal, recordedBy } = event.data;
      return { ...state, phase: 'rechecked', recheck: { findings: recheck, proposal, recordedBy } };
    }
    case 'PeriodicReviewLapsed':
      return { ...state, lapsed: true };
    case 'PeriodicReviewDecided': {
      const { outcome, household, resumesSuspension } = event.data;
      const closed = outcome === 'terminate' || outcome === 'start-gradual-exit';
      const lapsed = outcome === 'suspend' || (state.lapsed && !resumesSuspension);
      return { ...state, phase: closed ? 'closed' : state.phase, household, lapsed, recheck: undefined, recheckDueBy: undefined };
    }
  }
}
