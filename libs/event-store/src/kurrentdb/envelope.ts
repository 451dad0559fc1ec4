/**
 * How a port event is laid out in a KurrentDB event:
 *
 *   event id, type, stream, revision  -> KurrentDB's own fields (the store assigns stream revision and log position)
 *   data                              -> the event data (JSON), exactly the domain data
 *   metadata                          -> the rest of the envelope (JSON):
 *     {
 *       "envelope": 1,                 format marker: only events carrying it are read back as port events
 *       "schemaVersion": 1,
 *       "occurredAt": "…Z", "recordedAt": "…Z",
 *       "actor": { "userId", "role", "orgUnit" },
 *       "$correlationId": "…",         KurrentDB's conventional keys, so $by_correlation_id and the UI understand them
 *       "$causationId": "…",           left out when there is no causation id
 *       "sourceSystem": "…",
 *       "prevHash": "…", "hash": "…",  the hash chain (integrity/hash-chain.ts), computed exactly as the PostgreSQL adapter does
 *       "writeId": "…"                 the append call that wrote the event (not hashed, no meaning for readers); lets a writer tell
 *                                      its own write from an identical concurrent copy that KurrentDB de-duplicated
 *     }
 *
 * The hash covers the event id, type, stream and revision as KurrentDB stores them. Copying an
 * event to another stream or position breaks the chain. recordedAt is the writer's clock, not
 * KurrentDB's `created`, because the hash has to be computed before the write.
 */
import { randomUUID } from 'node:crypto';
import { computeEventHash } from '../integrity/hash-chain';
import type { Actor, NewEvent, RecordedEvent } from '../port/event-store';
import type { NativeEvent } from './native-event';
import { toPortPosition } from './positions';
import { fromNativeRevision } from './revisions';

export type { NativeEvent } from './native-event';

export const envelopeFormat = 1;

/** The metadata of an event written by this adapter (a type alias, so it is assignable to the client's JSON type). */
export type EnvelopeMetadata = {
  readonly envelope: typeof envelopeFormat;
  readonly schemaVersion: number;
  readonly occurredAt: string;
  readonly recordedAt: string;
  readonly actor: Actor;
  readonly $correlationId: string;
  readonly $causationId?: string;
  readonly sourceSystem: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly writeId?: string;
};

export type DecodedEnvelope = Pick<
  RecordedEvent,
  'schemaVersion' | 'occurredAt' | 'recordedAt' | 'actor' | 'correlationId' | 'causationId' | 'sourceSystem' | 'prevHash' | 'hash'
>;

/** A record about to be written: everything but the log position, which KurrentDB assigns. */
export type PendingRecord = Omit<RecordedEvent, 'position'>;

/** A new event with its id settled (the caller's, lower-cased, or a fresh one) and its data in JSON form. */
export interface PreparedEvent {
  readonly eventId: string;
  /** Whether the caller gave the id. Only such ids can identify a retry. */
  readonly callerId: boolean;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly occurredAt?: string;
  readonly actor: Actor;
  readonly correlationId?: string;
  readonly causationId: string | null;
  readonly sourceSystem?: string;
}

export function encodeEnvelope(record: PendingRecord, writeId?: string): EnvelopeMetadata {
  return {
    envelope: envelopeFormat,
    schemaVersion: record.schemaVersion,
    occurredAt: record.occurredAt,
    recordedAt: record.recordedAt,
    actor: { userId: record.actor.userId, role: record.actor.role, orgUnit: record.actor.orgUnit },
    $correlationId: record.correlationId,
    ...(record.causationId === null ? {} : { $causationId: record.causationId }),
    sourceSystem: record.sourceSystem,
    prevHash: record.prevHash,
    hash: record.hash,
    ...(writeId === undefined ? {} : { writeId }),
  };
}

/** The writeId of a stored event's metadata, if any. */
export function writeIdOf(metadata: unknown): string | undefined {
  return isRecord(metadata) && typeof metadata['writeId'] === 'string' ? metadata['writeId'] : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The envelope of an event written through the port, or undefined for any other event (or a malformed envelope). */
export function decodeEnvelope(metadata: unknown): DecodedEnvelope | undefined {
  if (!isRecord(metadata) || metadata['envelope'] !== envelopeFormat) return undefined;
  const { schemaVersion, occurredAt, recordedAt, actor, $correlationId, $causationId, sourceSystem, prevHash, hash } = metadata;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion)) return undefined;
  if (!isRecord(actor) || typeof actor['userId'] !== 'string' || typeof actor['role'] !== 'string' || typeof actor['orgUnit'] !== 'string') return undefined;
  for (const text of [occurredAt, recordedAt, $correlationId, sourceSystem, prevHash, hash]) if (typeof text !== 'string') return undefined;
  if ($causationId !== undefined && $causationId !== null && typeof $causationId !== 'string') return undefined;
  return {
    schemaVersion,
    occurredAt: occurredAt as string,
    recordedAt: recordedAt as string,
    actor: { userId: actor['userId'], role: actor['role'], orgUnit: actor['orgUnit'] },
    correlationId: $correlationId as string,
    causationId: typeof $causationId === 'string' ? $causationId : null,
    sourceSystem: sourceSystem as string,
    prevHash: prevHash as string,
    hash: hash as string,
  };
}

/** Whether a stored event was written through the port (it carries the envelope). */
export function isPortEvent(native: NativeEvent): boolean {
  return native.isJson && decodeEnvelope(native.metadata) !== undefined;
}

/** The data of a stored event: parsed JSON, or base64 text for a binary event (never written by this adapter). */
export function nativeData(native: NativeEvent): unknown {
  if (native.isJson) return native.data;
  return native.data instanceof Uint8Array ? Buffer.from(native.data).toString('base64') : native.data;
}

/**
 * A stored event as the port sees it. An event written behind the port's back, without the
 * envelope, still maps so auditors can see it. Its envelope fields are empty and its hash is '',
 * so verifyStream reports it as a broken link.
 */
export function toRecordedEvent(native: NativeEvent): RecordedEvent {
  const eventId = native.id.toLowerCase();
  const common = {
    eventId,
    type: native.type,
    stream: native.streamId,
    revision: fromNativeRevision(native.revision),
    position: toPortPosition(native.position, `event ${native.revision} of stream ${native.streamId}`),
    data: nativeData(native),
  };
  const envelope = native.isJson ? decodeEnvelope(native.metadata) : undefined;
  if (envelope) return { ...common, ...envelope };
  const created = Number.isNaN(native.created.getTime()) ? new Date(0).toISOString() : native.created.toISOString();
  return {
    ...common,
    schemaVersion: 0,
    occurredAt: created,
    recordedAt: created,
    actor: { userId: '', role: '', orgUnit: '' },
    correlationId: eventId,
    causationId: null,
    sourceSystem: '',
    prevHash: '',
    hash: '',
  };
}

/**
 * Data in the form it will be read back in: JSON round-tripped. Hashing this form, and not the
 * caller's object (which may hold Dates, undefined members or objects with toJSON), keeps the
 * stored hash recomputable from what KurrentDB returns.
 */
export function toJsonData(data: unknown, what: string): unknown {
  const text = JSON.stringify(data ?? null) as string | undefined;
  if (text === undefined) throw new TypeError(`${what} is not JSON-serialisable`);
  return JSON.parse(text) as unknown;
}

export function prepareEvents(events: readonly NewEvent[]): PreparedEvent[] {
  return events.map((event, i) => ({
    eventId: (event.eventId ?? randomUUID()).toLowerCase(),
    callerId: event.eventId !== undefined,
    type: event.type,
    schemaVersion: event.schemaVersion ?? 1,
    data: toJsonData(event.data, `events[${i}].data`),
    occurredAt: event.occurredAt,
    actor: { userId: event.actor.userId, role: event.actor.role, orgUnit: event.actor.orgUnit },
    correlationId: event.correlationId,
    causationId: event.causationId ?? null,
    sourceSystem: event.sourceSystem,
  }));
}

/**
 * The records of an append. They start at `firstRevision` and chain from `prevHash`, the hash of
 * the stream's current last event (genesis for an empty stream). This is the same computation as
 * the PostgreSQL adapter's.
 */
export function buildRecords(
  stream: string,
  events: readonly PreparedEvent[],
  firstRevision: number,
  prevHash: string,
  recordedAt: string,
  defaultSourceSystem: string,
): PendingRecord[] {
  let previous = prevHash;
  return events.map((event, i) => {
    const base = {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      stream,
      revision: firstRevision + i,
      data: event.data,
      occurredAt: new Date(event.occurredAt ?? recordedAt).toISOString(),
      recordedAt,
      actor: event.actor,
      correlationId: event.correlationId ?? event.eventId,
      causationId: event.causationId,
      sourceSystem: event.sourceSystem ?? defaultSourceSystem,
      prevHash: previous,
    };
    const hash = computeEventHash(base);
    previous = hash;
    return { ...base, hash };
  });
}
