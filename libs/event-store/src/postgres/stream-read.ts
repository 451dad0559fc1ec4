/**
 * A stream's events and whether the stream is soft-deleted, in one query (several streams too). Why: every command
 * reads its aggregate's stream first, and asking `streams` for the deletion mark and `events` for
 * the events separately made that two round trips (issue #10, throughput). The lateral join
 * answers one row of nulls when the stream has no events in the range, so the mark is known either way.
 */
import type { Pool } from 'pg';
import { StreamDeletedError } from '../port/errors';
import type { RecordedEvent } from '../port/event-store';
import { eventColumns, eventRowTypes, toRecordedEvent, type EventRow } from './rows';

const selected = eventColumns
  .split(', ')
  .map((column) => `e.${column}`)
  .join(', ');

export interface StreamRange {
  readonly backwards: boolean;
  /** First revision read (the last one, backwards). */
  readonly start: number;
  readonly limit: number;
}

export async function readStreamWithMark(
  pool: Pool,
  schema: string,
  stream: string,
  range: StreamRange,
): Promise<{ deleted: boolean; events: RecordedEvent[] }> {
  const order = range.backwards ? 'desc' : 'asc';
  const rows = await pool.query<Partial<EventRow> & { stream_deleted: boolean | null }>({
    text: `select ${selected}, (select s.deleted_at is not null from ${schema}.streams s where s.stream_id = $1) as stream_deleted
      from (select 1) as one
      left join lateral (
        select ${eventColumns} from ${schema}.events
        where stream_id = $1 and revision ${range.backwards ? '<=' : '>='} $2 order by revision ${order} limit $3
      ) e on true
      order by e.revision ${order}`,
    values: [stream, range.start, range.limit],
    types: eventRowTypes,
  });
  const deleted = rows.rows[0]?.stream_deleted === true;
  const events = rows.rows.filter((row) => row.event_id != null).map((row) => toRecordedEvent(row as EventRow));
  return { deleted, events };
}

/**
 * Whole streams, forwards, in one query (a check reads its household members' register streams
 * together); a soft-deleted one refuses the read, as readStream does.
 */
export async function readWholeStreams(pool: Pool, schema: string, streams: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
  const read = new Map(streams.map((stream) => [stream, [] as RecordedEvent[]]));
  if (streams.length === 0) return read;
  const rows = await pool.query<Partial<EventRow> & { requested: string; stream_deleted: boolean | null }>({
    text: `select s.stream_id as requested, ${selected}, (select m.deleted_at is not null from ${schema}.streams m where m.stream_id = s.stream_id) as stream_deleted
      from unnest($1::text[]) as s(stream_id)
      left join lateral (select ${eventColumns} from ${schema}.events where stream_id = s.stream_id order by revision) e on true
      order by s.stream_id, e.revision`,
    values: [streams],
    types: eventRowTypes,
  });
  for (const row of rows.rows) {
    if (row.stream_deleted === true) throw new StreamDeletedError(row.requested);
    if (row.event_id != null) read.get(row.requested)?.push(toRecordedEvent(row as EventRow));
  }
  return read;
}
