/** Mapping between stored rows and RecordedEvent. */
import { types as pgTypes, type CustomTypesConfig } from 'pg';
import type { StoredEvent } from '../integrity/hash-chain';
import type { Actor, RecordedEvent } from '../port/event-store';

export interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  /** ISO 8601 in UTC, as the envelope carries it (see eventRowTypes). */
  occurred_at: string;
  recorded_at: string;
  actor: Actor;
  correlation_id: string;
  causation_id: string | null;
  source_system: string;
  prev_hash: string;
  hash: string;
}

export const eventColumns =
  'position, stream_id, revision, event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source_system, prev_hash, hash';

const timestamptzOid = 1184;
/** PostgreSQL's output for a UTC session and a millisecond value: `2026-11-23 01:05:37.12+00`. */
const utcMilliseconds = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?\+00$/;

/**
 * Timestamps straight to the envelope's ISO form. Every read of the log (subscriptions, relays,
 * integrity checks) converts two per event, and pg's general Date parser was a tenth of a read's
 * cost; anything but the plain UTC millisecond form (another session time zone, microseconds)
 * still goes through it.
 */
export function timestamptzToIso(text: string): string {
  const match = utcMilliseconds.exec(text);
  if (!match) return (pgTypes.getTypeParser(timestamptzOid, 'text')(text) as Date).toISOString();
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0')}Z`;
}

/** Per-query type parsers for event rows: pass as `types` with eventColumns. */
export const eventRowTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === timestamptzOid && format !== 'binary' ? timestamptzToIso : pgTypes.getTypeParser(oid, format ?? 'text')) as CustomTypesConfig['getTypeParser'],
};

const jsonOid = 114;
const keepText = (text: string) => text;

/** eventRowTypes, but the data column (json) stays the stored text: see readStoredForwardAfter. */
export const storedRowTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === jsonOid && format !== 'binary' ? keepText : eventRowTypes.getTypeParser(oid, format)) as CustomTypesConfig['getTypeParser'],
};

export type StoredEventRow = Omit<EventRow, 'data'> & { data: string };

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const event = envelopeOf(row) as { -readonly [K in keyof RecordedEvent]: RecordedEvent[K] };
  event.data = row.data;
  return event;
}

export function toStoredEvent(row: StoredEventRow): StoredEvent {
  const event = envelopeOf(row) as { -readonly [K in keyof StoredEvent]: StoredEvent[K] };
  event.dataJson = row.data;
  return event;
}

/** Everything but the data (which each caller adds in its own form, without copying the rest). */
function envelopeOf(row: Omit<EventRow, 'data'>): Omit<RecordedEvent, 'data'> {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    stream: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    actor: row.actor,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    sourceSystem: row.source_system,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** LIKE patterns for stream-name prefixes, with LIKE's wildcards escaped. */
export function prefixPatterns(prefixes: readonly string[]): string[] {
  return prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}
