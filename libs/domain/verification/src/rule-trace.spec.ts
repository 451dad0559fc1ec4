import { fen } from '@sa/domain-shared';
import { countedEntry, countedIncomeFen, excludedEntry, ruleBasis, ruleIds } from './rule-trace';

const facts = { item: 'wage', memberId: 'm-1', origin: 'declared', policyId: 'taizhou-2025' } as const;

describe('rule trace', () => {
  it('gives every rule a lower-case id and a basis short enough for the outbound message (≤ 300 characters)', () => {
    for (const rule of ruleIds) {
      expect(rule).toMatch(/^[a-z][a-z0-9-]{1,63}$/);
      expect(ruleBasis[rule].length).toBeLessThanOrEqual(300);
    }
  });

  it('records a counted amount as it is and an excluded one as contributing nothing', () => {
    expect(countedEntry('wage-counted', facts, fen(180_000))).toEqual({
      rule: 'wage-counted',
      ...facts,
      parameters: {},
      amountBeforeFen: 180_000,
      amountAfterFen: 180_000,
      counted: true,
      basis: ruleBasis['wage-counted'],
    });
    expect(excludedEntry('resident-basic-pension-excluded', facts, fen(26_000))).toMatchObject({ amountBeforeFen: 26_000, amountAfterFen: 0, counted: false });
  });

  it('sums counted entries, deductions included, and never goes below zero', () => {
    const wage = countedEntry('wage-counted', facts, fen(180_000));
    const deduction = countedEntry('employment-cost-deduction', facts, fen(-35_700));
    const pension = excludedEntry('resident-basic-pension-excluded', facts, fen(26_000));
    expect(countedIncomeFen([wage, deduction, pension])).toBe(144_300);
    expect(countedIncomeFen([countedEntry('rigid-expenditure-deducted', facts, fen(-1))])).toBe(0);
    expect(countedIncomeFen([])).toBe(0);
  });
});
