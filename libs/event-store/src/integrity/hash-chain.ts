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
  return hashWithDataJson(event, event.data === undefined ? undefined : canonicalJson(event.data));
}

/**
 * The same hash, given the data already rendered as canonical JSON: an appender renders it once
 * for both the hash and the stored copy (the PostgreSQL store keeps exactly these bytes), and a
 * verifier can hash the stored text without parsing it.
 */
export function hashWithDataJson(event: Omit<HashedFields, 'data'>, dataJson: string | undefined): string {
  return hash('sha256', canonicalEnvelope(event, dataJson), 'hex');
}

/**
 * canonicalJson of the covered envelope, written member by member in canonical (sorted) order
 * with the data spliced in as rendered; `undefined` members are omitted as canonicalJson omits them.
 */
function canonicalEnvelope(event: Omit<HashedFields, 'data'>, dataJson: string | undefined): string {
  return (
    `{"actor":${canonicalActor(event.actor)}` +
    member('causationId', event.causationId) +
    member('correlationId', event.correlationId) +
    (dataJson === undefined ? '' : `,"data":${dataJson}`) +
    member('eventId', event.eventId) +
    member('occurredAt', event.occurredAt) +
    member('prevHash', event.prevHash) +
    member('recordedAt', event.recordedAt) +
    member('revision', event.revision) +
    member('schemaVersion', event.schemaVersion) +
    member('sourceSystem', event.sourceSystem) +
    member('stream', event.stream) +
    member('type', event.type) +
    '}'
  );
}

function member(key: string, value: unknown): string {
  if (value === undefined) return '';
  return `,"${key}":${typeof value === 'string' ? jsonString(value) : canonicalJson(value)}`;
}

function canonicalActor({ orgUnit, role, userId }: HashedFields['actor']): string {
  if (typeof orgUnit !== 'string' || typeof role !== 'string' || typeof userId !== 'string') return canonicalJson({ orgUnit, role, userId });
  return `{"orgUnit":${jsonString(orgUnit)},"role":${jsonString(role)},"userId":${jsonString(userId)}}`;
}

/** Characters JSON.stringify escapes (and every surrogate, to be safe); any other string is written as is. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const needsEscaping = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its cost for the ids, hashes and times of every envelope. */
function jsonString(text: string): string {
  return needsEscaping.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * An event as the PostgreSQL store keeps it, its data still the stored JSON text: what a full
 * integrity scan reads, since it never needs the data as a value.
 */
export type StoredEvent = Omit<RecordedEvent, 'data'> & { readonly dataJson: string };

/**
 * Whether a stored event's hash covers it. Events are stored with their data as the canonical
 * text the hash covered, so hashing that text is the whole check; a mismatch is confirmed on the
 * canonical form of the parsed data, which also covers events stored before the text was kept
 * (their data was re-rendered by the database). Either way the hash is of the canonical envelope,
 * so a match on the stored bytes proves the same as a match on the value.
 */
export function storedHashMatches(event: StoredEvent): boolean {
  if (hashWithDataJson(event, event.dataJson) === event.hash) return true;
  return computeEventHash({ ...event, data: JSON.parse(event.dataJson) as unknown }) === event.hash;
}

type LinkFields = Pick<RecordedEvent, 'revision' | 'prevHash'>;

/** The chain's order rules for one event against the previous one of its stream (undefined for the first). */
export function linkOrderBreak(event: LinkFields, previous: { revision: number; hash: string } | undefined): 'revision-gap' | 'prev-hash-mismatch' | undefined {
  if (event.revision !== (previous ? previous.revision + 1 : 0)) return 'revision-gap';
  if (event.prevHash !== (previous ? previous.hash : genesisHash)) return 'prev-hash-mismatch';
  return undefined;
}

/** Checks one event against the previous one of its stream (undefined for the first). */
export function checkLink(event: RecordedEvent, previous: { revision: number; hash: string } | undefined): ChainBreak['reason'] | undefined {
  return linkOrderBreak(event, previous) ?? (computeEventHash(event) === event.hash ? undefined : 'hash-mismatch');
}

/** checkLink for a stored event (see storedHashMatches). */
export function checkStoredLink(event: StoredEvent, previous: { revision: number; hash: string } | undefined): ChainBreak['reason'] | undefined {
  return linkOrderBreak(event, previous) ?? (storedHashMatches(event) ? undefined : 'hash-mismatch');
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
