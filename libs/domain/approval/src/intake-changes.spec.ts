import { given } from '@sa/domain-shared';
import type { AmendApplication, WithdrawCase } from './commands';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { actors, applicationId, approve, bankAccount, caseOpened, check, onNotice, openCase } from './test-support/case-fixtures';

const newAccount = { ...bankAccount, accountNumber: '6228480099999999999' };
const amend = (changes: AmendApplication['changes']): AmendApplication => ({
  type: 'AmendApplication',
  applicationId,
  changes,
  reason: '银行账户变更',
  amendedBy: actors.intake,
  amendedAt: '2025-03-15T10:00:00+08:00',
});
const amended: CaseEvent = {
  type: 'ApplicationAmended',
  data: { applicationId, changes: { bankAccount: newAccount }, reason: '银行账户变更', amendedBy: actors.intake, amendedAt: '2025-03-15T10:00:00+08:00' },
};
const withdraw: WithdrawCase = {
  type: 'WithdrawCase',
  applicationId,
  reason: '家庭成员已就业',
  withdrawnBy: actors.intake,
  withdrawnAt: '2025-03-16T09:00:00+08:00',
};
const withdrawn: CaseEvent = {
  type: 'CaseWithdrawn',
  data: { applicationId, reason: '家庭成员已就业', withdrawnBy: actors.intake, withdrawnAt: '2025-03-16T09:00:00+08:00' },
};

describe('corrections from intake before a decision', () => {
  it('records the corrected parts, and the approval pays into the corrected account', () => {
    given(caseDecider, onNotice)
      .when(amend({ bankAccount: newAccount }))
      .then([amended]);
    const outcome = given(caseDecider, [...onNotice, amended]).when(approve());
    expect(outcome.decision.ok && outcome.decision.events[0]?.data).toMatchObject({ bankAccount: newAccount });
  });

  it('replaces the members with the applicant among them', () => {
    const members = openCase.members.slice(0, 2);
    given(caseDecider, [caseOpened()])
      .when(amend({ household: { members, applicantMemberId: 'nobody', involvesMinor: false } }))
      .thenRejects('APPLICANT_NOT_A_MEMBER');
    const outcome = given(caseDecider, [caseOpened()]).when(
      amend({ household: { members, applicantMemberId: openCase.applicantMemberId, involvesMinor: false } }),
    );
    expect(outcome.decision.ok && outcome.decision.events[0]?.data).toMatchObject({ changes: { members, applicantMemberId: openCase.applicantMemberId } });
  });

  it('needs at least one change and refuses one after the decision', () => {
    given(caseDecider, [caseOpened()]).when(amend({})).thenRejects('TEXT_REQUIRED');
    const approved = given(caseDecider, onNotice).when(approve());
    const history = [...onNotice, ...(approved.decision.ok ? approved.decision.events : [])];
    given(caseDecider, history)
      .when(amend({ bankAccount: newAccount }))
      .thenRejects('CASE_ALREADY_DECIDED');
  });
});

describe('withdrawal (撤回申请)', () => {
  it('ends an open case without a decision; nothing more happens on it', () => {
    given(caseDecider, onNotice).when(withdraw).then([withdrawn]);
    given(caseDecider, [...onNotice, withdrawn])
      .when(approve())
      .thenRejects('CASE_ALREADY_DECIDED');
  });

  it('stops an application still waiting for its check from ever opening', () => {
    const { check: _check, openedAt: _openedAt, ...facts } = caseOpened().data;
    const waiting: CaseEvent = { type: 'ApplicationReceived', data: { ...facts, receivedAt: '2025-03-10T16:02:00+08:00' } };
    given(caseDecider, [waiting]).when(withdraw).then([withdrawn]);
    given(caseDecider, [waiting, withdrawn])
      .when({ type: 'RecordEconomicCheck', applicationId, check, recordedAt: '2025-03-10T16:05:00+08:00' })
      .thenRejects('CASE_ALREADY_DECIDED');
  });

  it('refuses to withdraw what never arrived', () => {
    given(caseDecider, []).when(withdraw).thenRejects('CASE_NOT_FOUND');
  });
});
