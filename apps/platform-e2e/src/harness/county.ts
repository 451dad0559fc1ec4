/**
 * A county department's system, as the end-to-end tests play it: publishes CloudEvents messages on
 * the inbound county topics (in this run's topic namespace) and reads what the platform published.
 */
import { randomUUID } from 'node:crypto';
import type { IntegrationContract } from '@sa/contracts';
import { encodeCloudEvent, SerialProducer } from '@sa/messaging';
import { integrationEnv, readTopicUntil, type TopicRecord } from '@sa/testing';

export class County {
  private readonly producer: SerialProducer;
  private readonly brokers = integrationEnv().kafkaBrokers;

  constructor(private readonly topicPrefix: string) {
    this.producer = new SerialProducer({ bootstrapBrokers: [...this.brokers], clientId: 'e2e-county' });
  }

  /** Sends one county message; its messageId doubles as ce_id, so a redelivery is harmless. */
  async send<P extends { messageId: string }>(contract: IntegrationContract<P>, payload: P, source = '/county/e2e'): Promise<void> {
    const record = encodeCloudEvent(
      contract,
      payload,
      { id: payload.messageId, source, time: new Date().toISOString() },
      `${this.topicPrefix}${contract.topic}`,
    );
    await this.producer.send([record]);
  }

  /** Waits until the platform has published a message of this contract matching the predicate. */
  async published<P>(contract: IntegrationContract<P>, matches: (payload: P) => boolean, timeoutMs = 60_000): Promise<P> {
    const pick = (records: readonly TopicRecord[]) =>
      records
        .filter((r) => r.headers.get('ce_type') === contract.type)
        .map((r) => JSON.parse(r.value) as P)
        .find(matches);
    const records = await readTopicUntil(this.brokers, `${this.topicPrefix}${contract.topic}`, (rs) => pick(rs) !== undefined, timeoutMs);
    return pick(records) as P;
  }

  static messageId(prefix: string): string {
    return `${prefix}-${randomUUID()}`;
  }

  async close(): Promise<void> {
    await this.producer.close();
  }
}
