import { fen, given } from '@sa/domain-shared';
import type { ReceiveApplication, RecordEconomicCheck } from './commands';
import { caseDecider } from './decider';
import type { CaseEvent } from './events';
import { actors, applicationId, caseOpened, check, openCase, rejectCase, reviewed } from './test-support/case-fixtures';

/** The application as it arrives from intake, at 16:02 on the day of the check. */
const { type: _type, check: _check, openedAt: _openedAt, ...facts } = openCase;
const receiveApplication: ReceiveApplication = { ...facts, type: 'ReceiveApplication', receivedAt: '2025-03-10T16:02:00+08:00' };
const recordCheck: RecordEconomicCheck = { type: 'RecordEconomicCheck', applicationId, check, recordedAt: '2025-03-10T16:05:00+08:00' };

const { check: _openedCheck, openedAt: _openedOn, ...openedFacts } = caseOpened().data;
const applicationReceived: CaseEvent = { type: 'ApplicationReceived', data: { ...openedFacts, receivedAt: receiveApplication.receivedAt } };
const checkWaiting: CaseEvent = { type: 'EconomicCheckRecorded', data: { applicationId, check, recordedAt: recordCheck.recordedAt } };

describe('the application and the economic check arrive in either order', () => {
  it('keeps the application waiting when it comes first, and opens the case when the check follows', () => {
    const received = given(caseDecider, []).when(receiveApplication);
    expect(received.decision.ok && received.decision.events.map((e) => e.type)).toEqual(['ApplicationReceived']);
    given(caseDecider, [applicationReceived])
      .when(recordCheck)
      .then([caseOpened({ openedAt: recordCheck.recordedAt })]);
  });

  it('keeps the check waiting when it comes first, and opens the case when the application follows', () => {
    given(caseDecider, []).when(recordCheck).then([checkWaiting]);
    given(caseDecider, [checkWaiting])
      .when(receiveApplication)
      .then([caseOpened({ openedAt: receiveApplication.receivedAt })]);
  });

  it('opens with the latest check when a re-check arrived before the application', () => {
    const recheck = { ...check, checkId: '0195f6b0-1a2b-7c3d-8e4f-5a6b7c8d9e10', perCapitaMonthlyIncomeFen: fen(40_000) };
    const history: CaseEvent[] = [
      checkWaiting,
      { type: 'EconomicCheckRecorded', data: { applicationId, check: recheck, recordedAt: '2025-03-11T09:00:00+08:00' } },
    ];
    given(caseDecider, history)
      .when(receiveApplication)
      .then([caseOpened({ check: recheck, openedAt: receiveApplication.receivedAt })]);
  });

  it('refuses the same application or the same check twice, so a redelivery changes nothing', () => {
    given(caseDecider, [applicationReceived]).when(receiveApplication).thenRejects('APPLICATION_ALREADY_RECEIVED');
    given(caseDecider, [checkWaiting]).when(recordCheck).thenRejects('CHECK_ALREADY_RECORDED');
    given(caseDecider, [caseOpened()]).when(receiveApplication).thenRejects('CASE_ALREADY_OPENED');
    given(caseDecider, [caseOpened()]).when(recordCheck).thenRejects('CHECK_ALREADY_RECORDED');
  });

  it('validates the application as strictly as opening does, naming the field', () => {
    const outcome = given(caseDecider, []).when({ ...receiveApplication, applicantMemberId: 'nobody' });
    outcome.thenRejects('APPLICANT_NOT_A_MEMBER');
    given(caseDecider, [])
      .when({ ...receiveApplication, receivedAt: 'yesterday' })
      .thenRejects('INVALID_TIMESTAMP');
  });

  it('refuses every other command until both have arrived', () => {
    given(caseDecider, [applicationReceived])
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
});

describe('rejection grounds already on the case', () => {
  const ineligible = { ...check, eligible: false, ineligibilityReasons: [{ code: 'undeclared-vehicle', message: '家庭成员名下有未申报的机动车辆' }] };
  const opened = caseOpened({ check: ineligible });

  it('a township recommending rejection without reasons adopts what the check found', () => {
    const outcome = given(caseDecider, [opened]).when({
      type: 'CompleteTownshipReview',
      applicationId,
      recommendation: 'reject',
      reasons: [],
      reviewedBy: actors.reviewer,
      reviewedAt: '2025-03-12T11:00:00+08:00',
    });
    expect(outcome.decision.ok && outcome.decision.events[0]?.data).toMatchObject({ recommendation: 'reject', reasons: ineligible.ineligibilityReasons });
  });

  it('a rejection without reasons states the township’s reasons in the written notice', () => {
    const outcome = given(caseDecider, [opened, reviewed('reject', check.checkId)]).when(rejectCase({ reasons: undefined }));
    const event = outcome.decision.ok ? outcome.decision.events[0] : undefined;
    expect(event?.type === 'CaseRejected' && event.data).toMatchObject({ stage: 'review', reasons: reviewed('reject').data.reasons });
    expect(event?.type === 'CaseRejected' && event.data.noticeText).toContain('家庭金融资产超过当地规定标准');
  });
});
