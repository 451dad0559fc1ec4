/**
 * Benchmark of read-model writes on the MongoDB-protocol server (not a test: it prints figures).
 * Run from the workspace root, against the local servers or the ones MONGODB_URL names:
 *
 *   npx tsx libs/platform/bench/read-model.bench.ts                 (BENCH_DOCS=1000000 by default)
 *   BENCH_DOCS=100000 BENCH_CONCURRENCY=8 npx tsx libs/platform/bench/read-model.bench.ts
 *
 * Writes go through the projections' own write path, `applyOnce` (libs/platform/src/read-model):
 * an upsert by _id guarded by the document's source revision. It grows one collection to N
 * documents (each a new application's first event), and at 10,000, 100,000 and 1,000,000 it
 * prints the insert rate and latency of the last stretch, then BENCH_SAMPLE updates of random
 * existing documents (the next event of a case) and the same number of replays (an event already
 * applied, which must change nothing). Flat figures from row to row mean no per-write cost that
 * grows with the collection. The database is dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import type { RecordedEvent } from '@sa/event-store';
import { type Model, Schema } from 'mongoose';
import { connectMongo } from '../src/mongo/mongo';
import { applyOnce } from '../src/read-model/projection';

const mongodbUrl = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:57017/';
const totalDocs = Number(process.env.BENCH_DOCS ?? 1_000_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const sample = Number(process.env.BENCH_SAMPLE ?? 2000);
const marks = [10_000, 100_000, 1_000_000].filter((m) => m <= totalDocs);
if (!marks.includes(totalDocs)) marks.push(totalDocs);

interface CaseView {
  _id: string;
  region: string;
  status: string;
  householdSize: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

/** A recorded event as the store hands it to a projection (only the fields applyOnce reads matter). */
function recorded(n: number, revision: number): RecordedEvent {
  const actor = { userId: 'bench', role: 'intake-worker', orgUnit: '331002' };
  const at = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'Bench',
    schemaVersion: 1,
    stream: `application-${n}`,
    revision,
    position: n * 10 + revision,
    data: {},
    occurredAt: at,
    recordedAt: at,
    actor,
    correlationId: String(n),
    causationId: null,
    sourceSystem: 'bench',
    prevHash: '0'.repeat(64),
    hash: '0'.repeat(64),
  };
}

/** Runs `count` writes at the benchmark's concurrency; returns each write's latency in ms and the wall time. */
async function timed(count: number, write: (i: number) => Promise<unknown>): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const began = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t = process.hrtime.bigint();
      await write(i);
      latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latencies: latencies.sort((a, b) => a - b), seconds: Number(process.hrtime.bigint() - began) / 1e9 };
}

function row(label: string, docs: number, result: { latencies: number[]; seconds: number }): string {
  const { latencies, seconds } = result;
  const cells = [
    label.padEnd(8),
    fmt(docs).padStart(10),
    fmt(latencies.length / seconds).padStart(8),
    ...[50, 95, 99].map((p) => percentile(latencies, p).toFixed(2).padStart(7)),
  ];
  return cells.join('  ');
}

async function main(): Promise<void> {
  console.log(
    `read-model write benchmark · node ${process.version} · ${cpus().length} CPU · load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `${mongodbUrl.replace(/\/\/[^@]*@/, '//***@')} · N = ${fmt(totalDocs)} · concurrency ${concurrency} · applyOnce (upsert by _id, revision-guarded)\n`,
  );
  const mongo = await connectMongo(mongodbUrl, `read_model_bench_${Date.now().toString(36)}`, { serverSelectionTimeoutMS: 10_000 });
  const schema = new Schema<CaseView>(
    { _id: String, region: { type: String, index: true }, status: String, householdSize: Number },
    { versionKey: false, strict: false },
  ); // as the services' read models: applyOnce adds _revision and _position
  const model: Model<CaseView> = mongo.model<CaseView>('BenchCase', schema, 'bench_cases');
  await model.createIndexes();
  const id = (n: number) => `case-${String(n).padStart(8, '0')}`;
  console.log(
    `${'write'.padEnd(8)}  ${'docs'.padStart(10)}  ${'writes/s'.padStart(8)}  ${'p50 ms'.padStart(7)}  ${'p95 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}`,
  );
  try {
    let docs = 0;
    for (const mark of marks) {
      const from = docs;
      const inserts = await timed(mark - from, (i) =>
        applyOnce(model, id(from + i), recorded(from + i, 0), {
          $set: { region: `331002${(from + i) % 1000}`, status: 'submitted', householdSize: 1 + (i % 5) },
        }),
      );
      docs = mark;
      console.log(row('insert', docs, inserts));
      const picks = Array.from({ length: sample }, () => Math.floor(Math.random() * docs));
      const pick = (i: number) => picks[i] ?? 0;
      // Each pick's next event (revision 1 + i, above anything applied), then the same event again.
      console.log(row('update', docs, await timed(sample, (i) => applyOnce(model, id(pick(i)), recorded(pick(i), 1 + i), { $set: { status: 'reviewed' } }))));
      console.log(row('replay', docs, await timed(sample, (i) => applyOnce(model, id(pick(i)), recorded(pick(i), 1 + i), { $set: { status: 'stale' } }))));
    }
    const stale = await model.countDocuments({ status: 'stale' });
    console.log(`\n${fmt(await model.estimatedDocumentCount())} documents; replays that changed a document: ${stale} (must be 0)`);
  } finally {
    await mongo.dropDatabase().catch(() => undefined);
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
