import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRegionCode, policyInForce } from '@sa/domain-shared';
import { ConfigError } from './config';
import { chinaCalendarDay, parseRegionalPolicies } from './regional-policies';

const shipped = readFileSync(join(__dirname, '..', '..', '..', '..', 'config', 'regional-policies.yaml'), 'utf8');

describe('regional policy file', () => {
  it('loads the shipped policies exactly, in fen and basis points', () => {
    const policies = parseRegionalPolicies(shipped);
    const taizhou = policyInForce(policies, parseRegionCode('331002001001'), '2025-06-01');
    expect(taizhou).toMatchObject({
      id: 'taizhou-2025',
      dibaoStandardUrbanFen: 119000,
      extremePovertyStandardUrbanFen: 154700,
      employmentCostDeductionBp: 3000,
      publicNoticeDays: 7,
    });
    expect(taizhou?.propertyLimits.maxFinancialAssetsPerCapitaFen).toBe(2856000);
  });

  it('refuses a policy whose extreme-poverty standard is below 1.3 × dibao, naming the policy and field', () => {
    const bad = shipped.replace('extremePovertyStandardUrban: "1547.00"', 'extremePovertyStandardUrban: "1500.00"');
    expect(() => parseRegionalPolicies(bad, 'test.yaml')).toThrow(ConfigError);
    expect(() => parseRegionalPolicies(bad, 'test.yaml')).toThrow(
      /policy taizhou-2025: extremePovertyStandardUrbanFen must be at least 1.3 × the urban dibao standard/,
    );
  });

  it('names malformed fields with their rule', () => {
    const bad = shipped.replace('dibaoStandardUrban: "1190.00"', 'dibaoStandardUrban: 1190.5');
    expect(() => parseRegionalPolicies(bad, 'test.yaml')).toThrow(/test.yaml: policies.0.dibaoStandardUrban: /);
  });
});

describe('the China calendar day a policy is looked up on', () => {
  it('counts an instant on its day in China (UTC+8), and takes a plain date as given', () => {
    expect(chinaCalendarDay('2025-06-30T20:00:00.000Z')).toBe('2025-07-01');
    expect(chinaCalendarDay(new Date('2025-06-30T15:59:59.000Z'))).toBe('2025-06-30');
    expect(chinaCalendarDay('2025-07-01')).toBe('2025-07-01');
    expect(() => chinaCalendarDay('yesterday')).toThrow(/neither a date/);
  });
});
