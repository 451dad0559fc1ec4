/**
 * 单人保: a member of a marginal household (低保边缘家庭) covered as a single-person household gets a
 * case of their own, decided like any case (审核 → 公示 → 确认, same segregation of duties) and paid
 * for that member alone. Seeds: "对低收入家庭中的一、二级重度残疾人，三级智力、精神残疾人，重病患者纳入单独申请低保范围"
 * (seed 001, 长治); "对低保边缘家庭中特殊困难人员,参照“单人户”纳入低保" (seed 002, 株洲).
 *
 * Pure: given the household case and the member's case, what the member's case needs next. The
 * member's case opens on the household check that first covers them; every later household check is
 * recorded on it (a check that no longer covers them records an ineligible check, so it cannot be
 * approved on stale findings); a decided member case takes nothing more.
 */
import { ageOn, birthDateOf, chinaDate, isResidentId } from '@sa/domain-shared';
import type { OpenCase, RecordEconomicCheck, WithdrawCase } from './commands';
import type { CaseWithdrawn } from './events';
import type { CaseState, OpenedCase } from './state';
import { isDecided } from './state';
import type { CheckOutcome, SinglePersonCoverage } from './values';

export type SinglePersonCaseCommand = OpenCase | RecordEconomicCheck;

/** The members a household case's checks have covered alone (none for a case that is itself a 单人保 case). */
export function singlePersonMembersOf(household: CaseState): readonly string[] {
  if (household.phase === 'not-opened' || household.facts.singlePersonOf) return [];
  return household.singlePersonMemberIds;
}

/**
 * The command that brings the member's own case (`caseId`) up to the household's latest check, or
 * undefined when it is up to date, decided, or was never due.
 */
export function singlePersonCaseCommand(
  household: OpenedCase,
  memberId: string,
  caseId: string,
  memberCase: CaseState,
  at: string,
): SinglePersonCaseCommand | undefined {
  // A withdrawn application asks for nothing more, for any member (singlePersonWithdrawal closes what is open).
  if (household.phase === 'withdrawn') return undefined;
  const line = household.check.singlePersonCoverage?.find((c) => c.memberId === memberId);
  const member = household.facts.members.find((m) => m.memberId === memberId);
  if (memberCase.phase === 'not-opened') {
    if (!line || !member || memberCase.withdrawn) return undefined;
    return openMemberCase(household, line, member, caseId, at);
  }
  if (isDecided(memberCase) || memberCase.checkIds.includes(household.check.checkId)) return undefined;
  const check = line && member ? coveredCheck(household.check, line) : notCoveredCheck(household.check, memberId);
  return { type: 'RecordEconomicCheck', applicationId: caseId, check, recordedAt: at };
}

/**
 * The household's application was withdrawn (撤回申请): the member's own case, open and undecided,
 * is withdrawn with it — it came from that application. A decided one stays as it was.
 */
export function singlePersonWithdrawal(memberCase: CaseState, caseId: string, withdrawn: CaseWithdrawn['data']): WithdrawCase | undefined {
  if (memberCase.phase === 'not-opened' || isDecided(memberCase)) return undefined;
  return {
    type: 'WithdrawCase',
    applicationId: caseId,
    reason: `家庭申请 ${withdrawn.applicationId} 已撤回：${withdrawn.reason}`.slice(0, 500),
    withdrawnBy: withdrawn.withdrawnBy,
    withdrawnAt: withdrawn.withdrawnAt,
  };
}

function openMemberCase(
  household: OpenedCase,
  line: SinglePersonCoverage,
  member: OpenedCase['facts']['members'][number],
  caseId: string,
  at: string,
): OpenCase {
  const f = household.facts;
  return {
    type: 'OpenCase',
    applicationId: caseId,
    // 单人保 is dibao for a household of one ("纳入低保").
    programme: 'dibao',
    region: f.region,
    members: [member],
    applicantMemberId: member.memberId,
    ...(f.applicantPhone === undefined ? {} : { applicantPhone: f.applicantPhone }),
    // Paid into the household's account: the application named no other.
    bankAccount: f.bankAccount,
    consents: f.consents,
    involvesMinor: f.involvesMinor || isMinorOn(member.residentId, household.check.assessedAt),
    nearRelative: f.nearRelative,
    // Who took and investigated the household's application took and investigated this case too:
    // neither may review or confirm it (segregation of duties, as for the household).
    applicationTakenBy: f.applicationTakenBy,
    check: coveredCheck(household.check, line),
    openedAt: at,
    singlePersonOf: { householdApplicationId: f.applicationId, memberId: member.memberId, ground: line.ground },
  };
}

/** The household check's findings for the member alone: a household of one with the member's counted income. */
function coveredCheck(check: CheckOutcome, line: SinglePersonCoverage): CheckOutcome {
  return {
    checkId: check.checkId,
    eligible: true,
    ineligibilityReasons: [],
    policyId: check.policyId,
    standardFen: check.standardFen,
    householdSize: 1,
    countedMonthlyIncomeFen: line.memberCountedIncomeFen,
    perCapitaMonthlyIncomeFen: line.memberCountedIncomeFen,
    investigatedBy: check.investigatedBy,
    assessedAt: check.assessedAt,
    singlePersonCoverage: [line],
  };
}

function notCoveredCheck(check: CheckOutcome, memberId: string): CheckOutcome {
  const { singlePersonCoverage: _lines, ...figures } = check;
  return {
    ...figures,
    eligible: false,
    ineligibilityReasons: [
      { code: 'single-person-coverage-not-found', message: `家庭经济状况核对 ${check.checkId} 未再认定成员 ${memberId} 可按单人户纳入低保` },
    ],
  };
}

/** Under 18 on the day of the check: 公示 then protects them (the birth date a resident ID carries, GB 11643). */
function isMinorOn(residentId: string, instant: string): boolean {
  return isResidentId(residentId) && ageOn(birthDateOf(residentId), chinaDate(instant)) < 18;
}
