/**
 * Benchmark of the audit service's two heavy reads on the local servers (not a test: it prints
 * figures). Run from the workspace root:
 *
 *   npx tsx apps/audit/bench/audit.bench.ts            (BENCH_EVENTS=1000000 by default)
 *   BENCH_EVENTS=100000 npx tsx apps/audit/bench/audit.bench.ts
 *
 * It seeds fresh source schemas with one realistic case across the five services plus N events
 * (payment instructions of synthetic cases, BENCH_EVENTS_PER_APPEND per append, one stream per
 * append), then prints:
 *   - integrity: events/s to verify every hash chain of every store (POST /integrity/verify-all's code);
 *   - replay: ms to replay the realistic case with the MongoDB case index (the API's path, and the
 *     CLI's with MONGODB_URL), after the time to build that index, and ms without any index (the
 *     whole log is read, as the CLI does without MONGODB_URL or with --full-scan).
 * Options: DATABASE_URL, MONGODB_URL, BENCH_EVENTS, BENCH_EVENTS_PER_APPEND (default 1,000), BENCH_REPLAYS (default 5),
 * AUDIT_INTEGRITY_WORKERS (default as the service: the CPUs, at most 4; integrity is also timed in one thread).
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { relaunchedWithWorkspacePaths } from '../src/cli/workspace-paths';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://sa:sa-local-dev@127.0.0.1:55432/social_assistance';
const mongodbUrl = process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:57017/';
const totalEvents = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const perAppend = Number(process.env.BENCH_EVENTS_PER_APPEND ?? 1000);
const replays = Number(process.env.BENCH_REPLAYS ?? 5);
const integrityWorkers = Number(process.env.AUDIT_INTEGRITY_WORKERS ?? Math.min(4, availableParallelism()));

const fmt = (n: number) => Math.round(n).toLocaleString('en');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  // Loaded after the relaunch, with the workspace path aliases.
  const { createLogger, connectMongo, Leadership } = await import('@sa/platform');
  const { createSourceSchemas } = await import('../src/test-support/source-schemas.js');
  const { Scenario, people } = await import('../src/test-support/scenarios.js');
  const { SourceStores } = await import('../src/sources/source-stores.js');
  const { parseSourceSchemas } = await import('../src/sources/source-config.js');
  const { verifyStores } = await import('../src/integrity/store-verifier.js');
  const { CaseHistoryLoader } = await import('../src/cases/case-history-loader.js');
  const { noDirectory } = await import('../src/cases/stream-directory.js');
  const { CaseIndex } = await import('../src/case-index/case-index.js');
  const { CaseIndexer } = await import('../src/case-index/case-indexer.js');

  console.log(
    `audit benchmark · node ${process.version} · ${cpus().length} CPU (${cpus()[0]?.model ?? '?'}) · load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`N = ${fmt(totalEvents)} seeded events, ${fmt(perAppend)} per append\n`);
  const schemas = await createSourceSchemas(databaseUrl);
  const mongoDb = `audit_bench_${Date.now().toString(36)}`;
  const mongo = await connectMongo(mongodbUrl, mongoDb);
  const parsed = parseSourceSchemas(schemas.env);
  if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
  const sources = SourceStores.open({ databaseUrl, sources: parsed.sources, poolSize: 6 });
  try {
    // One real case through the five services, and N events of synthetic cases around it.
    const scenario = new Scenario();
    const theCase = scenario.dibaoCase({ payrollMonths: ['2025-04', '2025-05', '2025-06'] });
    await schemas.seed(scenario.drafts);
    let began = performance.now();
    const streams = Math.ceil(totalEvents / perAppend);
    let next = 0;
    const writer = async () => {
      for (let s = next++; s < streams; s = next++) {
        const applicationId = randomUUID();
        const count = Math.min(perAppend, totalEvents - s * perAppend);
        const events = Array.from({ length: count }, (_, i) => ({
          type: 'PaymentInstructionIssued',
          data: {
            payrollId: randomUUID(),
            instructionId: randomUUID(),
            entitlementId: randomUUID(),
            applicationId,
            programme: 'dibao',
            region: '331002001001',
            month: `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
            amountFen: 212_700,
            payee: { bankName: '台州银行', accountHolder: '王秀英', accountNumber: '6222000011112222' },
            reference: '低保金',
            sequence: i,
          },
          actor: people.paymentsOfficer,
        }));
        await schemas.stores.payments.appendToStream(`bench-${applicationId}`, events, { expectedRevision: 'no_stream' });
      }
    };
    await Promise.all([writer(), writer(), writer()]);
    console.log(
      `seeded ${fmt(totalEvents)} events in ${((performance.now() - began) / 1000).toFixed(1)} s (${fmt(streams)} appends of up to ${fmt(perAppend)}, 3 writers)`,
    );
    // Planner statistics and settled rows (hint bits, visibility map), as autovacuum would have
    // left a store that grew over months: the first scan of freshly written rows also writes them.
    await schemas.stores.payments.pool.query(`vacuum (analyze) "${schemas.schemas.payments}".events, "${schemas.schemas.payments}".streams`);

    // Integrity of everything: in this thread, then with the service's default workers.
    let verified!: Awaited<ReturnType<typeof verifyStores>>;
    for (const workers of [...new Set([1, integrityWorkers])]) {
      verified = await verifyStores(sources, { pageSize: 5000, workers });
      if (!verified.ok) throw new Error(`verification found breaks: ${JSON.stringify(verified.breaks.slice(0, 3))}`);
      console.log(
        `integrity  verified ${fmt(verified.events)} events in ${fmt(verified.streams)} streams in ${(verified.ms / 1000).toFixed(1)} s with ${workers} worker${workers > 1 ? 's' : ''}  →  ${fmt(verified.eventsPerSecond)} events/s`,
      );
    }

    // Replay with the case index (the API's path): build the index, then replay.
    const index = new CaseIndex(mongo);
    await index.onModuleInit();
    const indexer = new CaseIndexer(sources, index, createLogger('audit-bench', 'warn'), Leadership.alone(createLogger('audit-bench', 'warn')));
    began = performance.now();
    await indexer.onApplicationBootstrap();
    while (!indexer.caughtUp) await new Promise((r) => setTimeout(r, 100));
    const indexMs = performance.now() - began;
    console.log(
      `case index  built over ${fmt(verified.events)} events in ${(indexMs / 1000).toFixed(1)} s  →  ${fmt((verified.events * 1000) / indexMs)} events/s`,
    );
    const indexed = new CaseHistoryLoader(sources, {
      lookup: (keys: readonly string[]) => index.lookup(keys),
      indexedThrough: (s: string) => indexer.indexedThrough(s),
    });
    const timed = async (loader: InstanceType<typeof CaseHistoryLoader>, runs: number) => {
      const times: number[] = [];
      let events = 0;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        const loaded = await loader.load(theCase.applicationId);
        times.push(performance.now() - t);
        events = loaded.history.events.length;
        if (!loaded.integrityOk) throw new Error('the replayed case does not verify');
      }
      return { ms: median(times), events };
    };
    const withIndex = await timed(indexed, replays);
    console.log(`replay  one case (${withIndex.events} events across its services) with the case index: ${withIndex.ms.toFixed(1)} ms (median of ${replays})`);
    await indexer.beforeApplicationShutdown();
    const withoutIndex = await timed(new CaseHistoryLoader(sources, noDirectory), Math.min(replays, 3));
    console.log(
      `replay  one case without an index (whole log read, as the CLI does with --full-scan): ${withoutIndex.ms.toFixed(0)} ms (median of ${Math.min(replays, 3)})`,
    );
  } finally {
    await sources.close();
    await mongo.dropDatabase().catch(() => undefined);
    await mongo.close();
    await schemas.drop();
  }
}

if (!relaunchedWithWorkspacePaths(__filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
