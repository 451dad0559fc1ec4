/** The review figures of the regional policy in force, and the standard a re-check compares with. */
import type { Programme, ReviewTerms } from '@sa/domain-approval';
import { monthlyStandard } from '@sa/domain-payments';
import type { Fen, RegionalPolicy } from '@sa/domain-shared';
import { CommandRejectedError, type RegionalPolicies } from '@sa/platform';

export function reviewTermsOf(policy: RegionalPolicy): ReviewTerms | undefined {
  const review = policy.periodicReview;
  if (!review) return undefined;
  return {
    policyId: policy.id,
    stableIntervalMonths: review.stableIntervalMonths,
    variableIntervalMonths: review.variableIntervalMonths,
    recheckDueWorkingDays: review.recheckDueWorkingDays,
    gradualExitMonths: policy.gradualExitMonths,
    holidays: review.holidays,
    adjustedWorkingDays: review.adjustedWorkingDays,
    intervalsSource: review.sources.intervals,
    recheckDueSource: review.sources.recheckDue,
  };
}

/** The terms in force for a region on a day, or undefined when none is (no policy, or no periodicReview block). */
export function reviewTermsIn(policies: RegionalPolicies, region: string, day: string): ReviewTerms | undefined {
  try {
    return reviewTermsOf(policies.inForce(region, day));
  } catch {
    return undefined;
  }
}

const refused = (message: string) => new CommandRejectedError({ code: 'NO_PERIODIC_REVIEW_POLICY', kind: 'invalid', message, field: 'region' });

/** For a REST step: the terms and the programme's standard in force, or a 422 naming the region and day. */
export function reviewPolicyOrRefuse(policies: RegionalPolicies, programme: Programme, region: string, day: string): { terms: ReviewTerms; standardFen: Fen } {
  let policy: RegionalPolicy;
  try {
    policy = policies.inForce(region, day);
  } catch (error) {
    throw refused((error as Error).message);
  }
  const terms = reviewTermsOf(policy);
  if (!terms) throw refused(`policy ${policy.id} in force for region ${region} on ${day} has no periodicReview block`);
  const standard = monthlyStandard(policy, programme, region);
  if (!standard.ok) throw refused(`policy ${policy.id} has different urban and rural standards and region ${region} does not say which applies`);
  return { terms, standardFen: standard.standardFen };
}
