/**
 * Which monthly standard of the regional policy an entitlement is paid at: the dibao standard
 * (低保标准) or the extreme-poverty basic support standard (特困基本生活标准), urban (城市) or rural
 * (农村). The approved case names a region, not an area; a village-level code says which it is.
 */
import type { Fen, RegionalPolicy } from '@sa/domain-shared';
import type { Programme } from './values';

export type Area = 'urban' | 'rural';

/**
 * The area of a region from its code, when the code says. In the statistics division codes
 * (统计用区划代码) the last three digits of a village-level code are 001–199 for a residents'
 * committee (居民委员会, urban) and 200–399 for a villagers' committee (村民委员会, rural).
 * Other village codes, and codes above village level (which cover both), say nothing.
 */
export function areaOfRegion(region: string): Area | undefined {
  const code = region.trim();
  if (!/^\d{12}$/.test(code)) return undefined;
  const village = Number(code.slice(9));
  if (village >= 1 && village <= 199) return 'urban';
  if (village >= 200 && village <= 399) return 'rural';
  return undefined;
}

export type MonthlyStandard =
  { readonly ok: true; readonly standardFen: Fen; readonly area: Area | 'unified' } | { readonly ok: false; readonly reason: 'area-unknown' };

/**
 * The standard per person per month for a programme in a region. Where the policy's urban and
 * rural standards are equal (a unified standard, e.g. Taizhou 2025) the area does not matter;
 * otherwise it must be known, because guessing would over- or under-pay every month.
 */
export function monthlyStandard(policy: RegionalPolicy, programme: Programme, region: string): MonthlyStandard {
  const urban = programme === 'dibao' ? policy.dibaoStandardUrbanFen : policy.extremePovertyStandardUrbanFen;
  const rural = programme === 'dibao' ? policy.dibaoStandardRuralFen : policy.extremePovertyStandardRuralFen;
  if (urban === rural) return { ok: true, standardFen: urban, area: 'unified' };
  const area = areaOfRegion(region);
  if (!area) return { ok: false, reason: 'area-unknown' };
  return { ok: true, standardFen: area === 'urban' ? urban : rural, area };
}
