import { fen, given } from '@sa/domain-shared';
import { payabilityIn } from '../payroll/payroll-entry';
import { applicationId, entitlementId, entryAfter, granted, officer } from '../test-support/payment-fixtures';
import type { StartGradualExit } from './commands';
import { entitlementDecider } from './decider';
import type { EntitlementEvent } from './events';
import { gradualExitPeriod } from './gradual-exit';

const start: StartGradualExit = {
  type: 'StartGradualExit',
  entitlementId,
  countedHouseholdIncomeFen: fen(375_000),
  householdSize: 3,
  perCapitaCountedIncomeFen: fen(125_000),
  standardFen: fen(119_000),
  gradualExitMonths: 6,
  fromMonth: '2025-07',
  policyId: '330000-2025-01',
  decidedBy: officer,
  decidedAt: '2025-06-20T09:00:00+08:00',
};

const started: EntitlementEvent = {
  type: 'GradualExitStarted',
  data: {
    entitlementId,
    applicationId,
    fromMonth: '2025-07',
    months: 6,
    lastPaidMonth: '2025-12',
    countedHouseholdIncomeFen: fen(375_000),
    householdSize: 3,
    perCapitaCountedIncomeFen: fen(125_000),
    standardFen: fen(119_000),
    policyId: '330000-2025-01',
    decidedBy: officer,
    decidedAt: '2025-06-20T09:00:00+08:00',
  },
};
const exitStop: EntitlementEvent = {
  type: 'EntitlementStopped',
  data: {
    entitlementId,
    applicationId,
    reason: 'exit',
    detail: '家庭人均收入达到或超过低保标准，渐退期6个月期满退出',
    effectiveMonth: '2026-01',
    stoppedBy: officer,
    stoppedAt: '2025-06-20T09:00:00+08:00',
  },
};

describe('gradual exit (渐退期)', () => {
  it('keeps paying for the policy\u2019s months, then ends with reason exit', () => {
    given(entitlementDecider, [granted()]).when(start).then([started, exitStop]);
    const entry = entryAfter([granted(), started, exitStop]);
    expect(payabilityIn(entry, '2025-12')).toBe('payable');
    expect(payabilityIn(entry, '2026-01')).toBe('stopped');
  });

  it('computes the period from the months the policy grants', () => {
    expect(gradualExitPeriod('2025-07', 6)).toEqual({ lastPaidMonth: '2025-12', stopMonth: '2026-01' });
    expect(gradualExitPeriod('2025-07', 0)).toEqual({ lastPaidMonth: null, stopMonth: '2025-07' });
  });

  it('needs income at or above the standard', () => {
    given(entitlementDecider, [granted()])
      .when({ ...start, countedHouseholdIncomeFen: fen(356_997), perCapitaCountedIncomeFen: fen(118_999) })
      .thenRejects('INCOME_NOT_ABOVE_STANDARD');
  });

  it('given a household of 3 one fen short of 3 × 1,190.00, when its per-capita figure rounds up to the standard, then no exit starts', () => {
    // Given 3,569.99 counted for 3: per capita 1,189.9967, shown rounded as 1,190.00 = the standard
    const oneFenShort = { ...start, countedHouseholdIncomeFen: fen(356_999), householdSize: 3, perCapitaCountedIncomeFen: fen(119_000) };
    // When the exit is asked for, then it is refused: the household is still owed 0.01 a month
    given(entitlementDecider, [granted()]).when(oneFenShort).thenRejects('INCOME_NOT_ABOVE_STANDARD');
  });

  it('given a household of 3 at exactly 3 × 1,190.00, when the exit is asked for, then it starts (the gap is zero)', () => {
    const atStandard = { ...start, countedHouseholdIncomeFen: fen(357_000), householdSize: 3, perCapitaCountedIncomeFen: fen(119_000) };
    const outcome = given(entitlementDecider, [granted()]).when(atStandard);
    expect(outcome.decision.ok && outcome.decision.events.map((e) => e.type)).toEqual(['GradualExitStarted', 'EntitlementStopped']);
    expect(outcome.decision.ok && outcome.decision.events[0]?.data).toMatchObject({ countedHouseholdIncomeFen: 357_000, householdSize: 3 });
  });

  it('applies to dibao only, once', () => {
    given(entitlementDecider, [granted({ programme: 'extreme-poverty' })])
      .when(start)
      .thenRejects('GRADUAL_EXIT_NOT_APPLICABLE');
    given(entitlementDecider, [granted(), started, exitStop]).when(start).thenRejects('GRADUAL_EXIT_ALREADY_STARTED');
  });

  it('lets an earlier stop (moving away) cut it short', () => {
    given(entitlementDecider, [granted(), started, exitStop])
      .when({
        type: 'TerminateEntitlement',
        entitlementId,
        reason: 'moved-away',
        detail: '迁出',
        effectiveMonth: '2025-10',
        stoppedBy: officer,
        stoppedAt: '2025-09-20T09:00:00+08:00',
      })
      .then([
        {
          type: 'EntitlementStopped',
          data: {
            entitlementId,
            applicationId,
            reason: 'moved-away',
            detail: '迁出',
            effectiveMonth: '2025-10',
            stoppedBy: officer,
            stoppedAt: '2025-09-20T09:00:00+08:00',
          },
        },
      ]);
  });
});
