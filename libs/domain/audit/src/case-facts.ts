/**
 * Facts about a case read from its events, whichever service recorded them: who its members are,
 * where it is, which lead raised it. Several services repeat these facts; the audit takes the
 * union (members) or the latest statement (region, programme).
 */
import { field, list, record, text } from './read';
import type { SourcedEvent } from './sourced-event';

export interface MemberFact {
  readonly residentId: string;
  readonly memberId?: string;
  readonly name?: string;
  readonly relation?: string;
}

/** Member lists as each event type carries them. */
function memberListsOf(event: SourcedEvent): readonly unknown[][] {
  const d = record(event.data);
  switch (event.type) {
    case 'ApplicationSubmitted':
      return [[...list(record(d.household).members)]];
    case 'ApplicationAmended':
      return [[...list(record(d.changes).members)]];
    case 'CheckRequested':
    case 'RecheckRequested':
      return [[...list(record(d.household).members)]];
    case 'CaseOpened':
    case 'ApplicationReceived':
    case 'CaseApproved':
    case 'EntitlementGranted':
      return [[...list(d.members)]];
    default:
      return [];
  }
}

/** Every person named as a member anywhere in the case, by upper-case resident ID, with what is known of them. */
export function membersOf(events: readonly SourcedEvent[]): Map<string, MemberFact> {
  const members = new Map<string, MemberFact>();
  for (const event of events) {
    for (const memberList of memberListsOf(event)) {
      for (const raw of memberList) {
        const m = record(raw);
        const residentId = text(m.residentId)?.toUpperCase();
        if (!residentId) continue;
        const known = members.get(residentId) ?? { residentId };
        members.set(residentId, {
          ...known,
          ...(text(m.memberId) ? { memberId: text(m.memberId) } : {}),
          ...(text(m.name) ? { name: text(m.name) } : {}),
          ...(text(m.relation) ? { relation: text(m.relation) } : {}),
        });
      }
    }
  }
  return members;
}

/** The leads (主动发现) the case came from. */
export function leadIdsOf(events: readonly SourcedEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.type === 'ApplicationSubmitted' || event.type === 'LeadConvertedToApplication') {
      const leadId = text(field(event.data, 'leadId'));
      if (leadId) ids.add(leadId);
    }
  }
  return ids;
}

/** The case's region as last stated (an amendment may move it). */
export function regionOf(events: readonly SourcedEvent[]): string | undefined {
  let region: string | undefined;
  for (const event of events) {
    const d = record(event.data);
    // A temporary-assistance case (临时救助) is the region of its emergency, not of anyone's hukou.
    const stated = event.type === 'ApplicationAmended' ? text(record(d.changes).region) : (text(d.region) ?? text(d.emergencyLocation));
    if (stated && /^\d{6,12}$/.test(stated)) region = stated;
  }
  return region;
}

export function programmeOf(events: readonly SourcedEvent[]): string | undefined {
  for (const event of events) {
    const programme = text(field(event.data, 'programme'));
    if (programme) return programme;
  }
  return undefined;
}
