/**
 * Reads a real Kafka topic from the earliest offset, in a throwaway consumer group, until a
 * predicate holds or the time is up: how tests see what a service published, as a county would.
 */
import { Consumer, stringDeserializers } from '@platformatic/kafka';
import { uniqueName } from './names';
import { integrationEnv } from './integration-env';

export interface TopicRecord {
  readonly key: string;
  readonly value: string;
  readonly headers: ReadonlyMap<string, string>;
}

export async function readTopicUntil(
  brokers: readonly string[],
  topic: string,
  done: (records: readonly TopicRecord[]) => boolean,
  timeoutMs = 30_000,
): Promise<TopicRecord[]> {
  const consumer = new Consumer({
    groupId: uniqueName('test-reader'),
    clientId: 'test-reader',
    bootstrapBrokers: [...brokers],
    ...integrationEnv().kafkaSecurity,
    deserializers: stringDeserializers,
  });
  const records: TopicRecord[] = [];
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
  const timer = setTimeout(() => void stream.close(), timeoutMs);
  try {
    for await (const message of stream) {
      records.push({ key: message.key, value: message.value, headers: new Map([...message.headers].map(([k, v]) => [String(k), String(v)])) });
      if (done(records)) break;
    }
  } finally {
    clearTimeout(timer);
    await Promise.resolve(stream.close()).catch(() => undefined);
    await Promise.resolve(consumer.close(true)).catch(() => undefined);
  }
  if (!done(records)) throw new Error(`topic ${topic}: condition not met within ${timeoutMs} ms (${records.length} records read)`);
  return records;
}
