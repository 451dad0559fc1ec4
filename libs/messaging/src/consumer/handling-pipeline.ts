/**
 * What happens to one fetched message, whatever fetched it (delivery-loop.ts):
 *
 * - CloudEvents headers and payload are checked against the contract. Malformed JSON, an unknown
 *   type or a schema violation is poison: dead-lettered at once, never retried. A contract the
 *   consumer was told to ignore is skipped; a type it was told neither to handle nor to ignore is
 *   dead-lettered ('unknown-type'), never dropped silently.
 * - Exactly-once effect: the inbox says whether the message was handled already (inbox-pipeline.ts);
 *   the handled record commits with the handler's own writes, or is written afterwards.
 * - Retries by the one classification (handling-loop.ts): transient for as long as it lasts (the
 *   partition paused, readiness saying why), poison at once, unrecognised after a few attempts.
 * - A county message whose ce_source is not the department owning its topic is dead-lettered
 *   ('unauthorised-source', county-source.ts) before any handler sees it.
 * - Dead letters carry their reason; inbound county messages get an ACK/NACK receipt.
 */
import type { Message } from '@platformatic/kafka';
import { ceHeader, contractName, formatProblems, type IntegrationContract } from '@sa/contracts';
import type { HandledMessage } from '@sa/event-store';
import { decodeCloudEvent, type IncomingRecord } from '../cloudevents/binary-mode';
import { classifyFault } from '../faults/classify-fault';
import { maskKey, silentLogger, type MessagingLogger } from '../logging/logger';
import { BoundedAttempts } from './bounded-attempt';
import { countySourceProblem } from './county-source';
import type { ContractHandler, HandlingOptions, ReceivedEvent } from './consumer-options';
import { replayHeader } from './dead-letter-record';
import { Abandoned, handleUntilDone, retryUntilStored, type HandlingOutcome, type RetryContext } from './handling-loop';
import { InboxPipeline, type InboxTicket } from './inbox-pipeline';
import { OutcomePublisher, type MessageSubject } from './outcome-publisher';
import type { PartitionFaults } from './partition-faults';
import type { MessageOutcome } from './receipts';

/** What is left to do for a message once its lane may move on: store its inbox record and receipt. */
export interface Processed {
  readonly completion: Promise<void>;
}

const nothingLeft: Processed = { completion: Promise.resolve() };

export interface PipelineCounters {
  handled: number;
  duplicates: number;
  deadLettered: number;
}

/** What the pipeline shares with the delivery loop: the paused partitions, and the stop signal (read per message). */
export interface PipelineLinks {
  readonly faults: PartitionFaults;
  readonly stopping: () => AbortSignal;
}

export class HandlingPipeline {
  readonly counters: PipelineCounters = { handled: 0, duplicates: 0, deadLettered: 0 };
  private readonly logger: MessagingLogger;
  private readonly handlers = new Map<string, ContractHandler>();
  private readonly ignored = new Map<string, IntegrationContract>();
  private readonly outcomes: OutcomePublisher;
  private readonly inboxPipeline: InboxPipeline;
  private readonly attempts: BoundedAttempts;

  constructor(
    private readonly options: HandlingOptions,
    private readonly links: PipelineLinks,
  ) {
    this.logger = options.logger ?? silentLogger;
    for (const entry of options.handlers) this.handlers.set(contractName(entry.contract), entry);
    for (const contract of options.ignore ?? []) this.ignored.set(contractName(contract), contract);
    if (this.handlers.size === 0) throw new Error(`consumer ${options.name}: give at least one handler`);
    const contracts = options.handlers.map((h) => h.contract);
    this.outcomes = new OutcomePublisher({ consumer: options.name, kafka: options.kafka, receipts: options.receipts, contracts, logger: this.logger });
    this.inboxPipeline = new InboxPipeline(options.inbox);
    this.attempts = new BoundedAttempts(options.handlerTimeoutMs ?? 60_000);
  }

  /** What every retry loop shares; the stop signal is read when the loop starts. */
  private get retryContext(): RetryContext {
    return {
      retry: { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5_000, ...this.options.retry },
      classify: this.options.classify ?? classifyFault,
      faults: this.links.faults,
      stopping: this.links.stopping(),
      logger: this.logger,
    };
  }

  /** Starts the message's duplicate check now, batched with the others being fetched (none without a ce_id: it is dead-lettered). */
  admit(message: Message): InboxTicket | undefined {
    for (const [name, value] of message.headers ?? []) {
      if (name.toString('utf8') === ceHeader.id && value?.length) return this.inboxPipeline.admit(this.handledMessage(message.topic, value.toString('utf8')));
    }
    return undefined;
  }

  /** Handles or dead-letters one message; rejects (Abandoned) only when the consumer stops before it is done. */
  async process(record: IncomingRecord, ticket: InboxTicket | undefined): Promise<Processed> {
    if (this.links.stopping().aborted) throw new Abandoned();
    const receivedAt = new Date();
    const decoded = decodeCloudEvent(record, (type, version) => this.handlers.get(`${type}.v${version}`)?.contract ?? this.ignored.get(`${type}.v${version}`));
    if (!decoded.ok) {
      if (decoded.contract && this.ignored.has(contractName(decoded.contract))) return nothingLeft;
      const outcome: MessageOutcome = { kind: 'dead-lettered', reason: decoded.reason, problems: decoded.problems, error: formatProblems(decoded.problems) };
      await this.deadLetter(record, outcome, 0, { messageId: decoded.id, type: decoded.type, contract: decoded.contract, receivedAt });
      return nothingLeft;
    }
    const event = decoded.event;
    const entry = this.handlers.get(contractName(event.contract));
    if (!entry) return nothingLeft; // an ignored contract, declared as such
    const forged = countySourceProblem(event.contract, event.source);
    if (forged) {
      const outcome: MessageOutcome = { kind: 'dead-lettered', reason: 'unauthorised-source', problems: [forged], error: formatProblems([forged]) };
      await this.deadLetter(record, outcome, 0, { messageId: event.id, type: event.type, contract: event.contract, receivedAt });
      return nothingLeft;
    }
    const handledMessage = this.handledMessage(record.topic, event.id);
    const received = { ...event, topic: record.topic, partition: record.partition, offset: record.offset, replayed: event.headers.has(replayHeader.from) };
    const outcome = await this.handleEvent(entry, handledMessage, ticket, received);
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
    completion.catch(() => undefined); // settled through the delivery loop
    return { completion };
  }

  /** The consumer stops: running handlers are aborted. */
  abort(): void {
    this.attempts.abortAll();
  }

  resume(): void {
    this.attempts.reset();
  }

  close(): Promise<void> {
    return this.outcomes.close();
  }

  private handledMessage(topic: string, id: string): HandledMessage {
    return { consumer: this.options.name, messageId: `${topic}:${id}` };
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
        await this.attempts.run((signal) => entry.handler(event, { handledMessage, attempt, logger: this.logger, signal }));
        return 'handled';
      },
      this.retryContext,
    );
  }

  private async deadLetter(
    record: IncomingRecord,
    outcome: MessageOutcome & { kind: 'dead-lettered' },
    attempts: number,
    about: MessageSubject,
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
}
