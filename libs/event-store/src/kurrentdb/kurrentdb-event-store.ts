/**
 * The KurrentDB (formerly EventStoreDB) adapter of the event store port. It passes the same
 * conformance suite as the PostgreSQL adapter; the README lists where the two differ.
 *
 *   - Events: the domain data is the event data, and the rest of the envelope, hash chain included,
 *     is the event metadata (envelope.ts).
 *   - Appends: read the stream's last event (revision, hash), chain the new events from it, and
 *     append with that EXACT expected revision (revisions.ts). Idempotency and retries are
 *     described at appendToStream.
 *   - Stream metadata, soft deletion included, is one key of KurrentDB's stream metadata. The
 *     adapter never deletes or tombstones a stream and never sets a retention ($maxAge, $maxCount,
 *     $tb): the events stay for the audit history.
 *   - The inbox is one marker stream per consumer and message (inbox.ts).
 *   - $all positions become numbers as explained in positions.ts, and subscriptions are ordered
 *     catch-up subscriptions (subscription.ts).
 */
import { randomUUID } from 'node:crypto';
import type { AllStreamResolvedEvent, AppendStreamState, EventData, JSONEventType, JSONType, Position, ReadRevision } from '@kurrent/kurrentdb-client';
import { canonicalJson } from '../integrity/canonical-json';
import { genesisHash, verifyChain } from '../integrity/hash-chain';
import { EventIdConflictError, MessageAlreadyHandledError, StreamDeletedError, WrongExpectedRevisionError } from '../port/errors';
import type {
  Actor,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
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
import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  isNativelyDeleted,
  isStreamNotFound,
  isWrongExpectedVersion,
  jsonEventData,
  metastreamOf,
  readAllPage,
  readStreamEvents,
  type KurrentDbClientLike,
} from './client';
import {
  buildRecords,
  decodeEnvelope,
  encodeEnvelope,
  isRecord,
  nativeData,
  prepareEvents,
  toJsonData,
  toRecordedEvent,
  writeIdOf,
  type NativeEvent,
  type PendingRecord,
  type PreparedEvent,
} from './envelope';
import { acceptsFromAll, serverFilter } from './filters';
import { inboxEventType, inboxStreamName, validateHandledMessage } from './inbox';
import { comparePositions, readAllFrom, toNativePosition, toPortPosition } from './positions';
import {
  actualFromNative,
  actualRevision,
  batchStartFor,
  exactStreamState,
  fromNativeRevision,
  noStreamRevision,
  revisionMatches,
  toNativeRevision,
  validateExpectedRevision,
} from './revisions';
import { startSubscription } from './subscription';

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

/** The key of KurrentDB's stream metadata under which the port's stream metadata lives. */
export const kurrentDbPortMetadataKey = 'eventStorePort';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const defaultReadAllCount = 4096;

function validateBatch(stream: string, events: readonly NewEvent[]): void {
  if (typeof stream !== 'string' || stream.trim() === '' || stream.length > 500) throw new Error('stream name must be 1 to 500 characters');
  if (stream.startsWith('$')) throw new Error(`stream ${stream}: names starting with $ are KurrentDB system streams`);
  if (events.length === 0) throw new Error('an append needs at least one event');
  const ids = new Set<string>();
  for (const [i, event] of events.entries()) {
    if (event.eventId !== undefined) {
      if (!uuidPattern.test(event.eventId)) throw new Error(`events[${i}].eventId must be a UUID`);
      if (ids.has(event.eventId.toLowerCase())) throw new Error(`events[${i}].eventId repeats an earlier event of the batch`);
      ids.add(event.eventId.toLowerCase());
    }
    if (!event.type) throw new Error(`events[${i}].type is required`);
    if (event.type.startsWith('$')) throw new Error(`events[${i}].type: types starting with $ are KurrentDB system event types`);
    if (!event.actor?.userId || !event.actor.role || !event.actor.orgUnit) throw new Error(`events[${i}].actor needs userId, role and orgUnit`);
    if (event.occurredAt !== undefined && Number.isNaN(Date.parse(event.occurredAt))) throw new Error(`events[${i}].occurredAt must be an ISO 8601 instant`);
  }
}

function toEventData(record: PendingRecord, writeId: string): EventData<JSONEventType> {
  return jsonEventData({
    id: record.eventId,
    type: record.type,
    data: record.data as JSONType,
    metadata: encodeEnvelope(record, writeId),
  });
}

function sameContent(stored: NativeEvent, event: PreparedEvent): boolean {
  return stored.type === event.type && canonicalJson(nativeData(stored)) === canonicalJson(event.data);
}

function portMetadataOf(raw: Record<string, unknown>): StreamMetadata {
  const value = raw[kurrentDbPortMetadataKey];
  return isRecord(value) ? (value as StreamMetadata) : {};
}

function requirePosition(native: NativeEvent): Position {
  if (!native.position) throw new Error(`event ${native.revision} of stream ${native.streamId} was read from $all without a position`);
  return native.position;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Head {
  /** Revision of the stream's last event; -1 when it has none. */
  readonly revision: number;
  /** Hash of that event (genesis for an empty stream; '' when the last event carries no envelope). */
  readonly hash: string;
}

export class KurrentDbEventStore implements EventStore {
  private client?: KurrentDbClientLike;
  private connecting?: Promise<KurrentDbClientLike>;
  private readonly now: () => Date;
  private readonly idempotencyWindow: number;
  private readonly maxAppendAttempts: number;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: KurrentDbEventStoreOptions) {
    if (!options.sourceSystem) throw new Error('a KurrentDB event store needs a source system');
    if (!options.client && !options.connectionString) throw new Error('a KurrentDB event store needs a connectionString or a client');
    this.client = options.client;
    this.now = options.clock ?? (() => new Date());
    this.idempotencyWindow = Math.max(1, options.idempotencyWindow ?? 1000);
    this.maxAppendAttempts = Math.max(1, options.maxAppendAttempts ?? 20);
    this.pageSize = Math.max(1, options.readPageSize ?? 500);
  }

  /**
   * Appends with exact optimistic concurrency and idempotency.
   *
   * 1. If a handled message is given and already recorded, the append fails with MessageAlreadyHandledError.
   * 2. Read the stream's last event and its soft-deletion mark.
   * 3. If the caller gave event ids and those events are stored already, with the same type and
   *    data, the call is a retry: answer with `appended: 0` and the stored position. The same ids
   *    with different content raise EventIdConflictError. For an exact expected revision, the batch
   *    is looked for right after that revision. For 'any' and 'stream_exists', it is looked for among
   *    the last `idempotencyWindow` events.
   * 4. Check soft deletion and the caller's expectation, compute the hash chain from the last event,
   *    and append with that exact revision. If another writer got in first, KurrentDB refuses the
   *    append and the adapter starts again at step 2. With 'any' or 'stream_exists' the next attempt
   *    usually succeeds. With an exact revision it ends in WrongExpectedRevisionError, unless the
   *    other writer stored this very batch, which step 3 turns into a no-op.
   * 5. Read the last appended event back to get its position. Its writeId (a random id per attempt,
   *    stored in the metadata) shows whether this attempt wrote it. If it did not, KurrentDB
   *    acknowledged without writing, because a concurrent attempt had stored the same ids at the
   *    same revisions first. The call then answers as a retry.
   * 6. Record the handled message (inbox.ts). If a concurrent handler recorded it first, this
   *    append fails with MessageAlreadyHandledError, although its events are already stored.
   */
  async appendToStream(stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.refuseIfClosed();
    validateBatch(stream, events);
    validateExpectedRevision(options.expectedRevision);
    const prepared = prepareEvents(events);
    const handled = options.handledMessage;
    if (handled) {
      validateHandledMessage(handled);
      if (await this.isMessageHandled(handled)) throw new MessageAlreadyHandledError(handled);
    }
    const result = await this.appendExact(stream, prepared, options.expectedRevision);
    if (
      handled &&
      !(await this.recordHandled(handled, {
        stream,
        eventIds: prepared.map((e) => e.eventId),
        position: result.position,
      }))
    ) {
      throw new MessageAlreadyHandledError(handled);
    }
    return result;
  }

  private async appendExact(stream: string, prepared: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      const [head, deleted] = await Promise.all([this.readHead(stream), this.isDeleted(stream)]);
      const retry = await this.findStoredBatch(stream, prepared, head, expected);
      if (retry) return retry;
      if (deleted) throw new StreamDeletedError(stream);
      if (!revisionMatches(expected, head.revision)) throw new WrongExpectedRevisionError(stream, expected, actualRevision(head.revision));
      const records = buildRecords(
        stream,
        prepared,
        head.revision + 1,
        head.revision === noStreamRevision ? genesisHash : head.hash,
        this.now().toISOString(),
        this.options.sourceSystem,
      );
      const writeId = randomUUID();
      let actual: number | 'no_stream';
      try {
        const written = await (
          await this.getClient()
        ).appendToStream(
          stream,
          records.map((record) => toEventData(record, writeId)),
          { streamState: exactStreamState(head.revision) },
        );
        if (written.success) return await this.confirmAppend(stream, prepared, records, writeId);
        actual = actualFromNative(written.nextExpectedRevision); // only when the client is set not to throw on conflicts
      } catch (error) {
        if (isNativelyDeleted(error)) throw new StreamDeletedError(stream);
        if (!isWrongExpectedVersion(error)) throw error;
        actual = actualFromNative(error.actualState);
      }
      // Another writer appended between our read and our write.
      if (attempt >= this.maxAppendAttempts) throw new WrongExpectedRevisionError(stream, expected, actual);
      if (expected === 'any' || expected === 'stream_exists') await pause(Math.random() * Math.min(50, 2 * attempt));
    }
  }

  /** Step 5 of appendToStream: the position of the last event, and whether KurrentDB really wrote the batch. */
  private async confirmAppend(stream: string, prepared: readonly PreparedEvent[], records: readonly PendingRecord[], writeId: string): Promise<AppendResult> {
    const first = records[0] as PendingRecord;
    const last = records[records.length - 1] as PendingRecord;
    const [stored] = await this.readNative(stream, {
      fromRevision: toNativeRevision(last.revision),
      maxCount: 1,
    });
    if (!stored || stored.id.toLowerCase() !== last.eventId) {
      throw new Error(`stream ${stream}: revision ${last.revision} does not hold event ${last.eventId} right after appending it`);
    }
    if (writeIdOf(stored.metadata) === writeId) {
      return {
        nextExpectedRevision: last.revision,
        position: toPortPosition(stored.position, `event ${last.revision} of stream ${stream}`),
        appended: records.length,
      };
    }
    // KurrentDB acknowledged an append whose ids it already held at these revisions: a concurrent
    // attempt of the same batch won (its records may even be byte-identical to ours when written in
    // the same millisecond, hence the writeId). Answer as a retry, after checking the content.
    const retry = await this.findStoredBatch(stream, prepared, { revision: last.revision, hash: '' }, first.revision - 1);
    if (!retry) throw new EventIdConflictError(stream, last.eventId);
    return retry;
  }

  /** Step 3 of appendToStream. */
  private async findStoredBatch(stream: string, events: readonly PreparedEvent[], head: Head, expected: ExpectedRevision): Promise<AppendResult | undefined> {
    const ids = new Set(events.filter((e) => e.callerId).map((e) => e.eventId));
    if (ids.size === 0 || head.revision === noStreamRevision) return undefined;
    const start = batchStartFor(expected);
    // The stream is where the caller expected it (or behind): none of the batch can follow.
    if (start !== undefined && start > head.revision) return undefined;
    const found = new Map<string, NativeEvent>();
    const collect = (native: NativeEvent) => {
      const id = native.id.toLowerCase();
      if (ids.has(id) && !found.has(id)) found.set(id, native);
    };
    if (start !== undefined) {
      for (const native of await this.readNative(stream, {
        fromRevision: toNativeRevision(start),
        maxCount: events.length,
      }))
        collect(native);
    }
    if (found.size === 0) await this.searchRecent(stream, collect, () => found.size === ids.size);
    if (found.size === 0) return undefined;
    let last: NativeEvent | undefined;
    for (const event of events) {
      const stored = event.callerId ? found.get(event.eventId) : undefined;
      if (!stored || !sameContent(stored, event)) throw new EventIdConflictError(stream, event.callerId ? event.eventId : ([...found.keys()][0] as string));
      if (!last || stored.revision > last.revision) last = stored;
    }
    const lastStored = last as NativeEvent;
    return {
      nextExpectedRevision: head.revision,
      position: toPortPosition(lastStored.position, `event ${lastStored.revision} of stream ${stream}`),
      appended: 0,
    };
  }

  /** Reads the stream backwards from its end, through at most `idempotencyWindow` events, until `enough()`. */
  private async searchRecent(stream: string, collect: (native: NativeEvent) => void, enough: () => boolean): Promise<void> {
    try {
      for await (const resolved of (await this.getClient()).readStream(stream, {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: this.idempotencyWindow,
      })) {
        if (resolved.event) collect(resolved.event as NativeEvent);
        if (enough()) return;
      }
    } catch (error) {
      if (isStreamNotFound(error)) return;
      if (isNativelyDeleted(error)) throw new StreamDeletedError(stream);
      throw error;
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const from = options.from ?? (backwards ? 'end' : 'start');
    const fromRevision: ReadRevision = from === 'start' ? (backwards ? 0n : START) : from === 'end' ? END : toNativeRevision(from);
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const [events, deleted] = await Promise.all([
      maxCount > 0 ? this.readNative(stream, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount }) : Promise.resolve([]),
      options.includeDeleted ? Promise.resolve(false) : this.isDeleted(stream),
    ]);
    if (deleted) throw new StreamDeletedError(stream);
    return events.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const maxCount = options.maxCount ?? defaultReadAllCount;
    const result: RecordedEvent[] = [];
    if (maxCount <= 0) return result;
    const filter = serverFilter(options.filter);
    const backwards = options.direction === 'backwards';
    /** Highest (forwards) or lowest (backwards) position examined so far. */
    let seen: Position | undefined;
    const take = (native: NativeEvent): boolean => {
      if (acceptsFromAll(native, options.filter)) result.push(toRecordedEvent(native));
      return result.length >= maxCount;
    };
    if (backwards && options.fromPosition !== undefined) {
      // The port's fromPosition is inclusive; KurrentDB reads backwards from a position exclusively.
      const at = toNativePosition(options.fromPosition);
      const [first] = await readAllPage(await this.getClient(), {
        direction: FORWARDS,
        fromPosition: at,
        maxCount: 1,
        filter,
      });
      if (first?.event && comparePositions(requirePosition(first.event), at) === 0 && take(first.event)) return result;
      seen = at;
    }
    let from = readAllFrom(options.fromPosition, backwards ? BACKWARDS : FORWARDS);
    for (;;) {
      const before = seen;
      const page: AllStreamResolvedEvent[] = await readAllPage(await this.getClient(), {
        direction: backwards ? BACKWARDS : FORWARDS,
        fromPosition: from,
        maxCount: this.pageSize,
        filter,
      });
      for (const { event: native } of page) {
        if (!native) continue;
        const position = requirePosition(native);
        if (seen !== undefined && (backwards ? comparePositions(position, seen) >= 0 : comparePositions(position, seen) <= 0)) continue;
        seen = position;
        if (take(native)) return result;
      }
      if (page.length < this.pageSize || seen === undefined || seen === before) return result;
      from = seen;
    }
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.refuseIfClosed();
    const subscription = startSubscription(() => this.getClient(), options, { pageSize: this.pageSize });
    this.subscriptions.add(subscription);
    void subscription.done.finally(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  async getStreamMetadata(stream: string): Promise<StreamMetadata> {
    return portMetadataOf((await this.readNativeMetadata(stream)).raw);
  }

  async setStreamMetadata(stream: string, metadata: StreamMetadata): Promise<void> {
    this.refuseIfClosed();
    if ('deleted' in metadata) throw new Error('use softDeleteStream to delete a stream');
    const value = toJsonData(metadata, 'stream metadata') as StreamMetadata;
    await this.writeMetadata(stream, (current) => ({
      ...value,
      ...(current.deleted ? { deleted: current.deleted } : {}),
    }));
  }

  /**
   * Marks the stream deleted in its metadata (`deleted: { at, by, reason }`). The events stay, and
   * auditors read them with includeDeleted. The first deletion record is kept if called again:
   * KurrentDB keeps only the latest metadata, so overwriting would lose it.
   */
  async softDeleteStream(stream: string, by: Actor, reason: string): Promise<void> {
    this.refuseIfClosed();
    if (!reason.trim()) throw new Error('a soft delete needs a reason');
    if (!by?.userId || !by.role || !by.orgUnit) throw new Error('a soft delete needs an actor with userId, role and orgUnit');
    const deleted = {
      at: this.now().toISOString(),
      by: { userId: by.userId, role: by.role, orgUnit: by.orgUnit },
      reason,
    };
    await this.writeMetadata(stream, (current) => (current.deleted ? undefined : { ...current, deleted }));
  }

  async isMessageHandled(message: HandledMessage): Promise<boolean> {
    const events = await readStreamEvents(await this.getClient(), inboxStreamName(message), {
      direction: FORWARDS,
      fromRevision: START,
      maxCount: 1,
    });
    return events.length > 0;
  }

  async markMessageHandled(message: HandledMessage): Promise<boolean> {
    this.refuseIfClosed();
    return this.recordHandled(message, {});
  }

  /** Writes the inbox marker; false when another one was there first. */
  private async recordHandled(message: HandledMessage, detail: { stream?: string; eventIds?: string[]; position?: number }): Promise<boolean> {
    const marker = jsonEventData({
      type: inboxEventType,
      data: {
        consumer: message.consumer,
        messageId: message.messageId,
        handledAt: this.now().toISOString(),
        sourceSystem: this.options.sourceSystem,
        ...detail,
      },
    });
    try {
      const written = await (await this.getClient()).appendToStream(inboxStreamName(message), marker, { streamState: NO_STREAM });
      return written.success;
    } catch (error) {
      if (isWrongExpectedVersion(error)) return false;
      throw error;
    }
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

  private async readNative(stream: string, options: Parameters<KurrentDbClientLike['readStream']>[1]): Promise<NativeEvent[]> {
    try {
      return await readStreamEvents(await this.getClient(), stream, options ?? {});
    } catch (error) {
      if (isNativelyDeleted(error)) throw new StreamDeletedError(stream);
      throw error;
    }
  }

  private async readHead(stream: string): Promise<Head> {
    const [last] = await this.readNative(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    if (!last) return { revision: noStreamRevision, hash: genesisHash };
    return { revision: fromNativeRevision(last.revision), hash: decodeEnvelope(last.metadata)?.hash ?? '' };
  }

  private async isDeleted(stream: string): Promise<boolean> {
    return (await this.getStreamMetadata(stream)).deleted !== undefined;
  }

  /** KurrentDB's metadata of a stream (all of it, system keys included) and the state to update it with. */
  private async readNativeMetadata(stream: string): Promise<{ state: AppendStreamState; raw: Record<string, unknown> }> {
    const [last] = await readStreamEvents(await this.getClient(), metastreamOf(stream), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    if (!last) return { state: NO_STREAM, raw: {} };
    return { state: last.revision, raw: last.isJson && isRecord(last.data) ? last.data : {} };
  }

  /**
   * Read-modify-write of the port's key in KurrentDB's stream metadata, with optimistic
   * concurrency on the metadata stream. Other keys ($acl and any set by operators) are kept as
   * they are. `next` returns undefined when nothing has to change.
   */
  private async writeMetadata(stream: string, next: (current: StreamMetadata) => StreamMetadata | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { state, raw } = await this.readNativeMetadata(stream);
      const updated = next(portMetadataOf(raw));
      if (updated === undefined) return;
      try {
        const written = await (
          await this.getClient()
        ).appendToStream(metastreamOf(stream), jsonEventData({ type: '$metadata', data: { ...raw, [kurrentDbPortMetadataKey]: updated } }), {
          streamState: state,
        });
        if (written.success) return;
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
      }
      if (attempt >= this.maxAppendAttempts) throw new Error(`stream ${stream}: its metadata kept changing concurrently; gave up after ${attempt} attempts`);
      await pause(Math.random() * Math.min(50, 2 * attempt));
    }
  }
}

export function createKurrentDbEventStore(options: KurrentDbEventStoreOptions): KurrentDbEventStore {
  return new KurrentDbEventStore(options);
}
