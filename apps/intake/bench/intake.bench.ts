/**
 * Intake throughput benchmark on the real servers (not a test: it prints figures). From the
 * workspace root, with the local servers up (`npm run infra:up`) or DATABASE_URL / KAFKA_BROKERS /
 * MONGODB_URL naming others:
 *
 *   npx tsx apps/intake/bench/intake.bench.ts
 *   BENCH_APPLICATIONS=5000 BENCH_CONCURRENCY=16 npx tsx apps/intake/bench/intake.bench.ts
 *
 * It builds intake and verification as `npm start` does and starts each as its own process on a
 * fresh event-store schema, read-model database and topic namespace of this run. It then POSTs
 * BENCH_WARMUP applications (not counted), then BENCH_APPLICATIONS valid applications of distinct
 * households at BENCH_CONCURRENCY, and prints applications/s, p50/p95/p99 latency, every non-201
 * answer, and the time from the last answer until verification has published a completed economic
 * check for every accepted application, and the CPU time each process spent per application
 * (intake, verification, FerretDB, PostgreSQL: comparable when other work shares the machine).
 * BENCH_VERIFICATION=false leaves verification out; BENCH_CPU_PROF_DIR=dir writes each service's
 * V8 CPU profile there.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { kafkaClientOptions } from '@sa/messaging';

// `npx tsx` from the workspace root does not read the @sa/* path aliases: re-run once with them.
if (!process.env.TSX_TSCONFIG_PATH) {
  const tsconfig = resolve(__dirname, '..', '..', '..', 'tsconfig.base.json');
  const rerun = spawnSync(process.execPath, [require.resolve('tsx/cli'), '--tsconfig', tsconfig, __filename], {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: tsconfig },
  });
  process.exit(rerun.status ?? 1);
}

const env = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://sa:sa-local-dev@127.0.0.1:55432/social_assistance',
  kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:59092',
  mongodbUrl: process.env.MONGODB_URL ?? 'mongodb://127.0.0.1:57017/',
};
const total = Number(process.env.BENCH_APPLICATIONS ?? 3000);
const warmup = Number(process.env.BENCH_WARMUP ?? 100);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const withVerification = process.env.BENCH_VERIFICATION !== 'false';
const secret = 'intake-benchmark-secret-0123456789-abcdef';

async function main(): Promise<void> {
  const { signDevToken } = await import('@sa/platform');
  const { economicCheckCompletedV1, economicChecksTopicV1 } = await import('@sa/contracts');
  const { readTopicUntil } = await import('@sa/testing-infra');
  const { application, build, cpuMeter, freePort, percentile, startBuilt, stopService } = await import('./bench-support.js');
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(`intake benchmark · node ${process.version} · ${cpus().length} CPU · load ${load()}`);
  console.log(
    `${total} applications (households of 2) at concurrency ${concurrency}, after ${warmup} warm-up; verification ${withVerification ? 'on' : 'off'}\n`,
  );

  build(withVerification ? ['intake', 'verification'] : ['intake']);
  const run = `bench_${Date.now().toString(36)}`;
  const serviceEnv = async (name: string) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // Not production: that refuses the local broker's plaintext connection and the bench's HS256 secret.
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: env.kafkaBrokers,
    // The broker's super user (the bench creates its run's topics): from `deploy/local/cli.ts env`.
    KAFKA_SASL_MECHANISM: process.env.KAFKA_SASL_MECHANISM,
    KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME,
    KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD,
    KAFKA_TLS: process.env.KAFKA_TLS,
    KAFKA_TLS_CA_FILE: process.env.KAFKA_TLS_CA_FILE,
    KAFKA_TOPIC_PREFIX: `${run}.`,
    KAFKA_CONSUMER_GROUP_PREFIX: `${run}.`,
    EVENT_STORE_URL: env.databaseUrl,
    EVENT_STORE_SCHEMA: `${run}_${name}`,
    MONGODB_URL: env.mongodbUrl,
    MONGODB_DB: `${run}_${name}`,
    JWT_SECRET: secret,
    POLICY_FILE: resolve(__dirname, '..', '..', '..', 'config', 'regional-policies.yaml'),
  });
  // Each service writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
  const profDir = process.env.BENCH_CPU_PROF_DIR;
  const nodeArgs = (name: string) => (profDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profDir)}`, `--cpu-prof-name=${name}.cpuprofile`] : []);
  const intake = await startBuilt('intake', await serviceEnv('intake'), nodeArgs('intake'));
  const verification = withVerification ? await startBuilt('verification', await serviceEnv('verification'), nodeArgs('verification')) : undefined;
  const token = signDevToken(
    { userId: 'bench.worker', role: 'intake-worker', orgUnit: '331002' },
    { secret, issuer: 'social-assistance', audience: 'social-assistance' },
  );
  const submit = async (n: number) => {
    const body = application(n);
    const began = performance.now();
    const res = await fetch(`${intake.url}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { id: body.applicationId, status: res.status, ms: performance.now() - began, text };
  };
  const drive = async (from: number, count: number) => {
    const results: Awaited<ReturnType<typeof submit>>[] = [];
    let next = 0;
    const worker = async () => {
      while (next < count) results.push(await submit(from + next++));
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  };

  try {
    await drive(0, warmup);
    const pids = { intake: intake.child.pid ?? 0, ...(verification ? { verification: verification.child.pid ?? 0 } : {}) };
    const cpu = cpuMeter(pids, { postgres: Number(new URL(env.databaseUrl).port || 5432), ferretdb: Number(new URL(env.mongodbUrl).port || 27017) });
    const began = performance.now();
    const results = await drive(warmup, total);
    const seconds = (performance.now() - began) / 1000;
    const loadEnd = performance.now();
    const accepted = results.filter((r) => r.status === 201);
    const ms = results.map((r) => r.ms).sort((a, b) => a - b);
    console.log(`accepted ${accepted.length}/${total} in ${seconds.toFixed(1)} s: ${(accepted.length / seconds).toFixed(1)} applications/s`);
    console.log(
      `latency ms: p50 ${percentile(ms, 50).toFixed(1)} · p95 ${percentile(ms, 95).toFixed(1)} · p99 ${percentile(ms, 99).toFixed(1)} · max ${ms.at(-1)?.toFixed(1)}`,
    );
    for (const r of results.filter((x) => x.status !== 201).slice(0, 5)) console.log(`  answered ${r.status}: ${r.text.slice(0, 200)}`);
    console.log(`load average after the run: ${load()}`);
    const perApplication = (label: string) =>
      console.log(
        `CPU ms per application ${label}: ${Object.entries(cpu())
          .map(([name, seconds]) => `${name} ${((seconds * 1000) / total).toFixed(1)}`)
          .join(' · ')}`,
      );
    perApplication('during the load');
    if (!verification) return;
    // All warm-up and measured applications: every one must get its completed check.
    const expected = warmup + accepted.length;
    const checked = new Set<string>();
    await readTopicUntil(
      [env.kafkaBrokers],
      `${run}.${economicChecksTopicV1}`,
      (records) => {
        // Called once per record read: only the newest one is new.
        const r = records.at(-1);
        if (r?.key && r.headers.get('ce_type') === economicCheckCompletedV1.type) checked.add(r.key);
        return checked.size >= expected;
      },
      300_000,
    );
    console.log(`verification: ${checked.size} completed checks, caught up ${((performance.now() - loadEnd) / 1000).toFixed(1)} s after the load stopped`);
    perApplication('until caught up');
  } finally {
    await Promise.all([intake, verification].flatMap((s) => (s ? [stopService(s)] : [])));
    await deleteTopics(env.kafkaBrokers, `${run}.`);
  }
}

/** This run's topics go with it (the event-store schemas and read-model databases stay, for a look). */
async function deleteTopics(brokers: string, prefix: string): Promise<void> {
  const { Admin } = await import('@platformatic/kafka');
  const admin = new Admin(kafkaClientOptions(brokers.split(','), 'intake-bench-cleanup'));
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
