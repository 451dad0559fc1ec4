/**
 * What the audit reads: an event exactly as one service's event store recorded it (envelope and
 * data), tagged with the service whose store holds it. The audit never writes to those stores; it
 * reads every service's history with read-only rights and judges it here, without I/O.
 */

/** Who caused an event, as the envelope records it (user or system, role, organisation unit). */
export interface EnvelopeActor {
  readonly userId: string;
  readonly role: string;
  readonly orgUnit: string;
}

export interface SourcedEvent {
  /** The service whose event store holds the event, e.g. "intake", "payments". */
  readonly source: string;
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  /** Position in the source store's global order (not comparable across sources). */
  readonly position: number;
  readonly type: string;
  readonly data: unknown;
  readonly occurredAt: string;
  /** When the source store recorded it: the audit's time axis. */
  readonly recordedAt: string;
  readonly actor: EnvelopeActor;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** A pointer to one stored event: what a finding cites as proof. */
export interface EventReference {
  readonly eventId: string;
  readonly source: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly recordedAt: string;
}

export function referenceTo(event: SourcedEvent): EventReference {
  return { eventId: event.eventId, source: event.source, stream: event.stream, revision: event.revision, type: event.type, recordedAt: event.recordedAt };
}

/**
 * The timeline's order: by record time, then by the sources' configured order (intake before
 * verification before approval …, the order a case flows through), then by position within a
 * source. Positions of different sources are never compared with each other.
 */
export function compareEvents(sourceOrder: readonly string[]): (a: SourcedEvent, b: SourcedEvent) => number {
  const rank = (source: string) => {
    const index = sourceOrder.indexOf(source);
    return index < 0 ? sourceOrder.length : index;
  };
  return (a, b) =>
    Date.parse(a.recordedAt) - Date.parse(b.recordedAt) || rank(a.source) - rank(b.source) || a.source.localeCompare(b.source) || a.position - b.position;
}

export function orderEvents(events: readonly SourcedEvent[], sourceOrder: readonly string[]): SourcedEvent[] {
  return [...events].sort(compareEvents(sourceOrder));
}

/** True when the event was recorded at or before the instant. */
export function recordedBy(event: SourcedEvent, instant: string | number): boolean {
  return Date.parse(event.recordedAt) <= (typeof instant === 'number' ? instant : Date.parse(instant));
}
