import { ancestorAt, isRegionCode, isWithin, parseRegionCode, type Actor, type RegionCode, type RegionLevel } from '@sa/domain-shared';
import type { Finding } from '@sa/domain-audit';

/**
 * Who detects a finding: an auditor (their own actor), or the service itself, which acts for the
 * jurisdiction of the cases in each finding — the region they share (a county, a city, a province).
 * Every detector is then a real organisation unit, as the findings contract requires.
 */
export type Detector = Actor | typeof byTheService;

/** The findings watch: the service acting for each finding's jurisdiction. */
export const byTheService = 'audit-service' as const;

/** The actor a finding is recorded under, or undefined when the service cannot name its jurisdiction. */
export function detectorOf(detector: Detector, finding: Pick<Finding, 'regions'>): Actor | undefined {
  if (detector !== byTheService) return detector;
  const orgUnit = sharedRegion(finding.regions);
  return orgUnit ? { userId: 'audit-service', role: 'county-system', orgUnit } : undefined;
}

/** The smallest region containing all of them (normalised), or undefined (none, a malformed one, or no shared province). */
export function sharedRegion(regions: readonly string[]): RegionCode | undefined {
  if (regions.length === 0 || !regions.every(isRegionCode)) return undefined;
  const codes = regions.map(parseRegionCode);
  const first = codes[0] as RegionCode;
  for (const level of narrowestFirst) {
    const candidate = ancestorAt(first, level);
    if (candidate && codes.every((code) => isWithin(code, candidate))) return candidate;
  }
  return undefined;
}

const narrowestFirst: readonly RegionLevel[] = ['village', 'township', 'county', 'city', 'province'];
