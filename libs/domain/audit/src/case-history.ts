/**
 * One case's history across every service: its own events in timeline order, and the county facts
 * (部门数据) about its members that verification's register held. Built from whatever the stores
 * returned for the case's streams — shared streams (a payroll run pays many households) included —
 * by keeping only what joins to this case.
 */
import { perHousehold } from './batched-payments';
import { leadIdsOf, membersOf, programmeOf, regionOf } from './case-facts';
import { isCaseEvent, isMemberFact } from './join-keys';
import { describeEvent, type Narrative } from './narrative';
import { orderEvents, type EnvelopeActor, type SourcedEvent } from './sourced-event';

export interface CaseHistory {
  readonly applicationId: string;
  /** The case's own events, ordered by record time, then source, then position. */
  readonly events: readonly SourcedEvent[];
  /** County facts about the case's members (resident register), in the same order. */
  readonly departmentData: readonly SourcedEvent[];
}

/** The sources in the order a case flows through them; ties in record time follow it. */
export const defaultSourceOrder = ['intake', 'verification', 'approval', 'payments', 'charity-referral'] as const;

/** Picks the case's events and its members' county facts out of what was read, and orders them. */
export function assembleCaseHistory(applicationId: string, read: readonly SourcedEvent[], sourceOrder: readonly string[] = defaultSourceOrder): CaseHistory {
  const unique = new Map<string, SourcedEvent>();
  for (const event of read) unique.set(`${event.source}/${event.eventId}`, event);
  // A payroll batch event stands for one instruction per household it pays.
  const all = [...unique.values()].flatMap(perHousehold);
  const direct = all.filter((e) => isCaseEvent(e.data, applicationId, new Set()));
  const leads = leadIdsOf(direct);
  const events = orderEvents(
    all.filter((e) => isCaseEvent(e.data, applicationId, leads)),
    sourceOrder,
  );
  const residents = new Set(membersOf(events).keys());
  const departmentData = orderEvents(
    all.filter((e) => isMemberFact(e.data, residents)),
    sourceOrder,
  );
  return { applicationId, events, departmentData };
}

export interface TimelineEntry extends Narrative {
  readonly at: string;
  readonly occurredAt: string;
  readonly source: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: string;
  /** Who caused it (the envelope: user, role, unit). */
  readonly actor: EnvelopeActor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly data: unknown;
}

export function timelineEntry(event: SourcedEvent): TimelineEntry {
  return {
    at: event.recordedAt,
    occurredAt: event.occurredAt,
    source: event.source,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    eventId: event.eventId,
    type: event.type,
    actor: event.actor,
    ...describeEvent(event),
    correlationId: event.correlationId,
    causationId: event.causationId,
    data: event.data,
  };
}

export interface CaseSummary {
  readonly applicationId: string;
  readonly programme?: string;
  readonly region?: string;
  readonly events: number;
  readonly sources: readonly string[];
  readonly firstRecordedAt?: string;
  readonly lastRecordedAt?: string;
}

export function summariseCase(history: CaseHistory): CaseSummary {
  const { events } = history;
  const programme = programmeOf(events);
  const region = regionOf(events);
  return {
    applicationId: history.applicationId,
    ...(programme ? { programme } : {}),
    ...(region ? { region } : {}),
    events: events.length,
    sources: [...new Set(events.map((e) => e.source))],
    ...(events[0] ? { firstRecordedAt: events[0].recordedAt } : {}),
    ...(events.at(-1) ? { lastRecordedAt: events.at(-1)?.recordedAt } : {}),
  };
}
