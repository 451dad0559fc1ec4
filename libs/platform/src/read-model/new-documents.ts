/**
 * A projection's batch path (batched-apply.ts) for read models with one document per stream: the
 * streams that begin in a batch (their revision 0 is in it) get their document built in memory
 * from the batch's events and inserted with one `insertMany` for the whole batch, instead of one
 * upsert per event. Why: each MongoDB command is a round trip and a few queries on FerretDB's
 * PostgreSQL backend, and a busy intake or verification wrote one or more per application
 * (issue #10, throughput).
 *
 * Same result as applying the events one by one with `applyOnce`: the document holds the fields
 * the updates set, counters incremented from nothing, `_revision`/`_position` of the last event
 * that changed it. Everything else takes the ordinary path, in stream order per document, a few
 * documents at a time: streams already begun before the batch, events the projection wants handled
 * one by one (`changeOf` answers undefined: side effects such as releasing a reservation), updates
 * with operators or paths this fold does not know, and documents the insert finds existing (a
 * replay after a crash; `applyOnce` then skips what they already reflect).
 */
import type { RecordedEvent } from '@sa/event-store';
import type { Model } from 'mongoose';
import type { ApplyBatch } from './batched-apply';

/** The update an event makes to its document, as `applyOnce` takes it. */
export interface DocumentChange {
  readonly id: string;
  readonly update: { $set?: Record<string, unknown>; $inc?: Record<string, number>; $unset?: Record<string, unknown> };
}

/** What an event does: a change, null for nothing, undefined when only `applyOne` may apply it. */
export type ChangeOf = (event: RecordedEvent) => DocumentChange | null | undefined;

/** Documents updated at once on the ordinary path (each in-flight update holds FerretDB connections; see payments' entitlement-batch.ts). */
const updateConcurrency = 4;

export function insertingNewDocuments<T>(model: Model<T>, changeOf: ChangeOf, applyOne: (event: RecordedEvent) => Promise<void>): ApplyBatch {
  return async (events) => {
    const streams = new Map<string, RecordedEvent[]>();
    for (const e of events) {
      const list = streams.get(e.stream);
      if (list) list.push(e);
      else streams.set(e.stream, [e]);
    }
    const built: { doc: Record<string, unknown>; events: RecordedEvent[] }[] = [];
    const oneByOne: RecordedEvent[][] = [];
    for (const list of streams.values()) {
      const doc = list[0]?.revision === 0 ? documentOf(list, changeOf) : undefined;
      if (doc) built.push({ doc, events: list });
      else oneByOne.push(list);
    }
    const existing = await insertNew(
      model,
      built.map((b) => b.doc),
    );
    oneByOne.push(...built.filter((_, i) => existing.has(i)).map((b) => b.events));
    await inParallel(oneByOne, updateConcurrency, async (list) => {
      for (const e of list) await applyOne(e);
    });
  };
}

/** The document the stream's events build from nothing, or undefined when one of them cannot be folded here. */
function documentOf(events: readonly RecordedEvent[], changeOf: ChangeOf): Record<string, unknown> | undefined {
  const doc: Record<string, unknown> = {};
  let id: string | undefined;
  let last: RecordedEvent | undefined;
  for (const e of events) {
    const change = changeOf(e);
    if (change === null) continue;
    if (change === undefined || (id !== undefined && change.id !== id) || !foldable(change.update)) return undefined;
    id = change.id;
    last = e;
    const { $set = {}, $inc = {}, $unset = {} } = change.update;
    for (const key of Object.keys($unset)) delete doc[key];
    Object.assign(doc, $set);
    for (const [key, by] of Object.entries($inc)) doc[key] = ((doc[key] as number | undefined) ?? 0) + by;
  }
  if (id === undefined || !last) return undefined;
  return { _id: id, ...doc, _revision: last.revision, _position: last.position };
}

const known = new Set(['$set', '$inc', '$unset']);

/** Top-level fields and the three operators only; a field in two operators of one update is left to the server. */
function foldable(update: DocumentChange['update']): boolean {
  if (Object.keys(update).some((op) => !known.has(op))) return false;
  const keys = [...Object.keys(update.$set ?? {}), ...Object.keys(update.$inc ?? {}), ...Object.keys(update.$unset ?? {})];
  return keys.every((k) => !k.includes('.') && !k.startsWith('$') && k !== '_id') && new Set(keys).size === keys.length;
}

/** Inserts the documents; answers the indexes of those that exist already (duplicate _id). */
async function insertNew<T>(model: Model<T>, docs: readonly object[]): Promise<Set<number>> {
  if (docs.length === 0) return new Set();
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
    return new Set();
  } catch (error) {
    type WriteError = { index: number; code: number };
    // The driver gives one write error as an object, several as an array.
    const raw = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
    const writeErrors = raw === undefined ? [] : ([] as WriteError[]).concat(raw);
    if (writeErrors.length === 0 || writeErrors.some((w) => w.code !== 11000)) throw error;
    return new Set(writeErrors.map((w) => w.index));
  }
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
