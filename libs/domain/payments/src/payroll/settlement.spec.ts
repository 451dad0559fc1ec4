import { fen, given } from '@sa/domain-shared';
import type { BankResult } from '../bank/bank-result-file';
import { paymentInstructionId, payrollRunId } from '../deterministic-id';
import { entry, officer, payee } from '../test-support/payment-fixtures';
import type { ImportBankResults } from './commands';
import { payrollDecider } from './decider';
import type { PayrollEvent } from './events';

const payrollId = payrollRunId('330102', '2025-05');
const idA = paymentInstructionId('e-a', '2025-05');
const idB = paymentInstructionId('e-b', '2025-05');

const run: PayrollEvent[] = [
  {
    type: 'PayrollStarted',
    data: {
      payrollId,
      region: '330102' as never,
      month: '2025-05',
      batchSize: 1000,
      plannedEntitlements: 2,
      plannedBatches: 1,
      startedBy: officer,
      startedAt: '2025-05-08T09:00:00+08:00',
    },
  },
  ...[
    ['e-a', idA, 212_700],
    ['e-b', idB, 154_700],
  ].map(([id, instructionId, amount]): PayrollEvent => ({
    type: 'PaymentInstructionIssued',
    data: {
      payrollId,
      instructionId: instructionId as string,
      entitlementId: id as string,
      applicationId: `app-${id}`,
      programme: 'dibao',
      region: entry('x').region as never,
      month: '2025-05',
      amountFen: fen(amount as number),
      payee,
      reference: '低保金2025-05',
      issuedAt: '2025-05-08T09:00:00+08:00',
    },
  })),
  {
    type: 'PayrollBatchIssued',
    data: { payrollId, batch: 0, lastEntitlementId: 'e-b', instructionCount: 2, totalFen: fen(367_400), excluded: [], issuedAt: '2025-05-08T09:00:00+08:00' },
  },
  {
    type: 'PayrollClosed',
    data: { payrollId, batches: 1, instructionCount: 2, totalFen: fen(367_400), excludedCount: 0, closedAt: '2025-05-08T09:00:00+08:00' },
  },
];

const recorded = (paid: number, failed: number): PayrollEvent => ({
  type: 'BankResultsRecorded',
  data: {
    payrollId,
    paidCount: paid ? 1 : 0,
    paidFen: fen(paid),
    failedCount: failed ? 1 : 0,
    failedFen: fen(failed),
    recordedAt: '2025-05-10T09:00:00+08:00',
  },
});

const paidA: BankResult = { line: 2, instructionId: idA, outcome: 'paid', amountFen: fen(212_700), settledAt: '2025-05-09T15:20:00+08:00' };
const failedB: BankResult = {
  line: 3,
  instructionId: idB,
  outcome: 'failed',
  amountFen: fen(154_700),
  reasonCode: 'ACCOUNT_CLOSED',
  reasonText: '账户已销户',
  settledAt: '2025-05-09T15:20:00+08:00',
};

function importing(results: BankResult[]): ImportBankResults {
  return { type: 'ImportBankResults', payrollId, results, importedBy: officer, importedAt: '2025-05-10T09:00:00+08:00' };
}

const succeededA: PayrollEvent = {
  type: 'PaymentSucceeded',
  data: { payrollId, instructionId: idA, entitlementId: 'e-a', applicationId: 'app-e-a', amountFen: fen(212_700), settledAt: '2025-05-09T15:20:00+08:00' },
};
const failedEventB: PayrollEvent = {
  type: 'PaymentFailed',
  data: {
    payrollId,
    instructionId: idB,
    entitlementId: 'e-b',
    applicationId: 'app-e-b',
    amountFen: fen(154_700),
    failureCode: 'ACCOUNT_CLOSED',
    failureReason: '账户已销户',
    settledAt: '2025-05-09T15:20:00+08:00',
  },
};
/** The outcomes of one import chunk, in one event. */
const settled = (...results: PayrollEvent[]): PayrollEvent => ({
  type: 'PaymentsSettled',
  data: {
    payrollId,
    results: results.map((e) => {
      const { payrollId: _run, ...d } = e.data as { payrollId: string } & Record<string, unknown>;
      return { ...d, outcome: e.type === 'PaymentSucceeded' ? 'paid' : 'failed' } as never;
    }),
  },
});
const reconciled: PayrollEvent = {
  type: 'PayrollReconciled',
  data: { payrollId, paidCount: 1, paidFen: fen(212_700), failedCount: 1, failedFen: fen(154_700), reconciledAt: '2025-05-10T09:00:00+08:00' },
};

describe('importing the bank\u2019s results', () => {
  it('records each payment as succeeded or failed, in one event, and reconciles the run when all are settled', () => {
    given(payrollDecider, run)
      .when(importing([paidA, failedB]))
      .then([settled(succeededA, failedEventB), recorded(212_700, 154_700), reconciled]);
  });

  it('changes nothing when the same file is imported twice', () => {
    given(payrollDecider, [...run, settled(succeededA, failedEventB), recorded(212_700, 154_700), reconciled])
      .when(importing([paidA, failedB]))
      .then([]);
  });

  it('reads outcomes recorded one event per instruction (imports before outcomes came in batches)', () => {
    given(payrollDecider, [...run, succeededA, failedEventB, recorded(212_700, 154_700), reconciled])
      .when(importing([paidA, failedB]))
      .then([]);
    given(payrollDecider, [...run, succeededA])
      .when(importing([{ ...paidA, outcome: 'failed', reasonCode: 'X' }]))
      .thenRejects('SETTLEMENT_CONFLICT');
  });

  it('settles a run across partial files, reconciling once the last outcome arrives', () => {
    given(payrollDecider, run)
      .when(importing([paidA]))
      .then([settled(succeededA), recorded(212_700, 0)]);
    given(payrollDecider, [...run, settled(succeededA), recorded(212_700, 0)])
      .when(importing([paidA, failedB]))
      .then([settled(failedEventB), recorded(0, 154_700), reconciled]);
  });

  it('refuses an outcome contradicting one already recorded', () => {
    given(payrollDecider, [...run, settled(succeededA)])
      .when(importing([{ ...paidA, outcome: 'failed', reasonCode: 'X' }]))
      .thenRejects('SETTLEMENT_CONFLICT');
  });

  it('refuses instructions of other runs and amounts that differ from the instruction', () => {
    const outcome = given(payrollDecider, run).when(importing([paidA, { ...failedB, instructionId: paymentInstructionId('e-z', '2025-05') }]));
    outcome.thenRejects('UNKNOWN_INSTRUCTION');
    expect(!outcome.decision.ok && outcome.decision.rejection).toMatchObject({
      field: 'results[1].instructionId',
      message: expect.stringMatching(/^line 3: /),
    });
    given(payrollDecider, run)
      .when(importing([{ ...paidA, amountFen: fen(212_600) }]))
      .thenRejects('AMOUNT_MISMATCH');
  });

  it('needs a started run', () => {
    given(payrollDecider, [])
      .when(importing([paidA]))
      .thenRejects('PAYROLL_NOT_FOUND');
  });
});
