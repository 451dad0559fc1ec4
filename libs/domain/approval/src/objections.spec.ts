import { fen, given } from '@sa/domain-shared';
import type { LodgeObjection, ResolveObjection } from './commands';
import { caseDecider } from './decider';
import type { CaseEvent, ObjectionLodged } from './events';
import { actors, applicationId, approve, caseOpened, check, noticePosted, onNotice, reviewed, village } from './test-support/case-fixtures';

const objectionId = '0195f3a0-6f7a-7b8c-9d9e-0f1a2b3c4d5e';

function lodge(lodgedAt = '2025-03-15T09:20:00+08:00'): LodgeObjection {
  return { type: 'LodgeObjection', applicationId, objectionId, summary: '反映该户有一辆未申报的小型货车', lodgedAt, recordedBy: actors.reviewer };
}

const lodged: ObjectionLodged = {
  type: 'ObjectionLodged',
  data: { applicationId, objectionId, summary: '反映该户有一辆未申报的小型货车', lodgedAt: '2025-03-15T09:20:00+08:00', recordedBy: actors.reviewer },
};

function resolve(outcome: 'sustained' | 'dismissed'): ResolveObjection {
  return {
    type: 'ResolveObjection',
    applicationId,
    objectionId,
    outcome,
    explanation: '经公安车辆登记核查',
    resolvedBy: actors.reviewer,
    resolvedAt: '2025-03-18T15:00:00+08:00',
  };
}

const sentBackEvent: CaseEvent = {
  type: 'CaseSentBackForReinvestigation',
  data: { applicationId, region: village, objectionId, reason: '经公安车辆登记核查', sentBackBy: actors.reviewer, sentBackAt: '2025-03-18T15:00:00+08:00' },
};

const resolvedData = (outcome: 'sustained' | 'dismissed') => ({
  applicationId,
  objectionId,
  outcome,
  explanation: '经公安车辆登记核查',
  resolvedBy: actors.reviewer,
  resolvedAt: '2025-03-18T15:00:00+08:00',
});

describe('objections during the public notice (公示异议)', () => {
  it('are recorded while the notice runs', () => {
    given(caseDecider, onNotice).when(lodge()).then([lodged]);
  });

  it('are refused outside the notice days, judged by the China calendar day', () => {
    given(caseDecider, onNotice)
      .when(lodge('2025-03-19T23:30:00+08:00'))
      .then([{ ...lodged, data: { ...lodged.data, lodgedAt: '2025-03-19T23:30:00+08:00' } }]);
    // 16:30 UTC on the 19th is 00:30 on the 20th in China: the notice is over.
    given(caseDecider, onNotice).when(lodge('2025-03-19T16:30:00Z')).thenRejects('OUTSIDE_NOTICE_PERIOD');
    given(caseDecider, onNotice).when(lodge('2025-03-12T10:00:00+08:00')).thenRejects('OUTSIDE_NOTICE_PERIOD');
  });

  it('need a notice', () => {
    given(caseDecider, [caseOpened(), reviewed()]).when(lodge()).thenRejects('NOTICE_REQUIRED');
  });

  it('are recorded once per id', () => {
    given(caseDecider, [...onNotice, lodged])
      .when(lodge())
      .thenRejects('OBJECTION_ALREADY_LODGED');
  });

  it('when dismissed, leave the notice running', () => {
    given(caseDecider, [...onNotice, lodged])
      .when(resolve('dismissed'))
      .then([{ type: 'ObjectionResolved', data: resolvedData('dismissed') }]);
  });

  it('when sustained, send the case back for re-investigation', () => {
    given(caseDecider, [...onNotice, lodged])
      .when(resolve('sustained'))
      .then([{ type: 'ObjectionResolved', data: resolvedData('sustained') }, sentBackEvent]);
  });

  it('are resolved once, and only when lodged', () => {
    const dismissed: CaseEvent = { type: 'ObjectionResolved', data: resolvedData('dismissed') };
    given(caseDecider, [...onNotice, lodged, dismissed])
      .when(resolve('sustained'))
      .thenRejects('OBJECTION_ALREADY_RESOLVED');
    given(caseDecider, onNotice).when(resolve('dismissed')).thenRejects('OBJECTION_NOT_FOUND');
  });
});

describe('re-investigation after a sustained objection', () => {
  const sentBack: CaseEvent[] = [...onNotice, lodged, { type: 'ObjectionResolved', data: resolvedData('sustained') }, sentBackEvent];
  const recheck = {
    ...check,
    checkId: '0195f6b0-1a2b-7c3d-8e4f-5a6b7c8d9e10',
    countedMonthlyIncomeFen: fen(120_000),
    perCapitaMonthlyIncomeFen: fen(40_000),
    assessedAt: '2025-03-24T16:00:00+08:00',
  };
  const recorded: CaseEvent = { type: 'EconomicCheckRecorded', data: { applicationId, check: recheck, recordedAt: '2025-03-24T16:05:00+08:00' } };

  it('needs a new check before a new review, a new notice or a confirmation', () => {
    given(caseDecider, sentBack)
      .when({
        type: 'CompleteTownshipReview',
        applicationId,
        recommendation: 'approve',
        reasons: [],
        reviewedBy: actors.reviewer,
        reviewedAt: '2025-03-25T09:00:00+08:00',
      })
      .thenRejects('REINVESTIGATION_REQUIRED');
    given(caseDecider, sentBack)
      .when({
        type: 'PostPublicNotice',
        applicationId,
        startsOn: '2025-03-25',
        noticeDays: 7,
        postedBy: actors.reviewer,
        postedAt: '2025-03-25T08:00:00+08:00',
      })
      .thenRejects('REINVESTIGATION_REQUIRED');
    given(caseDecider, sentBack).when(approve()).thenRejects('REINVESTIGATION_REQUIRED');
  });

  it('refuses the old check as the new one', () => {
    given(caseDecider, sentBack)
      .when({ type: 'RecordEconomicCheck', applicationId, check, recordedAt: '2025-03-24T16:05:00+08:00' })
      .thenRejects('CHECK_ALREADY_RECORDED');
  });

  it('records the new check, then needs a new review and a new notice', () => {
    given(caseDecider, sentBack).when({ type: 'RecordEconomicCheck', applicationId, check: recheck, recordedAt: '2025-03-24T16:05:00+08:00' }).then([recorded]);
    given(caseDecider, [...sentBack, recorded])
      .when(approve({ today: '2025-03-25', confirmedAt: '2025-03-25T10:00:00+08:00' }))
      .thenRejects('REVIEW_REQUIRED');
    given(caseDecider, [...sentBack, recorded, reviewed('approve', recheck.checkId)])
      .when(approve({ today: '2025-03-26', confirmedAt: '2025-03-26T10:00:00+08:00' }))
      .thenRejects('NOTICE_REQUIRED');
  });

  it('confirms only after the new notice ends', () => {
    const renoticed = [...sentBack, recorded, reviewed('approve', recheck.checkId), noticePosted('2025-03-26', '2025-04-01')];
    given(caseDecider, renoticed)
      .when(approve({ today: '2025-04-01', confirmedAt: '2025-04-01T10:00:00+08:00' }))
      .thenRejects('NOTICE_PERIOD_NOT_ENDED');
    const approved = given(caseDecider, renoticed).when(approve({ today: '2025-04-02', confirmedAt: '2025-04-02T10:00:00+08:00' }));
    expect(approved.decision.ok && approved.decision.events[0]).toMatchObject({
      type: 'CaseApproved',
      data: { checkId: recheck.checkId, perCapitaMonthlyIncomeFen: 40_000, benefitStartMonth: '2025-05' },
    });
  });
});

describe('objection ids', () => {
  it('are looked up as data, not as object properties', () => {
    given(caseDecider, onNotice)
      .when({ ...lodge(), objectionId: 'constructor' })
      .then([{ ...lodged, data: { ...lodged.data, objectionId: 'constructor' } }]);
    given(caseDecider, onNotice)
      .when({ ...resolve('dismissed'), objectionId: 'toString' })
      .thenRejects('OBJECTION_NOT_FOUND');
  });
});
