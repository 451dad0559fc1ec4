/** Mapping between stored rows and RecordedEvent. */
import type { Actor, RecordedEvent } from '../port/event-store';

export interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: unknown;
  occurred_at: Date;
  recorded_at: Date;
  actor: Actor;
  correlation_id: string;
  causation_id: string | null;
  source_system: string;
  prev_hash: string;
  hash: string;
}

export const eventColumns =
  'position, stream_id, revision, event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source_system, prev_hash, hash';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    stream: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    data: row.data,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
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
