import { given } from '@sa/domain-shared';
import { caseDecider } from './decider';
import { actors, applicationId, caseOpened, check, openCase } from './test-support/case-fixtures';

describe('opening a case when the economic check completes', () => {
  it('records the household, the flags, who took and who investigated the application, and the check', () => {
    given(caseDecider, []).when(openCase).then([caseOpened()]);
  });

  it('normalises the region code and the resident IDs it records', () => {
    const lower = { ...openCase, region: '330102001001', members: openCase.members.map((m, i) => (i === 0 ? { ...m, residentId: '11010519491231002x' } : m)) };
    const outcome = given(caseDecider, []).when(lower);
    expect(outcome.decision.ok && outcome.decision.events[0]?.type === 'CaseOpened' && outcome.decision.events[0].data.members[0]?.residentId).toBe(
      '11010519491231002X',
    );
  });

  it('opens a case only once', () => {
    given(caseDecider, [caseOpened()]).when(openCase).thenRejects('CASE_ALREADY_OPENED');
  });

  it('refuses commands on a case that was never opened', () => {
    given(caseDecider, [])
      .when({
        type: 'CompleteTownshipReview',
        applicationId,
        recommendation: 'approve',
        reasons: [],
        reviewedBy: actors.reviewer,
        reviewedAt: '2025-03-12T11:00:00+08:00',
      })
      .thenRejects('CASE_NOT_FOUND');
  });

  it('names the member whose resident ID is wrong', () => {
    const bad = { ...openCase, members: openCase.members.map((m, i) => (i === 1 ? { ...m, residentId: '330102198511200015' } : m)) };
    const outcome = given(caseDecider, []).when(bad);
    outcome.thenRejects('INVALID_RESIDENT_ID');
    expect(!outcome.decision.ok && outcome.decision.rejection.field).toBe('members[1].residentId');
  });

  it('needs the applicant among the members and an ineligible finding to say why', () => {
    given(caseDecider, [])
      .when({ ...openCase, applicantMemberId: 'nobody' })
      .thenRejects('APPLICANT_NOT_A_MEMBER');
    given(caseDecider, [])
      .when({ ...openCase, check: { ...check, eligible: false } })
      .thenRejects('REASON_REQUIRED');
  });

  it('refuses money that is not whole fen', () => {
    const outcome = given(caseDecider, []).when({ ...openCase, check: { ...check, standardFen: 1190.5 as never } });
    outcome.thenRejects('INVALID_AMOUNT');
    expect(!outcome.decision.ok && outcome.decision.rejection.field).toBe('check.standardFen');
  });

  it('keeps only the fields it knows when a caller sends more', () => {
    const outcome = given(caseDecider, []).when({ ...openCase, injected: 'x' } as typeof openCase);
    expect(outcome.decision.ok && JSON.stringify(outcome.decision.events)).not.toContain('injected');
  });
});
