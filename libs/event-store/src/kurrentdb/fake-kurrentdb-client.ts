/**
 * An in-memory stand-in for the KurrentDB client (test only). It lets the adapter's own logic run
 * the conformance suite without a server: append algorithm, idempotency, metadata, inbox, filters,
 * paging and subscription ordering.
 *
 * It models what the adapter relies on:
 *   - appends with an expected state; a conflict throws WrongExpectedVersionError; KurrentDB's
 *     de-duplication of re-sent ids that sit right after an exact expected revision;
 *   - sparse, strictly increasing log positions with commit = prepare;
 *   - stream reads that throw StreamNotFoundError for a stream without events;
 *   - $all reads: forwards inclusive, backwards exclusive of `fromPosition`, with server-side
 *     prefix/regex filters;
 *   - catch-up subscriptions after a position (exclusive) that turn live, with back-pressure;
 *   - metadata streams (`$$…`) as ordinary streams of `$metadata` events.
 * It is NOT KurrentDB. It has no $maxCount scavenging of metastreams, no ACLs, no system streams
 * other than metastreams, no network failures, and no leader changes. Only the real-server run of
 * kurrentdb-event-store.int.spec.ts checks those.
 */
import { Readable } from 'node:stream';
import {
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamSubscription,
  type AppendResult,
  type AppendStreamState,
  type Direction,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { KurrentDbClientLike } from './client';
import type { NativeEvent } from './envelope';

interface Stored extends NativeEvent {
  readonly position: Position;
}

function copy(event: Stored): Stored {
  return { ...event, data: structuredClone(event.data), metadata: structuredClone(event.metadata) };
}

function matches(event: Stored, filter: Filter | undefined): boolean {
  if (!filter) return true;
  const value = filter.filterOn === 'streamName' ? event.streamId : event.type;
  if ('prefixes' in filter) return filter.prefixes.some((prefix) => value.startsWith(prefix));
  return new RegExp(filter.regex).test(value);
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

class FakeSubscription extends Readable {
  constructor(
    private readonly client: FakeKurrentDbClient,
    private index: number,
    private readonly eventFilter: Filter | undefined,
  ) {
    super({ objectMode: true, highWaterMark: 16 });
  }

  override _read(): void {
    this.pump();
  }

  pump(): void {
    const log = this.client.log;
    while (!this.destroyed && this.index < log.length) {
      const event = log[this.index++] as Stored;
      if (!matches(event, this.eventFilter)) continue;
      if (!this.push({ event: copy(event), commitPosition: event.position.commit })) return;
    }
  }

  async unsubscribe(): Promise<void> {
    this.client.subscriptions.delete(this);
  }
}

export class FakeKurrentDbClient {
  readonly log: Stored[] = [];
  readonly streams = new Map<string, Stored[]>();
  readonly subscriptions = new Set<FakeSubscription>();
  private lastPosition = 0n;
  disposed = false;

  asClient(): KurrentDbClientLike {
    return this as unknown as KurrentDbClientLike;
  }

  async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}): Promise<AppendResult> {
    await tick();
    const batch = Array.isArray(events) ? events : [events];
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const state = options.streamState ?? 'any';
    if (state === 'no_stream' || typeof state === 'bigint') {
      // KurrentDB's idempotency: the same ids right after an exact expected revision are acknowledged, not written again.
      const start = state === 'no_stream' ? 0 : Number(state) + 1;
      const existing = stream.slice(start, start + batch.length);
      if (existing.length === batch.length && existing.every((e, i) => e.id === batch[i]?.id)) {
        return {
          success: true,
          nextExpectedRevision: BigInt(current),
          position: (existing[existing.length - 1] as Stored).position,
        };
      }
    }
    const ok =
      state === 'any' ||
      (state === 'no_stream' && current === -1) ||
      (state === 'stream_exists' && current >= 0) ||
      (typeof state === 'bigint' && BigInt(current) === state);
    if (!ok)
      throw new WrongExpectedVersionError(undefined, {
        streamName,
        expected: state,
        current: current === -1 ? 'no_stream' : BigInt(current),
      });
    for (const event of batch) {
      this.lastPosition += BigInt(97 + Math.floor(Math.random() * 50)); // sparse, like byte offsets
      const stored: Stored = {
        streamId: streamName,
        id: event.id,
        revision: BigInt(stream.length),
        type: event.type,
        isJson: true,
        data: JSON.parse(JSON.stringify(event.data)) as unknown,
        metadata: event.metadata === undefined ? undefined : (JSON.parse(JSON.stringify(event.metadata)) as unknown),
        created: new Date(),
        position: { commit: this.lastPosition, prepare: this.lastPosition },
      };
      stream.push(stored);
      this.log.push(stored);
    }
    this.streams.set(streamName, stream);
    for (const subscription of this.subscriptions) subscription.pump();
    return {
      success: true,
      nextExpectedRevision: BigInt(stream.length - 1),
      position: (stream[stream.length - 1] as Stored).position,
    };
  }

  async *readStream(
    streamName: string,
    options: { direction?: Direction; fromRevision?: ReadRevision; maxCount?: number | bigint } = {},
  ): AsyncIterableIterator<{ event: Stored }> {
    await tick();
    const stream = this.streams.get(streamName);
    if (!stream || stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromRevision ?? 'start';
    let selected: Stored[];
    if ((options.direction ?? 'forwards') === 'forwards') {
      const start = from === 'start' ? 0 : from === 'end' ? stream.length : Number(from);
      selected = stream.slice(start, start + maxCount);
    } else {
      const start = from === 'end' ? stream.length - 1 : from === 'start' ? 0 : Math.min(Number(from), stream.length - 1);
      selected = stream.slice(Math.max(0, start - maxCount + 1), start + 1).reverse();
    }
    for (const event of selected) yield { event: copy(event) };
  }

  async *readAll(
    options: {
      direction?: Direction;
      fromPosition?: ReadPosition;
      maxCount?: number | bigint;
      filter?: Filter;
    } = {},
  ): AsyncIterableIterator<{ event: Stored; commitPosition: bigint }> {
    await tick();
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const from = options.fromPosition ?? 'start';
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    let candidates: Stored[];
    if (forwards) {
      candidates = from === 'start' ? this.log : from === 'end' ? [] : this.log.filter((e) => e.position.commit >= from.commit);
    } else {
      const before = from === 'end' ? this.log : from === 'start' ? [] : this.log.filter((e) => e.position.commit < from.commit);
      candidates = [...before].reverse();
    }
    let count = 0;
    for (const event of candidates) {
      if (count >= maxCount) return;
      if (!matches(event, options.filter)) continue;
      count++;
      yield { event: copy(event), commitPosition: event.position.commit };
    }
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}): AllStreamSubscription {
    const from = options.fromPosition ?? 'start';
    const index = from === 'start' ? 0 : from === 'end' ? this.log.length : this.log.findIndex((e) => e.position.commit > from.commit);
    const subscription = new FakeSubscription(this, index === -1 ? this.log.length : index, options.filter);
    this.subscriptions.add(subscription);
    return subscription as unknown as AllStreamSubscription;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}
