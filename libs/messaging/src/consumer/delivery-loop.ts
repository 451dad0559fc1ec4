/**
 * Fetches a consumer group's messages and hands each to the handling pipeline (handling-pipeline.ts):
 *
 * - joins the group, opens the message stream from the committed offsets, reopens it when it breaks;
 * - flow control: at most `maxInFlight` messages between fetch and offset-ready (fetching pauses);
 * - a partition waiting on a transient fault is paused (partition-faults.ts): what arrives meanwhile is
 *   left in Kafka and fetched again on resume;
 * - lanes per partition (ordered-lanes.ts): different keys concurrently, one key in order;
 * - commits an offset only once every message below it was handled or dead-lettered (offset-commits.ts),
 *   only for partitions still assigned;
 * - stops gracefully: finishes what is running, commits, leaves the group.
 */
import { Consumer, type Message } from '@platformatic/kafka';
import { closeConsumer } from '../kafka/close-consumer';
import { groupMembership } from '../kafka/group-membership';
import { describeError, silentLogger, type MessagingLogger } from '../logging/logger';
import { sleep } from '../shared/backoff';
import type { DeliveryOptions } from './consumer-options';
import { Abandoned } from './handling-loop';
import type { InboxTicket } from './inbox-pipeline';
import { OffsetCommits } from './offset-commits';
import { laneHash, OrderedLanes } from './ordered-lanes';
import { PartitionFaults } from './partition-faults';
import type { Processed } from './handling-pipeline';
import { MessageStream } from './message-stream';

/** The handling side, as the loop sees it. */
export interface RecordProcessor {
  admit(message: Message): InboxTicket | undefined;
  process(message: Message, ticket: InboxTicket | undefined): Promise<Processed>;
  /** Stop running handlers (the loop is stopping). */
  abort(): void;
  resume(): void;
  close(): Promise<void>;
}

export type LoopState = 'stopped' | 'starting' | 'running' | 'stopping';

export class DeliveryLoop {
  readonly faults = new PartitionFaults((partitionKey, refetch) => this.stream.onResume(partitionKey, refetch));
  private readonly logger: MessagingLogger;
  private readonly lanes = new OrderedLanes();
  /** Every message between fetch and offset-ready, for a graceful stop. */
  private readonly pending = new Set<Promise<void>>();
  private readonly offsets: OffsetCommits;
  private readonly stream: MessageStream;
  private readonly lanesPerPartition: number;
  private readonly maxInFlight: number;
  private commitTimer: NodeJS.Timeout | undefined;
  private stopController = new AbortController();
  state: LoopState = 'stopped';
  inFlight = 0;
  private processor!: RecordProcessor;

  constructor(private readonly options: DeliveryOptions & { readonly topics: readonly string[] }) {
    this.logger = options.logger ?? silentLogger;
    this.lanesPerPartition = Math.max(1, options.lanesPerPartition ?? 4);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 256);
    this.offsets = new OffsetCommits(options.name, this.logger);
    this.stream = new MessageStream({
      name: options.name,
      topics: options.topics,
      startFrom: options.startFrom ?? 'earliest',
      logger: this.logger,
      running: () => this.state === 'running',
      stopping: () => this.stopController.signal,
      commit: () => this.commit(),
      onMessage: (message) => this.dispatch(message),
    });
  }

  /** The stop signal of the current run. */
  get stopping(): AbortSignal {
    return this.stopController.signal;
  }

  get assignments(): readonly { topic: string; partitions: number[] }[] {
    return this.stream.consumer?.assignments ?? [];
  }

  /** Joins the group and starts fetching into `processor`; resolves once the stream is open. */
  async start(processor: RecordProcessor): Promise<void> {
    if (this.state !== 'stopped') throw new Error(`consumer ${this.options.name} is already ${this.state}`);
    this.processor = processor;
    this.state = 'starting';
    this.stopController = new AbortController();
    processor.resume();
    const groupId = this.options.groupId ?? this.options.name;
    const consumer = new Consumer({ ...this.options.kafka, groupId, autocommit: false, maxWaitTime: 500, ...groupMembership(this.options) });
    consumer.on('consumer:group:join', (payload) => this.onAssignment(payload.assignments ?? []));
    await this.stream.open(consumer, groupId);
    this.commitTimer = setInterval(() => void this.commit(), this.options.commitIntervalMs ?? 500);
    this.state = 'running';
  }

  /** Finishes the messages being handled, commits, leaves the group. Messages waiting for a retry are left for the next owner. */
  async stop(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    this.state = 'stopping';
    this.stopController.abort();
    this.processor.abort();
    this.stream.pause();
    const patience = new AbortController();
    await Promise.race([this.idle(), sleep(this.options.stopTimeoutMs ?? 30_000, patience.signal)]);
    patience.abort();
    clearInterval(this.commitTimer);
    await this.commit();
    const consumer = this.stream.consumer;
    await this.stream.close();
    if (consumer)
      await closeConsumer(consumer).catch((error: unknown) =>
        this.logger.warn({ consumer: this.options.name, error: describeError(error) }, 'leaving the group failed'),
      );
    await this.processor.close();
    this.state = 'stopped';
  }

  private async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private onAssignment(assignments: readonly { topic: string; partitions: number[] }[]): void {
    const assigned = new Set(assignments.flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)));
    // What was left out of a lost partition while it was paused is the next owner's.
    for (const partition of this.offsets.keepAssigned(assigned)) this.faults.forget(partition);
    this.logger.info(
      { consumer: this.options.name, assignments: assignments.map((a) => ({ topic: a.topic, partitions: a.partitions })) },
      'partitions assigned',
    );
  }

  private isAssigned(topic: string, partition: number): boolean {
    return this.assignments.some((a) => a.topic === topic && a.partitions.includes(partition));
  }

  private dispatch(message: Message): void {
    if (this.state !== 'running' && this.state !== 'starting') return;
    if (!this.isAssigned(message.topic, message.partition)) return;
    const partitionKey = `${message.topic}:${message.partition}`;
    const progress = this.offsets.of(partitionKey);
    // After a rebalance the stream fetches again from the last commit: skip what this instance already took.
    if (message.offset <= progress.highestDispatched) return;
    // Paused on a transient fault: leave it in Kafka (nothing below it is committed) and fetch it again on resume.
    if (this.faults.isPaused(partitionKey)) return this.faults.leaveOut(partitionKey);
    progress.begin(message.offset);
    this.inFlight += 1;
    if (this.inFlight >= this.maxInFlight) this.stream.throttle(true);
    const lane = `${partitionKey}:${laneHash(message.key?.toString('utf8') ?? '') % this.lanesPerPartition}`;
    const ticket = this.processor.admit(message);
    const settled = this.lanes
      .run(lane, () => this.processor.process(message, ticket))
      .then((processed) => processed.completion)
      .then(
        () => progress.finish(message.offset),
        (error: unknown) => this.unfinished(message, error),
      )
      .finally(() => {
        ticket?.done();
        this.pending.delete(settled);
        this.inFlight -= 1;
        if (this.inFlight <= this.maxInFlight / 2 && this.state === 'running') this.stream.throttle(false);
      });
    this.pending.add(settled);
  }

  /** Left unfinished (the consumer stops, or a bug): its offset stays, the next owner takes it again. */
  private unfinished(message: Message, error: unknown): void {
    if (error instanceof Abandoned) return;
    const where = { topic: message.topic, partition: message.partition, offset: message.offset.toString() };
    this.logger.error({ consumer: this.options.name, ...where, error: describeError(error) }, 'message left unfinished');
  }

  private async commit(): Promise<void> {
    const consumer = this.stream.consumer;
    if (consumer) await this.offsets.commit(consumer, (topic, partition) => this.isAssigned(topic, partition));
  }
}
