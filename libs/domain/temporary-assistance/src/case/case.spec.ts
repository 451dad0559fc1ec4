import { fen, fold, given } from '@sa/domain-shared';
import { apply, policy, worker } from '../test-support/fixtures';
import { temporaryCaseDecider } from './decider';
import type { TemporaryCaseEvent } from './events';

const { type: _t, ...applyData } = apply;
const applied: TemporaryCaseEvent = { type: 'TemporaryAssistanceApplied', data: { ...applyData, township: '331002001' } };
const urgent = {
  type: 'RecordUrgentPayment' as const,
  caseId: 'ta-1',
  drawId: 'urgent-ta-1',
  amountFen: fen(80_000),
  paidAt: '2026-03-02T07:00:00Z', // 15:00 in China, a Monday
  paidBy: worker,
  policy,
};
const urgentRecorded: TemporaryCaseEvent = {
  type: 'UrgentPaymentRecorded',
  data: {
    caseId: 'ta-1',
    township: '331002001',
    drawId: 'urgent-ta-1',
    amountFen: fen(80_000),
    paidAt: urgent.paidAt,
    paidBy: worker,
    documentsDueBy: '2026-03-09',
    documentsDueWorkingDays: 5,
    policyId: 'taizhou-2025',
  },
};
const overdue = { type: 'FlagDocumentsOverdue' as const, caseId: 'ta-1', today: '2026-03-10', flaggedBy: worker, flaggedAt: '2026-03-10T01:00:00Z' };

describe('temporary-assistance case (临时救助) at intake', () => {
  it('is taken where the emergency happened, for a non-resident too: the township of the place decides', () => {
    given(temporaryCaseDecider, []).when(apply).then([applied]);
  });

  it.each([
    ['INVALID_CATEGORY', { category: 'other' }],
    ['INVALID_CIRCUMSTANCE', { category: 'expenditure', circumstance: 'accident' }],
    ['INVALID_SEVERITY', { severity: 'mild' }],
    ['EMERGENCY_LOCATION_TOO_COARSE', { emergencyLocation: '331002' }],
    ['INVALID_DATE', { emergencyDate: '2026-03-03' }],
    ['INVALID_AMOUNT', { amountAskedFen: 0 }],
    ['LEAD_ID_REQUIRED', { channel: 'lead' }],
    ['INVALID_RESIDENT_ID', { applicant: { name: '李明', residentId: '410783198506151230' } }],
    ['APPLICANT_NAME_REQUIRED', { applicant: { name: ' ' } }],
    ['INVALID_PAYEE', { applicant: { name: '李明', bankAccount: { accountHolder: '李明', accountNumber: '12' } } }],
  ])('refuses %s', (code, change) => {
    given(temporaryCaseDecider, [])
      .when({ ...apply, ...change } as never)
      .thenRejects(code);
  });

  it('needs no resident ID or hukou from someone stranded', () => {
    const stranded = { ...apply, circumstance: 'stranded' as const, applicant: { name: '无名氏' } };
    expect(temporaryCaseDecider.decide(stranded, temporaryCaseDecider.initialState).ok).toBe(true);
  });

  it('records the urgent payment with the documents due five working days later', () => {
    given(temporaryCaseDecider, [applied]).when(urgent).then([urgentRecorded]);
    given(temporaryCaseDecider, [applied, urgentRecorded]).when(urgent).thenRejects('URGENT_PAYMENT_ALREADY_RECORDED');
    given(temporaryCaseDecider, []).when(urgent).thenRejects('CASE_NOT_FOUND');
  });

  it('counts the deadline over the holiday schedule', () => {
    const decision = temporaryCaseDecider.decide({ ...urgent, paidAt: '2026-09-29T02:00:00Z' }, fold(temporaryCaseDecider, [applied]));
    // 30 Sep, (1, 2 Oct holidays, 3–4 weekend, 5 holiday), 6, 7, 8, 9 Oct.
    expect(decision.ok && decision.events[0]?.type === 'UrgentPaymentRecorded' && decision.events[0].data.documentsDueBy).toBe('2026-10-09');
  });

  it('flags an urgent case whose documents have not come by the day after the deadline, once', () => {
    given(temporaryCaseDecider, [applied, urgentRecorded])
      .when({ ...overdue, today: '2026-03-09' })
      .thenRejects('NOTHING_OVERDUE');
    const flagged: TemporaryCaseEvent = {
      type: 'DocumentsOverdueFlagged',
      data: {
        caseId: 'ta-1',
        township: '331002001',
        documentsDueBy: '2026-03-09',
        urgentAmountFen: fen(80_000),
        flaggedOn: '2026-03-10',
        flaggedBy: worker,
        flaggedAt: overdue.flaggedAt,
      },
    };
    given(temporaryCaseDecider, [applied, urgentRecorded]).when(overdue).then([flagged]);
    given(temporaryCaseDecider, [applied, urgentRecorded, flagged]).when(overdue).thenRejects('NOTHING_OVERDUE');
    given(temporaryCaseDecider, [applied]).when(overdue).thenRejects('NOTHING_OVERDUE');
  });

  it('does not flag a case whose documents came; late ones are marked late', () => {
    const docs = {
      type: 'RecordDocumentsReceived' as const,
      caseId: 'ta-1',
      documents: ['交通事故认定书'],
      receivedBy: worker,
      receivedAt: '2026-03-05T02:00:00Z',
    };
    const received: TemporaryCaseEvent = { type: 'DocumentsReceived', data: { ...docs, late: false } as never };
    const { type: _d, ...docsData } = docs;
    given(temporaryCaseDecider, [applied, urgentRecorded])
      .when(docs)
      .then([{ type: 'DocumentsReceived', data: { ...docsData, late: false } }]);
    given(temporaryCaseDecider, [applied, urgentRecorded, received]).when(overdue).thenRejects('NOTHING_OVERDUE');
    given(temporaryCaseDecider, [applied, urgentRecorded])
      .when({ ...docs, receivedAt: '2026-03-12T02:00:00Z' })
      .then([{ type: 'DocumentsReceived', data: { ...docsData, receivedAt: '2026-03-12T02:00:00Z', late: true } }]);
    given(temporaryCaseDecider, [applied])
      .when({ ...docs, documents: [] })
      .thenRejects('DOCUMENTS_REQUIRED');
  });

  it('converts into a dibao application once, with the reason', () => {
    const convert = {
      type: 'RecordConversion' as const,
      caseId: 'ta-1',
      applicationId: 'app-9',
      programme: 'dibao' as const,
      reason: 'lasting loss of work ability',
      convertedBy: worker,
      convertedAt: '2026-03-20T02:00:00Z',
    };
    const { type: _c, ...data } = convert;
    given(temporaryCaseDecider, [applied])
      .when(convert)
      .then([{ type: 'TemporaryCaseConverted', data }]);
    given(temporaryCaseDecider, [applied, { type: 'TemporaryCaseConverted', data }])
      .when(convert)
      .thenRejects('CASE_ALREADY_CONVERTED');
    given(temporaryCaseDecider, [applied])
      .when({ ...convert, programme: 'marginal' as never })
      .thenRejects('INVALID_PROGRAMME');
  });
});
