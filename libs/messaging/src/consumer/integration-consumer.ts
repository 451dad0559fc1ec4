/**
 * The consumer building block every service uses to read integration events from Kafka.
 *
 * - Subscribes, in a consumer group, to the topics of the contracts it handles.
 * - Validates CloudEvents headers and payload against the contract. Malformed JSON, an unknown
 *   type or a schema violation is poison: dead-lettered at once, never retried.
 * - De-duplicates by ce_id through an inbox whose record commits with the handler's own writes;
 *   the inbox reads and writes stay off the lanes' critical path (inbox-pipeline.ts).
 * - Retries by the one classification (faults/classify-fault.ts, handling-loop.ts): a transient
 *   fault for as long as it lasts, its partition paused and readiness saying why (partition-faults.ts);
 *   poison is dead-lettered at once, an unrecognised error after a few attempts.
 * - Handles messages of different keys concurrently (lanes per partition), one key in order.
 * - Commits an offset only once every message below it was handled or dead-lettered.
 * - Answers inbound county messages with ACK/NACK receipts when asked to.
 * - Stops gracefully: finishes what is running, commits, leaves the group.
 */
import { Consumer, type Message } from '@platformatic/kafka';
import { ceHeader, contractName, type IntegrationContract, formatProblems } from '@sa/contracts';
import type { HandledMessage } from '@sa/event-store';
import { decodeCloudEvent, type DecodedCloudEvent, type IncomingRecord } from '../cloudevents/binary-mode';
import { classifyFault, type FaultClassification } from '../faults/classify-fault';
import { closeConsumer } from '../kafka/close-consumer';
import type { KafkaClientOptions } from '../kafka/client-options';
import { groupMembership, type GroupMembershipOptions } from '../kafka/group-membership';
import { describeError, maskKey, silentLogger, type MessagingLogger } from '../logging/logger';
import { backoffDelay, sleep } from '../shared/backoff';
import { replayHeader } from './dead-letter-record';
import { HandlerTimeoutError } from './handler-errors';
import { Abandoned, handleUntilDone, retryUntilStored, type HandlingOutcome, type RetryContext, type RetryPolicy } from './handling-loop';
import type { Inbox } from './inbox';
import { InboxPipeline, type InboxTicket } from './inbox-pipeline';
import { OutcomePublisher } from './outcome-publisher';
import { laneHash, OrderedLanes } from './ordered-lanes';
import { describeFaults, PartitionFaults, type PartitionFault } from './partition-faults';
import { OffsetCommits } from './offset-commits';
import type { MessageOutcome } from './receipts';

export type { RetryPolicy } from './handling-loop';

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

export interface IntegrationConsumerOptions extends GroupMembershipOptions {
  /** Names the consumer in the inbox and in logs; the consumer group unless `groupId` is given. */
  readonly name: string;
  readonly groupId?: string;
  readonly kafka: KafkaClientOptions;
  readonly handlers: readonly ContractHandler[];
  /** Contracts on the same topics this consumer deliberately does not act on (skipped, not dead-lettered). */
  readonly ignore?: readonly IntegrationContract[];
  readonly inbox: Inbox;
  /** Backoff 200 ms doubling to at most 5 s; transient faults without limit, unrecognised errors 5 attempts in all. */
  readonly retry?: Partial<RetryPolicy>;
  /** A handler attempt that has not settled after this long is a transient failure (default 60 s); its signal is aborted. */
  readonly handlerTimeoutMs?: number;
  /** Transient or poison (default: classifyFault, the platform's one classification). */
  readonly classify?: (error: unknown) => FaultClassification;
  /** Concurrent lanes per partition (default 4); one key always maps to one lane. 1 = strict partition order. */
  readonly lanesPerPartition?: number;
  /** Most messages in flight before fetching pauses (default 256). */
  readonly maxInFlight?: number;
  /** Answer inbound county messages (contracts with a messageIdField) with ACK/NACK receipts. */
  readonly receipts?: { readonly topic?: string; readonly source: string };
  /** Where a new consumer group starts (default earliest: nothing published before the service first ran is missed). */
  readonly startFrom?: 'earliest' | 'latest';
  readonly commitIntervalMs?: number;
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
  /** Partitions paused because a message waits on a transient fault. */
  readonly faults: readonly PartitionFault[];
}

/** What is left to do for a message once its lane may move on: store its inbox record and receipt. */
interface Processed {
  readonly completion: Promise<void>;
}

const nothingLeft: Processed = { completion: Promise.resolve() };

export class IntegrationConsumer {
  private readonly logger: MessagingLogger;
  private readonly groupId: string;
  private readonly handlers = new Map<string, ContractHandler>();
  private readonly ignored = new Set<string>();
  private readonly topics: string[];
  private readonly lanesPerPartition: number;
  private readonly maxInFlight: number;
  private readonly outcomes: OutcomePublisher;
  private readonly faults = new PartitionFaults((partitionKey, refetch) => this.onResume(partitionKey, refetch));
  private readonly lanes = new OrderedLanes();
  private readonly inboxPipeline: InboxPipeline;
  /** Every message between fetch and offset-ready, for a graceful stop. */
  private readonly pending = new Set<Promise<void>>();
  private readonly offsets: OffsetCommits;
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
    this.lanesPerPartition = Math.max(1, options.lanesPerPartition ?? 4);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 256);
    const contracts = options.handlers.map((h) => h.contract);
    this.outcomes = new OutcomePublisher({ consumer: options.name, kafka: options.kafka, receipts: options.receipts, contracts, logger: this.logger });
    this.inboxPipeline = new InboxPipeline(options.inbox);
    this.offsets = new OffsetCommits(options.name, this.logger);
  }

  /** What every retry loop of this consumer shares; the stop signal is read when the loop starts. */
  private get retryContext(): RetryContext {
    return {
      retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000, ...this.options.retry },
      classify: this.options.classify ?? classifyFault,
      faults: this.faults,
      stopping: this.stopping.signal,
      logger: this.logger,
    };
  }

  /** Joins the group and starts consuming; resolves once the first assignment is received. */
  async start(): Promise<void> {
    if (this.state !== 'stopped') throw new Error(`consumer ${this.options.name} is already ${this.state}`);
    this.state = 'starting';
    this.stopping = new AbortController();
    const group = groupMembership(this.options);
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
    await this.outcomes.close();
    this.stream = undefined;
    this.consumer = undefined;
    this.state = 'stopped';
    this.logger.info({ consumer: this.options.name, ...this.counters }, 'consumer stopped');
  }

  private async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  status(): ConsumerStatus {
    return { state: this.state, assignments: this.consumer?.assignments ?? [], ...this.counters, inFlight: this.inFlight, faults: this.faults.list() };
  }

  /** Why this consumer is not ready (for /health/ready), or undefined when it is. */
  readinessProblem(): string | undefined {
    if (this.state !== 'running') return `consumer ${this.options.name} ${this.state}`;
    return describeFaults(this.options.name, this.faults.list());
  }

  private async openStream(): Promise<void> {
    const consumer = this.consumer as Consumer;
    const stream = await consumer.consume({ topics: this.topics, mode: 'committed', fallbackMode: this.options.startFrom ?? 'earliest', autocommit: false });
    this.stream = stream;
    if (this.paused) stream.pause();
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
    this.reopenStream();
  }

  /**
   * A paused partition is through its fault. Messages left out meanwhile are fetched again by
   * reopening the stream from the committed offsets (the copies already taken in are skipped).
   */
  private onResume(partitionKey: string, refetch: boolean): void {
    this.logger.info({ consumer: this.options.name, partition: partitionKey, refetch }, 'transient fault cleared; partition resumed');
    if (refetch && this.state === 'running') {
      if (this.restarting) void this.restarting.then(() => this.onResume(partitionKey, true));
      else this.reopenStream();
    }
  }

  private reopenStream(): void {
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
    // What was left out of a lost partition while it was paused is the next owner's.
    for (const partition of this.offsets.keepAssigned(assigned)) this.faults.forget(partition);
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
    const progress = this.offsets.of(partitionKey);
    // After a rebalance the stream fetches again from the last commit: skip what this instance already took.
    if (message.offset <= progress.highestDispatched) return;
    // Paused on a transient fault: leave it in Kafka (nothing below it is committed) and fetch it again on resume.
    if (this.faults.isPaused(partitionKey)) return this.faults.leaveOut(partitionKey);
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
    const about = { messageId: event.id, type: event.type, contract: event.contract, receivedAt };
    if (outcome.kind === 'dead-lettered') {
      await this.deadLetter(record, { ...outcome, problems: [] }, outcome.attempts, about);
      return nothingLeft;
    }
    const receipt = () => this.outcomes.receipt(record, about, outcome, this.retryContext);
    if (outcome.kind === 'duplicate') {
      this.counters.duplicates += 1;
      await receipt();
      return nothingLeft;
    }
    this.counters.handled += 1;
    // The lane moves on to the next message while the record is stored; the offset waits for it.
    const completion = this.recordHandled(record, handledMessage).then(receipt);
    completion.catch(() => undefined); // settled through dispatch
    return { completion };
  }

  private findIgnored(type: string, version: number): IntegrationContract | undefined {
    return (this.options.ignore ?? []).find((c) => c.type === type && c.version === version);
  }

  /**
   * Inbox check and handler, retried together (handling-loop.ts), so a failing inbox (its database
   * briefly down) is a transient fault like any other. The record is written afterwards (recordHandled).
   */
  private handleEvent(entry: ContractHandler, handledMessage: HandledMessage, ticket: InboxTicket | undefined, event: ReceivedEvent): Promise<HandlingOutcome> {
    const fields = { consumer: this.options.name, type: event.type, id: event.id, key: maskKey(event.key) };
    const waiting = { partitionKey: `${event.topic}:${event.partition}`, fields };
    return handleUntilDone(
      waiting,
      async (attempt) => {
        if (await (ticket ? ticket.isHandled() : this.options.inbox.isHandled(handledMessage))) {
          this.logger.debug(fields, 'duplicate message skipped');
          return 'duplicate';
        }
        await this.attempt(entry, event, { handledMessage, attempt, logger: this.logger });
        return 'handled';
      },
      this.retryContext,
    );
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
        reject(new HandlerTimeoutError(timeoutMs));
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
    await this.outcomes.deadLetter(record, outcome, attempts, about, this.retryContext);
    this.counters.deadLettered += 1;
  }

  /**
   * The inbox record of a handled message, retried until stored or the consumer stops (then the
   * offset stays put and the message comes again: handlers are idempotent for that reason). A
   * handler that appended with `handledMessage` already stored it: markHandled then answers false.
   */
  private recordHandled(record: IncomingRecord, message: HandledMessage): Promise<void> {
    const waiting = { partitionKey: `${record.topic}:${record.partition}`, fields: { consumer: this.options.name, id: message.messageId } };
    return retryUntilStored(waiting, 'recording a handled message', () => this.options.inbox.markHandled(message), this.retryContext);
  }

  private async commit(): Promise<void> {
    if (this.consumer) await this.offsets.commit(this.consumer, (topic, partition) => this.isAssigned(topic, partition));
  }
}

/** Creates and starts a consumer. */
export async function startIntegrationConsumer(options: IntegrationConsumerOptions): Promise<IntegrationConsumer> {
  const consumer = new IntegrationConsumer(options);
  await consumer.start();
  return consumer;
}
