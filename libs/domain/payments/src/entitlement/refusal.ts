/**
 * Refusing an approved case as an entitlement because a member already has a live one (一人一保).
 * The claim on the resident (entitlement-claim) decides; this records the outcome on the case's
 * own entitlement stream, once, so a replayed approval adds nothing and auditors see why.
 */
import { accept, type Decision, type RegionCode } from '@sa/domain-shared';
import { problem, refuse } from '../rejections';
import { actorProblem, firstOf, idProblem, instantProblem, programmeProblem, regionCodeOf, regionProblem, textProblem } from '../validation';
import type { RefuseEntitlement } from './commands';
import type { EntitlementEvent } from './events';
import type { EntitlementState } from './state';

export function decideRefuse(c: RefuseEntitlement, state: EntitlementState): Decision<EntitlementEvent> {
  const invalid = firstOf(
    () => idProblem(c.entitlementId, 'entitlementId'),
    () => idProblem(c.applicationId, 'applicationId'),
    () => programmeProblem(c.programme, 'programme'),
    () => regionProblem(c.region, 'region'),
    () => idProblem(c.memberId, 'memberId'),
    () => idProblem(c.heldByApplicationId, 'heldByApplicationId'),
    () => textProblem(c.detail, 'detail', 1000),
    () => actorProblem(c.refusedBy, 'refusedBy'),
    () => instantProblem(c.refusedAt, 'refusedAt'),
  );
  if (invalid) return refuse(invalid);
  if (state.status === 'granted') return refuse(problem('ENTITLEMENT_ALREADY_GRANTED', 'this entitlement was already granted', 'entitlementId'));
  if (state.refusal) return accept();
  return accept({
    type: 'EntitlementRefused',
    data: {
      entitlementId: c.entitlementId,
      applicationId: c.applicationId,
      programme: c.programme,
      region: regionCodeOf(c.region) as RegionCode,
      reason: 'resident-already-on-benefit',
      memberId: c.memberId,
      heldByApplicationId: c.heldByApplicationId,
      detail: c.detail,
      refusedBy: c.refusedBy,
      refusedAt: c.refusedAt,
    },
  });
}
