/**
 * End-to-end benchmark (a script, not a test): events appended to the real PostgreSQL event store →
 * relayed to the real Kafka → consumed by the consumer building block with the event store's inbox.
 *
 *   npx tsx libs/messaging/bench/end-to-end.bench.ts [--events 100000] [--rate 1000] [--seconds 30]
 *
 * Two processes, as in production: the publishing service (appends + relay) and the consuming
 * service (consumer, with its own event-store schema holding its inbox).
 * 1. Throughput: appends --events events as fast as the store takes them (--writers writers, default
 *    4; --per-case events per append to one case, default 50 — one key, so the consumer handles
 *    them in order, one after another); reports appended → consumed events/s and p50/p99 latency.
 * 2. Offered load: one event per append at --rate events/s for --seconds; reports p50/p99 latency.
 * Latency = consume time − the event's occurredAt (set just before its append), same machine clock.
 * Uses DATABASE_URL and KAFKA_BROKERS (the local servers by default); creates and drops its own
 * schemas and topic. Tuning: --pool N (publisher's PostgreSQL pool), --lanes N (per partition).
 * BENCH_CONSUMER_PROF=<dir> writes a CPU profile of the consuming process there.
 *
 * `--via nest` runs the consumer as services do: the @nestjs/microservices transport, an
 * `@EventPattern` controller method as the handler (nest-consumer.ts).
 *
 * `--source memory` measures only relay → Kafka → consumer: an in-memory store and an in-memory
 * inbox, a partial figure printed as such.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { relaunchedWithWorkspacePaths } from '../src/cli/workspace-paths';
import { kafkaClientOptions } from '../src/kafka/kafka-security';

const defaults = { databaseUrl: 'postgres://sa:sa-local-dev@127.0.0.1:55432/social_assistance', kafkaBrokers: '127.0.0.1:59092' };

type FromConsumer =
  { kind: 'ready' } | { kind: 'progress'; consumed: number } | { kind: 'latencies'; latencies: number[]; lastConsumedAt: number; consumed: number };
type ToConsumer = { kind: 'collect' } | { kind: 'stop' };

interface Settings {
  readonly run: string;
  readonly topic: string;
  readonly source: 'postgres' | 'memory';
  readonly databaseUrl: string;
  readonly brokers: string[];
  readonly lanes: number;
  readonly inbox: 'event-store' | 'memory';
  readonly via: 'consumer' | 'nest';
}

function settingsFromEnvironment(): Settings {
  return JSON.parse(process.env.BENCH_SETTINGS as string) as Settings;
}

/** The consuming service: its own process, its own event-store schema (the inbox). */
async function consumerRole(): Promise<void> {
  const settings = settingsFromEnvironment();
  const { Pool } = await import('pg');
  const { applicationWithdrawnV1 } = await import('@sa/contracts');
  const messaging = await import('../src/index.js');
  const { openPostgresEventStore } = await import('../src/test-support/postgres-event-store.js');
  const { onTestTopic } = await import('../src/test-support/kafka-test-kit.js');
  const send = (message: FromConsumer) => process.send?.(message);

  const schema = `bench_e2e_${settings.run}_consumer`;
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 16 });
  let inbox: import('../src/index.js').Inbox;
  let close = async () => undefined as void;
  if (settings.source === 'postgres' && settings.inbox === 'event-store') {
    const store = await openPostgresEventStore(pool, schema);
    inbox = messaging.eventStoreInbox(store);
    close = async () => {
      await store.close();
      await pool.query(`drop schema if exists "${schema}" cascade`);
    };
  } else {
    const handled = new Set<string>();
    inbox = {
      isHandled: async (m) => handled.has(`${m.consumer}|${m.messageId}`),
      markHandled: async (m) => !handled.has(`${m.consumer}|${m.messageId}`) && Boolean(handled.add(`${m.consumer}|${m.messageId}`)),
    };
  }
  let latencies: number[] = [];
  let consumed = 0;
  let lastConsumedAt = 0;
  const contract = onTestTopic(applicationWithdrawnV1, settings.topic);
  const onEvent = (event: { time: string }) => {
    const now = Date.now();
    latencies.push(now - Date.parse(event.time));
    consumed += 1;
    lastConsumedAt = now;
  };
  const options = {
    name: `bench-${settings.run}`,
    kafka: kafkaClientOptions(settings.brokers, `bench-consumer-${settings.run}`),
    inbox,
    lanesPerPartition: settings.lanes,
    maxInFlight: 1024,
  };
  const consumer =
    settings.via === 'nest'
      ? await (await import('./nest-consumer.js')).startNestConsumer({ ...options, handles: [contract] }, contract, onEvent)
      : await messaging.startIntegrationConsumer({ ...options, handlers: [messaging.handle(contract, async (event) => onEvent(event))] });
  const progress = setInterval(() => send({ kind: 'progress', consumed }), 200);
  process.on('message', (message: ToConsumer) => {
    if (message.kind === 'collect') {
      send({ kind: 'latencies', latencies, lastConsumedAt, consumed });
      latencies = [];
      return;
    }
    clearInterval(progress);
    void consumer
      .stop()
      .then(close)
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
  send({ kind: 'ready' });
}

/** The publishing service (appends + relay), and the measurements. */
async function publisherRole(): Promise<void> {
  const { randomUUID } = await import('node:crypto');
  const { Pool } = await import('pg');
  const { Admin } = await import('@platformatic/kafka');
  const messaging = await import('../src/index.js');
  const { openPostgresEventStore } = await import('../src/test-support/postgres-event-store.js');
  const { InMemoryEventStore } = await import('../src/test-support/in-memory-event-store.js');
  const { applicationWithdrawn, withdrawalMapping } = await import('../src/test-support/relay-fixture.js');
  const { latencySummary, machineNote, round } = await import('./bench-support.js');

  const events = Number(argument('--events') ?? 100_000);
  const rate = Number(argument('--rate') ?? 1000);
  const seconds = Number(argument('--seconds') ?? 30);
  const writers = Number(argument('--writers') ?? 4);
  const perCase = Number(argument('--per-case') ?? 50);
  const run = `${Date.now().toString(36)}${randomUUID().slice(0, 4)}`;
  const settings: Settings = {
    run,
    topic: `sa.bench.applications-${run}.v1`,
    source: argument('--source') === 'memory' ? 'memory' : 'postgres',
    databaseUrl: process.env.DATABASE_URL ?? defaults.databaseUrl,
    brokers: (process.env.KAFKA_BROKERS ?? defaults.kafkaBrokers).split(','),
    lanes: Number(argument('--lanes') ?? 8),
    inbox: argument('--inbox') === 'memory' || argument('--source') === 'memory' ? 'memory' : 'event-store',
    via: argument('--via') === 'nest' ? 'nest' : 'consumer',
  };
  const schema = `bench_e2e_${run}`;
  const kafka = kafkaClientOptions(settings.brokers, `bench-${run}`);
  const pool = new Pool({ connectionString: settings.databaseUrl, max: Number(argument('--pool') ?? 12) });
  await pool.query(`create schema "${schema}"`);
  const checkpoints = new messaging.PostgresRelayCheckpointStore(pool, schema);
  await checkpoints.ensureTable();
  await messaging.provisionTopics({ kafka, topics: [settings.topic], partitions: 6, replicas: 1 });

  type NewEvent = import('@sa/event-store').NewEvent;
  let store: import('@sa/event-store').EventStore;
  let append: (stream: string, list: NewEvent[]) => Promise<unknown>;
  if (settings.source === 'memory') {
    const memory = new InMemoryEventStore();
    store = memory.asEventStore();
    append = async (stream, list) => {
      list.forEach((e) => memory.append(stream, e.type, e.data, e.occurredAt));
      await new Promise((done) => setImmediate(done)); // let the relay run, as real I/O would
    };
  } else {
    const postgres = await openPostgresEventStore(pool, schema);
    store = postgres;
    append = (stream, list) => postgres.appendToStream(stream, list, { expectedRevision: 'no_stream' });
  }
  const relay = new messaging.EventRelay({
    name: 'bench-relay',
    store,
    checkpoints,
    streamPrefixes: ['application-'],
    mapping: withdrawalMapping(settings.topic),
    source: '/sa/bench',
    kafka,
    batchSize: 500,
  });
  const child = startConsumerProcess(settings);
  let consumed = 0;
  child.on('message', (message: FromConsumer) => {
    if (message.kind === 'progress') consumed = message.consumed;
  });

  try {
    console.log(
      settings.source === 'postgres'
        ? `end-to-end: event store (PostgreSQL) → relay → Kafka → consumer (${settings.inbox} inbox, via ${settings.via}), publisher and consumer in separate processes; ${machineNote()}`
        : `PARTIAL (--source memory): in-memory event store → relay → Kafka → consumer (in-memory inbox); ${machineNote()}`,
    );
    await nextMessage(child, 'ready');
    relay.start();
    await waitFor(() => relay.status().state === 'live', 30_000);
    const progress = setInterval(() => console.log(`  … published ${relay.status().published}, consumed ${consumed}`), 5000);
    progress.unref();

    // 1. Throughput
    const appendStart = Date.now();
    let next = 0;
    const writer = async () => {
      while (next < events) {
        const count = Math.min(perCase, events - next);
        next += count;
        const applicationId = randomUUID();
        const occurredAt = new Date().toISOString();
        await append(
          `application-${applicationId}`,
          Array.from({ length: count }, (_, i) => applicationWithdrawn(applicationId, `reason ${i}`, occurredAt)),
        );
      }
    };
    await Promise.all(Array.from({ length: writers }, () => writer()));
    const appendSeconds = (Date.now() - appendStart) / 1000;
    await waitFor(() => consumed >= events, 900_000);
    const flood = await collect(child);
    const totalSeconds = (flood.lastConsumedAt - appendStart) / 1000;
    const floodLatency = latencySummary(flood.latencies);
    console.log(
      `appended ${events} events in ${round(appendSeconds, 2)} s (${round(events / appendSeconds, 0)} events/s, ${writers} writers, ${perCase} events per append to one case)`,
    );
    console.log(
      `THROUGHPUT: ${events} events appended → relayed → consumed in ${round(totalSeconds, 2)} s = ${round(events / totalSeconds, 0)} events/s end to end`,
    );
    console.log(`latency during that flood (queueing included): p50 ${floodLatency.p50} ms, p99 ${floodLatency.p99} ms, max ${floodLatency.max} ms`);

    // 2. Offered load: one event per append, on a fixed schedule
    const target = rate * seconds;
    const before = consumed;
    const started = Date.now();
    const pending = new Set<Promise<unknown>>();
    for (let i = 0; i < target; i++) {
      const wait = started + (i * 1000) / rate - Date.now();
      if (wait > 1) await new Promise((done) => setTimeout(done, wait));
      const applicationId = randomUUID();
      const appended = append(`application-${applicationId}`, [applicationWithdrawn(applicationId, 'steady', new Date().toISOString())]);
      pending.add(appended);
      void appended.finally(() => pending.delete(appended));
      if (pending.size >= 256) await Promise.race(pending);
    }
    await Promise.all(pending);
    const offeredSeconds = (Date.now() - started) / 1000;
    await waitFor(() => consumed >= before + target, 300_000);
    const steady = latencySummary((await collect(child)).latencies);
    console.log(
      `OFFERED LOAD: ${target} events at ${rate}/s (achieved ${round(target / offeredSeconds, 0)}/s, one event per append): latency p50 ${steady.p50} ms, p99 ${steady.p99} ms, max ${steady.max} ms`,
    );
  } finally {
    child.send({ kind: 'stop' } satisfies ToConsumer);
    await new Promise((done) => child.once('exit', done));
    await relay.stop();
    if (settings.source === 'postgres') await (store as { close(): Promise<void> }).close();
    await pool.query(`drop schema if exists "${schema}" cascade`);
    await pool.end();
    const admin = new Admin({ ...kafka, clientId: `${kafka.clientId}-cleanup` });
    await admin.deleteTopics({ topics: [settings.topic, `${settings.topic}.dlq`] }).catch(() => undefined);
    await admin.close();
  }
}

function startConsumerProcess(settings: Settings): ChildProcess {
  return fork(__filename, [], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CONSUMER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CONSUMER_PROF}`] : [])],
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: resolve(__dirname, '../../../tsconfig.base.json'),
      BENCH_ROLE: 'consumer',
      BENCH_SETTINGS: JSON.stringify(settings),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function nextMessage<K extends FromConsumer['kind']>(child: ChildProcess, kind: K): Promise<Extract<FromConsumer, { kind: K }>> {
  return new Promise((done) => {
    const listener = (message: FromConsumer) => {
      if (message.kind !== kind) return;
      child.off('message', listener);
      done(message as Extract<FromConsumer, { kind: K }>);
    };
    child.on('message', listener);
  });
}

async function collect(child: ChildProcess): Promise<Extract<FromConsumer, { kind: 'latencies' }>> {
  const reply = nextMessage(child, 'latencies');
  child.send({ kind: 'collect' } satisfies ToConsumer);
  return reply;
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** `--name value` or `--name=value` (as nx passes it). */
function argument(name: string): string | undefined {
  const inline = process.argv.find((arg) => arg.startsWith(`${name}=`));
  if (inline) return inline.slice(name.length + 1);
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

if (process.env.BENCH_ROLE === 'consumer') {
  consumerRole().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else if (!relaunchedWithWorkspacePaths(__filename)) {
  publisherRole().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
