/**
 * An obliged supporter's own status, found automatically: a live dibao or 特困 entitlement in the
 * platform's caseload (source `platform-caseload`, the entitlement as reference), else a status the
 * county's civil-affairs records hold on the day (source `county-records`, the message and issuing
 * region as reference). A status an investigator recorded is kept (they saw the evidence); a found
 * status no longer true is dropped.
 */
import { assistanceStatusOn, type HouseholdSnapshot, type ObligedSupporterRecord, type ResidentRecords } from '@sa/domain-verification';
import type { LiveBenefit } from './live-benefits';

export interface SupporterSources {
  readonly live: ReadonlyMap<string, LiveBenefit>;
  readonly county: ReadonlyMap<string, ResidentRecords>;
  /** YYYY-MM-DD, China time. */
  readonly day: string;
}

function foundStatus(residentId: string, sources: SupporterSources): ObligedSupporterRecord['status'] | undefined {
  const benefit = sources.live.get(residentId);
  if (benefit)
    return { value: benefit.programme, source: 'platform-caseload', reference: `entitlement ${benefit.entitlementId} (application ${benefit.applicationId})` };
  const records = sources.county.get(residentId);
  const held = records ? assistanceStatusOn(records, sources.day) : undefined;
  if (held)
    return {
      value: held.status,
      source: 'county-records',
      reference: `civil-affairs message ${held.messageId} (region ${held.issuingRegion}, from ${held.fromDate})`,
    };
  return undefined;
}

export function withFoundStatuses(household: HouseholdSnapshot, sources: SupporterSources): HouseholdSnapshot {
  if (!household.obligedSupporters || household.obligedSupporters.length === 0) return household;
  const obligedSupporters = household.obligedSupporters.map((s): ObligedSupporterRecord => {
    if (s.status && s.status.source !== 'platform-caseload' && s.status.source !== 'county-records') return s;
    const { status: _stale, ...rest } = s;
    const status = foundStatus(s.residentId, sources);
    return status ? { ...rest, status } : rest;
  });
  return { ...household, obligedSupporters };
}
