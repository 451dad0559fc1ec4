/** Checks the review's commands share: the policy terms they carry, the review found, who may act. */
import { isWithin, type Actor } from '@sa/domain-shared';
import { authorityProblem, levelProblem, roleProblem } from '../authority';
import { problem, type ApprovalRejection } from '../rejections';
import { regionCodeOf } from '../validation';
import type { PeriodicReviewState, ScheduledReview } from './state';
import type { ReviewTerms } from './values';

type Check = ApprovalRejection | undefined;

const whole = (n: unknown, min: number, max: number) => Number.isInteger(n) && (n as number) >= min && (n as number) <= max;

export function termsProblem(terms: ReviewTerms | undefined, field: string): Check {
  const ok =
    terms !== undefined &&
    typeof terms.policyId === 'string' &&
    terms.policyId.length > 0 &&
    whole(terms.stableIntervalMonths, 1, 24) &&
    whole(terms.variableIntervalMonths, 1, 24) &&
    whole(terms.recheckDueWorkingDays, 1, 120) &&
    whole(terms.gradualExitMonths, 0, 24);
  return ok
    ? undefined
    : problem('INVALID_REVIEW_TERMS', 'must carry the policy version and its review intervals, re-check days and gradual-exit months', field);
}

export type Found = { readonly review: ScheduledReview } | { readonly rejection: ApprovalRejection };

export function scheduledReview(state: PeriodicReviewState, applicationId: string): Found {
  if (state.phase === 'unscheduled')
    return { rejection: problem('PERIODIC_REVIEW_NOT_SCHEDULED', `no review is scheduled for case ${applicationId}`, 'applicationId') };
  if (state.applicationId !== applicationId)
    return { rejection: problem('WRONG_CASE', `this stream holds the reviews of case ${state.applicationId}`, 'applicationId') };
  if (state.phase === 'closed') return { rejection: problem('PERIODIC_REVIEW_CLOSED', 'the case left assistance at an earlier review', 'applicationId') };
  return { review: state };
}

/** 核查 by a township (or village) worker of the case's area. */
export function recheckAuthorityProblem(actor: Actor, review: ScheduledReview, field: string): Check {
  return authorityProblem(
    actor,
    regionCodeOf(review.region) ?? (review.region as never),
    ['investigator', 'township-reviewer'],
    ['township', 'village'],
    field,
  );
}

/**
 * 审核/审批 of the review: a township reviewer of the area, or the county approver, and never the
 * person who recorded the re-check (the same 分离 as approval's review and confirmation).
 */
export function decisionAuthorityProblem(actor: Actor, review: ScheduledReview, recheckedBy: Actor | undefined, field: string): Check {
  const region = regionCodeOf(review.region);
  const orgUnit = regionCodeOf(actor.orgUnit);
  const found =
    actor.role === 'county-approver'
      ? levelProblem(actor, ['county'], field)
      : (roleProblem(actor, ['township-reviewer', 'county-approver'], field) ?? levelProblem(actor, ['township'], field));
  if (found) return found;
  if (!region || !orgUnit || !isWithin(region, orgUnit))
    return problem('OUTSIDE_JURISDICTION', `case region ${review.region} is outside ${actor.orgUnit}`, `${field}.orgUnit`);
  if (recheckedBy && recheckedBy.userId === actor.userId) {
    return problem('SEGREGATION_OF_DUTIES', 'the person who recorded the re-check may not decide the review', `${field}.userId`);
  }
  return undefined;
}
