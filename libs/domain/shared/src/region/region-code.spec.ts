import { ancestorAt, isWithin, normalisedRegionCode, parseRegionCode, regionLevel } from './region-code';

describe('region codes', () => {
  it('normalises codes written with trailing zeros to their level', () => {
    expect(parseRegionCode('130100')).toBe('1301');
    expect(regionLevel(parseRegionCode('130100'))).toBe('city');
    expect(regionLevel(parseRegionCode('130102'))).toBe('county');
    expect(parseRegionCode('130102001000')).toBe('130102001');
    expect(regionLevel(parseRegionCode('130102001201'))).toBe('village');
    expect(() => parseRegionCode('1301')).toThrow(/6, 9 or 12 digits/);
  });

  it('puts a village within its township, county and city but not a neighbour', () => {
    const village = parseRegionCode('130102001201');
    expect(isWithin(village, parseRegionCode('130102'))).toBe(true);
    expect(isWithin(village, parseRegionCode('130100'))).toBe(true);
    expect(isWithin(village, parseRegionCode('130103'))).toBe(false);
    expect(ancestorAt(village, 'township')).toBe('130102001');
  });
});

describe('normalised region codes (jurisdiction comparisons)', () => {
  it('accepts what parseRegionCode returns for a city or province, and parses the rest strictly', () => {
    expect(normalisedRegionCode(parseRegionCode('331000'))).toBe('3310');
    expect(normalisedRegionCode('33')).toBe('33');
    expect(normalisedRegionCode('331002001000')).toBe('331002001');
    expect(() => normalisedRegionCode('33100')).toThrow(/6, 9 or 12 digits/);
  });
});
