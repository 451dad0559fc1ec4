/**
 * What intake and verification publish, turned into Case commands. Pure: the consumer handlers
 * call these and hand the command to the decider. Only what the case needs is taken (no declared
 * incomes or assets: the economic check has judged those).
 */
import type { applicationAmendedV1, applicationSubmittedV1, applicationWithdrawnV1, economicCheckCompletedV1, IntegrationContract } from '@sa/contracts';
import type { AmendApplication, CheckOutcome, ReceiveApplication, Reason, RecordEconomicCheck, WithdrawCase } from '@sa/domain-approval';
import { ageOn, ancestorAt, type Actor, chinaDate, fen, parseRegionCode, type ReviewBasis } from '@sa/domain-shared';

type PayloadOf<C> = C extends IntegrationContract<infer P> ? P : never;
export type ApplicationSubmitted = PayloadOf<typeof applicationSubmittedV1>;
export type ApplicationAmended = PayloadOf<typeof applicationAmendedV1>;
export type ApplicationWithdrawn = PayloadOf<typeof applicationWithdrawnV1>;
export type EconomicCheckCompleted = PayloadOf<typeof economicCheckCompletedV1>;
type Member = ApplicationSubmitted['household']['members'][number];

/** The approval service itself, acting in the county of a case on what another service reported. */
export function approvalSystemActor(region: string): Actor {
  const code = parseRegionCode(region);
  return { userId: 'approval-service', role: 'county-system', orgUnit: ancestorAt(code, 'county') ?? code };
}

/** The household as the case sees it: who is covered, who applied, and whether the notice may name them. */
function householdOf(members: readonly Member[], onDay: string) {
  const applicant = members.find((m) => m.relation === 'applicant') ?? (members[0] as Member);
  return {
    members: members.map(({ memberId, residentId, name }) => ({ memberId, residentId, name })),
    applicantMemberId: applicant.memberId,
    // 公示 protects minors: a case whose applicant is a minor is noticed without publishing personal details.
    involvesMinor: ageOn(applicant.birthDate, onDay) < 18,
  };
}

/** Income kinds whose amount varies month to month (收入来源不固定, seed 001): work, business, farming. */
const irregularIncomeKinds: ReadonlySet<string> = new Set(['wage', 'business', 'farming', 'happiness-post-wage', 'other']);

/**
 * What sets the review interval (定期核查): a member able to work (有劳动能力), or income that varies,
 * makes a dibao household six-monthly; otherwise (elderly, severely disabled, no work ability) yearly.
 */
export function reviewBasisOf(members: readonly Member[]): ReviewBasis {
  return {
    membersAbleToWork: members.some((m) => m.workAbility !== 'none'),
    irregularIncome: members.some((m) => m.declaredMonthlyIncomes.some((i) => irregularIncomeKinds.has(i.kind) && i.monthlyFen > 0)),
  };
}

export function receiveApplication(p: ApplicationSubmitted, receivedAt: string): ReceiveApplication {
  return {
    type: 'ReceiveApplication',
    applicationId: p.applicationId,
    programme: p.programme,
    region: p.region,
    ...householdOf(p.household.members, chinaDate(p.submittedAt)),
    bankAccount: p.household.bankAccount,
    consents: p.consents,
    nearRelative: p.nearRelative.declared,
    applicationTakenBy: p.takenBy,
    reviewBasis: reviewBasisOf(p.household.members),
    receivedAt,
  };
}

export function amendApplication(p: ApplicationAmended): AmendApplication {
  const c = p.changes;
  return {
    type: 'AmendApplication',
    applicationId: p.applicationId,
    changes: {
      ...(c.region === undefined ? {} : { region: c.region }),
      ...(c.members === undefined ? {} : { household: householdOf(c.members, chinaDate(p.amendedAt)) }),
      ...(c.bankAccount === undefined ? {} : { bankAccount: c.bankAccount }),
      ...(c.consents === undefined ? {} : { consents: c.consents }),
      ...(c.nearRelative === undefined ? {} : { nearRelative: c.nearRelative.declared }),
    },
    reason: p.reason,
    amendedBy: p.amendedBy,
    amendedAt: p.amendedAt,
  };
}

export function withdrawCase(p: ApplicationWithdrawn): WithdrawCase {
  return { type: 'WithdrawCase', applicationId: p.applicationId, reason: p.reason, withdrawnBy: p.withdrawnBy, withdrawnAt: p.withdrawnAt };
}

export function recordEconomicCheck(p: EconomicCheckCompleted, recordedAt: string): RecordEconomicCheck {
  return { type: 'RecordEconomicCheck', applicationId: p.applicationId, check: checkOutcome(p), recordedAt };
}

function checkOutcome(p: EconomicCheckCompleted): CheckOutcome {
  return {
    checkId: p.checkId,
    eligible: p.eligible,
    ineligibilityReasons: p.eligible ? p.ineligibilityReasons : ineligibilityReasons(p),
    policyId: p.policyId,
    standardFen: fen(p.standardFen),
    householdSize: p.householdSize,
    countedMonthlyIncomeFen: fen(p.countedMonthlyIncomeFen),
    perCapitaMonthlyIncomeFen: fen(p.perCapitaMonthlyIncomeFen),
    // An automatic check has no person behind it; the verification service is then the investigator.
    investigatedBy: p.investigator ?? { userId: 'verification-service', role: 'county-system', orgUnit: approvalSystemActor(p.region).orgUnit },
    assessedAt: p.assessedAt,
    // 单人保: members the check covers alone; approval opens a case of their own (single-person-cases.ts).
    ...(p.singlePersonCoverage?.length
      ? {
          singlePersonCoverage: p.singlePersonCoverage.map((c) => ({
            memberId: c.memberId,
            ground: c.ground,
            memberCountedIncomeFen: fen(c.memberCountedIncomeFen),
            monthlyGapFen: fen(c.monthlyGapFen),
          })),
        }
      : {}),
  };
}

/**
 * An ineligible finding must say why (the written rejection notice quotes it). The contract lets
 * the list be empty, so the property-test failures, or the income test, stand in for it.
 */
function ineligibilityReasons(p: EconomicCheckCompleted): Reason[] {
  if (p.ineligibilityReasons.length > 0) return [...p.ineligibilityReasons];
  const property = p.propertyTest.failures.map((f) => ({ code: 'property-test-failed', message: `${f.rule}: ${f.detail}` }));
  if (property.length > 0) return property.slice(0, 20);
  return [{ code: 'income-above-standard', message: `家庭月人均收入 ${p.perCapitaMonthlyIncomeFen} 分不低于当地保障标准 ${p.standardFen} 分` }];
}
