import { Admin } from '@platformatic/kafka';

import { integrationEnv, uniqueName } from '@sa/testing-infra';
import { testTopicName } from '../test-support/kafka-test-kit';
import { provisionTopics } from './provision-topics';

describe('provisionTopics (real Kafka, auto-creation off)', () => {
  const kafka = { bootstrapBrokers: integrationEnv().kafkaBrokers, clientId: uniqueName('provision-test') };
  const admin = new Admin({ ...kafka, clientId: `${kafka.clientId}-check` });
  const topics = [testTopicName('cases'), testTopicName('payments')];
  const all = [...topics, ...topics.map((t) => `${t}.dlq`)];

  afterAll(async () => {
    const existing = new Set(await admin.listTopics());
    await admin.deleteTopics({ topics: all.filter((t) => existing.has(t)) });
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
});
