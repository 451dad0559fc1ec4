/**
 * The tamper-evident chain: every event's hash covers its envelope, its data and the previous
 * event's hash in the same stream, so changing, removing or reordering any stored event breaks
 * every later link. The global position is not covered (KurrentDB assigns it after the write);
 * order within a stream is covered by the revision.
 */
import { hash } from 'node:crypto';
import type { ChainBreak, RecordedEvent } from '../port/event-store';
import { canonicalJson } from './canonical-json';

export const genesisHash = '0'.repeat(64);

export type HashedFields = Pick<
  RecordedEvent,
  | 'eventId'
  | 'type'
  | 'schemaVersion'
  | 'stream'
  | 'revision'
  | 'data'
  | 'occurredAt'
  | 'recordedAt'
  | 'actor'
  | 'correlationId'
  | 'causationId'
  | 'sourceSystem'
  | 'prevHash'
>;

export function computeEventHash(event: HashedFields): string {
  // Members written in canonical (sorted) order, so canonicalJson need not sort them.
  const covered = {
    actor: { orgUnit: event.actor.orgUnit, role: event.actor.role, userId: event.actor.userId },
    causationId: event.causationId,
    correlationId: event.correlationId,
    data: event.data,
    eventId: event.eventId,
    occurredAt: event.occurredAt,
    prevHash: event.prevHash,
    recordedAt: event.recordedAt,
    revision: event.revision,
    schemaVersion: event.schemaVersion,
    sourceSystem: event.sourceSystem,
    stream: event.stream,
    type: event.type,
  };
  return hash('sha256', canonicalJson(covered), 'hex');
}

/** Checks one event against the previous one of its stream (undefined for the first). */
export function checkLink(event: RecordedEvent, previous: { revision: number; hash: string } | undefined): ChainBreak['reason'] | undefined {
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (event.revision !== expectedRevision) return 'revision-gap';
  if (event.prevHash !== (previous ? previous.hash : genesisHash)) return 'prev-hash-mismatch';
  if (computeEventHash(event) !== event.hash) return 'hash-mismatch';
  return undefined;
}

/** Verifies one stream's events, given in revision order; reports the first broken link. */
export function verifyChain(
  stream: string,
  events: readonly RecordedEvent[],
): { ok: true; stream: string; events: number } | { ok: false; stream: string; events: number; firstBreak: ChainBreak } {
  let previous: { revision: number; hash: string } | undefined;
  for (const event of events) {
    const reason = checkLink(event, previous);
    if (reason) return { ok: false, stream, events: events.length, firstBreak: { stream, revision: event.revision, eventId: event.eventId, reason } };
    previous = { revision: event.revision, hash: event.hash };
  }
  return { ok: true, stream, events: events.length };
}

/**
 * Verifies many streams from events in global order (readAll / a subscription), keeping only the
 * last link of each stream in memory. Reports the first break of each stream; later events of a
 * broken stream are checked against their own predecessor so one tampered row is reported once.
 */
export class ChainVerifier {
  private readonly last = new Map<string, { revision: number; hash: string }>();
  private readonly breaks = new Map<string, ChainBreak>();
  private count = 0;

  add(event: RecordedEvent): ChainBreak | undefined {
    this.count++;
    const previous = this.last.get(event.stream);
    const reason = checkLink(event, previous);
    this.last.set(event.stream, { revision: event.revision, hash: event.hash });
    if (!reason || this.breaks.has(event.stream)) return undefined;
    const broken: ChainBreak = { stream: event.stream, revision: event.revision, eventId: event.eventId, reason };
    this.breaks.set(event.stream, broken);
    return broken;
  }

  get eventsChecked(): number {
    return this.count;
  }

  get streamsChecked(): number {
    return this.last.size;
  }

  get firstBreaks(): ChainBreak[] {
    return [...this.breaks.values()];
  }
}
