/**
 * Payroll benchmark, SERVICE PATH: the compiled payments service (dist/, as `npm start` runs it) in a
 * child process against the shared real servers — PostgreSQL event store, FerretDB on
 * its PostgreSQL backend, Kafka — in an event-store schema, Mongo database and topic prefix of its
 * own. Per N:
 *   seed     N EntitlementGranted events appended straight to the event store in the service's own
 *            format (tests/payroll-seed.ts; said plainly: not through approval and Kafka);
 *   project  the service's own entitlement projection builds the read model from them;
 *   run      POST /payrolls (the real run: batches, checkpoints, closing event);
 *   file     GET /payrolls/{id}/disbursement-file, read as a stream (lines counted, bytes kept for the answer);
 *   feedback the payment feedback (one EntitlementPaymentRecorded per instruction) until all are written;
 *            with BENCH_FEEDBACK_READ_MODEL=1 (not with BENCH_ATTACH) also until the entitlements read
 *            model's checkpoint (FerretDB) has passed them — it no longer writes per payment (the list
 *            counts payments from the payroll's PostgreSQL table), so this is seconds, not hours;
 *   import   POST /payrolls/{id}/bank-results with every line paid, then the same file again.
 * Prints seconds, peak RSS of the SERVICE process during the step (/proc/PID/status VmRSS sampled
 * every 50 ms), events written in the step (events counted before and after), CPU seconds of the
 * service and of the whole PostgreSQL server (every postgres process plus the children it reaped:
 * the server is shared with other work on the machine, so that figure is an upper bound), and the
 * load average when the step ended. Seeding runs in this bench process, not the service.
 *
 *   npx tsx apps/payments/bench/payroll-service.bench.ts [N …]   (default 1000 10000 100000)
 * BENCH_SEED_ONLY=<file> seeds and projects one N, writes the service's environment (JSON) to the file and
 * stops; start the service on it later (`node dist/apps/payments/src/main.js` with that environment)
 * and measure with BENCH_ATTACH (below): a 1,000,000 seed (~10 min) then serves a rebuilt service.
 * PAYMENTS_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to the service's node.
 */
import { createPostgresEventStore } from '@sa/event-store';
import type { RunningService } from '@sa/platform';
import { serviceTestEnv } from '@sa/testing';
import mongoose from 'mongoose';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { connectionEnv, loadInfraConfig } from '../../../deploy/local/config';
import { deleteTopics, PaymentsApi, testTopicPrefix } from '../src/tests/payments-test-kit';
import { amountOf } from '../src/tests/payroll-seed';
import { bulkSeedEntitlements } from '../src/tests/payroll-seed-bulk';
import { freePort } from '@sa/testing';
import { cpuSecondsOf, postgresCpuSeconds } from './process-cpu';

// The shared local servers unless DATABASE_URL / KAFKA_BROKERS / MONGODB_URL name others.
Object.assign(process.env, { ...connectionEnv(loadInfraConfig()), ...process.env });

const village = '331002001001';
const repoRoot = join(__dirname, '../../..');
const sizes = process.argv.slice(2).map(Number);
const rows: string[] = [];
/** BENCH_SEED_ONLY=<file>: seed and project only, then write the service's environment there and stop it. */
const seedOnly = process.env['BENCH_SEED_ONLY'];

/** Events in the run's own schema (positions are not dense, so they are counted). */
async function head(ctx: { pg: Pool; schema: string }): Promise<number> {
  const { rows } = await ctx.pg.query<{ n: number }>(`select count(*)::int as n from "${ctx.schema}".events`);
  return rows[0]?.n ?? 0;
}

/** The service's resident set now (0 once it has exited: its exit is reported by the step that fails). */
function rssOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Times one step: seconds, the service's peak RSS while it ran, events the store gained, CPU seconds, load. */
async function step<T>(ctx: { pg: Pool; schema: string; pid: number; n: number }, name: string, work: () => Promise<T>): Promise<T> {
  let peak = rssOf(ctx.pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(ctx.pid))), 50);
  const before = await head(ctx);
  const cpuBefore = { service: cpuSecondsOf(ctx.pid), postgres: postgresCpuSeconds() };
  const started = performance.now();
  try {
    return await work();
  } finally {
    const seconds = (performance.now() - started) / 1000;
    clearInterval(timer);
    peak = Math.max(peak, rssOf(ctx.pid));
    const cpu = `${(cpuSecondsOf(ctx.pid) - cpuBefore.service).toFixed(1)} | ${(postgresCpuSeconds() - cpuBefore.postgres).toFixed(1)}`;
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const row = `| ${ctx.n.toLocaleString('en')} | ${name} | ${seconds.toFixed(2)} | ${Math.round(peak / 2 ** 20)} | ${(await head(ctx)) - before} | ${cpu} | ${load} |`;
    rows.push(row);
    console.log(row);
  }
}

async function readStreamed(res: Response): Promise<string[]> {
  if (res.status !== 200 || !res.body) throw new Error(`disbursement file answered ${res.status}: ${await res.text()}`);
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of res.body) text += decoder.decode(chunk as Uint8Array, { stream: true });
  return text.trimEnd().split('\r\n');
}

/** The payroll's own steps on a service whose projections have caught up: run, file, import twice. */
async function payrollSteps(
  ctx: { pg: Pool; schema: string; pid: number; n: number },
  api: PaymentsApi,
  totalFen: number,
  readModelAt?: () => Promise<number>,
): Promise<void> {
  const n = ctx.n;
  const seeded = { totalFen };
  const before = Number((await ctx.pg.query<{ p: string }>(`select coalesce(max(position), 0) as p from "${ctx.schema}".events`)).rows[0]?.p);
  const run = await step(ctx, 'POST /payrolls', async () => {
    for (;;) {
      // A run longer than fetch's 300 s header timeout goes on in the service: asking again joins it and answers when it closes.
      const res = await api.post('/payrolls', { region: village, month: '2025-03' }).catch((error: unknown) => {
        console.log(`POST /payrolls: ${String((error as Error).cause ?? error)}; asking again`);
        return undefined;
      });
      if (!res || res.status === 503) continue;
      const body = (await res.json()) as { payrollId: string; instructionCount: number; totalFen: number };
      if (res.status > 201 || body.instructionCount !== n || body.totalFen !== seeded.totalFen)
        throw new Error(`run answered ${res.status}: ${JSON.stringify(body)}`);
      return body;
    }
  });
  // The feedback starts once the run stops issuing; measured on its own, so the file and the import are timed without it.
  await step(ctx, `payment feedback (recorded on every entitlement${readModelAt ? ' and in the read model' : ''})`, async () => {
    const recorded = async () =>
      (
        await ctx.pg.query<{ n: number }>(`select count(*)::int as n from "${ctx.schema}".events where position > $1 and type = 'EntitlementPaymentRecorded'`, [
          before,
        ])
      ).rows[0]?.n ?? 0;
    while ((await recorded()) < n) await sleep(1000);
    // The officers' read model (FerretDB) now passes over them without a write (the list counts
    // payments from the payroll's table); with BENCH_FEEDBACK_READ_MODEL=1 its checkpoint is waited for.
    const last = Number(
      (await ctx.pg.query<{ p: string }>(`select max(position) as p from "${ctx.schema}".events where type = 'EntitlementPaymentRecorded'`)).rows[0]?.p,
    );
    if (readModelAt) while ((await readModelAt()) < last) await sleep(1000);
  });
  const lines = await step(ctx, 'GET disbursement-file (streamed)', async () => readStreamed(await api.get(`/payrolls/${run.payrollId}/disbursement-file`)));
  if (lines.length !== n + 2 || lines.at(-1) !== `TOTAL,${n},${seeded.totalFen}`) throw new Error(`file has ${lines.length} lines, ends ${lines.at(-1)}`);
  const answer = ['instructionId,result,amountYuan,reasonCode,reasonText,settledAt']
    .concat(lines.slice(1, -1).map((l) => `${l.split(',')[0]},paid,${l.split(',')[3]},,,2025-03-09T15:20:00+08:00`))
    .concat(`TOTAL,${n},${seeded.totalFen}`)
    .join('\r\n');
  lines.length = 0;
  for (const [name, newlyPaid] of [
    ['POST bank-results', n],
    ['POST bank-results again', 0],
  ] as const) {
    await step(ctx, name, async () => {
      // A kept-alive socket the service closed while the bench counted events (5 s idle) fails the
      // upload with EPIPE before the service reads it; the import is idempotent, so it is sent again.
      const post = () => api.post(`/payrolls/${run.payrollId}/bank-results`, answer, undefined, 'text/csv');
      const res = await post().catch((error: unknown) => {
        console.log(`POST bank-results: ${String((error as Error).cause ?? error)}; sending it again`);
        return post();
      });
      const body = (await res.json()) as { newlyPaid?: number };
      if (res.status > 201 || body.newlyPaid !== newlyPaid) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
    });
  }
}

async function benchOne(n: number): Promise<void> {
  const topicPrefix = testTopicPrefix();
  const env = serviceTestEnv('payments', {
    ALLOW_CLOCK_CONTROL: 'true',
    SCHEDULER_INTERVAL_MS: '3600000',
    KAFKA_TOPIC_PREFIX: topicPrefix,
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
    ...(process.env['PAYROLL_BATCH_SIZE'] ? { PAYROLL_BATCH_SIZE: process.env['PAYROLL_BATCH_SIZE'] } : {}),
  });
  const port = await freePort();
  const nodeArgs = (process.env['PAYMENTS_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(repoRoot, 'dist/apps/payments/src/main.js')], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port) },
    stdio: 'inherit',
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.on('exit', (code, signal) => code !== 0 && signal !== 'SIGTERM' && console.error(`the payments service exited: ${code ?? signal}`));
  const api = new PaymentsApi({ url: `http://127.0.0.1:${port}` } as RunningService);
  const store = createPostgresEventStore({
    connectionString: String(env['EVENT_STORE_URL']),
    schema: String(env['EVENT_STORE_SCHEMA']),
    sourceSystem: 'payments',
  });
  const pg = new Pool({ connectionString: String(env['EVENT_STORE_URL']), max: 2 });
  const mongo = mongoose.createConnection(String(env['MONGODB_URL']), { dbName: String(env['MONGODB_DB']) });
  try {
    for (let ready = false; !ready;)
      ready = await api.setClock('2025-03-05T09:00:00+08:00').then(
        () => true,
        () => sleep(250).then(() => false),
      );
    const ctx = { pg, schema: String(env['EVENT_STORE_SCHEMA']), pid: child.pid ?? 0, n };
    const seeded = await step(ctx, 'seed (bulk into the event store, service format; bench process)', async () => {
      const done = await bulkSeedEntitlements(pg, ctx.schema, { count: n, seed: topicPrefix });
      for (const id of [done.entitlementIds[0], done.entitlementIds[n >> 1], done.entitlementIds[n - 1]]) {
        const verified = await store.verifyStream(`entitlement-${String(id)}`);
        if (!verified.ok || verified.events !== 1) throw new Error(`seeded stream ${String(id)} does not verify: ${JSON.stringify(verified)}`);
      }
      return done;
    });
    await step(ctx, 'project (payroll entitlement table, PostgreSQL)', async () => {
      const last = Number((await pg.query<{ p: string }>(`select max(position) as p from "${ctx.schema}".events`)).rows[0]?.p);
      const applied = async () =>
        Number((await pg.query<{ p: string }>(`select position as p from "${ctx.schema}".payroll_projection_positions`)).rows[0]?.p ?? -1);
      while ((await applied()) < last) await sleep(250);
    });
    if (process.env['BENCH_WAIT_READ_MODEL'] !== '0') {
      await step(ctx, 'project (entitlements read model, FerretDB)', async () => {
        await mongo.asPromise();
        // Its checkpoint, not a count: FerretDB counts a million documents by reading every one (minutes).
        const last = Number((await pg.query<{ p: string }>(`select max(position) as p from "${ctx.schema}".events`)).rows[0]?.p);
        const checkpoints = mongo.collection<{ _id: string; position: number }>('projection_checkpoints');
        while (((await checkpoints.findOne({ _id: 'entitlements' }))?.position ?? -1) < last) await sleep(1000);
      });
    }
    if (seedOnly) {
      // The service's environment, so a service built later can be started on this seed and attached to.
      writeFileSync(seedOnly, JSON.stringify({ n, env: { ...env, PORT: String(port) } }));
      console.log(`seeded ${n}; the service's environment is in ${seedOnly} (schema, database and topics kept)`);
      return;
    }
    const checkpoints = mongo.collection<{ _id: string; position: number }>('projection_checkpoints');
    const readModelAt = async () => (await checkpoints.findOne({ _id: 'entitlements' }))?.position ?? -1;
    await payrollSteps(ctx, api, seeded.totalFen, process.env['BENCH_FEEDBACK_READ_MODEL'] === '1' ? readModelAt : undefined);
  } finally {
    child.kill('SIGTERM');
    await exited;
    await mongo.close();
    await store.close();
    await pg.end();
    if (!seedOnly) await deleteTopics(topicPrefix);
  }
}

/**
 * BENCH_ATTACH="<url> <pid> <schema> <n>": the payroll steps only, on a service this bench started
 * and seeded earlier whose projections have caught up (its own run was stopped while it waited;
 * the control total is the seed's, which depends on n alone).
 */
async function attachTo(spec: string): Promise<void> {
  const [url, pid, schema, count] = spec.split(' ');
  const n = Number(count);
  const env = serviceTestEnv('payments', {});
  const pg = new Pool({ connectionString: String(env['EVENT_STORE_URL']), max: 2 });
  let totalFen = 0;
  for (let i = 0; i < n; i++) totalFen += amountOf(i);
  try {
    const api = new PaymentsApi({ url } as RunningService);
    // A service restarted on a seed (BENCH_SEED_ONLY) starts on today's clock: the seed's month is paid on the 5th.
    await api.setClock('2025-03-05T09:00:00+08:00');
    await payrollSteps({ pg, schema: String(schema), pid: Number(pid), n }, api, totalFen);
  } finally {
    await pg.end();
  }
}

async function main(): Promise<void> {
  if (!process.env['BENCH_ATTACH']) {
    const built = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', 'payments'], { cwd: repoRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('compiling the payments service failed');
  }
  console.log(
    '| N | step | seconds | service peak RSS MB | events written | service CPU s | PostgreSQL CPU s (shared) | load 1/5/15 |\n|---|---|---|---|---|---|---|---|',
  );
  const attach = process.env['BENCH_ATTACH'];
  if (attach) await attachTo(attach);
  else for (const n of sizes.length > 0 ? sizes : [1000, 10_000, 100_000]) await benchOne(n);
  console.log(`\n${rows.length} steps measured`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
