/**
 * The entitlements projection's batch path (platform batched-apply.ts): a city's grants arrive by
 * the hundred thousand, and FerretDB answers an upsert in milliseconds whatever its size, so one
 * upsert per grant bound the read model to ~80–500 grants/s. Here the grants of a batch — each the
 * first event of its entitlement — are inserted with one unordered insertMany; a grant whose
 * document exists already (a replay after a crash) is applied the ordinary way, which skips it.
 * Every other event goes through the per-event handler in stream order per entitlement, a few
 * entitlements at a time.
 *
 * Why no bulk update: FerretDB 1.24's update command keeps every matched document's query (and
 * its pooled PostgreSQL connection) open until the whole command ends (a `defer` inside its loop),
 * so one update command of more than pool-size matched documents never finishes and wedges the
 * server. Single-update commands, a few at once, stay well inside the pool.
 */
import type { RecordedEvent } from '@sa/event-store';
import type { Model } from 'mongoose';

/** Entitlements updated at once: each in-flight update of an existing document holds two of FerretDB's 20 connections. */
const updateConcurrency = 4;

export async function applyInBatch<Doc>(
  model: Model<Doc>,
  events: readonly RecordedEvent[],
  grantedDoc: (e: RecordedEvent) => object,
  applyOne: (e: RecordedEvent) => Promise<void>,
): Promise<void> {
  const idOf = (e: RecordedEvent) => (e.data as { entitlementId: string }).entitlementId;
  const seen = new Set<string>();
  const grants: RecordedEvent[] = [];
  const rest: RecordedEvent[] = [];
  for (const e of events) {
    // Inserted ahead of the batch only where it is the entitlement's first event in it (order kept).
    if (e.type === 'EntitlementGranted' && !seen.has(idOf(e))) grants.push(e);
    else rest.push(e);
    seen.add(idOf(e));
  }
  const existing = await insertNew(
    model,
    grants.map((e) => ({ _id: idOf(e), ...grantedDoc(e), _revision: e.revision, _position: e.position })),
  );
  const perEntitlement = new Map<string, RecordedEvent[]>();
  for (const e of [...grants.filter((_, i) => existing.has(i)), ...rest]) {
    const stream = perEntitlement.get(idOf(e));
    if (stream) stream.push(e);
    else perEntitlement.set(idOf(e), [e]);
  }
  await inParallel([...perEntitlement.values()], updateConcurrency, async (stream) => {
    for (const e of stream.sort((a, b) => a.position - b.position)) await applyOne(e);
  });
}

/** Inserts the documents; answers the indexes of those that exist already (duplicate _id). */
async function insertNew<Doc>(model: Model<Doc>, docs: readonly object[]): Promise<Set<number>> {
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

/** Runs `work` over the items, `concurrency` at a time. */
export async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
