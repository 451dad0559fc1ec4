import { Admin } from '@platformatic/kafka';

import { integrationEnv, uniqueName } from '@sa/testing-infra';
import { testTopicName } from '../test-support/kafka-test-kit';
import { provisionTopics } from './provision-topics';
import { kafkaClientOptions } from '../kafka/kafka-security';

describe('provisionTopics (real Kafka, auto-creation off)', () => {
  const kafka = kafkaClientOptions(integrationEnv().kafkaBrokers, uniqueName('provision-test'));
  const admin = new Admin({ ...kafka, clientId: `${kafka.clientId}-check` });
  const topics = [testTopicName('cases'), testTopicName('payments')];
  const all = [...topics, ...topics.map((t) => `${t}.dlq`)];
  const fleetTopics = ['intake', 'verification', 'approval'].map((name) => testTopicName(`fleet-${name}`));
  const fleetAll = [...fleetTopics, ...fleetTopics.map((t) => `${t}.dlq`)];

  afterAll(async () => {
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: [...all, ...fleetAll].filter((t) => existing.has(t)) });
    await admin.close();
  });

  it('creates the topics and their dead-letter topics once, and is a no-op (also when run concurrently) afterwards', async () => {
    // When two instances provision at the same time, then once more
    const [first, second] = await Promise.all([
      provisionTopics({ kafka, topics, partitions: 4, replicas: 1 }),
      provisionTopics({ kafka, topics, partitions: 4, replicas: 1 }),
    ]);
    const again = await provisionTopics({ kafka, topics, partitions: 4, replicas: 1 });

    // Then each topic was created exactly once, and nothing the third time
    expect([...first.created, ...second.created].sort()).toEqual([...all].sort());
    expect(again).toEqual({ created: [], existing: [topics[0], `${topics[0]}.dlq`, topics[1], `${topics[1]}.dlq`] });

    // With the requested partitions (dead-letter topics: one, so an offset names a parked message)
    const metadata = await admin.metadata({ topics: [...all], forceUpdate: true }); // a copy: the client sorts the list in place
    expect(all.map((t) => [t, metadata.topics.get(t)?.partitionsCount])).toEqual([
      [topics[0], 4],
      [topics[1], 4],
      [`${topics[0]}.dlq`, 1],
      [`${topics[1]}.dlq`, 1],
    ]);
  });

  it('lets six instances start at once on new topics: every one succeeds, each topic is created once and has leaders', async () => {
    // When six instances of a fleet provision the same new topics at the same moment
    const results = await Promise.all(Array.from({ length: 6 }, () => provisionTopics({ kafka, topics: fleetTopics, partitions: 3, replicas: 1 })));
    // Then each topic was created by exactly one of them, and all know every topic
    expect(results.flatMap((r) => r.created).sort()).toEqual([...fleetAll].sort());
    for (const result of results) expect([...result.created, ...result.existing].sort()).toEqual([...fleetAll].sort());
    // And every partition has a leader when they return
    const metadata = await admin.metadata({ topics: [...fleetAll], forceUpdate: true });
    expect(fleetAll.every((t) => metadata.topics.get(t)?.partitions.every((p) => p.leader >= 0))).toBe(true);
  });
});
