import { isRegionCode, parseRegionCode, type Actor } from '@sa/domain-shared';
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

/** The smallest region containing all of them (normalised), or undefined (none, or no shared province). */
export function sharedRegion(regions: readonly string[]): string | undefined {
  const codes = regions.filter(isRegionCode).map((region) => parseRegionCode(region) as string);
  if (codes.length === 0 || codes.length !== regions.length) return undefined;
  for (const length of [12, 9, 6, 4, 2]) {
    const prefix = (codes[0] as string).slice(0, length);
    if (prefix.length === length && codes.every((code) => code.length >= length && code.startsWith(prefix))) return prefix;
  }
  return undefined;
}
