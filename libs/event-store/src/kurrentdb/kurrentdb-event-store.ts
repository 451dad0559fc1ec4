/**
 * The KurrentDB (formerly EventStoreDB) adapter of the event store port. It passes the same
 * conformance suite as the PostgreSQL adapter; the README lists where the two differ. This class
 * holds the connection and the lifecycle; each responsibility lives in its own file:
 *
 *   - Events: the domain data is the event data, and the rest of the envelope, hash chain included,
 *     is the event metadata (envelope.ts).
 *   - Appends: read the stream's last event (revision, hash), chain the new events from it, and
 *     append with that EXACT expected revision (append.ts, revisions.ts, stored-batch.ts for
 *     idempotent retries).
 *   - Reads of a stream and of $all (reads.ts).
 *   - Stream metadata, soft deletion included, is one key of KurrentDB's stream metadata
 *     (stream-metadata.ts). The adapter never deletes or tombstones a stream and never sets a
 *     retention ($maxAge, $maxCount, $tb): the events stay for the audit history.
 *   - The inbox is one marker stream per consumer and message (inbox.ts, inbox-markers.ts).
 *   - $all positions become numbers as explained in positions.ts, and subscriptions are ordered
 *     catch-up subscriptions (subscription.ts).
 */
import { verifyChain } from '../integrity/hash-chain';
import type {
  Actor,
  AppendOptions,
  AppendResult,
  EventStore,
  HandledMessage,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamMetadata,
  SubscribeOptions,
  Subscription,
  VerifyResult,
} from '../port/event-store';
import { appendToStream } from './append';
import { readStreamEvents, type KurrentDbClientLike } from './client';
import { isMessageHandled, recordHandled } from './inbox-markers';
import { readAllRecords, readStreamRecords } from './reads';
import type { KurrentDbStoreContext } from './store-context';
import { markStreamDeleted, readPortMetadata, replacePortMetadata } from './stream-metadata';
import { startSubscription } from './subscription';

export { kurrentDbPortMetadataKey } from './stream-metadata';

export interface KurrentDbEventStoreOptions {
  /** For example `kurrentdb://localhost:2113?tls=false` (the older `esdb://` scheme works too). */
  readonly connectionString?: string;
  /**
   * An existing client to use instead of a connection string (shared connections, tests). The store
   * does not dispose it. Without it, the client is created, and the gRPC client package loaded, on
   * first use.
   */
  readonly client?: KurrentDbClientLike;
  /** Recorded on events that do not name their source system. */
  readonly sourceSystem: string;
  readonly clock?: () => Date;
  /**
   * How many of a stream's latest events an append with 'any' or 'stream_exists' searches for a
   * retried event id (default 1000). An exact expected revision needs no search window.
   */
  readonly idempotencyWindow?: number;
  /** How many times an append retries after losing a race to another writer (default 20). */
  readonly maxAppendAttempts?: number;
  /** Events per page when reading $all (readAll, subscription catch-up); default 500. */
  readonly readPageSize?: number;
}

export class KurrentDbEventStore implements EventStore {
  private client?: KurrentDbClientLike;
  private connecting?: Promise<KurrentDbClientLike>;
  private readonly ctx: KurrentDbStoreContext;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    if (!options.sourceSystem) throw new Error('a KurrentDB event store needs a source system');
    if (!options.client && !options.connectionString) throw new Error('a KurrentDB event store needs a connectionString or a client');
    this.client = options.client;
    this.ctx = {
      getClient: () => this.getClient(),
      now: options.clock ?? (() => new Date()),
      sourceSystem: options.sourceSystem,
      idempotencyWindow: Math.max(1, options.idempotencyWindow ?? 1000),
      maxAppendAttempts: Math.max(1, options.maxAppendAttempts ?? 20),
      pageSize: Math.max(1, options.readPageSize ?? 500),
    };
  }

  /** Appends with exact optimistic concurrency and idempotency; the steps are described at append.ts's appendToStream. */
  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.refuseIfClosed();
    return appendToStream(this.ctx, stream, events, options);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return readStreamRecords(this.ctx, stream, options);
  }

  async readStreams(streams: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    return new Map(await Promise.all([...new Set(streams)].map(async (stream) => [stream, await this.readStream(stream)] as const)));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return readAllRecords(this.ctx, options);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.refuseIfClosed();
    const subscription = startSubscription(() => this.getClient(), options, { pageSize: this.ctx.pageSize });
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async getStreamMetadata(stream: string): Promise<StreamMetadata> {
    return readPortMetadata(this.ctx, stream);
  }

  async setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void> {
    this.refuseIfClosed();
    await replacePortMetadata(this.ctx, stream, metadata);
  }

  /** Marks the stream deleted in its metadata; the events stay, and the first deletion record is kept (stream-metadata.ts). */
  async softDeleteStream(stream: string, by: Actor, reason: string): Promise<void> {
    this.refuseIfClosed();
    await markStreamDeleted(this.ctx, stream, by, reason);
  }

  async isMessageHandled(message: HandledMessage): Promise<boolean> {
    return isMessageHandled(this.ctx, message);
  }

  async markMessageHandled(message: HandledMessage): Promise<boolean> {
    this.refuseIfClosed();
    return recordHandled(this.ctx, message, {});
  }

  async verifyStream(stream: string): Promise<VerifyResult> {
    return verifyChain(stream, await this.readStream(stream, { includeDeleted: true }));
  }

  /** Readiness: KurrentDB answers a read (of a stream that normally does not exist). */
  async ping(): Promise<void> {
    await readStreamEvents(await this.getClient(), 'healthcheck-event-store-ping', { maxCount: 1 });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    // Dispose only a client this store created (an injected one belongs to its owner).
    const created = this.options.client ? undefined : await this.connecting?.catch(() => undefined);
    await created?.dispose();
  }

  /** The client, created (and the gRPC client package loaded) on first use. */
  private getClient(): Promise<KurrentDbClientLike> {
    if (this.client) return Promise.resolve(this.client);
    this.refuseIfClosed();
    this.connecting ??= import('@kurrent/kurrentdb-client').then(
      ({ KurrentDBClient }) => {
        this.client = KurrentDBClient.connectionString(this.options.connectionString as string);
        return this.client;
      },
      (error: unknown) => {
        this.connecting = undefined; // let the next call try again
        throw error;
      },
    );
    return this.connecting;
  }

  private refuseIfClosed(): void {
    if (this.closed) throw new Error('this event store is closed');
  }
}

export function createKurrentDbEventStore(options: KurrentDbEventStoreOptions): KurrentDbEventStore {
  return new KurrentDbEventStore(options);
}
