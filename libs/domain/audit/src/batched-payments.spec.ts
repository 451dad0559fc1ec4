import { batchedApplicationIds, perHousehold } from './batched-payments';
import { assembleCaseHistory } from './case-history';
import { applicationKey, joinKeysOf } from './join-keys';
import type { SourcedEvent } from './sourced-event';

const batch: SourcedEvent = {
  source: 'payments',
  eventId: '0195f2a4-0000-7000-8000-000000000001',
  stream: 'payroll-run-1',
  revision: 1,
  position: 42,
  type: 'PaymentInstructionsIssued',
  data: {
    payrollId: 'run-1',
    batch: 0,
    month: '2025-04',
    issuedAt: '2025-04-08T09:00:00+08:00',
    instructions: [
      { instructionId: 'i-a', entitlementId: 'e-a', applicationId: 'app-a', amountFen: 212_700 },
      { instructionId: 'i-b', entitlementId: 'e-b', applicationId: 'app-b', amountFen: 154_700 },
    ],
  },
  occurredAt: '2025-04-08T09:00:00+08:00',
  recordedAt: '2025-04-08T09:00:00+08:00',
  actor: { userId: 'wang.fang', role: 'payments-officer', orgUnit: '330102' },
  correlationId: 'c-1',
  causationId: null,
};

describe('payroll batch events in a case history', () => {
  it('are found by every household they pay', () => {
    // Given a batch event paying two households, when its join keys are taken
    // Then it is found by both applications
    expect(joinKeysOf(batch.data)).toEqual([applicationKey('app-a'), applicationKey('app-b')]);
    expect(batchedApplicationIds('PaymentSucceeded', batch.data)).toEqual([]);
  });

  it('stand for one PaymentInstructionIssued per household, with the same envelope', () => {
    // Given the batch event, when it is read per household
    const [a, b] = perHousehold(batch);
    // Then each household has its own instruction with the batch's run, month and time
    expect(a).toMatchObject({
      eventId: batch.eventId,
      position: 42,
      type: 'PaymentInstructionIssued',
      data: { payrollId: 'run-1', applicationId: 'app-a', month: '2025-04' },
    });
    expect(b?.data).toMatchObject({ applicationId: 'app-b', amountFen: 154_700, issuedAt: '2025-04-08T09:00:00+08:00' });
  });

  it('read a chunk of bank outcomes as PaymentSucceeded or PaymentFailed per household', () => {
    // Given an import chunk settling a (paid) and b (failed), when read for b
    const outcomes: SourcedEvent = {
      ...batch,
      eventId: '0195f2a4-0000-7000-8000-000000000002',
      type: 'PaymentsSettled',
      data: {
        payrollId: 'run-1',
        results: [
          { instructionId: 'i-a', applicationId: 'app-a', amountFen: 212_700, outcome: 'paid', settledAt: '2025-04-09T15:20:00+08:00' },
          {
            instructionId: 'i-b',
            applicationId: 'app-b',
            amountFen: 154_700,
            outcome: 'failed',
            failureCode: 'ACCOUNT_CLOSED',
            settledAt: '2025-04-09T15:20:00+08:00',
          },
        ],
      },
    };
    expect(joinKeysOf(outcomes.data)).toEqual([applicationKey('app-a'), applicationKey('app-b')]);
    const history = assembleCaseHistory('app-b', [batch, outcomes]);
    // Then b's history has its instruction and its failure, with the bank's code
    expect(history.events.map((e) => e.type)).toEqual(['PaymentInstructionIssued', 'PaymentFailed']);
    expect(history.events[1]?.data).toMatchObject({ payrollId: 'run-1', failureCode: 'ACCOUNT_CLOSED' });
  });

  it('put only the case’s own instruction in its history', () => {
    // Given the batch event read for application b, when its history is assembled
    const history = assembleCaseHistory('app-b', [batch]);
    // Then it holds b's instruction only
    expect(history.events.map((e) => [e.type, (e.data as { instructionId: string }).instructionId])).toEqual([['PaymentInstructionIssued', 'i-b']]);
  });
});
