/** What every command of this service shares: how refusals map to HTTP, and who the service itself is. */
import type { Actor, Rejection } from '@sa/domain-shared';
import type { AuthenticatedActor, CommandContext, ExecuteOptions } from '@sa/platform';

/** Refusals about the referral's or organisation's current state, not about the input: 409. */
const conflicts = new Set([
  'REFERRAL_ALREADY_OPENED',
  'REFERRAL_CLOSED',
  'OFFER_ALREADY_OPEN',
  'REFERRAL_ALREADY_ACCEPTED',
  'ORGANISATION_ALREADY_TRIED',
  'NO_MATCHING_ORGANISATION',
  'NO_OPEN_OFFER',
  'NOT_CURRENT_ORGANISATION',
  'OFFER_DEADLINE_PASSED',
  'OFFER_NOT_YET_DUE',
  'REFERRAL_NOT_ACCEPTED',
  'ASSISTANCE_ALREADY_RECORDED',
  'OUTCOME_DOES_NOT_FIT_STATUS',
  'ORGANISATION_ALREADY_REGISTERED',
  'ORGANISATION_DEREGISTERED',
]);

export const executeOptions: ExecuteOptions = {
  statusFor: (rejection: Rejection) => (rejection.code.endsWith('NOT_FOUND') ? 404 : conflicts.has(rejection.code) ? 409 : 422),
};

/** The actor as events record it: id, role and organisation unit, never the display name. */
export function actorOf(actor: AuthenticatedActor): Actor {
  return { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit };
}

export function userContext(actor: AuthenticatedActor, correlationId: string): CommandContext {
  return { actor: actorOf(actor), correlationId };
}

/** The service acting on its own (a case decision arriving, a lapsed offer), in the region of the household. */
export function serviceActor(region: string): Actor {
  return { userId: 'charity-referral-service', role: 'county-system', orgUnit: region };
}
