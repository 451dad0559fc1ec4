/**
 * What an approved case (caseApprovedV1) becomes: the GrantEntitlement command, with the standard
 * taken from the regional policy in force for the region in the benefit's first month. Pure, so the
 * mapping is tested without Kafka.
 */
import type { caseApprovedV1 } from '@sa/contracts';
import { entitlementIdFor, monthlyStandard, type GrantEntitlement } from '@sa/domain-payments';
import type { Actor, RegionalPolicy } from '@sa/domain-shared';

export type ApprovedCase = typeof caseApprovedV1 extends { readonly example: infer P } ? P : never;

export type GrantPlan =
  { readonly ok: true; readonly command: GrantEntitlement; readonly policy: RegionalPolicy } | { readonly ok: false; readonly reason: string };

/** The first day paid for decides which standard applies (提标 from a date applies from that month). */
export const policyDateOf = (approved: Pick<ApprovedCase, 'benefitStartMonth'>) => `${approved.benefitStartMonth}-01`;

export function grantForApprovedCase(approved: ApprovedCase, policy: RegionalPolicy | undefined, grantedBy: Actor, grantedAt: string): GrantPlan {
  if (!policy) return { ok: false, reason: `no regional policy is in force for region ${approved.region} on ${policyDateOf(approved)}` };
  const standard = monthlyStandard(policy, approved.programme, approved.region);
  if (!standard.ok) {
    return {
      ok: false,
      reason: `policy ${policy.id} has different urban and rural standards and region ${approved.region} is not a village-level code that says which applies`,
    };
  }
  const single = singlePersonProblem(approved);
  if (single) return { ok: false, reason: single };
  const command: GrantEntitlement = {
    type: 'GrantEntitlement',
    entitlementId: entitlementIdFor(approved.applicationId),
    applicationId: approved.applicationId,
    programme: approved.programme,
    region: approved.region,
    householdSize: approved.householdSize,
    members: approved.members.map((m) => ({ memberId: m.memberId, residentId: m.residentId })),
    standardFen: standard.standardFen,
    // The gap is computed from the household's counted income; per capita is carried for display only.
    countedHouseholdIncomeFen: approved.countedMonthlyIncomeFen as GrantEntitlement['countedHouseholdIncomeFen'],
    perCapitaCountedIncomeFen: approved.perCapitaMonthlyIncomeFen as GrantEntitlement['perCapitaCountedIncomeFen'],
    startMonth: approved.benefitStartMonth,
    policyId: policy.id,
    payee: { bankName: approved.bankAccount.bankName, accountHolder: approved.bankAccount.accountHolder, accountNumber: approved.bankAccount.accountNumber },
    grantedBy,
    grantedAt,
    ...(approved.singlePersonCoverage
      ? { singlePersonOf: { householdApplicationId: approved.singlePersonCoverage.householdApplicationId, memberId: approved.singlePersonCoverage.memberId } }
      : {}),
  };
  return { ok: true, command, policy };
}

/**
 * 单人保: a case covering one member of a marginal household alone is granted for that member only,
 * as a household of one (1 × standard − the member's counted income: the gap the check computed).
 * An approval that says 单人保 but lists more is never paid: it would pay the household's members.
 */
function singlePersonProblem(approved: ApprovedCase): string | undefined {
  const single = approved.singlePersonCoverage;
  if (!single) return undefined;
  const alone = approved.householdSize === 1 && approved.members.length === 1 && approved.members[0]?.memberId === single.memberId;
  return alone
    ? undefined
    : `case ${approved.applicationId} is a single-person case (单人保) for member ${single.memberId} but does not cover that member alone`;
}
