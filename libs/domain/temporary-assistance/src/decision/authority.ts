/**
 * Who decides a temporary case: a township reviewer (乡镇审核) at the township of the emergency, or
 * a county approver (县级审批) of its county; never the person who took the application, and at
 * the county never the person who reviewed it at the township (segregation of duties, as for dibao).
 */
import { isRegionCode, isWithin, parseRegionCode, type Actor } from '@sa/domain-shared';
import { problem } from '../rejections';
import type { Check } from '../validation';
import type { OpenedTemporaryDecision } from './state';

export type Tier = 'township' | 'county';

export function tierOf(actor: Actor, state: OpenedTemporaryDecision, field: string): { tier: Tier } | { refused: NonNullable<Check> } {
  if (!isRegionCode(actor.orgUnit) && !/^\d{2}$|^\d{4}$/.test(actor.orgUnit)) {
    return { refused: problem('OUTSIDE_JURISDICTION', `org unit ${actor.orgUnit} is not a region`, `${field}.orgUnit`) };
  }
  const unit = /^\d{2}$|^\d{4}$/.test(actor.orgUnit) ? actor.orgUnit : parseRegionCode(actor.orgUnit);
  const level = unit.length === 9 ? 'township' : unit.length === 6 ? 'county' : undefined;
  const tier: Tier | undefined =
    level === 'township' && actor.role === 'township-reviewer' ? 'township' : level === 'county' && actor.role === 'county-approver' ? 'county' : undefined;
  if (!tier) {
    return {
      refused: problem(
        'ROLE_NOT_ALLOWED',
        `a temporary case is decided by a township-reviewer of a township or a county-approver of a county, not ${actor.role} of ${unit}`,
        `${field}.role`,
      ),
    };
  }
  if (!isWithin(parseRegionCode(state.facts.emergencyLocation), unit as never)) {
    return { refused: problem('OUTSIDE_JURISDICTION', `the emergency at ${state.facts.emergencyLocation} is outside ${unit}`, `${field}.orgUnit`) };
  }
  return { tier };
}

export function segregationProblem(actor: Actor, state: OpenedTemporaryDecision, tier: Tier, field: string): Check {
  if (actor.userId === state.facts.appliedBy.userId) {
    return problem('SEGREGATION_OF_DUTIES', 'the person who took the application may not decide it', `${field}.userId`);
  }
  if (tier === 'county' && actor.userId === state.townshipReviewerId) {
    return problem('SEGREGATION_OF_DUTIES', 'the person who reviewed the case at the township may not approve it for the county', `${field}.userId`);
  }
  return undefined;
}
