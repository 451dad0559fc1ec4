import { fen } from '../money/fen';
import { parseRegionCode } from '../region/region-code';
import { policyInForce, policyProblems, type RegionalPolicy } from './regional-policy';

const base: RegionalPolicy = {
  id: '33-2024',
  region: parseRegionCode('330000'),
  effectiveFrom: '2024-01-01',
  dibaoStandardUrbanFen: fen(110000),
  dibaoStandardRuralFen: fen(110000),
  extremePovertyStandardUrbanFen: fen(143000),
  extremePovertyStandardRuralFen: fen(143000),
  employmentCostDeductionBp: 3000,
  minimumMonthlyWageFen: fen(249000),
  excludeResidentBasicPension: true,
  publicNoticeDays: 7,
  confirmationDelegatedToTownship: false,
  gradualExitMonths: 6,
  propertyLimits: { maxVehicles: 0, maxFinancialAssetsPerCapitaFen: fen(2_000_000), maxDwellings: 1, businessRegistrationDisqualifies: true },
};

describe('regional policy', () => {
  const raised = {
    ...base,
    id: '33-2025',
    effectiveFrom: '2025-01-01',
    dibaoStandardUrbanFen: fen(119000),
    dibaoStandardRuralFen: fen(119000),
    extremePovertyStandardUrbanFen: fen(154700),
    extremePovertyStandardRuralFen: fen(154700),
  };
  const county = { ...base, id: '331002-2024-07', region: parseRegionCode('331002'), effectiveFrom: '2024-07-01' };

  it('uses the version in force on the date (standards are raised over time)', () => {
    const village = parseRegionCode('331003001001');
    expect(policyInForce([base, raised], village, '2024-12-31')?.id).toBe('33-2024');
    expect(policyInForce([base, raised], village, '2025-01-01')?.id).toBe('33-2025');
    expect(policyInForce([base, raised], village, '2023-12-31')).toBeUndefined();
  });

  it('prefers the most specific region', () => {
    expect(policyInForce([base, raised, county], parseRegionCode('331002001'), '2025-03-01')?.id).toBe('331002-2024-07');
    expect(policyInForce([base, raised, county], parseRegionCode('331002001'), '2024-06-30')?.id).toBe('33-2024');
  });

  it('refuses an extreme-poverty standard below 1.3 × dibao', () => {
    const low = { ...base, extremePovertyStandardUrbanFen: fen(142999) };
    expect(policyProblems(low)).toEqual([
      { policyId: '33-2024', field: 'extremePovertyStandardUrbanFen', rule: 'must be at least 1.3 × the urban dibao standard' },
    ]);
    expect(policyProblems(base)).toEqual([]);
  });
});
