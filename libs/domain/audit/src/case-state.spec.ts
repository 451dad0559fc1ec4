import { assembleCaseHistory } from './case-history';
import { caseStateAt } from './case-state';
import { HistoryWriter, people, writeDibaoCase } from './test-support/histories';

describe('case state at a moment (folded from events)', () => {
  const w = new HistoryWriter();
  const planted = writeDibaoCase(w, { payrollMonths: ['2025-04', '2025-05'] });
  const entitlementId = (w.events.find((e) => e.type === 'EntitlementGranted')?.data as { entitlementId: string }).entitlementId;
  w.add(
    'payments',
    `entitlement-${entitlementId}`,
    'EntitlementStopped',
    {
      entitlementId,
      applicationId: planted.applicationId,
      reason: 'exit',
      effectiveMonth: '2025-06',
      stoppedBy: people.paymentsOfficer,
      stoppedAt: '2025-05-20T00:00:00.000Z',
    },
    people.paymentsOfficer,
    '2025-05-20T00:00:00.000Z',
  );
  const history = assembleCaseHistory(planted.applicationId, w.events);

  it('knows nothing before the application was taken', () => {
    expect(caseStateAt(history, '2025-03-01T00:00:00.000Z')).toMatchObject({ exists: false, status: 'unknown', eventsFolded: 0, payments: [] });
  });

  it('shows the declared household while the check runs', () => {
    expect(caseStateAt(history, '2025-03-03T01:21:30.000Z')).toMatchObject({
      exists: true,
      status: 'economic-check-in-progress',
      householdSize: 3,
      programme: 'dibao',
    });
  });

  it('shows the counted income and the notice during the public notice, and no entitlement yet', () => {
    const state = caseStateAt(history, '2025-03-15T00:00:00.000Z');
    expect(state).toMatchObject({
      status: 'in-public-notice',
      householdSize: 3,
      countedMonthlyIncomeFen: 144_300,
      perCapitaMonthlyIncomeFen: 48_100,
      economicCheck: { policyId: 'taizhou-2025', standardFen: 119_000, outcome: 'eligible' },
    });
    expect(state.entitlement).toBeUndefined();
    expect(state.decision).toBeUndefined();
  });

  it('shows the entitlement and the payments up to the moment, with what the bank said', () => {
    const april = caseStateAt(history, '2025-04-06T00:00:00.000Z');
    expect(april).toMatchObject({
      status: 'receiving-benefit',
      entitlement: { status: 'active', monthlyAmountFen: 212_700, startMonth: '2025-04' },
      issuedTotalFen: 212_700,
      paidTotalFen: 0,
    });
    expect(april.payments.map((p) => [p.month, p.status])).toEqual([['2025-04', 'issued']]);
    const later = caseStateAt(history, '2025-06-01T00:00:00.000Z');
    expect(later).toMatchObject({
      status: 'benefit-stopped',
      entitlement: { status: 'stopped', stopMonth: '2025-06', stopReason: 'exit' },
      issuedTotalFen: 425_400,
      paidTotalFen: 425_400,
    });
    expect(later.decision).toMatchObject({ outcome: 'approved', by: people.countyApprover, level: 'county', benefitStartMonth: '2025-04' });
  });
});
