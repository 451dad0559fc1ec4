/**
 * The consumer building block every service uses to read integration events from Kafka.
 *
 * - Subscribes, in a consumer group, to the topics of the contracts it handles.
 * - Validates CloudEvents headers and payload against the contract. Malformed JSON, an unknown
 *   type or a schema violation is poison: dead-lettered at once, never retried.
 * - De-duplicates by ce_id through an inbox whose record commits with the handler's own writes;
 *   the inbox reads and writes stay off the lanes' critical path (inbox-pipeline.ts).
 * - Retries a failing handler with exponential backoff a bounded number of times, then
 *   dead-letters the message: a failing message never blocks its partition for long.
 * - Handles messages of different keys concurrently (lanes per partition), one key in order.
 * - Commits an offset only once every message below it was handled or dead-lettered.
 * - Answers inbound county messages with ACK/NACK receipts when asked to.
 * - Stops gracefully: finishes what is running, commits, leaves the group.
 */
import { Consumer, type Message } from '@platformatic/kafka';
import { ceHeader, contractName, receiptsTopicV1, validatePayload, countyDataReceiptV1, type IntegrationContract, formatProblems } from '@sa/contracts';
import { MessageAlreadyHandledError, type HandledMessage } from '@sa/event-store';
import { decodeCloudEvent, type DecodedCloudEvent, type IncomingRecord } from '../cloudevents/binary-mode';
import { BatchingPublisher } from '../kafka/batching-publisher';
import { closeConsumer } from '../kafka/close-consumer';
import type { KafkaClientOptions } from '../kafka/client-options';
import type { OutgoingRecord } from '../kafka/serial-producer';
import { describeError, maskKey, silentLogger, type MessagingLogger } from '../logging/logger';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import { deadLetterRecord, replayHeader, type DeadLetterReason } from './dead-letter-record';
import { isPermanentError } from './handler-errors';
import type { Inbox } from './inbox';
import { InboxPipeline, type InboxTicket } from './inbox-pipeline';
import { laneHash, OrderedLanes } from './ordered-lanes';
import { PartitionProgress } from './partition-progress';
import { receiptRecord, type MessageOutcome } from './receipts';

export interface ReceivedEvent<Payload = unknown> extends DecodedCloudEvent<Payload> {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  /** True when an operator replayed it from the dead-letter topic. */
  readonly replayed: boolean;
}

export interface HandlerContext {
  /** Pass to `appendToStream(..., { expectedRevision, handledMessage })`: the inbox record then commits with your events. */
  readonly handledMessage: HandledMessage;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Aborted when the consumer stops or the attempt times out; a long handler should give up (the message is tried again). */
  readonly signal: AbortSignal;
  readonly logger: MessagingLogger;
}

export type EventHandler<Payload> = (event: ReceivedEvent<Payload>, context: HandlerContext) => Promise<void>;

export interface ContractHandler {
  readonly contract: IntegrationContract;
  readonly handler: EventHandler<unknown>;
}

/** Pairs a contract with its handler, typed by the contract's payload. */
export function handle<Payload>(contract: IntegrationContract<Payload>, handler: EventHandler<Payload>): ContractHandler {
  return { contract: contract as IntegrationContract, handler: handler as EventHandler<unknown> };
}

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts in all, the first included (default 5). */
  readonly maxAttempts: number;
}

export interface IntegrationConsumerOptions {
  /** Names the consumer in the inbox and in logs; the consumer group unless `groupId` is given. */
  readonly name: string;
  readonly groupId?: string;
  readonly kafka: KafkaClientOptions;
  readonly handlers: readonly ContractHandler[];
  /** Contracts on the same topics this consumer deliberately does not act on (skipped, not dead-lettered). */
  readonly ignore?: readonly IntegrationContract[];
  readonly inbox: Inbox;
  /** Default: 5 attempts, 200 ms doubling to 5 s (about 3 s in all before dead-lettering). */
  readonly retry?: Partial<RetryPolicy>;
  /** A handler attempt that has not settled after this long counts as failed (default 60 s); its signal is aborted. */
  readonly handlerTimeoutMs?: number;
  /** Which errors retrying cannot fix (default: PermanentError and contract violations). */
  readonly isPermanent?: (error: unknown) => boolean;
  /** Concurrent lanes per partition (default 4); one key always maps to one lane. 1 = strict partition order. */
  readonly lanesPerPartition?: number;
  /** Most messages in flight before fetching pauses (default 256). */
  readonly maxInFlight?: number;
  /** Answer inbound county messages (contracts with a messageIdField) with ACK/NACK receipts. */
  readonly receipts?: { readonly topic?: string; readonly source: string };
  /** Where a new consumer group starts (default earliest: nothing published before the service first ran is missed). */
  readonly startFrom?: 'earliest' | 'latest';
  readonly commitIntervalMs?: number;
  readonly sessionTimeoutMs?: number;
  readonly heartbeatIntervalMs?: number;
  /**
   * Group protocol: 'classic' (default; eager rebalance, every member pauses) or 'consumer'
   * (KIP-848, Kafka 4.0+: the broker assigns partitions incrementally, members keep the rest).
   */
  readonly groupProtocol?: 'classic' | 'consumer';
  /** How long `stop` waits for running handlers (default 30 s). */
  readonly stopTimeoutMs?: number;
  readonly logger?: MessagingLogger;
}

export interface ConsumerStatus {
  readonly state: 'stopped' | 'starting' | 'running' | 'stopping';
  readonly assignments: readonly { topic: string; partitions: number[] }[];
  readonly handled: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  readonly inFlight: number;
}

class Abandoned extends Error {}

/** What is left to do for a message once its lane may move on: store its inbox record and receipt. */
interface Processed {
  readonly completion: Promise<void>;
}

const nothingLeft: Processed = { completion: Promise.resolve() };

type HandlingOutcome =
  { readonly kind: 'handled' } | { readonly kind: 'duplicate' } | (MessageOutcome & { readonly kind: 'dead-lettered'; readonly attempts: number });

export class IntegrationConsumer {
  private readonly logger: MessagingLogger;
  private readonly groupId: string;
  private readonly handlers = new Map<string, ContractHandler>();
  private readonly ignored = new Set<string>();
  private readonly topics: string[];
  private readonly retry: RetryPolicy;
  private readonly isPermanent: (error: unknown) => boolean;
  private readonly lanesPerPartition: number;
  private readonly maxInFlight: number;
  private readonly publisher: BatchingPublisher;
  private readonly lanes = new OrderedLanes();
  private readonly inboxPipeline: InboxPipeline;
  /** Every message between fetch and offset-ready, for a graceful stop. */
  private readonly pending = new Set<Promise<void>>();
  private readonly progress = new Map<string, PartitionProgress>();
  private consumer: Consumer | undefined;
  private stream: Awaited<ReturnType<Consumer['consume']>> | undefined;
  private commitTimer: NodeJS.Timeout | undefined;
  private stopping = new AbortController();
  private state: ConsumerStatus['state'] = 'stopped';
  private inFlight = 0;
  private paused = false;
  private counters = { handled: 0, duplicates: 0, deadLettered: 0 };
  private restarting: Promise<void> | undefined;
  private readonly attempts = new Set<AbortController>();

  constructor(private readonly options: IntegrationConsumerOptions) {
    this.logger = options.logger ?? silentLogger;
    this.groupId = options.groupId ?? options.name;
    for (const entry of options.handlers) this.handlers.set(contractName(entry.contract), entry);
    for (const contract of options.ignore ?? []) this.ignored.add(contractName(contract));
    if (this.handlers.size === 0) throw new Error(`consumer ${options.name}: give at least one handler`);
    this.topics = [...new Set([...options.handlers.map((h) => h.contract.topic), ...(options.ignore ?? []).map((c) => c.topic)])];
    this.retry = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000, ...options.retry };
    this.isPermanent = options.isPermanent ?? isPermanentError;
    this.lanesPerPartition = Math.max(1, options.lanesPerPartition ?? 4);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 256);
    this.publisher = new BatchingPublisher({ ...options.kafka, clientId: `${options.kafka.clientId}-dlq` });
    this.inboxPipeline = new InboxPipeline(options.inbox);
  }

  /** Joins the group and starts consuming; resolves once the first assignment is received. */
  async start(): Promise<void> {
    if (this.state !== 'stopped') throw new Error(`consumer ${this.options.name} is already ${this.state}`);
    this.state = 'starting';
    this.stopping = new AbortController();
    const group =
      this.options.groupProtocol === 'consumer'
        ? { groupProtocol: 'consumer' as const, rebalanceTimeout: 60_000 }
        : {
            sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
            rebalanceTimeout: Math.max(60_000, this.options.sessionTimeoutMs ?? 30_000),
            heartbeatInterval: this.options.heartbeatIntervalMs ?? 3_000,
          };
    this.consumer = new Consumer({ ...this.options.kafka, groupId: this.groupId, autocommit: false, maxWaitTime: 500, ...group });
    this.consumer.on('consumer:group:join', (payload) => this.onAssignment(payload.assignments ?? []));
    await this.openStream();
    this.commitTimer = setInterval(() => void this.commit(), this.options.commitIntervalMs ?? 500);
    this.state = 'running';
  }

  /** Finishes the messages being handled, commits, leaves the group. Messages waiting for a retry are left for the next owner. */
  async stop(): Promise<void> {
    if (this.state === 'stopped' || this.state === 'stopping') return;
    this.state = 'stopping';
    this.stopping.abort();
    for (const attempt of this.attempts) attempt.abort();
    this.stream?.pause();
    const patience = new AbortController();
    await Promise.race([this.idle(), sleep(this.options.stopTimeoutMs ?? 30_000, patience.signal)]);
    patience.abort();
    clearInterval(this.commitTimer);
    await this.commit();
    await this.stream?.close().catch(() => undefined);
    if (this.consumer)
      await closeConsumer(this.consumer).catch((error: unknown) =>
        this.logger.warn({ consumer: this.options.name, error: describeError(error) }, 'leaving the group failed'),
      );
    await this.publisher.close();
    this.stream = undefined;
    this.consumer = undefined;
    this.state = 'stopped';
    this.logger.info({ consumer: this.options.name, ...this.counters }, 'consumer stopped');
  }

  private async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  status(): ConsumerStatus {
    return { state: this.state, assignments: this.consumer?.assignments ?? [], ...this.counters, inFlight: this.inFlight };
  }

  private async openStream(): Promise<void> {
    const consumer = this.consumer as Consumer;
    const stream = await consumer.consume({ topics: this.topics, mode: 'committed', fallbackMode: this.options.startFrom ?? 'earliest', autocommit: false });
    this.stream = stream;
    stream.on('data', (message) => this.dispatch(message));
    stream.on('error', (error) => this.onStreamFailure(error));
    stream.on('close', () => {
      if (this.stream === stream && this.state === 'running') this.onStreamFailure(new Error('message stream closed unexpectedly'));
    });
    this.logger.info({ consumer: this.options.name, group: this.groupId, topics: this.topics }, 'consumer joined its group');
  }

  /** A broken stream (lost coordinator, fenced member) is replaced; handled offsets are committed first. */
  private onStreamFailure(error: unknown): void {
    if (this.state !== 'running' || this.restarting) return;
    this.logger.warn({ consumer: this.options.name, error: describeError(error) }, 'message stream failed; reopening it');
    this.restarting = (async () => {
      for (let attempt = 1; this.state === 'running'; attempt++) {
        try {
          await this.commit();
          this.stream?.removeAllListeners('close');
          await this.stream?.close().catch(() => undefined);
          await this.openStream();
          return;
        } catch (reopenError) {
          this.logger.error({ consumer: this.options.name, error: describeError(reopenError) }, 'reopening the message stream failed');
          await sleep(backoffDelay({ initialDelayMs: 500, maxDelayMs: 10_000 }, attempt), this.stopping.signal);
        }
      }
    })().finally(() => {
      this.restarting = undefined;
    });
  }

  private onAssignment(assignments: readonly { topic: string; partitions: number[] }[]): void {
    const assigned = new Set(assignments.flatMap((a) => a.partitions.map((p) => `${a.topic}:${p}`)));
    for (const [partition, progress] of this.progress) {
      // Work done on a partition we lost is not committed: the new owner resumes from the last
      // commit and its inbox drops what we already handled; committing now could move its offset back.
      if (!assigned.has(partition) && !progress.busy) this.progress.delete(partition);
    }
    this.logger.info(
      { consumer: this.options.name, assignments: assignments.map((a) => ({ topic: a.topic, partitions: a.partitions })) },
      'partitions assigned',
    );
  }

  private isAssigned(topic: string, partition: number): boolean {
    return this.consumer?.assignments?.some((a) => a.topic === topic && a.partitions.includes(partition)) ?? false;
  }

  private dispatch(message: Message): void {
    if (this.state !== 'running' && this.state !== 'starting') return;
    if (!this.isAssigned(message.topic, message.partition)) return;
    const partitionKey = `${message.topic}:${message.partition}`;
    let progress = this.progress.get(partitionKey);
    if (!progress) {
      progress = new PartitionProgress();
      this.progress.set(partitionKey, progress);
    }
    // After a rebalance the stream fetches again from the last commit: skip what this instance already took.
    if (message.offset <= progress.highestDispatched) return;
    progress.begin(message.offset);
    const tracked = progress;
    this.inFlight += 1;
    if (this.inFlight >= this.maxInFlight && !this.paused) {
      this.paused = true;
      this.stream?.pause();
    }
    const key = message.key?.toString('utf8') ?? '';
    const lane = `${partitionKey}:${laneHash(key) % this.lanesPerPartition}`;
    const ticket = this.admit(message);
    const settled = this.lanes
      .run(lane, () => this.process(message, ticket))
      .then((processed) => processed.completion)
      .then(
        () => tracked.finish(message.offset),
        (error: unknown) => {
          if (!(error instanceof Abandoned))
            this.logger.error(
              {
                consumer: this.options.name,
                topic: message.topic,
                partition: message.partition,
                offset: message.offset.toString(),
                error: describeError(error),
              },
              'message left unfinished',
            );
        },
      )
      .finally(() => {
        ticket?.done();
        this.pending.delete(settled);
        this.inFlight -= 1;
        if (this.paused && this.inFlight <= this.maxInFlight / 2 && this.state === 'running') {
          this.paused = false;
          this.stream?.resume();
        }
      });
    this.pending.add(settled);
  }

  /** Starts the message's duplicate check now, batched with the others being fetched (none without a ce_id: it is dead-lettered). */
  private admit(message: Message): InboxTicket | undefined {
    for (const [name, value] of message.headers ?? []) {
      if (name.toString('utf8') === ceHeader.id && value?.length) return this.inboxPipeline.admit(this.handledMessage(message.topic, value.toString('utf8')));
    }
    return undefined;
  }

  private handledMessage(topic: string, id: string): HandledMessage {
    return { consumer: this.options.name, messageId: `${topic}:${id}` };
  }

  /** Handles or dead-letters one message; rejects only when the consumer stops before it is done. */
  private async process(message: Message, ticket: InboxTicket | undefined): Promise<Processed> {
    if (this.stopping.signal.aborted) throw new Abandoned();
    const record: IncomingRecord = message;
    const receivedAt = new Date();
    const decoded = decodeCloudEvent(record, (type, version) => this.handlers.get(`${type}.v${version}`)?.contract ?? this.findIgnored(type, version));
    if (!decoded.ok) {
      if (decoded.contract && this.ignored.has(contractName(decoded.contract))) return nothingLeft;
      const outcome: MessageOutcome = { kind: 'dead-lettered', reason: decoded.reason, problems: decoded.problems, error: formatProblems(decoded.problems) };
      await this.deadLetter(record, outcome, 0, { messageId: decoded.id, type: decoded.type, contract: decoded.contract, receivedAt });
      return nothingLeft;
    }
    const event = decoded.event;
    const entry = this.handlers.get(contractName(event.contract));
    if (!entry) return nothingLeft; // an ignored contract
    const handledMessage = this.handledMessage(message.topic, event.id);
    const outcome = await this.handleEvent(entry, handledMessage, ticket, {
      ...event,
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      replayed: event.headers.has(replayHeader.from),
    });
    if (outcome.kind === 'dead-lettered') {
      await this.deadLetter(record, outcome, outcome.attempts, { messageId: event.id, type: event.type, contract: event.contract, receivedAt });
      return nothingLeft;
    }
    const receipt = () => this.sendReceipt(event.contract, { messageId: event.id, topic: message.topic, type: event.type, receivedAt }, outcome);
    if (outcome.kind === 'duplicate') {
      this.counters.duplicates += 1;
      await receipt();
      return nothingLeft;
    }
    this.counters.handled += 1;
    // The lane moves on to the next message while the record is stored; the offset waits for it.
    const completion = this.recordHandled(handledMessage).then(receipt);
    completion.catch(() => undefined); // settled through dispatch
    return { completion };
  }

  private findIgnored(type: string, version: number): IntegrationContract | undefined {
    return (this.options.ignore ?? []).find((c) => c.type === type && c.version === version);
  }

  /**
   * Inbox check and handler, retried together, so a failing inbox (its database briefly down) is a
   * transient error like any other. The record is written afterwards (recordHandled).
   */
  private async handleEvent(
    entry: ContractHandler,
    handledMessage: HandledMessage,
    ticket: InboxTicket | undefined,
    event: ReceivedEvent,
  ): Promise<HandlingOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await (ticket ? ticket.isHandled() : this.options.inbox.isHandled(handledMessage))) {
          this.logger.debug({ consumer: this.options.name, type: event.type, id: event.id, key: maskKey(event.key) }, 'duplicate message skipped');
          return { kind: 'duplicate' };
        }
        await this.attempt(entry, event, { handledMessage, attempt, logger: this.logger });
        return { kind: 'handled' };
      } catch (error) {
        // Another attempt or instance recorded it first, in the same transaction as its effects: done.
        if (error instanceof MessageAlreadyHandledError || (error as Error | null)?.name === 'MessageAlreadyHandledError') return { kind: 'duplicate' };
        const permanent = this.isPermanent(error);
        const fields = { consumer: this.options.name, type: event.type, id: event.id, key: maskKey(event.key), attempt, error: describeError(error) };
        if (permanent || attempt >= this.retry.maxAttempts) {
          const reason: DeadLetterReason = permanent ? 'handler-rejected' : 'retries-exhausted';
          this.logger.error({ ...fields, reason }, 'handler failed; dead-lettering the message');
          return { kind: 'dead-lettered', reason, problems: [], error: describeError(error), attempts: attempt };
        }
        const delay = backoffDelay(this.retry, attempt);
        this.logger.warn({ ...fields, retryInMs: delay }, 'handler failed; retrying');
        if (!(await sleep(delay, this.stopping.signal))) throw new Abandoned();
      }
    }
  }

  /** One handler attempt, bounded in time: a hung handler must not hold its lane (and the partition's commits) for ever. */
  private async attempt(entry: ContractHandler, event: ReceivedEvent, context: Omit<HandlerContext, 'signal'>): Promise<void> {
    const timeoutMs = this.options.handlerTimeoutMs ?? 60_000;
    // One controller per attempt, aborted by stop() or by the timeout (no listener per message on the stop signal).
    const controller = new AbortController();
    this.attempts.add(controller);
    if (this.stopping.signal.aborted) controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`handler did not finish within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      await Promise.race([entry.handler(event, { ...context, signal: controller.signal }), deadline]);
    } finally {
      clearTimeout(timer);
      this.attempts.delete(controller);
    }
  }

  private async deadLetter(
    record: IncomingRecord,
    outcome: MessageOutcome & { kind: 'dead-lettered' },
    attempts: number,
    about: { messageId?: string; type?: string; contract?: IntegrationContract; receivedAt: Date },
  ): Promise<void> {
    const records: OutgoingRecord[] = [
      deadLetterRecord(record, { reason: outcome.reason, error: outcome.error, attempts, failedAt: new Date(), consumer: this.options.name }),
    ];
    const receipt = this.receiptFor(record.topic, about, outcome);
    if (receipt) records.push(receipt);
    await this.publishUntilAcknowledged(records);
    this.counters.deadLettered += 1;
    this.logger.warn(
      {
        consumer: this.options.name,
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

  private async sendReceipt(
    contract: IntegrationContract,
    subject: { messageId: string; topic: string; type: string; receivedAt: Date },
    outcome: MessageOutcome,
  ): Promise<void> {
    const receipt = this.receiptFor(subject.topic, { ...subject, contract }, outcome);
    if (receipt) await this.publishUntilAcknowledged([receipt]);
  }

  /** A receipt when this consumer answers county messages and the message is one (or arrived on a county topic). */
  private receiptFor(
    topic: string,
    about: { messageId?: string; type?: string; contract?: IntegrationContract; receivedAt: Date },
    outcome: MessageOutcome,
  ): OutgoingRecord | undefined {
    const receipts = this.options.receipts;
    if (!receipts || !about.messageId) return undefined;
    // A county message (its contract has a messageId), or an unreadable message on a county topic.
    const answerable = about.contract
      ? about.contract.messageIdField !== undefined
      : [...this.handlers.values()].some((h) => h.contract.topic === topic && h.contract.messageIdField !== undefined);
    if (!answerable) return undefined;
    const record = receiptRecord({ messageId: about.messageId, topic, type: about.type, receivedAt: about.receivedAt }, outcome, {
      topic: receipts.topic ?? receiptsTopicV1,
      source: receipts.source,
    });
    const check = validatePayload(countyDataReceiptV1, JSON.parse((record.value as Buffer).toString('utf8')));
    if (!check.ok) {
      this.logger.warn({ consumer: this.options.name, topic, problems: check.problems }, 'no receipt possible: the message id cannot be answered');
      return undefined;
    }
    return record;
  }

  /**
   * The inbox record of a handled message, retried until stored or the consumer stops (then the
   * offset stays put and the message comes again: handlers are idempotent for that reason). A
   * handler that appended with `handledMessage` already stored it: markHandled then answers false.
   */
  private async recordHandled(message: HandledMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.options.inbox.markHandled(message);
        return;
      } catch (error) {
        const delay = backoffDelay(this.retry, attempt);
        this.logger.warn(
          { consumer: this.options.name, id: message.messageId, error: describeError(error), retryInMs: delay },
          'recording a handled message failed; retrying',
        );
        if (!(await sleep(delay, this.stopping.signal))) throw new Abandoned();
      }
    }
  }

  /** Dead letters and receipts must be stored before the offset moves: retry until Kafka acknowledges or the consumer stops. */
  private async publishUntilAcknowledged(records: OutgoingRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.publisher.publish(records);
        return;
      } catch (error) {
        const delay = backoffDelay({ initialDelayMs: 200, maxDelayMs: 10_000 }, attempt);
        this.logger.error(
          { consumer: this.options.name, error: describeError(error), retryInMs: delay },
          'publishing a dead letter or receipt failed; retrying',
        );
        if (!(await sleep(delay, this.stopping.signal))) throw new Abandoned();
      }
    }
  }

  private async commit(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer) return;
    const offsets: { topic: string; partition: number; offset: bigint; leaderEpoch: number }[] = [];
    for (const [partitionKey, progress] of this.progress) {
      const separator = partitionKey.lastIndexOf(':');
      const topic = partitionKey.slice(0, separator);
      const partition = Number(partitionKey.slice(separator + 1));
      if (!this.isAssigned(topic, partition)) {
        if (!progress.busy) this.progress.delete(partitionKey);
        continue;
      }
      const offset = progress.commitable();
      if (offset !== undefined && offset > progress.committed) offsets.push({ topic, partition, offset, leaderEpoch: -1 });
    }
    if (offsets.length === 0) return;
    try {
      await consumer.commit({ offsets });
      for (const { topic, partition, offset } of offsets) {
        const progress = this.progress.get(`${topic}:${partition}`);
        if (progress && offset > progress.committed) progress.committed = offset;
      }
    } catch (error) {
      // Not fatal: the next commit carries the same or later offsets; a rebalance re-delivers (the inbox drops repeats).
      this.logger.warn({ consumer: this.options.name, error: describeError(error) }, 'committing offsets failed');
    }
  }
}

/** Creates and starts a consumer. */
export async function startIntegrationConsumer(options: IntegrationConsumerOptions): Promise<IntegrationConsumer> {
  const consumer = new IntegrationConsumer(options);
  await consumer.start();
  return consumer;
}
