/**
 * Urban or rural (城市/农村), which decides the dibao or extreme-poverty standard that applies.
 * The statistics division codes (统计用区划代码) number the village level so that 001–199 are
 * residents' committees (居委会, urban communities) and 200–399 are villagers' committees
 * (村委会, villages); that is what a 12-digit region code tells us.
 */
import type { RegionCode } from '@sa/domain-shared';
import type { Area } from './household';

/**
 * The area of a village-level (12-digit) region code. A code above village level says nothing
 * about it: such a household is assessed as urban (a platform choice, not a seed's) and the
 * assessment records the area it used, so an investigator can see and correct it.
 */
export function areaOfRegion(region: RegionCode): Area {
  if (region.length !== 12) return 'urban';
  const committee = Number(region.slice(9));
  return committee >= 200 && committee <= 399 ? 'rural' : 'urban';
}
