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
    expect(taizhou?.householdCategories).toMatchObject({
      marginalIncomeMultipleBp: 15000,
      rigidExpenditureMaxMonths: 12,
      singlePersonCoverage: { disabilityGrades: [1, 2], seriousIllness: true },
    });
    expect(taizhou?.householdCategories?.sources.marginal).toMatch(/1.5倍/);
    expect(taizhou?.pointsAssessment?.items).toContainEqual({ criterion: 'member-severe-disability', points: 20 });
  });

  it("loads the periodic-review intervals with their source, counted on the version's holiday calendar", () => {
    const taizhou = policyInForce(parseRegionalPolicies(shipped), parseRegionCode('331002001001'), '2026-06-01');
    expect(taizhou?.periodicReview).toMatchObject({ stableIntervalMonths: 12, variableIntervalMonths: 6, recheckDueWorkingDays: 15 });
    expect(taizhou?.periodicReview?.sources.intervals).toMatch(/每半年核查一次/);
    expect(taizhou?.periodicReview?.holidays).toContain('2026-10-01');
    expect(taizhou?.periodicReview?.adjustedWorkingDays).toContain('2026-10-10');
  });

  it('refuses a six-monthly interval longer than the yearly one', () => {
    const broken = shipped.replace('variableIntervalMonths: 6', 'variableIntervalMonths: 18');
    expect(() => parseRegionalPolicies(broken)).toThrow(/periodicReview.variableIntervalMonths may not be longer than the stable interval/);
  });

  it('refuses a category parameter without its source, or a marginal multiple not above 1 ×', () => {
    const unsourced = shipped.replace(/ {8}marginal: "[^"]*"\n/, '        marginal: ""\n');
    expect(() => parseRegionalPolicies(unsourced, 'test.yaml')).toThrow(/householdCategories.sources.marginal: must name the document and clause/);
    const flat = shipped.replace('marginalIncomeMultiplePercent: "150"', 'marginalIncomeMultiplePercent: "100"');
    expect(() => parseRegionalPolicies(flat, 'test.yaml')).toThrow(
      /householdCategories.marginalIncomeMultipleBp must be a whole number of basis points above 10000/,
    );
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
