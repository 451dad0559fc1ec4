import { fen, fold, given } from '@sa/domain-shared';
import type { ApproveCase, CompleteTownshipReview } from './commands';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { singlePersonCaseCommand, singlePersonMembersOf, singlePersonWithdrawal } from './single-person';
import type { CaseState, OpenedCase } from './state';
import { actors, applicationId, approve as approveCase, caseOpened, check, members, noticePosted } from './test-support/case-fixtures';
import type { CheckOutcome } from './values';

const grandmother = members[0] as (typeof members)[number];
const memberCaseId = '4a3a0a6e-6a55-4c1b-9d0e-5f1f2a3b4c5d';
const at = '2025-03-10T16:06:00+08:00';
const coverage = { memberId: grandmother.memberId, ground: 'severe-disability' as const, memberCountedIncomeFen: fen(0), monthlyGapFen: fen(119_000) };
// A marginal household: 4,143.00 counted for 3, above 3 × 1,190.00, below 1.5 × it.
const marginal: CheckOutcome = {
  ...check,
  eligible: false,
  ineligibilityReasons: [{ code: 'income-above-standard', message: '低保边缘' }],
  countedMonthlyIncomeFen: fen(414_300),
  perCapitaMonthlyIncomeFen: fen(138_100),
  singlePersonCoverage: [coverage],
};

const stateOf = (events: CaseEvent[]): CaseState => fold(caseDecider, events);
const household = (events: CaseEvent[]) => stateOf(events) as OpenedCase;
const householdOpened = () => caseOpened({ check: marginal });

function memberCaseEvents(): CaseEvent[] {
  const command = singlePersonCaseCommand(household([householdOpened()]), grandmother.memberId, memberCaseId, stateOf([]), at);
  if (!command) throw new Error('no command');
  const decision = caseDecider.decide(command, caseDecider.initialState);
  if (!decision.ok) throw new Error(decision.rejection.code);
  return [...decision.events];
}

describe('单人保: a member of a marginal household covered alone has a case of her own', () => {
  it('given a household check covering the grandmother, when her case is due, then it opens for her alone as a household of one', () => {
    const command = singlePersonCaseCommand(household([householdOpened()]), grandmother.memberId, memberCaseId, stateOf([]), at);
    expect(command).toMatchObject({
      type: 'OpenCase',
      applicationId: memberCaseId,
      programme: 'dibao',
      members: [grandmother],
      applicantMemberId: grandmother.memberId,
      applicationTakenBy: actors.intake,
      singlePersonOf: { householdApplicationId: applicationId, memberId: grandmother.memberId, ground: 'severe-disability' },
      check: { checkId: marginal.checkId, eligible: true, householdSize: 1, countedMonthlyIncomeFen: 0, investigatedBy: actors.investigator },
    });
    given(caseDecider, [])
      .when(command as NonNullable<typeof command>)
      .then(memberCaseEvents());
  });

  it('lists the members a household case covered, and none for a member case itself', () => {
    expect(singlePersonMembersOf(household([householdOpened()]))).toEqual([grandmother.memberId]);
    expect(singlePersonMembersOf(stateOf(memberCaseEvents()))).toEqual([]);
    expect(singlePersonMembersOf(stateOf([caseOpened()]))).toEqual([]);
  });

  it('given her case is open on that check, when the same check comes again, then nothing is due', () => {
    expect(singlePersonCaseCommand(household([householdOpened()]), grandmother.memberId, memberCaseId, stateOf(memberCaseEvents()), at)).toBeUndefined();
  });

  it('given a later household check that no longer covers her, then her case records an ineligible check and cannot be approved on the old one', () => {
    const recheck = {
      type: 'EconomicCheckRecorded' as const,
      data: { applicationId, check: { ...check, checkId: '0195f2b0-1a2b-7c3d-8e4f-000000000002' }, recordedAt: at },
    };
    const command = singlePersonCaseCommand(household([householdOpened(), recheck]), grandmother.memberId, memberCaseId, stateOf(memberCaseEvents()), at);
    expect(command).toMatchObject({
      type: 'RecordEconomicCheck',
      check: { eligible: false, ineligibilityReasons: [expect.objectContaining({ code: 'single-person-coverage-not-found' })] },
    });
    const review: CompleteTownshipReview = {
      type: 'CompleteTownshipReview',
      applicationId: memberCaseId,
      recommendation: 'approve',
      reasons: [],
      reviewedBy: actors.reviewer,
      reviewedAt: at,
    };
    const decision = caseDecider.decide(command as NonNullable<typeof command>, stateOf(memberCaseEvents()));
    given(caseDecider, [...memberCaseEvents(), ...(decision.ok ? decision.events : [])])
      .when(review)
      .thenRejects('CHECK_FOUND_INELIGIBLE');
  });

  it('given the household application withdrawn, then her open case is withdrawn with it, and a decided one is left as it was', () => {
    const withdrawn = {
      type: 'CaseWithdrawn' as const,
      data: { applicationId, reason: '申请人主动撤回', withdrawnBy: actors.intake, withdrawnAt: at },
    };
    const command = singlePersonWithdrawal(stateOf(memberCaseEvents()), memberCaseId, withdrawn.data);
    expect(command).toMatchObject({ type: 'WithdrawCase', applicationId: memberCaseId, withdrawnBy: actors.intake });
    const reason = command?.reason ?? '';
    given(caseDecider, memberCaseEvents())
      .when(command as NonNullable<typeof command>)
      .then([{ type: 'CaseWithdrawn', data: { applicationId: memberCaseId, reason, withdrawnBy: actors.intake, withdrawnAt: at } }]);
    const decided = [...memberCaseEvents(), { type: 'CaseWithdrawn' as const, data: { ...withdrawn.data, applicationId: memberCaseId } }];
    expect(singlePersonWithdrawal(stateOf(decided), memberCaseId, withdrawn.data)).toBeUndefined();
    // And a withdrawn household opens no new member case
    expect(singlePersonCaseCommand(household([householdOpened(), withdrawn]), grandmother.memberId, memberCaseId, stateOf([]), at)).toBeUndefined();
  });

  it('given a household check that never covered her, then no case is opened', () => {
    expect(singlePersonCaseCommand(household([caseOpened()]), grandmother.memberId, memberCaseId, stateOf([]), at)).toBeUndefined();
  });

  it('keeps segregation of duties: whoever took or investigated the household application may not confirm her case', () => {
    const approve = (confirmedBy: ApproveCase['confirmedBy']): ApproveCase => approveCase({ applicationId: memberCaseId, confirmedBy, stillInHardship: false });
    const reviewed = {
      type: 'TownshipReviewCompleted' as const,
      data: {
        applicationId: memberCaseId,
        checkId: marginal.checkId,
        recommendation: 'approve' as const,
        reasons: [],
        reviewedBy: actors.reviewer,
        reviewedAt: at,
      },
    };
    const history = [...memberCaseEvents(), reviewed, { ...noticePosted(), data: { ...noticePosted().data, applicationId: memberCaseId } }];
    given(caseDecider, history).when(approve(actors.countyInvestigator)).thenRejects('ROLE_NOT_ALLOWED');
    given(caseDecider, history)
      .when(approve({ ...actors.investigator, role: 'county-approver', orgUnit: '330102' }))
      .thenRejects('SEGREGATION_OF_DUTIES');
    // And the county's approval names the member, the household case and the gap the check computed
    const approved = given(caseDecider, history).when(approve(actors.county)).decision;
    expect(approved.ok && approved.events[0]).toMatchObject({
      type: 'CaseApproved',
      data: {
        householdSize: 1,
        members: [grandmother],
        countedMonthlyIncomeFen: 0,
        singlePersonOf: { householdApplicationId: applicationId, memberId: grandmother.memberId, ground: 'severe-disability', monthlyGapFen: 119_000 },
      },
    });
  });
});
