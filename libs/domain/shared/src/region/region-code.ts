/**
 * Administrative division codes (行政区划代码, GB/T 2260, extended to township and village as in
 * the statistics codes 统计用区划代码): province 2 digits, city 4, county 6, township 9, village 12.
 * Codes written with trailing zeros ("130100", "130102001000") are normalised to their level.
 */
declare const regionBrand: unique symbol;
export type RegionCode = string & { readonly [regionBrand]: true };

export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

const levelsByLength: Record<number, RegionLevel> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township', 12: 'village' };

export function parseRegionCode(value: string): RegionCode {
  const code = value.trim();
  if (!/^\d{6}$|^\d{9}$|^\d{12}$/.test(code)) {
    throw new RangeError(`region code "${value}" must be 6, 9 or 12 digits (GB/T 2260 and its township/village extension)`);
  }
  let normalised = code;
  if (normalised.length === 12 && normalised.endsWith('000')) normalised = normalised.slice(0, 9);
  if (normalised.length === 9 && normalised.endsWith('000')) normalised = normalised.slice(0, 6);
  if (normalised.length === 6 && normalised.endsWith('00')) normalised = normalised.slice(0, 4);
  if (normalised.length === 4 && normalised.endsWith('00')) normalised = normalised.slice(0, 2);
  return normalised as RegionCode;
}

export function isRegionCode(value: string): boolean {
  try {
    parseRegionCode(value);
    return true;
  } catch {
    return false;
  }
}

export function regionLevel(code: RegionCode): RegionLevel {
  return levelsByLength[code.length] as RegionLevel;
}

/** True when `inner` lies within `outer` (or is it): a county worker's jurisdiction covers its townships and villages. */
export function isWithin(inner: RegionCode, outer: RegionCode): boolean {
  return inner.startsWith(outer);
}

/** The enclosing region at a level, e.g. the county of a village. */
export function ancestorAt(code: RegionCode, level: RegionLevel): RegionCode | undefined {
  const length = Object.entries(levelsByLength).find(([, l]) => l === level)?.[0];
  const n = Number(length);
  return code.length >= n ? (code.slice(0, n) as RegionCode) : undefined;
}

/**
 * A region code as given in a request (6, 9 or 12 digits) or as already normalised and carried on
 * an actor (2 or 4 digits for a province or city unit): used to compare jurisdictions, never to
 * accept a new code into the record (use parseRegionCode for that).
 */
export function normalisedRegionCode(value: string): RegionCode {
  const code = value.trim();
  if (/^\d{2}$|^\d{4}$/.test(code)) return code as RegionCode;
  return parseRegionCode(code);
}
