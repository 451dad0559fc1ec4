/**
 * The relay (event store → Kafka) of one service: follows the service's own event-store
 * categories from its checkpoint, turns the events its mapping makes public into integration
 * events, publishes them with an idempotent producer (acks from all in-sync replicas), keyed by the
 * contract's key, and moves the checkpoint only after Kafka acknowledged. One batch is in flight at
 * a time, so order per key holds and the checkpoint only moves forward.
 *
 * Guarantees: at least once. After a crash it resumes from the checkpoint and may publish the
 * last batch again, never skip an event; ce_id is the event id, so consumers drop the repeats.
 * An event its mapping turns into an invalid payload stops the relay (it retries, logging the
 * problem) rather than being skipped or published broken: fix the mapping and redeploy.
 */
import { parsePayload } from '@sa/contracts';
import type { EventFilter, RecordedEvent, StreamStore } from '@sa/event-store';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import type { KafkaClientOptions } from '../kafka/client-options';
import { SerialProducer, type OutgoingRecord } from '../kafka/serial-producer';
import { describeError, maskKey, silentLogger, type MessagingLogger } from '../logging/logger';
import { classifyFault } from '../faults/classify-fault';
import { backoffDelay, sleep, type BackoffPolicy } from '../shared/backoff';
import type { RelayCheckpointStore } from './checkpoint-store';
import { mapDomainEvent, type IntegrationEventMapping } from './integration-event-mapping';

/** Sends records and resolves once Kafka acknowledged all of them. */
export interface RecordPublisher {
  send(records: readonly OutgoingRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface EventRelayOptions {
  /** Names the checkpoint, e.g. "intake-relay". One running relay per name. */
  readonly name: string;
  readonly store: StreamStore;
  readonly checkpoints: RelayCheckpointStore;
  /** The service's own categories, e.g. ["application-"]. */
  readonly streamPrefixes: readonly string[];
  readonly mapping: IntegrationEventMapping;
  /** ce_source of everything this relay publishes, e.g. "/sa/intake". */
  readonly source: string;
  /** Kafka connection; ignored when `publisher` is given. */
  readonly kafka?: KafkaClientOptions;
  readonly publisher?: RecordPublisher;
  /** Most events per Kafka request (default 500). */
  readonly batchSize?: number;
  /** Backoff between attempts after a failure (default 100 ms doubling to 10 s). */
  readonly retry?: BackoffPolicy;
  readonly logger?: MessagingLogger;
}

export type RelayState = 'stopped' | 'starting' | 'catching-up' | 'live' | 'retrying';

export interface RelayStatus {
  readonly state: RelayState;
  /** Last durable checkpoint (global position), undefined before the first. */
  readonly checkpoint: number | undefined;
  /** Integration events acknowledged by Kafka since start. */
  readonly published: number;
  readonly lastError?: string;
}

/** Bytes of records per send, under the broker's default message.max.bytes (1,048,588) with room for headers. */
export const maxBatchBytes = 900_000;

interface PendingEvent {
  readonly position: number;
  readonly record: OutgoingRecord | null;
}

class RelayStopped extends Error {}

export class EventRelay {
  private readonly logger: MessagingLogger;
  private readonly publisher: RecordPublisher;
  private readonly batchSize: number;
  private readonly retry: BackoffPolicy;
  private readonly filter: EventFilter;
  private state: RelayState = 'stopped';
  private checkpoint: number | undefined;
  private published = 0;
  private lastError: string | undefined;
  private loop: Promise<void> | undefined;
  private stopping = new AbortController();

  constructor(private readonly options: EventRelayOptions) {
    this.logger = options.logger ?? silentLogger;
    if (!options.publisher && !options.kafka) throw new Error(`relay ${options.name}: give kafka options or a publisher`);
    this.publisher = options.publisher ?? new SerialProducer({ ...(options.kafka as KafkaClientOptions) });
    this.batchSize = options.batchSize ?? 500;
    this.retry = options.retry ?? { initialDelayMs: 100, maxDelayMs: 10_000 };
    if (options.streamPrefixes.length === 0) throw new Error(`relay ${options.name}: streamPrefixes must name the service's categories`);
    this.filter = { streamPrefixes: options.streamPrefixes, eventTypes: Object.keys(options.mapping) };
  }

  /** Starts following; returns once the first subscription is requested. */
  start(): void {
    if (this.loop) throw new Error(`relay ${this.options.name} is already running`);
    this.stopping = new AbortController();
    this.state = 'starting';
    this.loop = this.run();
  }

  /** Stops following, publishes and checkpoints what was already read, and closes the producer. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
    this.loop = undefined;
    await this.publisher.close();
    this.state = 'stopped';
  }

  status(): RelayStatus {
    return { state: this.state, checkpoint: this.checkpoint, published: this.published, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  private async run(): Promise<void> {
    for (let failures = 0; !this.stopping.signal.aborted;) {
      try {
        this.checkpoint = await this.options.checkpoints.load(this.options.name);
        await this.follow(this.checkpoint);
        failures = 0;
      } catch (error) {
        if (this.stopping.signal.aborted && error instanceof RelayStopped) break;
        failures += 1;
        this.state = 'retrying';
        this.lastError = describeError(error);
        const delay = backoffDelay(this.retry, failures);
        // Every failure is retried (skipping an event would lose it); the kind tells a fault that passes from one that needs a fix.
        const fault = classifyFault(error);
        this.logger.error(
          { relay: this.options.name, checkpoint: this.checkpoint, error: this.lastError, fault: `${fault.kind}: ${fault.because}`, retryInMs: delay },
          'relay failed; resuming from its checkpoint',
        );
        await sleep(delay, this.stopping.signal);
      }
    }
  }

  /** One subscription from a checkpoint, until it is stopped (resolves) or fails (rejects). */
  private async follow(afterPosition: number | undefined): Promise<void> {
    const batcher = new Batcher(this.batchSize, (batch) => this.publish(batch));
    let failure: Error | undefined;
    this.state = 'catching-up';
    this.logger.info({ relay: this.options.name, afterPosition }, 'relay following the event store');
    const subscription = this.options.store.subscribeToAll({
      afterPosition,
      filter: this.filter,
      onEvent: async (event) => {
        await batcher.add({ position: event.position, record: this.toRecord(event) });
      },
      onError: (error) => {
        failure = error;
      },
      onCaughtUp: () => {
        this.state = 'live';
      },
    });
    // Stopping the relay ends the subscription (also when stop() came while it was being opened).
    const stopSubscription = () => void subscription.stop();
    this.stopping.signal.addEventListener('abort', stopSubscription, { once: true });
    if (this.stopping.signal.aborted) stopSubscription();
    // A failed publish ends this subscription too; the loop then resumes from the durable checkpoint.
    batcher.onFailure((error) => {
      failure ??= error;
      stopSubscription();
    });
    await subscription.done;
    this.stopping.signal.removeEventListener('abort', stopSubscription);
    await batcher.drain();
    if (failure) throw failure;
    if (!this.stopping.signal.aborted) throw new Error('subscription ended without being stopped');
    throw new RelayStopped();
  }

  private toRecord(event: RecordedEvent): OutgoingRecord | null {
    const draft = mapDomainEvent(this.options.mapping, event);
    if (!draft) return null;
    // Validate before publishing: a broken payload must stop the relay, not reach other services.
    const payload = parsePayload(draft.contract, draft.payload);
    return encodeCloudEvent(draft.contract, payload, {
      id: event.eventId,
      source: this.options.source,
      time: event.occurredAt,
      subject: draft.subject,
      correlationId: event.correlationId,
      causationId: event.causationId ?? undefined,
    });
  }

  /** Publishes a batch (retrying until Kafka acknowledges or the relay stops), then saves the checkpoint. */
  private async publish(batch: readonly PendingEvent[]): Promise<void> {
    const records = batch.flatMap((item) => (item.record ? [item.record] : []));
    for (let attempt = 1; ; attempt++) {
      try {
        await this.publisher.send(records);
        break;
      } catch (error) {
        if (this.stopping.signal.aborted) throw new RelayStopped();
        const delay = backoffDelay(this.retry, attempt);
        this.state = 'retrying';
        this.lastError = describeError(error);
        this.logger.warn(
          { relay: this.options.name, events: records.length, firstKey: maskKey(records[0]?.key?.toString()), error: this.lastError, retryInMs: delay },
          'publishing to Kafka failed; retrying the batch',
        );
        await sleep(delay, this.stopping.signal);
      }
    }
    const position = batch[batch.length - 1].position;
    await this.options.checkpoints.save(this.options.name, position);
    this.checkpoint = position;
    this.published += records.length;
    if (this.state === 'retrying') this.state = 'live';
    this.logger.debug({ relay: this.options.name, checkpoint: position, events: records.length }, 'relay batch acknowledged');
  }
}

/**
 * Collects events while the previous batch is in flight and sends them as the next one: one
 * request at a time, batches growing with the load. `add` waits when too much is queued, which
 * holds the subscription back instead of buffering without bound.
 */
class Batcher {
  private pending: PendingEvent[] = [];
  private inFlight: Promise<void> | undefined;
  private failed: Error | undefined;
  private failureListener: ((error: Error) => void) | undefined;

  constructor(
    private readonly batchSize: number,
    private readonly send: (batch: readonly PendingEvent[]) => Promise<void>,
  ) {}

  onFailure(listener: (error: Error) => void): void {
    this.failureListener = listener;
  }

  async add(item: PendingEvent): Promise<void> {
    if (this.failed) throw this.failed;
    this.pending.push(item);
    this.kick();
    while (this.pending.length >= this.batchSize * 2 && this.inFlight && !this.failed) await this.inFlight;
    if (this.failed) throw this.failed;
  }

  /**
   * How many pending events the next batch takes: up to batchSize, and no more than fit in
   * maxBatchBytes (at least one). A broker refuses a record batch over its message.max.bytes
   * (1 MB by default), and events of one stream go to one partition together: a payroll's batch
   * events (tens of kB each) caught up 123 at a time were refused on every retry.
   */
  private takeable(): number {
    let bytes = 0;
    let count = 0;
    for (const item of this.pending) {
      if (count >= this.batchSize) break;
      const size = (item.record?.value?.length ?? 0) + (item.record?.key?.length ?? 0) + 512;
      if (count > 0 && bytes + size > maxBatchBytes) break;
      bytes += size;
      count += 1;
    }
    return count;
  }

  /** Waits until everything added so far is sent (or sending failed). */
  async drain(): Promise<void> {
    while (!this.failed && (this.inFlight || this.pending.length > 0)) {
      this.kick();
      await this.inFlight;
    }
  }

  private kick(): void {
    if (this.inFlight || this.failed || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.takeable());
    this.inFlight = this.send(batch).then(
      () => {
        this.inFlight = undefined;
        // Events that arrived meanwhile go next; on the next tick, so a burst delivered in one go joins them.
        if (this.pending.length > 0) setImmediate(() => this.kick());
      },
      (error: unknown) => {
        this.inFlight = undefined;
        this.failed = error instanceof Error ? error : new Error(String(error));
        this.failureListener?.(this.failed);
      },
    );
  }
}

/** Creates and starts a relay. */
export function startEventRelay(options: EventRelayOptions): EventRelay {
  const relay = new EventRelay(options);
  relay.start();
  return relay;
}
