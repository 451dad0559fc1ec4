/**
 * Who may act on a case: role, organisation level and jurisdiction, and the segregation of duties
 * that guards against favouritism (人情保/关系保): the person who took the application may not
 * review or confirm it; whoever investigated or reviewed it may not confirm it.
 */
import { isWithin, regionLevel, type Actor, type RegionCode, type RegionLevel, type Role } from '@sa/domain-shared';
import { problem, type ApprovalRejection } from './rejections';
import type { OpenedCase } from './state';
import { regionCodeOf } from './validation';
import type { ConfirmationLevel } from './values';

type Check = ApprovalRejection | undefined;

/** Call after actorProblem, which refuses an org unit that is not a region code. */
function orgUnitOf(actor: Actor): RegionCode {
  return regionCodeOf(actor.orgUnit) as RegionCode;
}

export function roleProblem(actor: Actor, roles: readonly Role[], field: string): Check {
  return roles.includes(actor.role) ? undefined : problem('ROLE_NOT_ALLOWED', `must be done by ${roles.join(' or ')}, not ${actor.role}`, `${field}.role`);
}

export function levelProblem(actor: Actor, levels: readonly RegionLevel[], field: string): Check {
  const level = regionLevel(orgUnitOf(actor));
  return levels.includes(level)
    ? undefined
    : problem('ORG_UNIT_LEVEL_NOT_ALLOWED', `must be done at ${levels.join(' or ')} level, not ${level}`, `${field}.orgUnit`);
}

export function jurisdictionProblem(actor: Actor, region: RegionCode, field: string): Check {
  return isWithin(region, orgUnitOf(actor))
    ? undefined
    : problem('OUTSIDE_JURISDICTION', `case region ${region} is outside ${actor.orgUnit}`, `${field}.orgUnit`);
}

export function authorityProblem(actor: Actor, region: RegionCode, roles: readonly Role[], levels: readonly RegionLevel[], field: string): Check {
  return roleProblem(actor, roles, field) ?? levelProblem(actor, levels, field) ?? jurisdictionProblem(actor, region, field);
}

/** 受理 and 审核 by different people. */
export function reviewSegregationProblem(state: OpenedCase, reviewer: Actor, field: string): Check {
  return reviewer.userId === state.facts.applicationTakenBy.userId
    ? problem('SEGREGATION_OF_DUTIES', 'the person who took the application may not review it', `${field}.userId`)
    : undefined;
}

/** 确认 by someone who neither took, investigated nor reviewed the case. */
export function confirmationSegregationProblem(state: OpenedCase, confirmer: Actor, field: string): Check {
  const id = confirmer.userId;
  const sod = (why: string) => problem('SEGREGATION_OF_DUTIES', why, `${field}.userId`);
  if (id === state.facts.applicationTakenBy.userId) return sod('the person who took the application may not confirm it');
  if (state.investigatorIds.includes(id)) return sod('a person who investigated the household may not confirm the case');
  if (state.reviewerIds.includes(id)) return sod('a person who reviewed the case may not confirm it');
  return undefined;
}

export type ConfirmationAuthority = { readonly level: ConfirmationLevel } | { readonly rejection: ApprovalRejection };

/**
 * Confirmation belongs to the county's civil-affairs department; a township may confirm only where
 * the policy delegates it (审批权限下放), and never a near-relative case (近亲属备案), which always
 * goes to the county.
 */
export function confirmationAuthority(state: OpenedCase, actor: Actor, delegatedToTownship: boolean, field: string): ConfirmationAuthority {
  const level = regionLevel(orgUnitOf(actor));
  const refused = (rejection: ApprovalRejection) => ({ rejection });
  if (level === 'county') {
    const found = roleProblem(actor, ['county-approver'], field) ?? jurisdictionProblem(actor, state.facts.region, field);
    return found ? refused(found) : { level: 'county' };
  }
  if (level === 'township') {
    if (state.facts.nearRelative) {
      return refused(problem('NEAR_RELATIVE_REQUIRES_COUNTY', 'a near-relative case (近亲属备案) must be confirmed by the county', `${field}.orgUnit`));
    }
    if (!delegatedToTownship) {
      return refused(problem('CONFIRMATION_NOT_DELEGATED', 'confirmation is not delegated to townships in this region', `${field}.orgUnit`));
    }
    const found = roleProblem(actor, ['township-reviewer'], field) ?? jurisdictionProblem(actor, state.facts.region, field);
    return found ? refused(found) : { level: 'township' };
  }
  return refused(problem('ORG_UNIT_LEVEL_NOT_ALLOWED', `must be confirmed at county (or delegated township) level, not ${level}`, `${field}.orgUnit`));
}
