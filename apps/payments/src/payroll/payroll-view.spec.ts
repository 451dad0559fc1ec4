import { fen, type Actor } from '@sa/domain-shared';
import type { PayrollEvent } from '@sa/domain-payments';
import { payrollViewOf } from './payroll-view';

const officer: Actor = { userId: 'zhao.min', role: 'payments-officer', orgUnit: '331002' };
const payee = { bankName: '台州银行', accountHolder: '王秀英', accountNumber: '6222000012345678' };
const started: PayrollEvent = {
  type: 'PayrollStarted',
  data: {
    payrollId: 'run-1',
    region: '331002' as never,
    month: '2025-03',
    batchSize: 1000,
    plannedEntitlements: 3,
    plannedBatches: 1,
    startedBy: officer,
    startedAt: '2025-03-05T09:00:00+08:00',
  },
};
const issued = (id: string, amount: number): PayrollEvent => ({
  type: 'PaymentInstructionIssued',
  data: {
    payrollId: 'run-1',
    instructionId: id,
    entitlementId: `e-${id}`,
    applicationId: `a-${id}`,
    programme: 'dibao',
    region: '331002001001' as never,
    month: '2025-03',
    amountFen: fen(amount),
    payee,
    reference: '低保金2025-03',
    issuedAt: '2025-03-05T09:00:00+08:00',
  },
});

const batch: PayrollEvent = {
  type: 'PayrollBatchIssued',
  data: {
    payrollId: 'run-1',
    batch: 0,
    lastEntitlementId: 'e-3',
    instructionCount: 2,
    totalFen: fen(367_400),
    excluded: [{ entitlementId: 'e-3', reason: 'stopped' }],
    issuedAt: '2025-03-05T09:00:00+08:00',
  },
};
const closed: PayrollEvent = {
  type: 'PayrollClosed',
  data: { payrollId: 'run-1', batches: 1, instructionCount: 2, totalFen: fen(367_400), excludedCount: 1, closedAt: '2025-03-05T09:00:01+08:00' },
};
const recorded = (paid: number, failed: number): PayrollEvent => ({
  type: 'BankResultsRecorded',
  data: {
    payrollId: 'run-1',
    paidCount: paid ? 1 : 0,
    paidFen: fen(paid),
    failedCount: failed ? 1 : 0,
    failedFen: fen(failed),
    recordedAt: '2025-03-06T15:00:00+08:00',
  },
});

describe('a payroll run as its events say', () => {
  it('shows progress while its batches are issued, and no instructions until it closes', () => {
    expect(payrollViewOf([started])).toMatchObject({ status: 'running', progress: { batchesDone: 0, batchesPlanned: 1, closed: false }, instructions: [] });
    expect(payrollViewOf([started, issued('i-1', 212_700), issued('i-2', 154_700), batch])).toMatchObject({
      status: 'running',
      progress: { batchesDone: 1, batchesPlanned: 1 },
      instructionCount: 2,
      instructionsListed: false,
    });
  });

  it('shows instructions with masked accounts, pending until the bank answers', () => {
    const view = payrollViewOf([started, issued('i-1', 212_700), issued('i-2', 154_700), batch, closed]);
    expect(view).toMatchObject({ status: 'issued', totalYuan: '3674.00', settlement: { pendingCount: 2, paidCount: 0 } });
    expect(view?.instructions[0]).toMatchObject({ amountYuan: '2127.00', outcome: 'pending', payee: { accountNumberMasked: '6222********5678' } });
    expect(JSON.stringify(view)).not.toContain(payee.accountNumber);
  });

  it('settles and reconciles with the bank’s outcomes', () => {
    const history: PayrollEvent[] = [
      started,
      issued('i-1', 212_700),
      issued('i-2', 154_700),
      batch,
      closed,
      {
        type: 'PaymentSucceeded',
        data: {
          payrollId: 'run-1',
          instructionId: 'i-1',
          entitlementId: 'e-i-1',
          applicationId: 'a-i-1',
          amountFen: fen(212_700),
          settledAt: '2025-03-06T15:00:00+08:00',
        },
      },
      recorded(212_700, 0),
    ];
    expect(payrollViewOf(history)).toMatchObject({ status: 'partly-settled', settlement: { paidCount: 1, paidFen: 212_700, pendingCount: 1 } });
    history.push(
      {
        type: 'PaymentFailed',
        data: {
          payrollId: 'run-1',
          instructionId: 'i-2',
          entitlementId: 'e-i-2',
          applicationId: 'a-i-2',
          amountFen: fen(154_700),
          failureCode: 'ACCOUNT_CLOSED',
          failureReason: '账户已销户',
          settledAt: '2025-03-06T15:00:00+08:00',
        },
      },
      recorded(0, 154_700),
      {
        type: 'PayrollReconciled',
        data: { payrollId: 'run-1', paidCount: 1, paidFen: fen(212_700), failedCount: 1, failedFen: fen(154_700), reconciledAt: '2025-03-07T09:00:00+08:00' },
      },
    );
    const view = payrollViewOf(history);
    expect(view).toMatchObject({
      status: 'reconciled',
      reconciledAt: '2025-03-07T09:00:00+08:00',
      settlement: { failedCount: 1, failedFen: 154_700, pendingCount: 0 },
    });
    expect(view?.instructions[1]).toMatchObject({ outcome: 'failed', failureCode: 'ACCOUNT_CLOSED', failureReason: '账户已销户' });
    expect(view?.instructions.map((i) => i.instructionId)).toEqual(['i-1', 'i-2']);
  });

  it('does not exist before it started', () => {
    expect(payrollViewOf([])).toBeUndefined();
  });
});
