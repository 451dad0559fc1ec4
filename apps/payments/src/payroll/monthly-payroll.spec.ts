import { fen, parseRegionCode, type RegionalPolicy } from '@sa/domain-shared';
import { payrollDue, payrollRegions, regionsWithin } from './monthly-payroll';
import { enclosingRegions } from './payroll-commands';

function policy(id: string, region: string, effectiveFrom: string): RegionalPolicy {
  return {
    id,
    region: parseRegionCode(region),
    effectiveFrom,
    dibaoStandardUrbanFen: fen(119_000),
    dibaoStandardRuralFen: fen(119_000),
    extremePovertyStandardUrbanFen: fen(154_700),
    extremePovertyStandardRuralFen: fen(154_700),
    employmentCostDeductionBp: 3000,
    minimumMonthlyWageFen: fen(249_000),
    excludeResidentBasicPension: true,
    publicNoticeDays: 7,
    confirmationDelegatedToTownship: false,
    gradualExitMonths: 6,
    propertyLimits: { maxVehicles: 0, maxDwellings: 1, maxFinancialAssetsPerCapitaFen: fen(2_856_000), businessRegistrationDisqualifies: true },
  };
}

describe('the monthly payroll job', () => {
  it('pays the regions of the policies in force, once each, and not a region inside another', () => {
    const policies = [
      policy('taizhou-2025', '331000', '2025-01-01'),
      policy('taizhou-2026', '331000', '2026-01-01'),
      policy('jiaojiang-2025', '331002', '2025-01-01'),
      policy('changyuan-2024', '410783', '2024-01-01'),
      policy('future', '330100', '2030-01-01'),
    ];
    expect(payrollRegions(policies, '2026-03-12')).toEqual(['3310', '410783']);
    expect(payrollRegions(policies, '2024-06-01')).toEqual(['410783']);
  });

  it('is due from the payroll day of the month, in China time', () => {
    expect(payrollDue(new Date('2025-03-09T15:59:59Z'), 10)).toEqual({ month: '2025-03', due: false });
    expect(payrollDue(new Date('2025-03-09T16:00:00Z'), 10)).toEqual({ month: '2025-03', due: true });
    expect(payrollDue(new Date('2025-03-31T16:30:00Z'), 10)).toEqual({ month: '2025-04', due: false });
  });
});

describe('overlapping payroll regions', () => {
  it('lists the enclosing regions nearest first', () => {
    expect(enclosingRegions('331002001001')).toEqual(['331002001', '331002', '3310', '33']);
    expect(enclosingRegions('3310')).toEqual(['33']);
    expect(enclosingRegions('33')).toEqual([]);
  });
});

describe('the monthly payroll job run for one jurisdiction', () => {
  it('keeps the policy regions inside it, narrows one enclosing it, and drops the others', () => {
    const regions = ['3310', '410783'];
    expect(regionsWithin(regions, undefined)).toEqual(['3310', '410783']);
    expect(regionsWithin(regions, '331003')).toEqual(['331003']);
    expect(regionsWithin(regions, '33')).toEqual(['3310']);
    expect(regionsWithin(regions, '330102')).toEqual([]);
    expect(regionsWithin(['3310', '331002'], '331002')).toEqual(['331002']);
  });
});
