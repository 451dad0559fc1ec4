/**
 * An obliged supporter's own status as the platform's caseload shows it: a supporter covered by a
 * live dibao or 特困 entitlement is marked so, with the entitlement as the reference. A status an
 * investigator recorded is kept (they saw the evidence); a caseload status no longer live is dropped.
 */
import type { HouseholdSnapshot, ObligedSupporterRecord } from '@sa/domain-verification';
import type { LiveBenefit } from './live-benefits';

export function withCaseloadStatuses(household: HouseholdSnapshot, live: ReadonlyMap<string, LiveBenefit>): HouseholdSnapshot {
  if (!household.obligedSupporters || household.obligedSupporters.length === 0) return household;
  const obligedSupporters = household.obligedSupporters.map((s): ObligedSupporterRecord => {
    if (s.status && s.status.source !== 'platform-caseload') return s;
    const benefit = live.get(s.residentId);
    const { status: _stale, ...rest } = s;
    if (!benefit) return rest;
    return {
      ...rest,
      status: {
        value: benefit.programme,
        source: 'platform-caseload',
        reference: `entitlement ${benefit.entitlementId} (application ${benefit.applicationId})`,
      },
    };
  });
  return { ...household, obligedSupporters };
}
