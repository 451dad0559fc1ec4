import { fen, fold, given } from '@sa/domain-shared';
import { payrollRunId } from '../deterministic-id';
import { payrollDecider } from '../payroll/decider';
import { instructionsOf } from '../payroll/events';
import { amountForMonth } from '../payroll/payroll-entry';
import { applicationId, entitlementId, entryAfter, granted, officer } from '../test-support/payment-fixtures';
import type { ChangeEntitlementAmount } from './commands';
import { entitlementDecider } from './decider';
import type { EntitlementEvent } from './events';

// The household's counted income fell from 1,443.00 to 1,000.00: 3 × 1,190.00 − 1,000.00 = 2,570.00 a month.
const change: ChangeEntitlementAmount = {
  type: 'ChangeEntitlementAmount',
  entitlementId,
  fromMonth: '2025-11',
  householdSize: 3,
  standardFen: fen(119_000),
  countedHouseholdIncomeFen: fen(100_000),
  policyId: 'taizhou-2025',
  detail: '定期核查：家庭收入减少，调整救助金额',
  changedBy: officer,
  changedAt: '2025-10-12T10:00:00+08:00',
};
const changed: EntitlementEvent = {
  type: 'EntitlementAmountChanged',
  data: {
    entitlementId,
    applicationId,
    fromMonth: '2025-11',
    monthlyAmountFen: fen(257_000),
    previousAmountFen: fen(212_700),
    householdSize: 3,
    standardFen: fen(119_000),
    countedHouseholdIncomeFen: fen(100_000),
    policyId: 'taizhou-2025',
    detail: '定期核查：家庭收入减少，调整救助金额',
    changedBy: officer,
    changedAt: '2025-10-12T10:00:00+08:00',
  },
};

describe('changing the amount after a review (调整救助金额)', () => {
  it('recomputes the gap from the review’s figures, from the stated month', () => {
    given(entitlementDecider, [granted()]).when(change).then([changed]);
  });

  it('pays the old amount before the month and the new one from it', () => {
    // Given the change recorded, When the payroll asks per month, Then October pays 2,127.00 and November 2,570.00
    const entry = entryAfter([granted(), changed]);
    expect(amountForMonth(entry, '2025-10')).toBe(212_700);
    expect(amountForMonth(entry, '2025-11')).toBe(257_000);
    expect(amountForMonth(entry, '2026-03')).toBe(257_000);
  });

  it('changes nothing when the same amount is asked again (a redelivered review)', () => {
    given(entitlementDecider, [granted(), changed]).when(change).then([]);
  });

  it('refuses a change that leaves no gap, and one after the entitlement stopped', () => {
    given(entitlementDecider, [granted()])
      .when({ ...change, countedHouseholdIncomeFen: fen(357_000) })
      .thenRejects('NOT_ENTITLED');
    const stopped: EntitlementEvent = {
      type: 'EntitlementStopped',
      data: { entitlementId, applicationId, reason: 'moved-away', effectiveMonth: '2025-09', stoppedBy: officer, stoppedAt: '2025-08-20T10:00:00+08:00' },
    };
    given(entitlementDecider, [granted(), stopped]).when(change).thenRejects('ENTITLEMENT_STOPPED');
  });
});

describe('a payroll after an amount change', () => {
  it('issues the amount in force for the run’s month', () => {
    // Given an entitlement whose amount changed from November, When the November payroll issues its batch, Then it pays 2,570.00
    const entry = entryAfter([granted(), changed]);
    const payrollId = payrollRunId('330102', '2025-11');
    const started = entitlementStart(payrollId);
    const decision = payrollDecider.decide(
      { type: 'IssuePayrollBatch', payrollId, batch: 0, entitlements: [entry], issuedAt: '2025-11-08T09:00:01+08:00' },
      fold(payrollDecider, started),
    );
    expect(decision.ok).toBe(true);
    const issued = decision.ok ? decision.events.flatMap((e) => (e.type === 'PaymentInstructionsIssued' ? instructionsOf(e) : [])) : [];
    expect(issued.map((i) => i.amountFen)).toEqual([257_000]);
  });
});

function entitlementStart(payrollId: string) {
  const start = payrollDecider.decide(
    {
      type: 'StartPayroll',
      payrollId,
      region: '330102',
      month: '2025-11',
      batchSize: 1000,
      plannedEntitlements: 1,
      startedBy: officer,
      startedAt: '2025-11-08T09:00:00+08:00',
    },
    payrollDecider.initialState,
  );
  if (!start.ok) throw new Error(start.rejection.code);
  return [...start.events];
}
