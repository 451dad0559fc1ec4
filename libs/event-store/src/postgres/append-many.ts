/**
 * Appending to many existing streams in one statement (MultiStreamAppend): the heads are read in
 * one query, each stream's events are chained from its head, and one statement moves every head
 * that is still exactly as read (revision and hash, not deleted) and inserts the events of those
 * streams only. A stream that moved meanwhile is left out and answered undefined; a batch that
 * fails as a whole (an event id stored already, a deadlock with another multi-stream append) is
 * answered undefined for every stream, and the caller appends those one by one, on the path that
 * recognises retries and explains conflicts.
 */
import type { Pool } from 'pg';
import type { AppendResult, StreamAppend } from '../port/event-store';
import { batchParameters, buildRecords, insertColumns, positionsOf, type AppendContext, type Records, type StreamHeadLink, unnestRows } from './append';
import { positionShift } from './migrations';

interface HeadRow {
  stream_id: string;
  revision: string;
  last_hash: string;
  deleted_at: Date | null;
}

export interface ManyAppended {
  readonly results: (AppendResult | undefined)[];
  /** The new heads of the streams written. */
  readonly heads: Map<string, StreamHeadLink>;
}

/** Whole-statement failures that leave every stream as it was: the caller goes stream by stream. */
const leftAsWas = new Set(['23505', '40P01', '40001']);

export async function appendToStreamsAtHeads(pool: Pool, ctx: AppendContext, appends: readonly StreamAppend[]): Promise<ManyAppended> {
  const results: (AppendResult | undefined)[] = appends.map(() => undefined);
  const written = new Map<string, StreamHeadLink>();
  if (new Set(appends.map((a) => a.stream)).size !== appends.length) throw new Error('a multi-stream append names each stream once');
  if (appends.reduce((n, a) => n + a.events.length, 0) >= positionShift) throw new Error(`a multi-stream append may carry at most ${positionShift - 1} events`);
  const heads = await readHeads(
    pool,
    ctx,
    appends.map((a) => a.stream),
  );
  const records: Records = [];
  const moves: { stream: string; expected: number; expectedHash: string; head: StreamHeadLink; index: number }[] = [];
  appends.forEach((a, index) => {
    const head = heads.get(a.stream);
    if (!head || head.deleted_at !== null || Number(head.revision) !== a.expectedRevision) return;
    const chained = buildRecords(a.stream, a.events, a.expectedRevision + 1, head.last_hash, ctx);
    const last = chained[chained.length - 1] as Records[number];
    records.push(...chained);
    moves.push({ stream: a.stream, expected: a.expectedRevision, expectedHash: head.last_hash, head: { revision: last.revision, hash: last.hash }, index });
  });
  if (moves.length === 0) return { results, heads: written };
  let rows: { stream_id: string; position: string }[];
  try {
    rows = (
      await pool.query<{ stream_id: string; position: string }>({
        name: `es-many-${ctx.schema}`,
        text: `with v as (select * from unnest($15::text[], $16::bigint[], $17::text[], $18::bigint[], $19::text[]) as v(stream_id, expected, expected_hash, revision, hash)),
         head as (update ${ctx.schema}.streams s set revision = v.revision, last_hash = v.hash from v
           where s.stream_id = v.stream_id and s.revision = v.expected and s.last_hash = v.expected_hash and s.deleted_at is null returning s.stream_id),
         inserted as (insert into ${ctx.schema}.events (${insertColumns}) ${unnestRows} where t.stream_id in (select stream_id from head) order by t.ordinality returning stream_id, position)
         select stream_id, position from inserted`,
        values: [
          ...batchParameters('', records).slice(0, 14),
          moves.map((m) => m.stream),
          moves.map((m) => m.expected),
          moves.map((m) => m.expectedHash),
          moves.map((m) => m.head.revision),
          moves.map((m) => m.head.hash),
        ],
      })
    ).rows;
  } catch (error) {
    if (leftAsWas.has((error as { code?: string }).code ?? '')) return { results, heads: written };
    throw error;
  }
  const positions = new Map<string, { position: string }[]>();
  for (const row of rows) positions.set(row.stream_id, [...(positions.get(row.stream_id) ?? []), row]);
  for (const m of moves) {
    const mine = positions.get(m.stream);
    if (!mine) continue;
    const sorted = positionsOf(mine);
    results[m.index] = { nextExpectedRevision: m.head.revision, position: sorted[sorted.length - 1] as number, appended: mine.length };
    written.set(m.stream, m.head);
  }
  return { results, heads: written };
}

async function readHeads(pool: Pool, ctx: AppendContext, streams: readonly string[]): Promise<Map<string, HeadRow>> {
  const { rows } = await pool.query<HeadRow>({
    name: `es-heads-${ctx.schema}`,
    text: `select stream_id, revision, last_hash, deleted_at from ${ctx.schema}.streams where stream_id = any($1::text[])`,
    values: [streams],
  });
  return new Map(rows.map((r) => [r.stream_id, r]));
}
