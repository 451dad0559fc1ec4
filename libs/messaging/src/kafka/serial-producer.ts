/**
 * An idempotent producer (acks from all in-sync replicas) that sends one batch at a time.
 *
 * Why one at a time: @platformatic/kafka 1.x numbers an idempotent batch only once the broker has
 * answered the previous one, so two concurrent sends to one partition get the same sequence and
 * the broker refuses the second (OUT_OF_ORDER_SEQUENCE_NUMBER; measured, see
 * DECISION-kafka-client.md). Callers batch instead. After a failed send the producer is replaced,
 * so a retry starts a fresh producer session rather than reusing sequence numbers the broker may
 * or may not have seen; consumers de-duplicate by ce_id, so a resend is harmless.
 */
import { compatibilityPartitioner, Producer, type MessageToProduce } from '@platformatic/kafka';
import type { KafkaClientOptions, RawHeaders } from './client-options';

export interface OutgoingRecord {
  readonly topic: string;
  /** Absent for a record that had no key (a dead letter keeps what arrived). */
  readonly key?: Buffer;
  readonly value?: Buffer;
  readonly headers: RawHeaders;
  readonly partition?: number;
}

export class SerialProducer {
  private producer: Producer | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly kafka: KafkaClientOptions) {}

  /** Resolves once every record is acknowledged by all in-sync replicas; rejects and resets the session otherwise. */
  send(records: readonly OutgoingRecord[]): Promise<void> {
    const attempt = this.queue.then(() => this.sendNow(records));
    this.queue = attempt.catch(() => undefined);
    return attempt;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await this.reset();
  }

  private async sendNow(records: readonly OutgoingRecord[]): Promise<void> {
    if (this.closed) throw new Error('producer is closed');
    if (records.length === 0) return;
    // Java-compatible partitioning: a key lands on the same partition whichever client (ours, a county's) wrote it.
    this.producer ??= new Producer({ ...this.kafka, idempotent: true, acks: -1, partitioner: compatibilityPartitioner });
    const messages: MessageToProduce[] = records.map((r) => ({ topic: r.topic, key: r.key, value: r.value, headers: r.headers, partition: r.partition }));
    try {
      await this.producer.send({ messages });
    } catch (error) {
      await this.reset();
      throw error;
    }
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close().catch(() => undefined);
  }
}
