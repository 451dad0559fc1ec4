import { fen, given } from '@sa/domain-shared';
import { paymentInstructionId, payrollRunId } from '../deterministic-id';
import { entry, officer, payee } from '../test-support/payment-fixtures';
import type { StartPayroll } from './commands';
import { payrollDecider } from './decider';
import type { PayrollEvent } from './events';

const county = '330102';
const month = '2025-05';
const payrollId = payrollRunId(county, month);

function startPayroll(overrides: Partial<StartPayroll> = {}): StartPayroll {
  return {
    type: 'StartPayroll',
    payrollId,
    region: county,
    month,
    entitlements: [
      entry('e-active'),
      entry('e-extreme', { programme: 'extreme-poverty', monthlyAmountFen: fen(154_700) }),
      entry('e-later', { startMonth: '2025-06' }),
      entry('e-dead', { stopMonth: '2025-05' }),
      entry('e-paused', { suspensions: [{ fromMonth: '2025-04' }] }),
      entry('e-elsewhere', { region: '330103001001' }),
    ],
    startedBy: officer,
    startedAt: '2025-05-08T09:00:00+08:00',
    ...overrides,
  };
}

function issued(id: string, amountFen: number, programme: 'dibao' | 'extreme-poverty', reference: string): PayrollEvent {
  return {
    type: 'PaymentInstructionIssued',
    data: {
      payrollId,
      instructionId: paymentInstructionId(id, month),
      entitlementId: id,
      applicationId: `app-${id}`,
      programme,
      region: '330102001001' as never,
      month,
      amountFen: fen(amountFen),
      payee,
      reference,
      issuedAt: '2025-05-08T09:00:00+08:00',
    },
  };
}

const expectedEvents: PayrollEvent[] = [
  {
    type: 'PayrollStarted',
    data: {
      payrollId,
      region: county as never,
      month,
      instructionCount: 2,
      totalFen: fen(367_400),
      excluded: [
        { entitlementId: 'e-later', reason: 'not-started' },
        { entitlementId: 'e-dead', reason: 'stopped' },
        { entitlementId: 'e-paused', reason: 'suspended' },
        { entitlementId: 'e-elsewhere', reason: 'outside-region' },
      ],
      startedBy: officer,
      startedAt: '2025-05-08T09:00:00+08:00',
    },
  },
  issued('e-active', 212_700, 'dibao', '低保金2025-05'),
  issued('e-extreme', 154_700, 'extreme-poverty', '特困供养金2025-05'),
];

describe('a payroll run (per region and month)', () => {
  it('issues one instruction per payable entitlement, and says why the others were left out', () => {
    given(payrollDecider, []).when(startPayroll()).then(expectedEvents);
  });

  it('derives instruction ids from entitlement and month', () => {
    expect(paymentInstructionId('e-active', '2025-05')).toBe(paymentInstructionId('e-active', '2025-05'));
    expect(paymentInstructionId('e-active', '2025-05')).not.toBe(paymentInstructionId('e-active', '2025-06'));
  });

  it('runs once: a second start for the same region and month pays nothing', () => {
    given(payrollDecider, expectedEvents).when(startPayroll()).thenRejects('PAYROLL_ALREADY_STARTED');
  });

  it('accepts only the id derived from its region and month', () => {
    given(payrollDecider, [])
      .when(startPayroll({ payrollId: payrollRunId(county, '2025-06') }))
      .thenRejects('PAYROLL_ID_MISMATCH');
    given(payrollDecider, [])
      .when(startPayroll({ region: '330102000000' }))
      .then(expectedEvents);
  });

  it('refuses a list naming an entitlement twice', () => {
    const outcome = given(payrollDecider, []).when(startPayroll({ entitlements: [entry('e-1'), entry('e-2'), entry('e-1')] }));
    outcome.thenRejects('DUPLICATE_ENTITLEMENT');
    expect(!outcome.decision.ok && outcome.decision.rejection.field).toBe('entitlements[2].entitlementId');
  });

  it('leaves out a month another run already paid (an enclosing or enclosed region)', () => {
    const outcome = given(payrollDecider, []).when(
      startPayroll({ entitlements: [entry('e-active', { paidMonths: ['2025-04', '2025-05'] }), entry('e-new', { paidMonths: ['2025-04'] })] }),
    );
    const events = outcome.decision.ok ? outcome.decision.events : [];
    expect(events[0]?.type === 'PayrollStarted' && events[0].data.excluded).toEqual([{ entitlementId: 'e-active', reason: 'already-paid' }]);
    expect(events.slice(1).map((e) => e.type === 'PaymentInstructionIssued' && e.data.entitlementId)).toEqual(['e-new']);
    given(payrollDecider, [])
      .when(startPayroll({ entitlements: [entry('e-1', { paidMonths: ['May'] })] }))
      .thenRejects('INVALID_MONTH');
  });

  it('runs with nobody to pay', () => {
    const outcome = given(payrollDecider, []).when(startPayroll({ entitlements: [] }));
    expect(outcome.decision.ok && outcome.decision.events).toEqual([
      { ...expectedEvents[0], data: { ...expectedEvents[0]?.data, instructionCount: 0, totalFen: 0, excluded: [] } },
    ]);
  });
});
