/**
 * Appending to one stream in one transaction: lock the stream row, recognise a retried batch by
 * its event ids, check the expected revision, chain the hashes, insert all events with one
 * statement, record the inbox entry. Subscribers are woken after the commit (append-notifier.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { genesisHash, hashWithDataJson } from '../integrity/hash-chain';
import { canonicalJson } from '../integrity/canonical-json';
import { EventIdConflictError, MessageAlreadyHandledError, StreamDeletedError, WrongExpectedRevisionError } from '../port/errors';
import type { AppendOptions, AppendResult, ExpectedRevision, HandledMessage, NewEvent, RecordedEvent } from '../port/event-store';
import { positionShift } from './migrations';
import { inTransaction } from './transactions';

export interface AppendContext {
  readonly schema: string; // quoted
  readonly sourceSystem: string;
  readonly now: () => Date;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function validateBatch(stream: string, events: readonly NewEvent[]): void {
  if (stream.trim() === '' || stream.length > 500) throw new Error('stream name must be 1 to 500 characters');
  if (events.length === 0) throw new Error('an append needs at least one event');
  if (events.length >= positionShift) throw new Error(`an append may carry at most ${positionShift - 1} events`);
  for (const [i, event] of events.entries()) {
    if (event.eventId !== undefined && !uuidPattern.test(event.eventId)) throw new Error(`events[${i}].eventId must be a UUID`);
    if (!event.type) throw new Error(`events[${i}].type is required`);
    if (!event.actor?.userId || !event.actor.role || !event.actor.orgUnit) throw new Error(`events[${i}].actor needs userId, role and orgUnit`);
    if (event.occurredAt !== undefined && Number.isNaN(Date.parse(event.occurredAt))) throw new Error(`events[${i}].occurredAt must be an ISO 8601 instant`);
    if (JSON.stringify(event.data ?? null).includes('\\u0000')) throw new Error(`events[${i}].data must not contain NUL characters`);
  }
}

function revisionMatches(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === -1;
  if (expected === 'stream_exists') return actual >= 0;
  return expected === actual;
}

interface StreamHeadRow {
  revision: string;
  last_hash: string;
  deleted_at: Date | null;
  known_ids: number;
}

interface StreamHead {
  revision: number;
  lastHash: string;
  deleted: boolean;
  /** How many of the batch's event ids are stored already (0: certainly not a retry). */
  knownIds: number;
}

/**
 * One statement creates the stream row if missing and locks it (an upsert that updates takes the
 * row lock), returning the head and whether any of the batch's ids are stored: appends to one
 * stream serialise here, and a fresh batch costs no extra round trip for the retry check.
 */
async function lockStream(client: PoolClient, ctx: AppendContext, stream: string, eventIds: readonly string[]): Promise<StreamHead> {
  const row = (
    await client.query<StreamHeadRow>({
      // Named: prepared once per connection, as the append path runs thousands of times a second.
      name: `es-lock-${ctx.schema}`,
      text: `insert into ${ctx.schema}.streams as s (stream_id, revision, last_hash) values ($1, -1, $2)
       on conflict (stream_id) do update set stream_id = s.stream_id
       returning s.revision, s.last_hash, s.deleted_at,
         (select count(*)::int from ${ctx.schema}.events e where e.event_id = any($3::uuid[])) as known_ids`,
      values: [stream, genesisHash, eventIds],
    })
  ).rows[0] as StreamHeadRow;
  return { revision: Number(row.revision), lastHash: row.last_hash, deleted: row.deleted_at !== null, knownIds: row.known_ids };
}

/** A batch whose ids are all stored already, with the same content, is a retry: answer what was stored. */
async function findRetry(client: PoolClient, ctx: AppendContext, stream: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
  const ids = events.map((e) => e.eventId).filter((id): id is string => id !== undefined);
  if (ids.length === 0) return undefined;
  const stored = (
    await client.query<{ event_id: string; stream_id: string; revision: string; position: string; type: string; data: unknown }>(
      `select event_id, stream_id, revision, position, type, data from ${ctx.schema}.events where event_id = any($1::uuid[])`,
      [ids],
    )
  ).rows;
  if (stored.length === 0) return undefined;
  const byId = new Map(stored.map((row) => [row.event_id, row]));
  for (const event of events) {
    const row = event.eventId ? byId.get(event.eventId.toLowerCase()) : undefined;
    // Part of the batch stored, part not, or stored elsewhere or differently: never a clean retry.
    if (!row || row.stream_id !== stream || row.type !== event.type || canonicalJson(row.data) !== canonicalJson(event.data ?? null)) {
      throw new EventIdConflictError(stream, event.eventId ?? stored[0]?.event_id ?? 'unknown');
    }
  }
  const last = stored.reduce((a, b) => (Number(a.revision) > Number(b.revision) ? a : b));
  const head = (await client.query<{ revision: string }>(`select revision from ${ctx.schema}.streams where stream_id = $1`, [stream])).rows[0];
  return { nextExpectedRevision: Number(head?.revision ?? last.revision), position: Number(last.position), appended: 0 };
}

export function buildRecords(stream: string, events: readonly NewEvent[], from: number, lastHash: string, ctx: AppendContext): Records {
  const recordedAt = ctx.now().toISOString();
  let prevHash = lastHash;
  return events.map((event, i) => {
    const eventId = (event.eventId ?? randomUUID()).toLowerCase();
    const base = {
      eventId,
      type: event.type,
      schemaVersion: event.schemaVersion ?? 1,
      stream,
      revision: from + i,
      data: event.data ?? null,
      occurredAt: new Date(event.occurredAt ?? recordedAt).toISOString(),
      recordedAt,
      actor: { userId: event.actor.userId, role: event.actor.role, orgUnit: event.actor.orgUnit },
      correlationId: event.correlationId ?? eventId,
      causationId: event.causationId ?? null,
      sourceSystem: event.sourceSystem ?? ctx.sourceSystem,
      prevHash,
    };
    // Rendered once: the hash covers exactly the text stored (see hash-chain.ts, storedHashMatches).
    const dataJson = canonicalJson(base.data);
    const hash = hashWithDataJson(base, dataJson);
    prevHash = hash;
    return { ...base, hash, dataJson };
  });
}

/** Events to insert, each with its data as the canonical JSON text its hash covers. */
export type Records = (Omit<RecordedEvent, 'position'> & { readonly dataJson: string })[];

/** A stream's last event, as the hash chain needs it. */
export interface StreamHeadLink {
  readonly revision: number;
  readonly hash: string;
}

/** What an append did, and where it left the stream's head (undefined when it was a retry). */
export interface AppendedAt {
  readonly result: AppendResult;
  readonly head?: StreamHeadLink;
}

export const insertColumns = `position, stream_id, revision, event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source_system, prev_hash, hash`;
export const unnestRows = `select pg_current_xact_id()::text::bigint * ${positionShift} + t.ordinality, t.stream_id, t.revision, t.event_id, t.type, t.schema_version, t.data, t.occurred_at, t.recorded_at, t.actor, t.correlation_id, t.causation_id, t.source_system, t.prev_hash, t.hash
       from unnest($1::text[], $2::bigint[], $3::uuid[], $4::text[], $5::int[], $6::json[], $7::timestamptz[], $8::timestamptz[], $9::jsonb[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
         with ordinality as t(stream_id, revision, event_id, type, schema_version, data, occurred_at, recorded_at, actor, correlation_id, causation_id, source_system, prev_hash, hash, ordinality)`;

/** $1–$14: the batch as column arrays; $15–$17: new head revision and hash, stream. */
export function batchParameters(stream: string, records: Records): unknown[] {
  const column = <K extends keyof Records[number]>(key: K) => records.map((r) => r[key]);
  const last = records[records.length - 1] as Records[number];
  return [
    column('stream'),
    column('revision'),
    column('eventId'),
    column('type'),
    column('schemaVersion'),
    column('dataJson'),
    column('occurredAt'),
    column('recordedAt'),
    records.map((r) => JSON.stringify(r.actor)),
    column('correlationId'),
    column('causationId'),
    column('sourceSystem'),
    column('prevHash'),
    column('hash'),
    last.revision,
    last.hash,
    stream,
  ];
}

export function positionsOf(rows: { position: string }[]): number[] {
  return rows.map((row) => Number(row.position)).sort((a, b) => a - b);
}

/** Inserts the batch and moves the stream head, in one statement. */
async function insertEvents(client: PoolClient, ctx: AppendContext, stream: string, records: Records): Promise<number[]> {
  const result = await client.query<{ position: string }>({
    name: `es-insert-${ctx.schema}`,
    text: `with inserted as (insert into ${ctx.schema}.events (${insertColumns}) ${unnestRows} order by t.ordinality returning position),
     head as (update ${ctx.schema}.streams set revision = $15, last_hash = $16 where stream_id = $17 returning 1)
     select position from inserted, head`,
    values: batchParameters(stream, records),
  });
  return positionsOf(result.rows);
}

/**
 * The fast path, one statement in its own implicit transaction: when the caller already knows the
 * stream's head (revision and hash, from the read its decision was based on), the head moves only
 * if it is still exactly that, and the batch is inserted only if it moved. Anything else — a
 * concurrent writer, a retry, a deleted stream — returns no rows and the caller takes the full
 * path, which explains what happened.
 */
export async function appendAtKnownHead(
  client: Pick<PoolClient, 'query'>,
  ctx: AppendContext,
  stream: string,
  events: readonly NewEvent[],
  head: StreamHeadLink,
  handledMessage?: HandledMessage,
): Promise<AppendedAt | undefined> {
  const records = buildRecords(stream, events, head.revision + 1, head.hash, ctx);
  const moveHead =
    head.revision === -1
      ? `insert into ${ctx.schema}.streams (stream_id, revision, last_hash) values ($17, $15, $16) on conflict do nothing returning 1`
      : `update ${ctx.schema}.streams set revision = $15, last_hash = $16 where stream_id = $17 and revision = $18 and last_hash = $19 and deleted_at is null returning 1`;
  const values = head.revision === -1 ? batchParameters(stream, records) : [...batchParameters(stream, records), head.revision, head.hash];
  // The inbox record of the message that caused the append, inserted only with the events. A plain
  // insert: a record there already (the message was handled) fails the whole statement, so nothing
  // of it commits, and the caller's full path answers MessageAlreadyHandledError.
  const inbox = handledMessage
    ? `, handled as (insert into ${ctx.schema}.inbox (consumer, message_id) select $${values.length + 1}, $${values.length + 2} where exists (select 1 from head))`
    : '';
  const result = await client.query<{ position: string }>({
    name: `es-fast-${head.revision === -1 ? 'new' : 'next'}${handledMessage ? '-inbox' : ''}-${ctx.schema}`,
    text: `with head as (${moveHead}),
     inserted as (insert into ${ctx.schema}.events (${insertColumns}) ${unnestRows} where exists (select 1 from head) order by t.ordinality returning position)${inbox}
     select position from inserted`,
    values: handledMessage ? [...values, handledMessage.consumer, handledMessage.messageId] : values,
  });
  if (result.rows.length === 0) return undefined;
  const positions = positionsOf(result.rows);
  const last = records[records.length - 1] as Records[number];
  return {
    result: { nextExpectedRevision: last.revision, position: positions[positions.length - 1] as number, appended: records.length },
    head: { revision: last.revision, hash: last.hash },
  };
}

export async function appendInTransaction(
  client: PoolClient,
  ctx: AppendContext,
  stream: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendedAt> {
  if (options.handledMessage) {
    const { consumer, messageId } = options.handledMessage;
    const inserted = await client.query(`insert into ${ctx.schema}.inbox (consumer, message_id) values ($1, $2) on conflict do nothing`, [consumer, messageId]);
    if (inserted.rowCount === 0) throw new MessageAlreadyHandledError(options.handledMessage);
  }
  const ids = events.map((e) => e.eventId?.toLowerCase()).filter((id): id is string => id !== undefined);
  const head = await lockStream(client, ctx, stream, ids);
  const retry = head.knownIds > 0 ? await findRetry(client, ctx, stream, events) : undefined;
  if (retry) return { result: retry };
  if (head.deleted) throw new StreamDeletedError(stream);
  if (!revisionMatches(options.expectedRevision, head.revision)) {
    // The lock may have been waited for behind a concurrent copy of this very batch, committed after
    // the statement's snapshot: look again with a fresh one before calling it a conflict.
    const concurrentRetry = ids.length > 0 ? await findRetry(client, ctx, stream, events) : undefined;
    if (concurrentRetry) return { result: concurrentRetry };
    throw new WrongExpectedRevisionError(stream, options.expectedRevision, head.revision === -1 ? 'no_stream' : head.revision);
  }
  const records = buildRecords(stream, events, head.revision + 1, head.lastHash, ctx);
  const positions = await insertEvents(client, ctx, stream, records);
  const last = records[records.length - 1] as (typeof records)[number];
  return {
    result: { nextExpectedRevision: last.revision, position: positions[positions.length - 1] as number, appended: records.length },
    head: { revision: last.revision, hash: last.hash },
  };
}

/** One append in a transaction of its own. */
export function appendInOwnTransaction(
  pool: Pool,
  ctx: AppendContext,
  stream: string,
  events: readonly NewEvent[],
  options: AppendOptions,
): Promise<AppendedAt> {
  return inTransaction(pool, (client) => appendInTransaction(client, ctx, stream, events, options));
}

/** A batch whose event ids are stored already (a retry or a concurrent copy). */
export function isDuplicateEventId(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'events_event_id';
}

/** The inbox already holds the message (its primary key). */
export function isHandledAlready(error: unknown): boolean {
  const e = error as { code?: string; table?: string };
  return e?.code === '23505' && e.table === 'inbox';
}
