import { fen, formatYuan } from '@sa/domain-shared';
import { dibaoMonthlyAmount, extremePovertyMonthlyAmount, monthlyEntitlementAmount } from './entitlement-amount';

describe('monthly entitlement amount', () => {
  it('pays dibao the gap: (1,190.00 − 481.00) × 3 members = 2,127.00 (212,700 fen)', () => {
    const amount = dibaoMonthlyAmount({ standardFen: fen(119_000), perCapitaCountedIncomeFen: fen(48_100), householdSize: 3 });
    expect(amount).toEqual({ entitled: true, monthlyAmountFen: 212_700 });
    expect(amount.entitled && formatYuan(amount.monthlyAmountFen)).toBe('2127.00');
  });

  it('pays the full standard per member when nothing is counted', () => {
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), perCapitaCountedIncomeFen: fen(0), householdSize: 2 })).toEqual({
      entitled: true,
      monthlyAmountFen: 238_000,
    });
  });

  it('is not entitled, never negative, when per-capita income reaches the standard', () => {
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), perCapitaCountedIncomeFen: fen(119_000), householdSize: 3 })).toEqual({
      entitled: false,
      reason: 'income-at-or-above-standard',
    });
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), perCapitaCountedIncomeFen: fen(150_000), householdSize: 3 }).entitled).toBe(false);
  });

  it('stays exact in fen where floating point would drift', () => {
    // 0.1-style values: 700.10 − 0.30 = 699.80, × 7 = 4,898.60.
    expect(dibaoMonthlyAmount({ standardFen: fen(70_010), perCapitaCountedIncomeFen: fen(30), householdSize: 7 })).toEqual({
      entitled: true,
      monthlyAmountFen: 489_860,
    });
  });

  it('pays extreme-poverty support the support standard per person', () => {
    expect(extremePovertyMonthlyAmount({ supportStandardFen: fen(154_700), persons: 1 })).toEqual({ entitled: true, monthlyAmountFen: 154_700 });
    expect(monthlyEntitlementAmount({ programme: 'extreme-poverty', standardFen: fen(154_700), perCapitaCountedIncomeFen: fen(0), householdSize: 2 })).toEqual({
      entitled: true,
      monthlyAmountFen: 309_400,
    });
  });

  it('refuses a household of no one', () => {
    expect(() => dibaoMonthlyAmount({ standardFen: fen(119_000), perCapitaCountedIncomeFen: fen(0), householdSize: 0 })).toThrow(/at least 1/);
  });
});
