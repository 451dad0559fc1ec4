/** What every command of this service shares: who acts, and who the service itself is. */
import type { Actor } from '@sa/domain-shared';
import type { AuthenticatedActor, CommandContext } from '@sa/platform';

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
