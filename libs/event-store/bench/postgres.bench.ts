/**
 * Benchmark of the PostgreSQL event store adapter on the local server (not a test: it prints
 * figures). Run: `npm run infra:up && npx tsx libs/event-store/bench/postgres.bench.ts`
 * Options (environment): BENCH_EVENTS (default 1,000,000 events for read and catch-up),
 * BENCH_APPEND_SECONDS (default 10 per append scenario).
 *
 * It prints appends/s and events/s with 1 and 8 concurrent writers (1 and 10 events per append),
 * p50/p99 append latency, readAll throughput, and catch-up subscription throughput.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { Pool } from 'pg';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '../src';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://sa:sa-local-dev@127.0.0.1:55432/social_assistance';
const totalEvents = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const appendSeconds = Number(process.env.BENCH_APPEND_SECONDS ?? 10);
const actor = { userId: 'bench', role: 'payments-officer', orgUnit: '331002' };

/** About 400 bytes of JSON, the size of a payment instruction event. */
function payload(i: number): Record<string, unknown> {
  return {
    instructionId: randomUUID(),
    entitlementId: randomUUID(),
    region: '331002001001',
    month: '2025-04',
    amountFen: 212_700,
    sequence: i,
    note: 'x'.repeat(200),
  };
}

function newEvent(i: number): NewEvent {
  return { eventId: randomUUID(), type: 'PaymentInstructionIssued', data: payload(i), actor };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

async function appendScenario(store: PostgresEventStore, writers: number, eventsPerAppend: number): Promise<void> {
  const latencies: number[] = [];
  let appends = 0;
  const deadline = Date.now() + appendSeconds * 1000;
  const writer = async (w: number) => {
    // Each writer appends to its own streams (a case each), stating the exact expected revision.
    let stream = `payroll-${randomUUID()}`;
    let revision: number | 'no_stream' = 'no_stream';
    while (Date.now() < deadline) {
      const batch = Array.from({ length: eventsPerAppend }, (_, i) => newEvent(w * 1_000_000 + appends + i));
      const began = performance.now();
      const result = await store.appendToStream(stream, batch, { expectedRevision: revision });
      latencies.push(performance.now() - began);
      appends += 1;
      revision = result.nextExpectedRevision;
      if (revision >= 99) {
        stream = `payroll-${randomUUID()}`;
        revision = 'no_stream';
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
  const seconds = (performance.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `append  writers=${writers} events/append=${String(eventsPerAppend).padEnd(2)}  ${Math.round(appends / seconds)
      .toLocaleString('en')
      .padStart(7)} appends/s  ${Math.round((appends * eventsPerAppend) / seconds)
      .toLocaleString('en')
      .padStart(7)} events/s  p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms`,
  );
}

async function seed(store: PostgresEventStore, count: number): Promise<void> {
  const began = performance.now();
  const perAppend = 1000;
  let written = 0;
  const writer = async () => {
    while (written < count) {
      const n = Math.min(perAppend, count - written);
      written += n;
      await store.appendToStream(
        `seed-${randomUUID()}`,
        Array.from({ length: n }, (_, i) => newEvent(i)),
        { expectedRevision: 'no_stream' },
      );
    }
  };
  await Promise.all([writer(), writer(), writer()]);
  console.log(`seeded ${count.toLocaleString('en')} events in ${((performance.now() - began) / 1000).toFixed(1)} s (1,000 per append, 3 writers)`);
}

async function readAllScenario(store: PostgresEventStore, count: number): Promise<void> {
  const began = performance.now();
  let read = 0;
  let from = 1;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 5000 });
    if (page.length === 0) break;
    read += page.length;
    from = (page[page.length - 1]?.position ?? 0) + 1;
  }
  const seconds = (performance.now() - began) / 1000;
  if (read < count) throw new Error(`readAll returned ${read} events, expected at least ${count}`);
  console.log(
    `readAll  ${read.toLocaleString('en')} events in ${seconds.toFixed(1)} s  ${Math.round(read / seconds).toLocaleString('en')} events/s (pages of 5,000)`,
  );
}

async function catchUpScenario(store: PostgresEventStore, count: number): Promise<void> {
  const began = performance.now();
  let received = 0;
  let last = 0;
  await new Promise<void>((resolve, reject) => {
    const subscription = store.subscribeToAll({
      onEvent: async (event) => {
        if (event.position <= last) reject(new Error(`out of order: ${event.position} after ${last}`));
        last = event.position;
        received += 1;
      },
      onCaughtUp: () => void subscription.stop().then(resolve),
      onError: reject,
    });
  });
  const seconds = (performance.now() - began) / 1000;
  if (received < count) throw new Error(`the subscription delivered ${received} events, expected at least ${count}`);
  console.log(
    `catch-up subscription  ${received.toLocaleString('en')} events in ${seconds.toFixed(1)} s  ${Math.round(received / seconds).toLocaleString('en')} events/s (batches of 1,000)`,
  );
}

async function main(): Promise<void> {
  console.log(
    `PostgreSQL event store benchmark · node ${process.version} · ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}) · load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const admin = new Pool({ connectionString: databaseUrl, max: 2 });
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]?.server_version;
  console.log(`server PostgreSQL ${version} at ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}\n`);
  const schemas = [`bench_append_${Date.now()}`, `bench_read_${Date.now()}`];
  try {
    const appendStore = createPostgresEventStore({ connectionString: databaseUrl, schema: schemas[0] as string, sourceSystem: 'bench', poolSize: 10 });
    await appendStore.migrate();
    for (const [writers, perAppend] of [
      [1, 1],
      [8, 1],
      [1, 10],
      [8, 10],
    ] as const)
      await appendScenario(appendStore, writers, perAppend);
    await appendStore.close();

    console.log('');
    const readStore = createPostgresEventStore({ connectionString: databaseUrl, schema: schemas[1] as string, sourceSystem: 'bench', poolSize: 4 });
    await readStore.migrate();
    await seed(readStore, totalEvents);
    await readAllScenario(readStore, totalEvents);
    await catchUpScenario(readStore, totalEvents);
    await readStore.close();
  } finally {
    // Events are immutable (a trigger refuses DELETE/TRUNCATE); dropping the bench schema is the owner's prerogative.
    for (const schema of schemas) await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
