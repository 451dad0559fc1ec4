/**
 * The relay against the real PostgreSQL event store and Kafka: killed between Kafka's acknowledgement
 * and its checkpoint, then restarted, it delivers every event at least once, and a consumer with the
 * event store's inbox acts on each exactly once.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { applicationWithdrawnV1 } from '@sa/contracts';
import type { EventStore } from '@sa/event-store';

import { createTestSchema, eventually, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { headersAsText } from '../kafka/client-options';
import { eventStoreInbox } from '../consumer/inbox';
import { handle, IntegrationConsumer } from '../consumer/integration-consumer';
import { readTopicToEnd } from '../dead-letters/dead-letter-topic';
import { KafkaTestKit, onTestTopic, testTopicName } from '../test-support/kafka-test-kit';
import { openPostgresEventStore } from '../test-support/postgres-event-store';
import { applicationWithdrawn, intakeWorker, withdrawalMapping } from '../test-support/relay-fixture';
import { EventRelay } from './event-relay';
import { PostgresRelayCheckpointStore } from './postgres-checkpoint-store';

const env = integrationEnv();
const repoRoot = resolve(__dirname, '../../../..');

describe('EventRelay (real PostgreSQL event store and Kafka)', () => {
  const kit = new KafkaTestKit(env.kafkaBrokers);
  let schema: TestSchema;
  let store: EventStore;
  let checkpoints: PostgresRelayCheckpointStore;

  beforeAll(async () => {
    schema = await createTestSchema(env.databaseUrl, 'relay');
    store = await openPostgresEventStore(schema.pool, schema.name);
    checkpoints = new PostgresRelayCheckpointStore(schema.pool, schema.name);
    await checkpoints.ensureTable();
  });

  afterAll(async () => {
    await store.close();
    await schema.drop();
    await kit.cleanUp();
  });

  function runCrashingRelay(topic: string, crashOnSave: number): Promise<{ signal: NodeJS.Signals | null; output: string }> {
    // tsx as a loader in this very process (its CLI would add a parent process between us and the relay).
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../test-support/relay-child.ts')], {
      cwd: repoRoot,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: resolve(repoRoot, 'tsconfig.base.json'),
        DATABASE_URL: env.databaseUrl,
        RELAY_SCHEMA: schema.name,
        RELAY_TOPIC: topic,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        CRASH_ON_SAVE: String(crashOnSave),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((done) => child.on('exit', (_code, signal) => done({ signal, output })));
  }

  it('killed between Kafka\u2019s acknowledgement and its checkpoint, then restarted, delivers every event at least once; the consumer acts once', async () => {
    // Given 300 withdrawn applications in the event store, and a consumer recording what it acts on in the same store
    const topic = testTopicName('applications');
    await kit.createTopics([topic], 3);
    const applicationIds = Array.from({ length: 300 }, () => randomUUID());
    // The last append's own position: a backward read stops below the safe horizon, which another session's open transaction can hold back.
    let lastPosition = 0;
    for (const id of applicationIds)
      lastPosition = (await store.appendToStream(`application-${id}`, [applicationWithdrawn(id, 'household moved away')], { expectedRevision: 'no_stream' }))
        .position;
    const consumer = new IntegrationConsumer({
      name: 'charity-referral',
      kafka: { ...kit.kafka, clientId: 'relay-test-consumer' },
      inbox: eventStoreInbox(store),
      handlers: [
        handle(onTestTopic(applicationWithdrawnV1, topic), async (event, context) => {
          await store.appendToStream(
            `withdrawal-seen-${event.payload.applicationId}`,
            [{ type: 'WithdrawalSeen', data: { eventId: event.id }, actor: intakeWorker }],
            {
              expectedRevision: 'any',
              handledMessage: context.handledMessage,
            },
          );
        }),
      ],
    });
    await consumer.start();

    try {
      // When the relay process dies right before saving its third checkpoint (that batch is already in Kafka)
      expect(await runCrashingRelay(topic, 3)).toEqual({ signal: 'SIGKILL', output: '' });
      const afterCrash = await checkpoints.load('intake-relay');
      const publishedBeforeRestart = (await readTopicToEnd(kit.kafka, topic)).length;
      const coveredByCheckpoint = (await store.readAll({ filter: { streamPrefixes: ['application-'] } })).filter(
        (e) => e.position <= (afterCrash ?? -1),
      ).length;
      expect(publishedBeforeRestart).toBeGreaterThan(coveredByCheckpoint); // published, not checkpointed

      // And a relay is started again
      const relay = new EventRelay({
        name: 'intake-relay',
        store,
        checkpoints,
        streamPrefixes: ['application-'],
        mapping: withdrawalMapping(topic),
        source: '/sa/intake',
        kafka: { ...kit.kafka, clientId: 'relay-restarted' },
      });
      relay.start();
      await eventually(async () => expect(await checkpoints.load('intake-relay')).toBe(lastPosition), 60_000);
      await relay.stop();

      // Then every event reached Kafka at least once, some twice (the batch published before the crash)
      const records = await readTopicToEnd(kit.kafka, topic);
      const ids = records.map((r) => headersAsText(r.headers).get('ce_id'));
      const expectedIds = (await store.readAll({ filter: { streamPrefixes: ['application-'] } })).map((e) => e.eventId);
      expect(new Set(ids)).toEqual(new Set(expectedIds));
      expect(records.length).toBeGreaterThan(300);

      // And the consumer acted exactly once per event
      await eventually(async () => expect((await store.readAll({ filter: { streamPrefixes: ['withdrawal-seen-'] } })).length).toBe(300), 60_000);
      await eventually(() => expect(consumer.status().handled + consumer.status().duplicates).toBe(records.length), 30_000);
      const seen = await store.readAll({ filter: { streamPrefixes: ['withdrawal-seen-'] } });
      expect(new Set(seen.map((e) => (e.data as { eventId: string }).eventId)).size).toBe(300);
      expect(consumer.status().duplicates).toBe(records.length - 300);
    } finally {
      await consumer.stop();
    }
  });
});
