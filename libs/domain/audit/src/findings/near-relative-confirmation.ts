/**
 * 近亲属备案: a case where a member is a close relative of a village cadre or civil-affairs staff
 * member must be confirmed by the county civil-affairs department, never by a township under
 * delegated authority. Finds approvals of flagged cases taken at any other level or role.
 */
import { isRegionCode, parseRegionCode, regionLevel } from '@sa/domain-shared';
import type { CaseHistory } from '../case-history';
import { regionOf } from '../case-facts';
import { actorIn, record, text } from '../read';
import type { SourcedEvent } from '../sourced-event';
import { evidence, findingKey, type Finding } from './finding';

/** Events that say the case is a near-relative case. */
export function nearRelativeFilings(events: readonly SourcedEvent[]): SourcedEvent[] {
  return events.filter((event) => {
    const d = record(event.data);
    switch (event.type) {
      case 'NearRelativeCaseFlagged':
        return true;
      case 'ApplicationSubmitted':
        return record(d.nearRelative).declared === true;
      case 'CaseOpened':
      case 'ApplicationReceived':
        return d.nearRelative === true;
      case 'ApplicationAmended': {
        const changed = record(d.changes).nearRelative;
        return changed === true || record(changed).declared === true;
      }
      default:
        return false;
    }
  });
}

function levelOf(orgUnit: string): string {
  return isRegionCode(orgUnit) ? regionLevel(parseRegionCode(orgUnit)) : 'unknown';
}

export function detectNearRelativeConfirmedBelowCounty(history: CaseHistory): Finding[] {
  const filings = nearRelativeFilings(history.events);
  if (filings.length === 0) return [];
  const region = regionOf(history.events);
  return history.events
    .filter((e) => e.type === 'CaseApproved')
    .flatMap((approval) => {
      const d = record(approval.data);
      const confirmer = actorIn(d.confirmedBy) ?? approval.actor;
      const level = text(d.confirmationLevel) ?? 'unknown';
      const orgLevel = levelOf(confirmer.orgUnit);
      if (level === 'county' && orgLevel === 'county' && confirmer.role === 'county-approver') return [];
      return [
        {
          key: findingKey('near-relative-confirmed-below-county', [history.applicationId], approval.eventId),
          kind: 'near-relative-confirmed-below-county' as const,
          severity: 'high' as const,
          applicationIds: [history.applicationId],
          regions: region ? [region] : [],
          summary: `near-relative case confirmed by ${confirmer.userId} (${confirmer.role}, ${orgLevel} ${confirmer.orgUnit}) at ${level} level instead of by the county`,
          evidence: [
            ...filings.map((f) => evidence(f, 'the case is filed as a near-relative case (近亲属备案)')),
            evidence(approval, `confirmed at ${level} level by ${confirmer.userId}`),
          ],
          details: { confirmedBy: confirmer, confirmationLevel: level, orgUnitLevel: orgLevel },
        },
      ];
    });
}
