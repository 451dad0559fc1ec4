import { fen, given } from '@sa/domain-shared';
import { paymentInstructionId, payrollRunId } from '../deterministic-id';
import { entry, officer, payee } from '../test-support/payment-fixtures';
import type { IssuePayrollBatch, StartPayroll } from './commands';
import { payrollDecider } from './decider';
import type { BatchInstruction, PayrollEvent } from './events';
import type { PayrollEntry } from './payroll-entry';

const county = '330102';
const month = '2025-05';
const payrollId = payrollRunId(county, month);
const at = '2025-05-08T09:00:00+08:00';

function startPayroll(overrides: Partial<StartPayroll> = {}): StartPayroll {
  return { type: 'StartPayroll', payrollId, region: county, month, batchSize: 4, plannedEntitlements: 6, startedBy: officer, startedAt: at, ...overrides };
}

const started: PayrollEvent = {
  type: 'PayrollStarted',
  data: { payrollId, region: county as never, month, batchSize: 4, plannedEntitlements: 6, plannedBatches: 2, startedBy: officer, startedAt: at },
};

function batch(n: number, entitlements: PayrollEntry[]): IssuePayrollBatch {
  return { type: 'IssuePayrollBatch', payrollId, batch: n, entitlements, issuedAt: at };
}

function issued(id: string, amountFen: number, programme: 'dibao' | 'extreme-poverty', reference: string): BatchInstruction {
  return {
    instructionId: paymentInstructionId(id, month),
    entitlementId: id,
    applicationId: `app-${id}`,
    programme,
    region: '330102001001' as never,
    amountFen: fen(amountFen),
    payee,
    reference,
  };
}

/** A batch's instructions in one event. */
function instructions(n: number, list: BatchInstruction[]): PayrollEvent {
  return { type: 'PaymentInstructionsIssued', data: { payrollId, batch: n, month, issuedAt: at, instructions: list } };
}

// Ascending ids, as the run reads them after its cursor.
const first = [
  entry('e-active'),
  entry('e-dead', { stopMonth: '2025-05' }),
  entry('e-elsewhere', { region: '330103001001' }),
  entry('e-extreme', { programme: 'extreme-poverty', monthlyAmountFen: fen(154_700) }),
];
const second = [entry('e-later', { startMonth: '2025-06' }), entry('e-paused', { suspensions: [{ fromMonth: '2025-04' }] })];

const firstBatch: PayrollEvent[] = [
  instructions(0, [issued('e-active', 212_700, 'dibao', '低保金2025-05'), issued('e-extreme', 154_700, 'extreme-poverty', '特困供养金2025-05')]),
  {
    type: 'PayrollBatchIssued',
    data: {
      payrollId,
      batch: 0,
      lastEntitlementId: 'e-extreme',
      instructionCount: 2,
      totalFen: fen(367_400),
      excluded: [
        { entitlementId: 'e-dead', reason: 'stopped' },
        { entitlementId: 'e-elsewhere', reason: 'outside-region' },
      ],
      issuedAt: at,
    },
  },
];
const secondBatch: PayrollEvent = {
  type: 'PayrollBatchIssued',
  data: {
    payrollId,
    batch: 1,
    lastEntitlementId: 'e-paused',
    instructionCount: 0,
    totalFen: fen(0),
    excluded: [
      { entitlementId: 'e-later', reason: 'not-started' },
      { entitlementId: 'e-paused', reason: 'suspended' },
    ],
    issuedAt: at,
  },
};

describe('a payroll run (per region and month, in batches)', () => {
  it('opens with its plan: entitlements counted, batches expected', () => {
    given(payrollDecider, []).when(startPayroll()).then([started]);
  });

  it('issues one instruction per payable entitlement of a batch, in one event, and says why the others were left out', () => {
    given(payrollDecider, [started]).when(batch(0, first)).then(firstBatch);
    given(payrollDecider, [started, ...firstBatch])
      .when(batch(1, second))
      .then([secondBatch]);
  });

  it('records a large batch in parts of at most 100 instructions, in id order', () => {
    // Given a run of batches of 250, when a batch of 250 payable entitlements is issued
    const ids = Array.from({ length: 250 }, (_, i) => `e-${String(i).padStart(4, '0')}`);
    const big = given(payrollDecider, [{ ...started, data: { ...started.data, batchSize: 250 } } as PayrollEvent]).when(
      batch(
        0,
        ids.map((id) => entry(id)),
      ),
    );
    const events = big.decision.ok ? big.decision.events : [];
    // Then its instructions come in three events of 100, 100 and 50, followed by the batch
    expect(events.map((e) => (e.type === 'PaymentInstructionsIssued' ? e.data.instructions.length : e.type))).toEqual([100, 100, 50, 'PayrollBatchIssued']);
    const all = events.flatMap((e) => (e.type === 'PaymentInstructionsIssued' ? e.data.instructions.map((i) => i.entitlementId) : []));
    expect(all).toEqual(ids);
  });

  it('closes with the control totals of all its batches', () => {
    given(payrollDecider, [started, ...firstBatch, secondBatch])
      .when({ type: 'ClosePayroll', payrollId, closedAt: at })
      .then([{ type: 'PayrollClosed', data: { payrollId, batches: 2, instructionCount: 2, totalFen: fen(367_400), excludedCount: 4, closedAt: at } }]);
    const closed: PayrollEvent = {
      type: 'PayrollClosed',
      data: { payrollId, batches: 2, instructionCount: 2, totalFen: fen(367_400), excludedCount: 4, closedAt: at },
    };
    given(payrollDecider, [started, ...firstBatch, secondBatch, closed])
      .when(batch(2, [entry('e-zz')]))
      .thenRejects('PAYROLL_CLOSED');
  });

  it('considers each entitlement once: a batch must be the next one and its ids ascend after the cursor', () => {
    given(payrollDecider, [started, ...firstBatch])
      .when(batch(0, first))
      .thenRejects('BATCH_OUT_OF_ORDER');
    const again = given(payrollDecider, [started, ...firstBatch]).when(batch(1, [entry('e-extreme')]));
    again.thenRejects('ENTITLEMENT_OUT_OF_ORDER');
    expect(!again.decision.ok && again.decision.rejection.field).toBe('entitlements[0].entitlementId');
    given(payrollDecider, [started])
      .when(batch(0, [entry('e-1'), entry('e-2'), entry('e-1')]))
      .thenRejects('ENTITLEMENT_OUT_OF_ORDER');
  });

  it('derives instruction ids from entitlement and month', () => {
    expect(paymentInstructionId('e-active', '2025-05')).toBe(paymentInstructionId('e-active', '2025-05'));
    expect(paymentInstructionId('e-active', '2025-05')).not.toBe(paymentInstructionId('e-active', '2025-06'));
  });

  it('runs once: a second start for the same region and month pays nothing', () => {
    given(payrollDecider, [started]).when(startPayroll()).thenRejects('PAYROLL_ALREADY_STARTED');
  });

  it('accepts only the id derived from its region and month, and a sane batch size', () => {
    given(payrollDecider, [])
      .when(startPayroll({ payrollId: payrollRunId(county, '2025-06') }))
      .thenRejects('PAYROLL_ID_MISMATCH');
    given(payrollDecider, [])
      .when(startPayroll({ region: '330102000000' }))
      .then([started]);
    given(payrollDecider, [])
      .when(startPayroll({ batchSize: 0 }))
      .thenRejects('INVALID_BATCH_SIZE');
  });

  it('leaves out a month another run already paid (an enclosing or enclosed region)', () => {
    const outcome = given(payrollDecider, [started]).when(
      batch(0, [entry('e-active', { paidMonths: ['2025-04', '2025-05'] }), entry('e-new', { paidMonths: ['2025-04'] })]),
    );
    const events = outcome.decision.ok ? outcome.decision.events : [];
    expect(events[0]?.type === 'PaymentInstructionsIssued' && events[0].data.instructions.map((i) => i.entitlementId)).toEqual(['e-new']);
    expect(events[1]?.type === 'PayrollBatchIssued' && events[1].data.excluded).toEqual([{ entitlementId: 'e-active', reason: 'already-paid' }]);
    given(payrollDecider, [started])
      .when(batch(0, [entry('e-1', { paidMonths: ['May'] })]))
      .thenRejects('INVALID_MONTH');
  });

  it('runs with nobody to pay', () => {
    given(payrollDecider, [{ ...started, data: { ...started.data, plannedEntitlements: 0, plannedBatches: 0 } } as PayrollEvent])
      .when({ type: 'ClosePayroll', payrollId, closedAt: at })
      .then([{ type: 'PayrollClosed', data: { payrollId, batches: 0, instructionCount: 0, totalFen: fen(0), excludedCount: 0, closedAt: at } }]);
  });

  it('still folds a run recorded with one event per instruction (before batches carried them)', () => {
    const old = (id: string, amountFen: number): PayrollEvent => ({
      type: 'PaymentInstructionIssued',
      data: { payrollId, ...issued(id, amountFen, 'dibao', '低保金2025-05'), month, issuedAt: at },
    });
    const state = [started, old('e-active', 212_700), old('e-extreme', 154_700), firstBatch[1] as PayrollEvent].reduce(
      payrollDecider.evolve,
      payrollDecider.initialState,
    );
    expect(state.status === 'started' && [state.instructions.size, state.instructions.get(paymentInstructionId('e-extreme', month))?.amountFen]).toEqual([
      2, 154_700,
    ]);
  });

  it('folds a run of 200,000 instructions, each kept once (its time is measured by apps/payments/bench, not here)', () => {
    const events: PayrollEvent[] = [started];
    const template = issued('e-active', 212_700, 'dibao', '低保金2025-05');
    for (let b = 0; b < 200; b++) {
      events.push(
        instructions(
          b,
          Array.from({ length: 1000 }, (_, i) => ({ ...template, instructionId: `i-${b * 1000 + i}` })),
        ),
      );
    }
    const state = events.reduce(payrollDecider.evolve, payrollDecider.initialState);
    expect(state.status === 'started' && state.instructions.size).toBe(200_000);
    expect(state.status === 'started' && state.instructions.get('i-199999')?.amountFen).toBe(212_700);
  });
});
