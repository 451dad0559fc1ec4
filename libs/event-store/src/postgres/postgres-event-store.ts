/**
 * The PostgreSQL adapter of the event store port. One schema per service; see DESIGN.md for the
 * global-ordering guarantee and its limits.
 */
import { Client, Pool } from 'pg';
import { genesisHash, verifyChain, type StoredEvent } from '../integrity/hash-chain';
import { StreamDeletedError } from '../port/errors';
import type {
  Actor,
  AppendOptions,
  AppendResult,
  EventStore,
  MultiStreamAppend,
  HandledMessage,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  StreamAppend,
  SubscribeOptions,
  Subscription,
  VerifyResult,
} from '../port/event-store';
import { AppendNotifier } from './append-notifier';
import { appendToStreamsAtHeads } from './append-many';
import { Coalescer, insertHandled, RecordedByAppends, selectHandled } from './inbox-batches';
import { appendAtKnownHead, appendInOwnTransaction, isDuplicateEventId, isHandledAlready, validateBatch } from './append';
import type { AppendedAt, AppendContext, StreamHeadLink } from './append';
import { migrate, quoteIdent } from './migrations';
import { deliveryHealth, readBackwardFrom, readForwardAfter, readStoredForwardAfter, splitLog, type DeliveryHealth, type PositionRange } from './reads';
import { startSubscription } from './subscription';
import { handlePoolErrors, type ConnectionErrorListener } from './connection-errors';
import { NotificationWaker } from './notification-waker';
import { readStreamWithMark, readWholeStreams } from './stream-read';
import { readStreamMetadata, writeStreamMetadata } from './stream-metadata';

export interface PostgresEventStoreOptions {
  readonly pool?: Pool;
  readonly connectionString?: string;
  /** The service's schema, e.g. `es_intake`. */
  readonly schema: string;
  /** Recorded on events that do not name their source system. */
  readonly sourceSystem: string;
  /** Refuses every write (auditors, replay tools). */
  readonly readOnly?: boolean;
  readonly clock?: () => Date;
  readonly poolSize?: number;
  readonly subscriptionBatchSize?: number;
  readonly subscriptionMaxBytes?: number; // event data (JSON text) per subscription page past its first event; 4 MiB
  readonly subscriptionPollMs?: number;
  /** Called when delivery has been held back by an open transaction for longer than `stallWarningMs`. */
  readonly onDeliveryStalled?: (health: DeliveryHealth) => void;
  readonly stallWarningMs?: number;
  /** A connection failed (PostgreSQL stopped, a backend terminated); the store reconnects by itself. */
  readonly onConnectionError?: ConnectionErrorListener;
  /** The LISTEN connection that wakes subscriptions is back after a loss. */
  readonly onListenRestored?: () => void;
}

/** UTC sessions give timestamps in the form rows.ts converts without a general date parser. */
const utcSession = '-c TimeZone=UTC';

export class ReadOnlyEventStoreError extends Error {
  override readonly name = 'ReadOnlyEventStoreError';
  constructor() {
    super('this event store was opened read-only');
  }
}

export class PostgresEventStore implements EventStore, MultiStreamAppend {
  readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly schema: string;
  private readonly ctx: AppendContext;
  private readonly waker: NotificationWaker;
  private readonly notifier: AppendNotifier;
  private readonly inboxReads = new Coalescer((batch) => selectHandled(this.pool, this.schema, batch));
  private readonly inboxWrites = new Coalescer((batch) => insertHandled(this.pool, this.schema, batch));
  private readonly recordedByAppends = new RecordedByAppends();
  private readonly subscriptions = new Set<Subscription>();
  private stallTimer?: NodeJS.Timeout;
  private readonly heads = new Map<string, StreamHeadLink>();

  constructor(private readonly options: PostgresEventStoreOptions) {
    this.schema = quoteIdent(options.schema);
    this.ownsPool = options.pool === undefined;
    this.pool = options.pool ?? new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, options: utcSession });
    handlePoolErrors(this.pool, options.onConnectionError);
    const channel = `es_${options.schema}`;
    this.ctx = { schema: this.schema, sourceSystem: options.sourceSystem, now: options.clock ?? (() => new Date()) };
    const connectionString = options.connectionString ?? (this.pool.options as { connectionString?: string }).connectionString;
    const listenSettings = connectionString ? { connectionString } : (this.pool.options as object);
    this.waker = new NotificationWaker(() => new Client({ ...listenSettings, connectionTimeoutMillis: 5000 }), channel, {
      ...(options.onConnectionError ? { onError: options.onConnectionError } : {}),
      ...(options.onListenRestored ? { onRestored: options.onListenRestored } : {}),
    });
    this.notifier = new AppendNotifier(this.pool, channel, () => this.waker.wakeAll());
  }

  /** Creates or upgrades the schema (idempotent). */
  async migrate(): Promise<number[]> {
    if (this.options.readOnly) throw new ReadOnlyEventStoreError();
    return migrate(this.pool, this.options.schema);
  }

  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.refuseIfReadOnly();
    validateBatch(stream, events);
    const fast = await this.tryFastAppend(stream, events, options);
    if (fast) return fast;
    let appended: AppendedAt;
    try {
      appended = await appendInOwnTransaction(this.pool, this.ctx, stream, events, options);
    } catch (error) {
      // A concurrent copy of this batch committed between our snapshot and our insert: the second
      // attempt sees it and answers as an idempotent retry.
      if (!isDuplicateEventId(error)) throw error;
      appended = await appendInOwnTransaction(this.pool, this.ctx, stream, events, options);
    }
    this.rememberHead(stream, appended.head);
    this.recordedByAppends.remember(options.handledMessage);
    if (appended.result.appended > 0) this.notifier.appended();
    return appended.result;
  }

  /**
   * One round trip instead of four when this store already knows the stream's head at the expected
   * revision (from the read the caller's decision was based on, or its own last append). The head
   * is re-checked inside the statement, so a stale memory only costs a fall back to the full path.
   */
  private async tryFastAppend(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult | undefined> {
    if (typeof options.expectedRevision !== 'number' && options.expectedRevision !== 'no_stream') return undefined;
    const head: StreamHeadLink | undefined = options.expectedRevision === 'no_stream' ? { revision: -1, hash: genesisHash } : this.heads.get(stream);
    if (!head || (typeof options.expectedRevision === 'number' && head.revision !== options.expectedRevision)) return undefined;
    try {
      const appended = await appendAtKnownHead(this.pool, this.ctx, stream, events, head, options.handledMessage);
      if (!appended) return undefined;
      this.rememberHead(stream, appended.head);
      this.recordedByAppends.remember(options.handledMessage);
      this.notifier.appended();
      return appended.result;
    } catch (error) {
      // A retry, or a message handled already: the full path recognises either and answers it.
      if (isDuplicateEventId(error) || isHandledAlready(error)) return undefined;
      throw error;
    }
  }

  /** Remembers up to 10,000 stream heads, most recently used last. */
  private rememberHead(stream: string, head: StreamHeadLink | undefined): void {
    this.heads.delete(stream);
    if (!head) return;
    this.heads.set(stream, head);
    if (this.heads.size > 10_000) this.heads.delete(this.heads.keys().next().value as string);
  }

  /** See MultiStreamAppend: one statement for many existing streams, each only if still at its expected revision. */
  async appendToStreams(appends: readonly StreamAppend[]): Promise<(AppendResult | undefined)[]> {
    this.refuseIfReadOnly();
    for (const a of appends) validateBatch(a.stream, a.events);
    const { results, heads } = await appendToStreamsAtHeads(this.pool, this.ctx, appends);
    for (const [stream, head] of heads) this.rememberHead(stream, head);
    if (heads.size > 0) this.notifier.appended();
    return results;
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? 'end' : 'start');
    const start = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : from;
    const { deleted, events } = await readStreamWithMark(this.pool, this.schema, stream, { backwards, start, limit: options.maxCount ?? 2_147_483_647 });
    if (deleted && !options.includeDeleted) throw new StreamDeletedError(stream);
    const last = events.at(-1);
    // A forward read without a limit ends at the head: what a command handler's next append builds on.
    if (!backwards && options.maxCount === undefined && last) this.rememberHead(stream, { revision: last.revision, hash: last.hash });
    return events;
  }

  async readStreams(streams: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const read = await readWholeStreams(this.pool, this.schema, [...new Set(streams)]);
    for (const [stream, events] of read) {
      const last = events.at(-1);
      if (last) this.rememberHead(stream, { revision: last.revision, hash: last.hash });
    }
    return read;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount ?? 4096;
    if (options.direction === 'backwards') return readBackwardFrom(this.pool, this.schema, options.fromPosition, limit, options.filter);
    return readForwardAfter(this.pool, this.schema, (options.fromPosition ?? 1) - 1, limit, options.filter);
  }

  /**
   * Forward through one range of the global log with each event's data as the stored JSON text
   * (PostgreSQL only): full integrity scans, which hash that text (storedHashMatches) and never
   * need the value, give each worker a range from `splitLog`.
   */
  readStoredInRange(range: PositionRange, options: { fromPosition?: number; maxCount?: number } = {}): Promise<StoredEvent[]> {
    const from = Math.max(range.from, options.fromPosition ?? 1);
    return readStoredForwardAfter(this.pool, this.schema, from - 1, options.maxCount ?? 4096, { before: range.before });
  }

  /** Up to `maxParts` ranges of about equal numbers of events (at least `minEvents` each) covering the log (see readStoredInRange). */
  splitLog(maxParts: number, minEvents = 1): Promise<PositionRange[]> {
    return splitLog(this.pool, this.schema, maxParts, minEvents);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const subscription = startSubscription(this.pool, this.schema, this.waker, options, {
      batchSize: this.options.subscriptionBatchSize ?? 1000,
      maxBytes: this.options.subscriptionMaxBytes ?? 4 * 2 ** 20,
      pollMs: this.options.subscriptionPollMs ?? 500,
    });
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription));
    this.watchForStalls();
    return subscription;
  }

  /** Whether delivery is held back, and by how old a transaction (for health checks and alerts). */
  deliveryHealth(): Promise<DeliveryHealth> {
    return deliveryHealth(this.pool, this.schema);
  }

  getStreamMetadata(stream: string): Promise<StreamMetadata> {
    return readStreamMetadata(this.pool, this.schema, stream);
  }

  async setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void> {
    this.refuseIfReadOnly();
    if ('deleted' in metadata) throw new Error('use softDeleteStream to delete a stream');
    await this.writeMetadata(stream, async (current) => ({ ...metadata, ...(current.deleted ? { deleted: current.deleted } : {}) }));
  }

  async softDeleteStream(stream: string, by: Actor, reason: string): Promise<void> {
    this.refuseIfReadOnly();
    if (!reason.trim()) throw new Error('a soft delete needs a reason');
    const at = this.ctx.now().toISOString();
    await this.writeMetadata(stream, async (current) => ({ ...current, deleted: { at, by, reason } }), at);
  }

  isMessageHandled(message: HandledMessage): Promise<boolean> {
    return this.inboxReads.submit(message);
  }

  async markMessageHandled(message: HandledMessage): Promise<boolean> {
    this.refuseIfReadOnly();
    return this.recordedByAppends.take(message) ? false : this.inboxWrites.submit(message);
  }

  async verifyStream(stream: string): Promise<VerifyResult> {
    return verifyChain(stream, await this.readStream(stream, { includeDeleted: true }));
  }

  async ping(): Promise<void> {
    await this.pool.query(`select 1 from ${this.schema}.migrations limit 1`);
  }

  async close(): Promise<void> {
    clearInterval(this.stallTimer);
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.waker.close();
    if (this.ownsPool) await this.pool.end();
  }

  private refuseIfReadOnly(): void {
    if (this.options.readOnly) throw new ReadOnlyEventStoreError();
  }

  private writeMetadata(stream: string, next: (current: StreamMetadata) => Promise<StreamMetadata>, deletedAt?: string): Promise<void> {
    return writeStreamMetadata(this.pool, this.schema, stream, next, deletedAt);
  }

  private watchForStalls(): void {
    if (this.stallTimer || !this.options.onDeliveryStalled) return;
    const threshold = this.options.stallWarningMs ?? 30_000;
    this.stallTimer = setInterval(
      () => {
        void this.deliveryHealth().then(
          (health) => {
            if (health.heldBack && health.oldestOpenTransactionMs > threshold) this.options.onDeliveryStalled?.(health);
          },
          () => undefined,
        );
      },
      Math.max(1000, threshold / 3),
    );
    this.stallTimer.unref();
  }
}

export function createPostgresEventStore(options: PostgresEventStoreOptions): PostgresEventStore {
  return new PostgresEventStore(options);
}
