import { isRegionCode, isWithin, normalisedRegionCode } from './region-code';

/**
 * Whether a person of an organisation unit may act on something of a region: a county covers its
 * townships and villages, a city or province unit (carried normalised as 4 or 2 digits) its
 * counties. An org unit that is no region code is outside every region. Pure, so deciders decide
 * jurisdiction on the state they fold, not the edge before them.
 */
export function withinJurisdiction(orgUnit: string, region: string): boolean {
  const unit = orgUnit.trim();
  if (!/^\d{2}$|^\d{4}$/.test(unit) && !isRegionCode(unit)) return false;
  if (!isRegionCode(region) && !/^\d{2}$|^\d{4}$/.test(region.trim())) return false;
  return isWithin(normalisedRegionCode(region), normalisedRegionCode(unit));
}
