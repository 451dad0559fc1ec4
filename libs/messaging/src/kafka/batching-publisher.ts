/**
 * Many callers, one idempotent producer: records published while a request is in flight go out
 * together in the next one. Each caller's promise settles when its own records are acknowledged
 * (or their batch failed), so a consumer can commit an offset only after its dead letter or
 * receipt is safely stored.
 */
import type { KafkaClientOptions } from './client-options';
import { SerialProducer, type OutgoingRecord } from './serial-producer';

interface Waiting {
  readonly records: readonly OutgoingRecord[];
  resolve(): void;
  reject(error: unknown): void;
}

export class BatchingPublisher {
  private readonly producer: SerialProducer;
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(
    kafka: KafkaClientOptions,
    private readonly maxBatch = 1000,
  ) {
    this.producer = new SerialProducer(kafka);
  }

  publish(records: readonly OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ records, resolve, reject });
      void this.pump();
    });
  }

  async close(): Promise<void> {
    await this.producer.close();
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.takeBatch();
        try {
          await this.producer.send(batch.flatMap((w) => w.records));
          batch.forEach((w) => w.resolve());
        } catch (error) {
          batch.forEach((w) => w.reject(error));
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    let count = 0;
    while (this.waiting.length > 0 && (batch.length === 0 || count + this.waiting[0].records.length <= this.maxBatch)) {
      const next = this.waiting.shift() as Waiting;
      batch.push(next);
      count += next.records.length;
    }
    return batch;
  }
}
