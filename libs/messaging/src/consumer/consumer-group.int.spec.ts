/**
 * Two instances of one service in one consumer group, on the real local Kafka: they share the
 * partitions, and when one stops the other takes over its partitions and nothing is lost or
 * acted on twice.
 */
import { residentDeathV1 } from '@sa/contracts';

import { eventually, integrationEnv, uniqueName } from '@sa/testing-infra';
import { MongoClient, type Db } from 'mongodb';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import { KafkaTestKit, onTestTopic, testTopicName } from '../test-support/kafka-test-kit';
import { residentIdNumber } from '../test-support/resident-ids';
import { MongoInbox } from './inbox';
import { handle, IntegrationConsumer } from './integration-consumer';

const env = integrationEnv();

describe('a consumer group of two instances (real Kafka, FerretDB read model)', () => {
  const kit = new KafkaTestKit(env.kafkaBrokers);
  let mongo: MongoClient;
  let db: Db;

  beforeAll(async () => {
    mongo = await new MongoClient(env.mongodbUrl).connect();
    db = mongo.db(uniqueName('messaging_group'));
  });

  const running: IntegrationConsumer[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
    await kit.cleanUp();
  });

  it.each([
    { groupProtocol: 'classic', membership: 'dynamic' },
    { groupProtocol: 'consumer', membership: 'dynamic' },
    // A clean stop of a static member still leaves the group at once (LeaveGroup by member id).
    { groupProtocol: 'classic', membership: 'static' },
  ] as const)(
    'shares the partitions, and survives one instance stopping ($groupProtocol group protocol, $membership membership)',
    async ({ groupProtocol, membership }) => {
      // Given a topic with four partitions and two instances of the same consumer (same group, same inbox)
      const topic = testTopicName('deaths');
      await kit.createTopics([topic], 4);
      const contract = onTestTopic(residentDeathV1, topic);
      const name = uniqueName('verification');
      const inbox = await MongoInbox.create(db, `inbox_${groupProtocol}_${membership}`);
      const effects = db.collection<{ _id: string; times: number; by: string }>(`deaths_seen_${groupProtocol}_${membership}`);
      const instance = (label: string) =>
        new IntegrationConsumer({
          name,
          kafka: { ...kit.kafka, clientId: `${name}-${label}` },
          // The read-model write is an idempotent upsert; `times` counts how often the handler acted.
          handlers: [
            handle(
              contract,
              async (event) => void (await effects.updateOne({ _id: event.payload.messageId }, { $inc: { times: 1 }, $set: { by: label } }, { upsert: true })),
            ),
          ],
          inbox,
          sessionTimeoutMs: 10_000,
          heartbeatIntervalMs: 500,
          groupProtocol,
          ...(membership === 'static' ? { groupInstanceId: `${name}-${label}` } : {}),
        });
      const a = instance('a');
      const b = instance('b');
      running.push(a, b);
      await a.start();
      await b.start();
      const partitionsOf = (consumer: IntegrationConsumer) => consumer.status().assignments.flatMap((x) => x.partitions);
      await eventually(() => {
        expect(partitionsOf(a).length).toBeGreaterThan(0);
        expect(partitionsOf(b).length).toBeGreaterThan(0);
        expect([...partitionsOf(a), ...partitionsOf(b)].sort()).toEqual([0, 1, 2, 3]);
      }, 30_000);

      // When deaths of 100 different residents arrive
      const publish = async (batch: 'first' | 'second', from: number, count: number) => {
        const records = Array.from({ length: count }, (_, i) => {
          const messageId = `gaj-${batch}-${from + i}`;
          return encodeCloudEvent(
            contract,
            { messageId, residentId: residentIdNumber(from + i), dateOfDeath: '2025-04-28', reportedAt: '2025-05-01T08:00:00+08:00' },
            { id: messageId, source: '/county/330102/public-security', time: '2025-05-01T00:00:00Z' },
          );
        });
        await kit.sender.send(records);
      };
      await publish('first', 0, 100);

      // Then both instances act, each message once
      await eventually(async () => expect(await effects.countDocuments()).toBe(100), 30_000);
      expect((await effects.distinct('by')).sort()).toEqual(['a', 'b']);

      // When one instance stops and 100 more arrive
      await a.stop();
      await eventually(() => expect(partitionsOf(b).sort()).toEqual([0, 1, 2, 3]), 30_000);
      await publish('second', 100, 100);

      // Then the remaining instance handles all of them, and no message was acted on twice
      await eventually(async () => expect(await effects.countDocuments()).toBe(200), 30_000);
      expect(await effects.countDocuments({ _id: { $regex: '^gaj-second-' }, by: 'a' })).toBe(0);
      expect(await effects.countDocuments({ times: { $ne: 1 } })).toBe(0);
    },
  );
});
