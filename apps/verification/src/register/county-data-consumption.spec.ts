import { countyOf } from './county-data-consumption';

describe('the county a sending system speaks for', () => {
  it('is the region in its ce_source', () => {
    expect(countyOf('/county/331002/public-security', '110101198001010011')).toBe('331002');
    expect(countyOf('/county/331000/hrss', '110101198001010011')).toBe('3310');
  });

  it('is the address code of the resident ID when the source names no region', () => {
    expect(countyOf('/county/e2e', '331002198001010011')).toBe('331002');
    expect(countyOf('urn:tax:zj', '331000198001010011')).toBe('3310');
  });
});
