/**
 * Issue #10 item 1, against real servers: a transient fault never dead-letters work. A consumer
 * whose handler appends to a PostgreSQL event store (a server of the test's own, stopped for ~15 s)
 * or writes a MongoDB read model (FerretDB behind a proxy that is cut) waits, with its partitions
 * paused and readiness saying why, and handles everything exactly once when the server is back.
 * Poison (a schema violation, a permanent refusal) is dead-lettered at once.
 */
import { deadLetterTopicOf, residentDeathV1, type IntegrationContract } from '@sa/contracts';
import type { PostgresEventStore } from '@sa/event-store';
import { eventually, integrationEnv, uniqueName } from '@sa/testing-infra';
import { MongoClient } from 'mongodb';
import { Client, Pool } from 'pg';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import { readDeadLetters } from '../dead-letters/dead-letter-topic';
import { KafkaTestKit, onTestTopic, testTopicName } from '../test-support/kafka-test-kit';
import { freePort, startOwnPostgres, type OwnPostgres } from '../test-support/own-postgres';
import { openPostgresEventStore } from '../test-support/postgres-event-store';
import { residentIdNumber } from '../test-support/resident-ids';
import { startTcpProxy } from '../test-support/tcp-proxy';
import { PermanentError } from './handler-errors';
import { eventStoreInbox, MongoInbox } from './inbox';
import { handle, IntegrationConsumer, type EventHandler } from './integration-consumer';

type Death = typeof residentDeathV1.example;

const env = integrationEnv();
const actor = { userId: 'verification-service', role: 'system', orgUnit: '330102' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deathRecord(contract: IntegrationContract<Death>, n: number, messageId = uniqueName('gaj')) {
  const payload: Death = { messageId, residentId: residentIdNumber(n), dateOfDeath: '2025-04-28', reportedAt: '2025-05-01T08:00:00+08:00' };
  return encodeCloudEvent(contract, payload, { id: messageId, source: '/county/330102/public-security', time: '2025-05-01T00:00:00Z' });
}

describe('transient faults against real servers', () => {
  const kit = new KafkaTestKit(env.kafkaBrokers);
  const consumers: IntegrationConsumer[] = [];

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(() => kit.cleanUp());

  function consumerOf(
    contract: IntegrationContract<Death>,
    handler: EventHandler<Death>,
    inbox: ConstructorParameters<typeof IntegrationConsumer>[0]['inbox'],
    extra: Partial<ConstructorParameters<typeof IntegrationConsumer>[0]> = {},
  ) {
    const consumer = new IntegrationConsumer({
      name: uniqueName('verification'),
      kafka: { ...kit.kafka, clientId: uniqueName('consumer') },
      handlers: [handle(contract, handler)],
      inbox,
      // Few attempts and short delays: an unrecognised error would be dead-lettered within a second.
      retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1_000 },
      ...extra,
    });
    consumers.push(consumer);
    return consumer;
  }

  describe('PostgreSQL event store (a server of our own)', () => {
    let postgres: OwnPostgres;
    let pool: Pool;
    let store: PostgresEventStore;

    beforeAll(async () => {
      postgres = await startOwnPostgres();
      pool = new Pool({ connectionString: postgres.url, max: 6, connectionTimeoutMillis: 2_000 });
      store = await openPostgresEventStore(pool, 'faults');
    }, 120_000);

    afterAll(async () => {
      await store.close().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await postgres.remove();
    });

    /** Records the death on the resident's stream, with the inbox record in the same transaction; a second report is refused. */
    const recordDeath: EventHandler<Death> = async (event, context) => {
      const stream = `death-${event.payload.residentId}`;
      if ((await store.readStream(stream)).length > 0) throw new PermanentError('death already recorded for this resident');
      await store.appendToStream(stream, [{ type: 'DeathRecorded', data: { messageId: event.payload.messageId }, actor }], {
        expectedRevision: 'no_stream',
        handledMessage: context.handledMessage,
      });
    };

    it('waits while PostgreSQL is stopped for 15 s: nothing dead-lettered, readiness says why, each message handled once when it is back', async () => {
      // Given a consumer on three partitions that has handled five deaths
      const topic = testTopicName('deaths');
      await kit.createTopics([topic], 3);
      const contract = onTestTopic(residentDeathV1, topic);
      const consumer = consumerOf(contract, recordDeath, eventStoreInbox(store));
      await consumer.start();
      await kit.sender.send(Array.from({ length: 5 }, (_, i) => deathRecord(contract, 100 + i)));
      await eventually(() => expect(consumer.status().handled).toBe(5), 30_000);

      // When PostgreSQL stops and 20 more deaths arrive
      await postgres.stop();
      const stoppedAt = Date.now();
      await kit.sender.send(Array.from({ length: 20 }, (_, i) => deathRecord(contract, 200 + i)));

      // Then readiness names the consumer, the fault and since when, and nothing is dead-lettered for 15 s
      const problem = await eventually(() => {
        const text = consumer.readinessProblem();
        expect(text).toMatch(/waiting on a transient fault since \S+Z \((ECONNREFUSED|postgres 57P0[13]|connection lost)/);
        return text;
      }, 10_000);
      expect(problem).toMatch(/^consumer verification\S* waiting/);
      expect(problem).toContain(`paused partitions: ${topic}:`);
      await sleep(15_000 - (Date.now() - stoppedAt));
      expect(consumer.status().deadLettered).toBe(0);
      expect(consumer.status().faults.length).toBeGreaterThan(0);
      console.log(`PostgreSQL down ${Date.now() - stoppedAt} ms; readiness said: ${problem}`);

      // When it is back
      await postgres.start();
      const backAt = Date.now();

      // Then every death is recorded exactly once, readiness clears, and the dead-letter topic is empty
      await eventually(async () => expect((await store.readAll()).filter((e) => e.type === 'DeathRecorded')).toHaveLength(25), 60_000, 250);
      await eventually(() => expect(consumer.readinessProblem()).toBeUndefined(), 10_000);
      console.log(`caught up ${Date.now() - backAt} ms after PostgreSQL returned`);
      const streams = (await store.readAll()).filter((e) => e.type === 'DeathRecorded').map((e) => e.stream);
      expect(new Set(streams).size).toBe(25);
      expect(consumer.status().deadLettered).toBe(0);
      expect(await readDeadLetters(kit.kafka, deadLetterTopicOf(topic), 5_000)).toEqual([]);
    }, 150_000);

    it('dead-letters poison at once: a schema violation and a permanent refusal, while the good message is handled', async () => {
      const topic = testTopicName('deaths');
      await kit.createTopics([topic], 1);
      const contract = onTestTopic(residentDeathV1, topic);
      const consumer = consumerOf(contract, recordDeath, eventStoreInbox(store));
      await consumer.start();
      const first = deathRecord(contract, 300, 'gaj-first');
      const again = deathRecord(contract, 300, 'gaj-again'); // the same resident reported dead twice: refused
      const broken = deathRecord(contract, 301, 'gaj-broken');
      const invalid = { ...broken, value: Buffer.from(broken.value?.toString().replace('2025-04-28', '2025-13-45') ?? '') };
      const good = deathRecord(contract, 302, 'gaj-good');

      await kit.sender.send([first, again, invalid, good]);

      const deadLetters = await eventually(async () => {
        const entries = await readDeadLetters(kit.kafka, deadLetterTopicOf(topic));
        expect(entries).toHaveLength(2);
        return entries;
      }, 30_000);
      // (different residents run in different lanes: sorted, not in offset order)
      expect(deadLetters.map((d) => [d.id, d.reason, d.attempts]).sort()).toEqual([
        ['gaj-again', 'handler-rejected', '1'],
        ['gaj-broken', 'schema-violation', '0'],
      ]);
      await eventually(() => expect(consumer.status().handled).toBe(2));
    }, 60_000);
  });

  it('pauses only the partition that waits: the other goes on, nothing piles up behind the paused one, and each message is handled once, in order', async () => {
    // Given a consumer (one lane per partition: strict order) whose handler, for partition 0, must reach a server that is not listening
    const mongo = await new MongoClient(env.mongodbUrl).connect();
    const db = mongo.db(uniqueName('faults'));
    const closedPort = await freePort();
    let serverAway = true;
    const handled: { partition: number; offset: bigint }[] = [];
    try {
      const topic = testTopicName('deaths');
      await kit.createTopics([topic], 2);
      const contract = onTestTopic(residentDeathV1, topic);
      const consumer = consumerOf(
        contract,
        async (event) => {
          if (event.partition === 0 && serverAway) {
            const client = new Client({ host: '127.0.0.1', port: closedPort, user: 'sa', database: 'sa', connectionTimeoutMillis: 1_000 });
            client.on('error', () => undefined);
            await client.connect().finally(() => client.end().catch(() => undefined)); // ECONNREFUSED
          }
          handled.push({ partition: event.partition, offset: event.offset });
        },
        await MongoInbox.create(db, 'inbox'),
        { lanesPerPartition: 1 },
      );
      await consumer.start();
      const onPartition = (partition: number, from: number, count: number) =>
        Array.from({ length: count }, (_, i) => ({ ...deathRecord(contract, 600 + from + i), partition }));

      // When five deaths arrive on each partition, then forty more on the waiting one and five on the other
      await kit.sender.send([...onPartition(0, 0, 5), ...onPartition(1, 100, 5)]);
      await eventually(() => expect(consumer.status().faults.map((f) => f.partition)).toEqual([0]), 15_000);
      await kit.sender.send([...onPartition(0, 5, 40), ...onPartition(1, 105, 5)]);

      // Then the other partition is handled meanwhile, and the waiting one takes in nothing more
      await eventually(() => expect(handled.filter((h) => h.partition === 1)).toHaveLength(10), 15_000);
      await sleep(2_000);
      expect(handled.filter((h) => h.partition === 0)).toEqual([]);
      expect(consumer.status().inFlight).toBeLessThanOrEqual(5);
      expect(consumer.readinessProblem()).toContain(`paused partitions: ${topic}:0 `.trim());

      // When the server is back, all 45 of partition 0 are handled once, in offset order, and readiness clears
      serverAway = false;
      await eventually(() => expect(handled.filter((h) => h.partition === 0)).toHaveLength(45), 30_000);
      expect(handled.filter((h) => h.partition === 0).map((h) => Number(h.offset))).toEqual(Array.from({ length: 45 }, (_, i) => i));
      await eventually(() => expect(consumer.readinessProblem()).toBeUndefined());
      await sleep(500);
      expect(handled).toHaveLength(55);
      expect(consumer.status().deadLettered).toBe(0);
    } finally {
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
    }
  }, 90_000);

  it('waits while MongoDB is unreachable (FerretDB behind a cut proxy): nothing dead-lettered, each message handled once when it is back', async () => {
    // Given a read-model consumer whose inbox and read model go through a proxy to FerretDB
    const target = new URL(env.mongodbUrl);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 27017));
    const mongo = await new MongoClient(`mongodb://127.0.0.1:${proxy.port}/`, { serverSelectionTimeoutMS: 1_500, connectTimeoutMS: 1_500 }).connect();
    const db = mongo.db(uniqueName('faults'));
    try {
      const topic = testTopicName('deaths');
      await kit.createTopics([topic], 2);
      const contract = onTestTopic(residentDeathV1, topic);
      const seen = db.collection<{ _id: string }>('deaths_seen');
      const consumer = consumerOf(
        contract,
        async (event) => void (await seen.updateOne({ _id: event.payload.messageId }, { $set: { residentRegion: '330102' } }, { upsert: true })),
        await MongoInbox.create(db, 'inbox'),
      );
      await consumer.start();

      // When the connection to MongoDB is cut for 8 s while 10 deaths arrive
      await proxy.cut();
      await kit.sender.send(Array.from({ length: 10 }, (_, i) => deathRecord(contract, 400 + i)));
      const problem = await eventually(() => {
        const text = consumer.readinessProblem();
        expect(text).toMatch(/waiting on a transient fault .*Mongo/);
        return text;
      }, 15_000);
      console.log(`MongoDB unreachable; readiness said: ${problem}`);
      await sleep(8_000);
      expect(consumer.status().deadLettered).toBe(0);
      await proxy.restore();

      // Then all ten are handled once, readiness clears, and nothing was dead-lettered
      await eventually(async () => expect(await seen.countDocuments()).toBe(10), 60_000, 250);
      await eventually(() => expect(consumer.readinessProblem()).toBeUndefined(), 15_000);
      expect(consumer.status().deadLettered).toBe(0);
      expect(await readDeadLetters(kit.kafka, deadLetterTopicOf(topic), 5_000)).toEqual([]);
    } finally {
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
      await db.dropDatabase().catch(() => undefined);
      await mongo.close();
      await proxy.close();
    }
  }, 120_000);
});
