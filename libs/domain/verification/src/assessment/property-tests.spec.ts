import { fen } from '@sa/domain-shared';
import { taizhou2025 } from '../testing/fixtures';
import { testProperty, type PropertyTestInput } from './property-tests';

const within: PropertyTestInput = {
  declared: { vehicles: 0, dwellings: 1, financialAssetsFen: fen(8_568_000), businessRegistrations: 0 },
  department: { vehicles: 0, dwellings: 1, businessRegistrations: 0 },
  householdSize: 3,
  limits: taizhou2025.propertyLimits,
  policyId: 'taizhou-2025',
};

const rules = (input: PropertyTestInput) => testProperty(input).failures.map((f) => [f.rule, f.found, f.limit]);

describe('property test (财产认定)', () => {
  it('passes a household within every limit (financial assets exactly 24 months × 3 members)', () => {
    expect(testProperty(within)).toEqual({ passed: true, failures: [] });
  });

  it('counts vehicles registered by departments even when none were declared', () => {
    expect(rules({ ...within, department: { ...within.department, vehicles: 1 } })).toEqual([['vehicles-above-limit', 1, 0]]);
  });

  it('counts declared dwellings even when the registry has fewer', () => {
    expect(rules({ ...within, declared: { ...within.declared, dwellings: 2 } })).toEqual([['dwellings-above-limit', 2, 1]]);
  });

  it('tests financial assets against the per-capita limit times the household size', () => {
    const result = testProperty({ ...within, declared: { ...within.declared, financialAssetsFen: fen(8_568_001) } });
    expect(result.failures.map((f) => [f.rule, f.found, f.limit])).toEqual([['financial-assets-above-limit', 8_568_001, 8_568_000]]);
    expect(result.failures[0]?.detail).toBe('financial assets 85680.01 yuan above 28560.00 × 3 = 85680.00 yuan under policy taizhou-2025');
    expect(testProperty({ ...within, householdSize: 4, declared: { ...within.declared, financialAssetsFen: fen(8_568_001) } }).passed).toBe(true);
  });

  it('excludes a household with a registered business only where the policy says so', () => {
    const withBusiness = { ...within, department: { ...within.department, businessRegistrations: 1 } };
    expect(rules(withBusiness)).toEqual([['business-registration-held', 1, 0]]);
    expect(testProperty({ ...withBusiness, limits: { ...taizhou2025.propertyLimits, businessRegistrationDisqualifies: false } }).passed).toBe(true);
  });
});
