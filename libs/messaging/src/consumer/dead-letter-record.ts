/**
 * The dead-letter record of a message a consumer gave up on: the original key, value and headers,
 * byte for byte, on `<topic>.dlq`, plus `dlq_*` headers saying why, where it came from and when.
 */
import { deadLetterTopicOf } from '@sa/contracts';
import type { IncomingRecord } from '../cloudevents/binary-mode';
import type { OutgoingRecord } from '../kafka/serial-producer';

export type DeadLetterReason =
  /** The CloudEvents headers are missing or break their rules. */
  | 'invalid-headers'
  /** The value is not JSON. */
  | 'malformed-json'
  /** The type and version is not one this consumer handles or ignores. */
  | 'unknown-type'
  /** The payload breaks its contract (or its key or messageId disagrees with it). */
  | 'schema-violation'
  /** A county message whose ce_source is not the department that owns its topic (county-source.ts). */
  | 'unauthorised-source'
  /** The handler failed with known poison (PermanentError, a contract violation, a decider's refusal): retrying cannot help. */
  | 'handler-rejected'
  /** The handler kept failing with an error the classification does not recognise (never a transient fault: those are retried while they last). */
  | 'retries-exhausted';

export const dlqHeader = {
  reason: 'dlq_reason',
  error: 'dlq_error',
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  failedAt: 'dlq_failed_at',
  attempts: 'dlq_attempts',
  consumer: 'dlq_consumer',
} as const;

/** Marks a message an operator put back on its topic after a fix. */
export const replayHeader = {
  from: 'sa_replayed_from',
  at: 'sa_replayed_at',
} as const;

export interface DeadLetterFailure {
  readonly reason: DeadLetterReason;
  /** Masked, human-readable error (never a resident ID). */
  readonly error: string;
  readonly attempts: number;
  readonly failedAt: Date;
  /** The consumer (group) that gave up. */
  readonly consumer: string;
}

export function deadLetterRecord(original: IncomingRecord, failure: DeadLetterFailure): OutgoingRecord {
  const headers = new Map<Buffer, Buffer>();
  for (const [name, value] of original.headers ?? []) {
    // A replayed message that fails again carries its previous dlq_* headers: replace them, keep the rest.
    if (!name.toString('utf8').startsWith('dlq_')) headers.set(name, value);
  }
  const add = (name: string, value: string) => headers.set(Buffer.from(name), Buffer.from(value));
  add(dlqHeader.reason, failure.reason);
  add(dlqHeader.error, failure.error);
  add(dlqHeader.originalTopic, original.topic);
  add(dlqHeader.originalPartition, String(original.partition));
  add(dlqHeader.originalOffset, original.offset.toString());
  add(dlqHeader.failedAt, failure.failedAt.toISOString());
  add(dlqHeader.attempts, String(failure.attempts));
  add(dlqHeader.consumer, failure.consumer);
  return {
    topic: deadLetterTopicOf(original.topic),
    key: original.key ?? undefined,
    value: original.value ?? undefined,
    headers,
  };
}
