import { parseRegionCode } from '@sa/domain-shared';
import { areaOfRegion } from './area';

describe('urban or rural (城市/农村) from the region code', () => {
  it('reads residents’ committees (001–199) as urban and villagers’ committees (200–399) as rural', () => {
    expect(areaOfRegion(parseRegionCode('331002001001'))).toBe('urban');
    expect(areaOfRegion(parseRegionCode('331002001199'))).toBe('urban');
    expect(areaOfRegion(parseRegionCode('331002101200'))).toBe('rural');
    expect(areaOfRegion(parseRegionCode('410783102399'))).toBe('rural');
  });

  it('assesses a household registered above village level as urban', () => {
    expect(areaOfRegion(parseRegionCode('331002001'))).toBe('urban');
    expect(areaOfRegion(parseRegionCode('331002'))).toBe('urban');
  });
});
