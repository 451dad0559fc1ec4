/** State of the HouseholdCheck aggregate, folded from its events. */
import type { Actor, RegionCode } from '@sa/domain-shared';
import type { HouseholdAssessment } from '../assessment/assess-household';
import type { Area, HouseholdSnapshot, Programme } from '../household';
import type { ResidentRecords } from '../register/resident-records';
import type { AbandonmentReason, CheckOutcome, HouseholdCheckEvent } from './messages';

export interface CheckedApplication {
  readonly applicationId: string;
  readonly programme: Programme;
  readonly region: RegionCode;
  readonly area: Area;
  readonly household: HouseholdSnapshot;
  /** Every check id used on this application, so a re-check cannot reuse one. */
  readonly checkIds: readonly string[];
  /** Sustained objections already re-checked: each sends the application back once. */
  readonly objectionIds: readonly string[];
}

export interface CheckRound {
  readonly checkId: string;
  /** The person who asked for this round, when one did. */
  readonly requestedBy?: Actor;
  readonly data?: { readonly records: readonly ResidentRecords[]; readonly asOf: string };
  readonly assessed?: { readonly assessedAt: string; readonly assessment: HouseholdAssessment };
}

export type HouseholdCheckState =
  | { readonly status: 'not-requested' }
  | { readonly status: 'open'; readonly application: CheckedApplication; readonly round: CheckRound }
  | { readonly status: 'completed'; readonly application: CheckedApplication; readonly round: CheckRound; readonly outcome: CheckOutcome }
  /** Closed because it cannot complete on its facts (CheckAbandoned); a re-check opens a new round. */
  | { readonly status: 'abandoned'; readonly application: CheckedApplication; readonly round: CheckRound; readonly reason: AbandonmentReason }
  /** Cancelled because the application was withdrawn; outcome is kept when the round had completed. */
  | { readonly status: 'cancelled'; readonly application: CheckedApplication; readonly round: CheckRound; readonly outcome?: CheckOutcome };

export const initialHouseholdCheckState: HouseholdCheckState = { status: 'not-requested' };

export function evolveHouseholdCheck(state: HouseholdCheckState, event: HouseholdCheckEvent): HouseholdCheckState {
  if (event.type === 'CheckRequested') {
    const { checkId, applicationId, programme, region, area, household } = event.data;
    return { status: 'open', application: { applicationId, programme, region, area, household, checkIds: [checkId], objectionIds: [] }, round: { checkId } };
  }
  if (state.status === 'not-requested') return state;
  switch (event.type) {
    case 'RecheckRequested': {
      const { household, checkId, objectionId, region, area, requestedBy } = event.data;
      const application = {
        ...state.application,
        household,
        ...(region ? { region } : {}),
        ...(area ? { area } : {}),
        checkIds: [...state.application.checkIds, checkId],
        objectionIds: objectionId ? [...state.application.objectionIds, objectionId] : state.application.objectionIds,
      };
      return { status: 'open', application, round: { checkId, ...(requestedBy ? { requestedBy } : {}) } };
    }
    case 'DepartmentDataCollected': {
      // New data makes any earlier assessment of this round stale: it must be assessed again.
      const { assessed: _stale, ...round } = state.round;
      return { ...state, round: { ...round, data: { records: event.data.records, asOf: event.data.asOf } } };
    }
    case 'HouseholdEconomicStatusAssessed':
      return { ...state, round: { ...state.round, assessed: { assessedAt: event.data.assessedAt, assessment: event.data.assessment } } };
    case 'CheckCompleted':
      return { status: 'completed', application: state.application, round: state.round, outcome: event.data.outcome };
    case 'CheckAbandoned':
      return { status: 'abandoned', application: state.application, round: state.round, reason: event.data.reason };
    case 'CheckCancelled':
      return { status: 'cancelled', application: state.application, round: state.round, ...(state.status === 'completed' ? { outcome: state.outcome } : {}) };
  }
}
