/**
 * A county department's system, as the end-to-end tests play it: publishes CloudEvents messages on
 * the inbound county topics (in this run's topic namespace) and reads what the platform published.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IntegrationContract } from '@sa/contracts';
import { departmentOfType, departmentPrincipal, encodeCloudEvent, kafkaClientOptions, SerialProducer, type KafkaClientOptions } from '@sa/messaging';
import { integrationEnv, readTopicUntil, type TopicRecord } from '@sa/testing';

export class County {
  /** One producer per department, each logged in as that department's principal on a SASL broker. */
  private readonly producers = new Map<string, SerialProducer>();
  private readonly brokers = integrationEnv().kafkaBrokers;

  constructor(private readonly topicPrefix: string) {}

  /**
   * Sends one county message as its department would: logged in as the department, ce_source
   * /county/<the resident's county>/<department>. Its messageId doubles as ce_id, so a redelivery is harmless.
   */
  async send<P extends { messageId: string; residentId?: string }>(contract: IntegrationContract<P>, payload: P, source?: string): Promise<void> {
    const department = departmentOfType(contract.type);
    const record = encodeCloudEvent(
      contract,
      payload,
      { id: payload.messageId, source: source ?? `/county/${(payload.residentId ?? '331002').slice(0, 6)}/${department}`, time: new Date().toISOString() },
      `${this.topicPrefix}${contract.topic}`,
    );
    await this.producerOf(department).send([record]);
  }

  private producerOf(department: string): SerialProducer {
    let producer = this.producers.get(department);
    if (!producer) {
      producer = new SerialProducer(this.loginOf(department));
      this.producers.set(department, producer);
    }
    return producer;
  }

  /** The department's own principal when the local SASL broker's passwords are at hand; else the tests' login. */
  private loginOf(department: string): KafkaClientOptions {
    const file = process.env.SA_KAFKA_CREDENTIALS_FILE;
    const principal = departmentPrincipal(department);
    const password = file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[principal] : undefined;
    if (!password) return kafkaClientOptions(this.brokers, `e2e-${principal}`);
    // The tests' TLS settings (KAFKA_TLS_*) with the department's own login.
    return kafkaClientOptions(this.brokers, `e2e-${principal}`, {
      ...process.env,
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: principal,
      KAFKA_SASL_PASSWORD: password,
    });
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
    await Promise.all([...this.producers.values()].map((producer) => producer.close()));
  }
}
