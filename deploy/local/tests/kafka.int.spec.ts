import { Admin, Consumer, Producer, stringDeserializers, stringSerializers } from '@platformatic/kafka';
import { integrationEnv, uniqueName } from '@sa/testing-infra';
import { kafkaClientOptions } from '@sa/messaging';

describe('local Kafka (KRaft, real broker)', () => {
  const { kafkaBrokers } = integrationEnv();
  const topic = uniqueName('infra-check');
  const admin = new Admin(kafkaClientOptions(kafkaBrokers, 'infra-test'));

  beforeAll(async () => {
    await admin.createTopics({ topics: [topic], partitions: 3, replicas: 1 });
  });

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] });
    await admin.close();
  });

  it('delivers a produced message, with key and headers, to a consumer group', async () => {
    // Given an idempotent producer with acks from all in-sync replicas
    const producer = new Producer({ ...kafkaClientOptions(kafkaBrokers, 'infra-test'), serializers: stringSerializers, idempotent: true, acks: -1 });
    const consumer = new Consumer({ groupId: uniqueName('group'), ...kafkaClientOptions(kafkaBrokers, 'infra-test'), deserializers: stringDeserializers });
    try {
      // When a message is sent
      await producer.send({ messages: [{ topic, key: 'case-1', value: '{"hello":"county"}', headers: { ce_id: 'm-1' } }] });

      // Then a consumer reading from the earliest offset receives it intact
      const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
      let received: { key: string; value: string; id: string | undefined } | undefined;
      for await (const message of stream) {
        received = { key: message.key, value: message.value, id: message.headers.get('ce_id') };
        await message.commit();
        break;
      }
      await stream.close();
      expect(received).toEqual({ key: 'case-1', value: '{"hello":"county"}', id: 'm-1' });
    } finally {
      await consumer.close(true);
      await producer.close();
    }
  });
});
