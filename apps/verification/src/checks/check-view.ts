/**
 * What GET /checks/:applicationId answers: the check as its events say now — the current round's
 * result with the full rule trace, and every round with who asked for it, why and how it ended.
 * Resident IDs are masked; members are named by their member id.
 */
import { maskResidentId } from '@sa/domain-shared';
import type { HouseholdCheckEvent, HouseholdCheckState } from '@sa/domain-verification';
import type { RecordedEvent } from '@sa/event-store';
import { householdView } from './household-view';

interface RoundView {
  checkId: string;
  trigger: 'application' | 'objection' | 'investigator' | 'amendment';
  /** The sustained objection (公示异议) that sent the case back, when one did. */
  objectionId?: string;
  reason?: string;
  requestedAt: string;
  requestedBy: RecordedEvent['actor'];
  departmentDataAsOf?: string;
  completedAt?: string;
  outcome?: 'eligible' | 'ineligible';
  cancelledAt?: string;
  /** When the round was closed because it cannot complete, and why. */
  abandonedAt?: string;
  abandonedReason?: { code: string; message: string };
}

function trigger(data: Extract<HouseholdCheckEvent, { type: 'RecheckRequested' }>['data']): RoundView['trigger'] {
  if (data.objectionId) return 'objection';
  return data.requestedBy ? 'investigator' : 'amendment';
}

/** Every round of the check, from its events (with the envelope's actor: who did it). */
export function roundsOf(history: readonly RecordedEvent[]): RoundView[] {
  const rounds: RoundView[] = [];
  for (const recorded of history) {
    const event = { type: recorded.type, data: recorded.data } as HouseholdCheckEvent;
    const current = rounds.at(-1);
    switch (event.type) {
      case 'CheckRequested':
        rounds.push({ checkId: event.data.checkId, trigger: 'application', requestedAt: event.data.requestedAt, requestedBy: recorded.actor });
        break;
      case 'RecheckRequested':
        rounds.push({
          checkId: event.data.checkId,
          trigger: trigger(event.data),
          ...(event.data.objectionId ? { objectionId: event.data.objectionId } : {}),
          reason: event.data.reason,
          requestedAt: event.data.requestedAt,
          requestedBy: recorded.actor,
        });
        break;
      case 'DepartmentDataCollected':
        if (current) current.departmentDataAsOf = event.data.asOf;
        break;
      case 'CheckCompleted':
        if (current) Object.assign(current, { completedAt: event.data.completedAt, outcome: event.data.outcome });
        break;
      case 'CheckAbandoned':
        if (current) Object.assign(current, { abandonedAt: event.data.abandonedAt, abandonedReason: event.data.reason });
        break;
      case 'CheckCancelled':
        if (current) Object.assign(current, { cancelledAt: event.data.cancelledAt, reason: event.data.reason });
        break;
      case 'HouseholdEconomicStatusAssessed':
        break;
    }
  }
  return rounds;
}

export function checkView(applicationId: string, state: Exclude<HouseholdCheckState, { status: 'not-requested' }>, history: readonly RecordedEvent[]) {
  const { application, round } = state;
  const assessment = round.assessed?.assessment;
  const outcome = state.status === 'completed' || state.status === 'cancelled' ? state.outcome : undefined;
  return {
    applicationId,
    status: state.status,
    checkId: round.checkId,
    programme: application.programme,
    region: application.region,
    area: application.area,
    ...(outcome ? { outcome } : {}),
    ...(state.status === 'abandoned' ? { abandonedReason: state.reason } : {}),
    ...(assessment && outcome
      ? {
          result: {
            ...assessment,
            assessedAt: round.assessed?.assessedAt,
            discrepancies: assessment.discrepancies.map(({ residentId, ...d }) => ({ residentIdMasked: maskResidentId(residentId), ...d })),
          },
        }
      : {}),
    household: householdView(application.household),
    rounds: roundsOf(history),
  };
}
