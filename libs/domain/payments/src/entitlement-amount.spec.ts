import { applyRatio, fen, formatYuan } from '@sa/domain-shared';
import { dibaoMonthlyAmount, extremePovertyMonthlyAmount, monthlyEntitlementAmount } from './entitlement-amount';

/** A small seeded generator (mulberry32), so a failing household can be reproduced from its seed. */
function seeded(seed: number): (below: number) => number {
  let a = seed >>> 0;
  return (below) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
}

describe('monthly entitlement amount', () => {
  it('given 3 members, standard 1,190.00 and counted income 1,443.00, pays members × standard − income = 2,127.00', () => {
    const amount = dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(144_300), householdSize: 3 });
    expect(amount).toEqual({ entitled: true, monthlyAmountFen: 212_700 });
    expect(amount.entitled && formatYuan(amount.monthlyAmountFen)).toBe('2127.00');
  });

  it('given an income that does not divide by the household size, pays the household gap, not a rounded per-capita gap × members', () => {
    // 10.00 counted for 3: per capita 3.33 (display); (1,190.00 − 3.33) × 3 would be 3,560.01.
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(1_000), householdSize: 3 })).toEqual({
      entitled: true,
      monthlyAmountFen: 356_000,
    });
    // 10.02 counted for 3: per capita 3.34 rounded half up; the old formula paid 3,559.98.
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(1_002), householdSize: 3 })).toEqual({
      entitled: true,
      monthlyAmountFen: 355_998,
    });
  });

  it('pays the full standard per member when nothing is counted', () => {
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(0), householdSize: 2 })).toEqual({
      entitled: true,
      monthlyAmountFen: 238_000,
    });
  });

  it('is not entitled, never negative, when counted income reaches members × standard', () => {
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(357_000), householdSize: 3 })).toEqual({
      entitled: false,
      reason: 'income-at-or-above-standard',
    });
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(450_000), householdSize: 3 }).entitled).toBe(false);
    // One fen below the line: one fen is owed, although per capita rounds to the standard.
    expect(dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(356_999), householdSize: 3 })).toEqual({
      entitled: true,
      monthlyAmountFen: 1,
    });
  });

  it('pays extreme-poverty support the support standard per person', () => {
    expect(extremePovertyMonthlyAmount({ supportStandardFen: fen(154_700), persons: 1 })).toEqual({ entitled: true, monthlyAmountFen: 154_700 });
    expect(monthlyEntitlementAmount({ programme: 'extreme-poverty', standardFen: fen(154_700), countedHouseholdIncomeFen: fen(0), householdSize: 2 })).toEqual({
      entitled: true,
      monthlyAmountFen: 309_400,
    });
  });

  it('refuses a household of no one', () => {
    expect(() => dibaoMonthlyAmount({ standardFen: fen(119_000), countedHouseholdIncomeFen: fen(0), householdSize: 0 })).toThrow(/at least 1/);
  });

  it('over 5,000 random households: the payment is exactly members × standard − counted income; per capita is only a display value', () => {
    const random = seeded(20261207);
    let perCapitaWouldHaveDrifted = 0;
    for (let i = 0; i < 5_000; i += 1) {
      const size = 1 + random(8);
      const standard = fen(30_000 + random(200_000));
      const counted = fen(random(standard * size));
      const amount = dibaoMonthlyAmount({ standardFen: standard, countedHouseholdIncomeFen: counted, householdSize: size });
      expect(amount).toEqual({ entitled: true, monthlyAmountFen: standard * size - counted });
      const perCapitaDisplay = applyRatio(counted, 1, size, 'half-up');
      if ((standard - perCapitaDisplay) * size !== standard * size - counted) perCapitaWouldHaveDrifted += 1;
    }
    // The drift the per-capita formula caused is real in this sample, and the household formula has none.
    expect(perCapitaWouldHaveDrifted).toBeGreaterThan(1_000);
  });
});
