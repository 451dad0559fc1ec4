/**
 * For integration tests: contracts moved onto fresh topics (so parallel runs never meet), topic
 * provisioning and clean-up, and a raw producer for writing exactly the bytes a test needs.
 */
import { Admin } from '@platformatic/kafka';
import { deadLetterTopicOf, type IntegrationContract } from '@sa/contracts';

import { uniqueName } from '@sa/testing-infra';
import { toRawHeaders, type KafkaClientOptions } from '../kafka/client-options';
import { SerialProducer } from '../kafka/serial-producer';
import { provisionTopics } from '../topics/provision-topics';
import { kafkaClientOptions } from '../kafka/kafka-security';

/** The same contract on a topic of its own. */
export function onTestTopic<Payload>(contract: IntegrationContract<Payload>, topic: string): IntegrationContract<Payload> {
  return { ...contract, topic };
}

export function testTopicName(prefix: string): string {
  return uniqueName(`test.${prefix}`).replace(/_/g, '-');
}

export class KafkaTestKit {
  readonly kafka: KafkaClientOptions;
  private readonly topics = new Set<string>();
  private readonly producer: SerialProducer;

  constructor(brokers: string[]) {
    this.kafka = kafkaClientOptions(brokers, uniqueName('test-client'));
    this.producer = new SerialProducer(this.kafka);
  }

  async createTopics(topics: string[], partitions = 3): Promise<void> {
    await provisionTopics({ kafka: this.kafka, topics, partitions, replicas: 1 });
    for (const topic of topics) {
      this.topics.add(topic);
      this.topics.add(deadLetterTopicOf(topic));
    }
  }

  /** Writes one record with exactly these key, value and headers. */
  async publishRaw(topic: string, record: { key?: string; value?: string; headers: Record<string, string> }): Promise<void> {
    await this.producer.send([
      {
        topic,
        key: record.key === undefined ? undefined : Buffer.from(record.key),
        value: record.value === undefined ? undefined : Buffer.from(record.value),
        headers: toRawHeaders(record.headers),
      },
    ]);
  }

  get sender(): SerialProducer {
    return this.producer;
  }

  /** Deletes every topic the test created (and their dead-letter topics). */
  async cleanUp(extraTopics: string[] = []): Promise<void> {
    await this.producer.close();
    const admin = new Admin({ ...this.kafka, clientId: `${this.kafka.clientId}-cleanup` });
    try {
      const existing = new Set(await admin.listTopics());
      const topics = [...this.topics, ...extraTopics].filter((t) => existing.has(t));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.close();
    }
  }
}
