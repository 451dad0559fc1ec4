import { mayReadResident } from './resident-access';

const resident = '331002198001010011';

describe('who may read a resident’s department data', () => {
  it('goes by the regions of the applications the resident is a member of', () => {
    expect(mayReadResident({ orgUnit: '331002001' }, resident, ['331002001001'])).toBe(true);
    expect(mayReadResident({ orgUnit: '331003' }, resident, ['331002001001'])).toBe(false);
    expect(mayReadResident({ orgUnit: '3310' }, resident, ['331003001001', '331002001001'])).toBe(true);
  });

  it('falls back to the address code of the ID for someone in no application', () => {
    expect(mayReadResident({ orgUnit: '331002' }, resident, [])).toBe(true);
    expect(mayReadResident({ orgUnit: '331002001' }, resident, [])).toBe(false);
  });
});
