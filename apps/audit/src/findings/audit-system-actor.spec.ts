import { byTheService, detectorOf, sharedRegion } from './audit-system-actor';

describe('who a finding is recorded as detected by', () => {
  it.each([
    ['one village', ['331002001001'], '331002001001'],
    ['two villages of one township', ['331002001001', '331002001002'], '331002001'],
    ['two counties of one city', ['331002001001', '331003002001'], '3310'],
    ['two cities of one province', ['331002001001', '330102001001'], '33'],
    ['codes written with trailing zeros', ['331002000000', '331002001001'], '331002'],
  ])('the service acts for the smallest region its cases share: %s', (_label, regions, expected) => {
    expect(sharedRegion(regions)).toBe(expected);
    expect(detectorOf(byTheService, { regions })).toEqual({ userId: 'audit-service', role: 'county-system', orgUnit: expected });
  });

  it.each([
    ['no region known', []],
    ['two provinces', ['331002001001', '110105001001']],
    ['a malformed region', ['331002001001', 'Taizhou']],
  ])('names no unit for the service when it cannot: %s', (_label, regions) => {
    expect(detectorOf(byTheService, { regions })).toBeUndefined();
  });

  it('keeps an auditor’s own actor, wherever the cases are', () => {
    const auditor = { userId: 'liu.yang', role: 'auditor' as const, orgUnit: '331002' };
    expect(detectorOf(auditor, { regions: ['110105001001'] })).toBe(auditor);
  });
});
