/**
 * Reads of the global log that never outrun the safe horizon: only positions below
 * pg_snapshot_xmin(pg_current_snapshot()) × 2^16 are returned, because every transaction that could
 * still commit a lower position has an xid at or above that snapshot's xmin (see DESIGN.md).
 */
import type { CustomTypesConfig, Pool } from 'pg';
import type { StoredEvent } from '../integrity/hash-chain';
import type { EventFilter, RecordedEvent } from '../port/event-store';
import { positionShift } from './migrations';
import { eventColumns, eventRowTypes, prefixPatterns, storedRowTypes, toRecordedEvent, toStoredEvent, type EventRow, type StoredEventRow } from './rows';

const horizonSql = `(pg_snapshot_xmin(pg_current_snapshot())::text::bigint * ${positionShift})`;

/** A stretch of the global log: positions from `from` (inclusive) to `before` (exclusive; open when absent). */
export interface PositionRange {
  readonly from: number;
  readonly before?: number;
}

function filterSql(filter: (EventFilter & { before?: number }) | undefined, params: unknown[]): string {
  const clauses: string[] = [];
  if (filter?.before !== undefined) {
    params.push(filter.before);
    clauses.push(`position < $${params.length}`);
  }
  if (filter?.streamPrefixes && filter.streamPrefixes.length > 0) {
    params.push(prefixPatterns(filter.streamPrefixes));
    clauses.push(`stream_id like any($${params.length}::text[])`);
  }
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    params.push(filter.eventTypes);
    clauses.push(`type = any($${params.length}::text[])`);
  }
  return clauses.map((c) => ` and ${c}`).join('');
}

/** Events after `after` (exclusive), oldest first, below the safe horizon. */
export async function readForwardAfter(
  pool: Pool,
  schema: string,
  after: number,
  limit: number,
  filter?: EventFilter & { before?: number },
): Promise<RecordedEvent[]> {
  return (await queryForwardAfter<EventRow>(pool, schema, after, limit, filter, eventRowTypes)).map(toRecordedEvent);
}

/**
 * A subscription's page: up to `limit` events after a position, cut after the event that takes the
 * page's data past `maxBytes` (always at least one event). A subscriber catching up over a payroll
 * run's batch events (36 kB of JSON each) held 1,000 of them a page — 36 MB of text, several times
 * that parsed — and three subscribers of one service caught up at once. `full` says the page
 * reached its limit or its bytes, i.e. more may follow at once (not caught up).
 */
export async function readPageAfter(
  pool: Pool,
  schema: string,
  after: number,
  limit: number,
  maxBytes: number,
  filter?: EventFilter,
): Promise<{ events: RecordedEvent[]; full: boolean }> {
  const params: unknown[] = [after, limit, maxBytes];
  const result = await pool.query<EventRow & { page_rows: number }>({
    text: `select ${eventColumns}, page_rows from (
        select ${eventColumns}, count(*) over () as page_rows, sum(data_bytes) over (order by position) - data_bytes as bytes_before from (
          select ${eventColumns}, octet_length(data::text) as data_bytes from ${schema}.events
          where position > $1 and position < ${horizonSql}${filterSql(filter, params)} order by position limit $2) limited) measured
      where bytes_before < $3 order by position`,
    values: params,
    types: eventRowTypes,
  });
  const rows = result.rows;
  const full = rows.length > 0 && (rows.length < Number(rows[0]?.page_rows) || Number(rows[0]?.page_rows) >= limit);
  return { events: rows.map(toRecordedEvent), full };
}

/** readForwardAfter with each event's data as the stored JSON text (for integrity scans). */
export async function readStoredForwardAfter(pool: Pool, schema: string, after: number, limit: number, filter?: { before?: number }): Promise<StoredEvent[]> {
  return (await queryForwardAfter<StoredEventRow>(pool, schema, after, limit, filter, storedRowTypes)).map(toStoredEvent);
}

async function queryForwardAfter<Row extends EventRow | StoredEventRow>(
  pool: Pool,
  schema: string,
  after: number,
  limit: number,
  filter: (EventFilter & { before?: number }) | undefined,
  types: CustomTypesConfig,
): Promise<Row[]> {
  const params: unknown[] = [after, limit];
  const result = await pool.query<Row>({
    text: `select ${eventColumns} from ${schema}.events where position > $1 and position < ${horizonSql}${filterSql(filter, params)} order by position limit $2`,
    values: params,
    types,
  });
  return result.rows;
}

/** Events at or before `from` (inclusive), newest first, below the safe horizon. */
export async function readBackwardFrom(pool: Pool, schema: string, from: number | undefined, limit: number, filter?: EventFilter): Promise<RecordedEvent[]> {
  const params: unknown[] = [from ?? Number.MAX_SAFE_INTEGER, limit];
  const rows = await pool.query<EventRow>({
    text: `select ${eventColumns} from ${schema}.events where position <= $1 and position < ${horizonSql}${filterSql(filter, params)} order by position desc limit $2`,
    values: params,
    types: eventRowTypes,
  });
  return rows.rows.map(toRecordedEvent);
}

export interface DeliveryHealth {
  /** Highest position readers may see now. */
  readonly horizon: number;
  /** Highest position committed (may be above the horizon while older transactions run). */
  readonly head: number | undefined;
  /** Age of the oldest open transaction in the database, which holds the horizon back. */
  readonly oldestOpenTransactionMs: number;
  readonly heldBack: boolean;
}

export async function deliveryHealth(pool: Pool, schema: string): Promise<DeliveryHealth> {
  const row = (
    await pool.query<{ horizon: string; head: string | null; oldest_ms: string | null }>(
      `select ${horizonSql} - 1 as horizon,
              (select max(position) from ${schema}.events) as head,
              (select extract(epoch from max(now() - xact_start)) * 1000 from pg_stat_activity
                 where pid <> pg_backend_pid() and (backend_xid is not null or backend_xmin is not null)) as oldest_ms`,
    )
  ).rows[0];
  const horizon = Number(row?.horizon ?? 0);
  const head = row?.head === null || row?.head === undefined ? undefined : Number(row.head);
  return { horizon, head, oldestOpenTransactionMs: Math.round(Number(row?.oldest_ms ?? 0)), heldBack: head !== undefined && head > horizon };
}

/**
 * Splits the log below the horizon into up to `parts` ranges of about the same number of events,
 * at least `minEvents` each, for readers working in parallel (each range is an index range scan).
 */
export async function splitLog(pool: Pool, schema: string, maxParts: number, minEvents: number): Promise<PositionRange[]> {
  const total = Number((await pool.query<{ n: string }>(`select count(*) as n from ${schema}.events where position < ${horizonSql}`)).rows[0]?.n ?? 0);
  const parts = Math.max(1, Math.min(maxParts, Math.floor(total / Math.max(1, minEvents))));
  const starts = [1];
  for (let i = 1; i < parts && total > 0; i++) {
    const row = (
      await pool.query<{ position: string }>(`select position from ${schema}.events order by position offset $1 limit 1`, [Math.floor((total * i) / parts)])
    ).rows[0];
    const start = Number(row?.position ?? Number.NaN);
    if (Number.isFinite(start) && start > (starts.at(-1) as number)) starts.push(start);
  }
  return starts.map((from, i) => (i + 1 < starts.length ? { from, before: starts[i + 1] as number } : { from }));
}
