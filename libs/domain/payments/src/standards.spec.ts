import { fen, parseRegionCode, type RegionalPolicy } from '@sa/domain-shared';
import { areaOfRegion, monthlyStandard } from './standards';

const policy: RegionalPolicy = {
  id: 'changyuan-2024',
  region: parseRegionCode('410783'),
  effectiveFrom: '2024-01-01',
  dibaoStandardUrbanFen: fen(63_000),
  dibaoStandardRuralFen: fen(42_000),
  extremePovertyStandardUrbanFen: fen(81_900),
  extremePovertyStandardRuralFen: fen(54_600),
  employmentCostDeductionBp: 3000,
  minimumMonthlyWageFen: fen(210_000),
  excludeResidentBasicPension: true,
  publicNoticeDays: 7,
  confirmationDelegatedToTownship: true,
  gradualExitMonths: 6,
  propertyLimits: { maxVehicles: 0, maxDwellings: 1, maxFinancialAssetsPerCapitaFen: fen(1_512_000), businessRegistrationDisqualifies: true },
};
const unified: RegionalPolicy = {
  ...policy,
  id: 'taizhou-2025',
  dibaoStandardUrbanFen: fen(119_000),
  dibaoStandardRuralFen: fen(119_000),
  extremePovertyStandardUrbanFen: fen(154_700),
  extremePovertyStandardRuralFen: fen(154_700),
};

describe('the standard an entitlement is paid at', () => {
  it('reads urban or rural from a village-level code (居委会 001–199, 村委会 200–399)', () => {
    expect(areaOfRegion('410783001001')).toBe('urban');
    expect(areaOfRegion('410783101201')).toBe('rural');
    expect(areaOfRegion('410783101')).toBeUndefined();
    expect(areaOfRegion('410783101000')).toBeUndefined();
    expect(areaOfRegion('410783101450')).toBeUndefined();
  });

  it('uses the area’s standard for the programme', () => {
    expect(monthlyStandard(policy, 'dibao', '410783001001')).toEqual({ ok: true, standardFen: 63_000, area: 'urban' });
    expect(monthlyStandard(policy, 'dibao', '410783101201')).toEqual({ ok: true, standardFen: 42_000, area: 'rural' });
    expect(monthlyStandard(policy, 'extreme-poverty', '410783101201')).toEqual({ ok: true, standardFen: 54_600, area: 'rural' });
  });

  it('needs no area where the standard is unified, and refuses to guess where it is not', () => {
    expect(monthlyStandard(unified, 'dibao', '331002')).toEqual({ ok: true, standardFen: 119_000, area: 'unified' });
    expect(monthlyStandard(unified, 'extreme-poverty', '331002001001')).toEqual({ ok: true, standardFen: 154_700, area: 'unified' });
    expect(monthlyStandard(policy, 'dibao', '410783101')).toEqual({ ok: false, reason: 'area-unknown' });
  });
});
