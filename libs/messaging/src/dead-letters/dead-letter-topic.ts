/**
 * Reading and replaying a dead-letter topic (operator work after a fix). Replay puts the original
 * key, value and headers back on the original topic with a replay marker; consumers' inboxes make
 * a message that was in fact handled, or is replayed twice, harmless.
 */
import { randomUUID } from 'node:crypto';
import { Admin, Consumer, ListOffsetTimestamps, type Message } from '@platformatic/kafka';
import { ceHeader } from '@sa/contracts';
import { dlqHeader, replayHeader } from '../consumer/dead-letter-record';
import { headersAsText, type KafkaClientOptions } from '../kafka/client-options';
import { closeConsumer } from '../kafka/close-consumer';
import { SerialProducer, type OutgoingRecord } from '../kafka/serial-producer';
import { maskKey } from '../logging/logger';

export interface DeadLetterEntry {
  readonly dlqTopic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly reason?: string;
  readonly error?: string;
  readonly originalTopic?: string;
  readonly originalPartition?: string;
  readonly originalOffset?: string;
  readonly failedAt?: string;
  readonly attempts?: string;
  readonly consumer?: string;
  readonly type?: string;
  readonly id?: string;
  /** Set when this dead letter is itself a replayed message that failed again. */
  readonly replayedFrom?: string;
  /** The key with resident IDs masked, for display. */
  readonly maskedKey?: string;
  readonly record: { readonly key?: Buffer; readonly value?: Buffer; readonly headers: ReadonlyMap<Buffer, Buffer> };
}

export interface DeadLetterPosition {
  readonly partition: number;
  readonly offset: bigint;
}

/** Reads a dead-letter topic from its earliest retained record to its end. */
export async function readDeadLetters(kafka: KafkaClientOptions, dlqTopic: string, timeoutMs = 30_000): Promise<DeadLetterEntry[]> {
  return (await readTopicToEnd(kafka, dlqTopic, timeoutMs)).map((message) => toEntry(dlqTopic, message));
}

/** Every record a topic holds now, earliest first per partition, read by a throwaway consumer group. */
export async function readTopicToEnd(kafka: KafkaClientOptions, topic: string, timeoutMs = 30_000): Promise<Message[]> {
  const groupId = `sa-topic-reader-${randomUUID()}`;
  const consumer = new Consumer({ ...kafka, groupId, autocommit: false, maxWaitTime: 200 });
  try {
    const ends = (await consumer.listOffsets({ topics: [topic] })).get(topic) ?? [];
    const starts = (await consumer.listOffsets({ topics: [topic], timestamp: ListOffsetTimestamps.EARLIEST })).get(topic) ?? [];
    const remaining = new Set(ends.flatMap((end, partition) => (end > (starts[partition] ?? 0n) ? [partition] : [])));
    if (remaining.size === 0) return [];
    const messages: Message[] = [];
    const seen = new Set<string>();
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`reading ${topic} did not reach its end within ${timeoutMs} ms`)), timeoutMs);
        stream.on('error', reject);
        stream.on('data', (message: Message) => {
          const position = `${message.partition}:${message.offset}`;
          if (message.offset < ends[message.partition] && !seen.has(position)) {
            seen.add(position);
            messages.push(message);
          }
          if (message.offset >= ends[message.partition] - 1n) remaining.delete(message.partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    } finally {
      await stream.close();
    }
    return messages.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
  } finally {
    await closeConsumer(consumer);
    await deleteGroup(kafka, groupId);
  }
}

export interface ReplayResult {
  readonly replayed: { readonly partition: number; readonly offset: bigint; readonly to: string }[];
  /** Positions asked for that the topic does not hold (wrong offset, or removed by retention). */
  readonly missing: DeadLetterPosition[];
  /** Dead letters without a dlq_original_topic header (not written by this library). */
  readonly unroutable: DeadLetterPosition[];
}

/** Republishes dead letters to their original topics: all of them, or the given positions. */
export async function replayDeadLetters(kafka: KafkaClientOptions, dlqTopic: string, selection: 'all' | readonly DeadLetterPosition[]): Promise<ReplayResult> {
  const entries = await readDeadLetters(kafka, dlqTopic);
  const wanted = selection === 'all' ? entries : entries.filter((e) => selection.some((p) => p.partition === e.partition && p.offset === e.offset));
  const missing = selection === 'all' ? [] : selection.filter((p) => !entries.some((e) => e.partition === p.partition && e.offset === p.offset));
  const routable = wanted.filter((e) => e.originalTopic);
  const producer = new SerialProducer({ ...kafka, clientId: `${kafka.clientId}-replay` });
  try {
    await producer.send(routable.map((entry) => replayRecord(entry)));
  } finally {
    await producer.close();
  }
  return {
    replayed: routable.map((e) => ({ partition: e.partition, offset: e.offset, to: e.originalTopic as string })),
    missing,
    unroutable: wanted.filter((e) => !e.originalTopic).map((e) => ({ partition: e.partition, offset: e.offset })),
  };
}

function replayRecord(entry: DeadLetterEntry): OutgoingRecord {
  const headers = new Map<Buffer, Buffer>();
  for (const [name, value] of entry.record.headers) {
    const text = name.toString('utf8');
    if (!text.startsWith('dlq_') && !text.startsWith('sa_replayed_')) headers.set(name, value);
  }
  headers.set(Buffer.from(replayHeader.from), Buffer.from(`${entry.dlqTopic}:${entry.partition}:${entry.offset}`));
  headers.set(Buffer.from(replayHeader.at), Buffer.from(new Date().toISOString()));
  return { topic: entry.originalTopic as string, key: entry.record.key, value: entry.record.value, headers };
}

function toEntry(dlqTopic: string, message: Message): DeadLetterEntry {
  const headers = headersAsText(message.headers);
  return {
    dlqTopic,
    partition: message.partition,
    offset: message.offset,
    reason: headers.get(dlqHeader.reason),
    error: headers.get(dlqHeader.error),
    originalTopic: headers.get(dlqHeader.originalTopic),
    originalPartition: headers.get(dlqHeader.originalPartition),
    originalOffset: headers.get(dlqHeader.originalOffset),
    failedAt: headers.get(dlqHeader.failedAt),
    attempts: headers.get(dlqHeader.attempts),
    consumer: headers.get(dlqHeader.consumer),
    type: headers.get(ceHeader.type),
    id: headers.get(ceHeader.id),
    replayedFrom: headers.get(replayHeader.from),
    maskedKey: maskKey(message.key?.toString('utf8')),
    record: { key: message.key ?? undefined, value: message.value ?? undefined, headers: message.headers },
  };
}

async function deleteGroup(kafka: KafkaClientOptions, groupId: string): Promise<void> {
  const admin = new Admin({ ...kafka, clientId: `${kafka.clientId}-admin` });
  try {
    await admin.deleteGroups({ groups: [groupId] });
  } catch {
    // A reader group left behind is empty and expires with the broker's offsets retention.
  } finally {
    await admin.close();
  }
}
