/**
 * What the consumer publishes about a message besides its handler's effects: the dead letter of a
 * message it gave up on, and the ACK/NACK receipt of a county message. Both must be acknowledged
 * by Kafka before the message's offset moves, so they are retried until stored (a failing publish
 * pauses the partition like any transient fault).
 */
import { countyDataReceiptV1, receiptsTopicV1, validatePayload, type IntegrationContract } from '@sa/contracts';
import type { IncomingRecord } from '../cloudevents/binary-mode';
import { BatchingPublisher } from '../kafka/batching-publisher';
import type { KafkaClientOptions } from '../kafka/client-options';
import type { OutgoingRecord } from '../kafka/serial-producer';
import type { MessagingLogger } from '../logging/logger';
import { deadLetterRecord } from './dead-letter-record';
import { retryUntilStored, type RetryContext } from './handling-loop';
import { receiptRecord, type MessageOutcome } from './receipts';

export interface MessageSubject {
  readonly messageId?: string;
  readonly type?: string;
  readonly contract?: IntegrationContract;
  readonly receivedAt: Date;
}

export interface OutcomePublisherOptions {
  readonly consumer: string;
  readonly kafka: KafkaClientOptions;
  readonly receipts?: { readonly topic?: string; readonly source: string };
  /** The contracts handled, to tell a county topic (its contracts carry a messageId) from the others. */
  readonly contracts: readonly IntegrationContract[];
  readonly logger: MessagingLogger;
}

export class OutcomePublisher {
  private readonly publisher: BatchingPublisher;

  constructor(private readonly options: OutcomePublisherOptions) {
    this.publisher = new BatchingPublisher({ ...options.kafka, clientId: `${options.kafka.clientId}-dlq` });
  }

  async deadLetter(
    record: IncomingRecord,
    outcome: MessageOutcome & { kind: 'dead-lettered' },
    attempts: number,
    about: MessageSubject,
    context: RetryContext,
  ): Promise<void> {
    const records: OutgoingRecord[] = [
      deadLetterRecord(record, { reason: outcome.reason, error: outcome.error, attempts, failedAt: new Date(), consumer: this.options.consumer }),
    ];
    const receipt = this.receiptFor(record.topic, about, outcome);
    if (receipt) records.push(receipt);
    await this.publish(record, records, context);
    this.options.logger.warn(
      {
        consumer: this.options.consumer,
        topic: record.topic,
        partition: record.partition,
        offset: record.offset.toString(),
        reason: outcome.reason,
        type: about.type,
        id: about.messageId,
        error: outcome.error,
      },
      'message dead-lettered',
    );
  }

  async receipt(record: IncomingRecord, about: MessageSubject & { messageId: string }, outcome: MessageOutcome, context: RetryContext): Promise<void> {
    const receipt = this.receiptFor(record.topic, about, outcome);
    if (receipt) await this.publish(record, [receipt], context);
  }

  close(): Promise<void> {
    return this.publisher.close();
  }

  private publish(record: IncomingRecord, records: OutgoingRecord[], context: RetryContext): Promise<void> {
    const waiting = {
      partitionKey: `${record.topic}:${record.partition}`,
      fields: { consumer: this.options.consumer, topic: record.topic, partition: record.partition, offset: record.offset.toString() },
    };
    return retryUntilStored(waiting, 'publishing a dead letter or receipt', () => this.publisher.publish(records), context);
  }

  /** A receipt when this consumer answers county messages and the message is one (or arrived on a county topic). */
  private receiptFor(topic: string, about: MessageSubject, outcome: MessageOutcome): OutgoingRecord | undefined {
    const receipts = this.options.receipts;
    if (!receipts || !about.messageId) return undefined;
    // A county message (its contract has a messageId), or an unreadable message on a county topic.
    const answerable = about.contract
      ? about.contract.messageIdField !== undefined
      : this.options.contracts.some((c) => c.topic === topic && c.messageIdField !== undefined);
    if (!answerable) return undefined;
    const record = receiptRecord({ messageId: about.messageId, topic, type: about.type, receivedAt: about.receivedAt }, outcome, {
      topic: receipts.topic ?? receiptsTopicV1,
      source: receipts.source,
    });
    const check = validatePayload(countyDataReceiptV1, JSON.parse((record.value as Buffer).toString('utf8')));
    if (!check.ok) {
      this.options.logger.warn({ consumer: this.options.consumer, topic, problems: check.problems }, 'no receipt possible: the message id cannot be answered');
      return undefined;
    }
    return record;
  }
}
