/**
 * Reads on KurrentDB: one stream (refused when soft-deleted, unless includeDeleted), a stream's
 * head for the next append, and $all in pages, the port's positions converted as positions.ts
 * explains.
 */
import type { AllStreamResolvedEvent, Position, ReadRevision } from '@kurrent/kurrentdb-client';
import { genesisHash } from '../integrity/hash-chain';
import { StreamDeletedError } from '../port/errors';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port/event-store';
import { BACKWARDS, END, FORWARDS, START, isNativelyDeleted, readAllPage, readStreamEvents, type KurrentDbClientLike } from './client';
import { decodeEnvelope, toRecordedEvent, type NativeEvent } from './envelope';
import { acceptsFromAll, serverFilter } from './filters';
import { comparePositions, readAllFrom, toNativePosition } from './positions';
import { fromNativeRevision, noStreamRevision, toNativeRevision } from './revisions';
import type { KurrentDbStoreContext } from './store-context';
import { isStreamDeleted } from './stream-metadata';

const defaultReadAllCount = 4096;

export interface Head {
  /** Revision of the stream's last event; -1 when it has none. */
  readonly revision: number;
  /** Hash of that event (genesis for an empty stream; '' when the last event carries no envelope). */
  readonly hash: string;
}

function requirePosition(native: NativeEvent): Position {
  if (!native.position) throw new Error(`event ${native.revision} of stream ${native.streamId} was read from $all without a position`);
  return native.position;
}

export async function readNative(
  ctx: KurrentDbStoreContext,
  stream: string,
  options: Parameters<KurrentDbClientLike['readStream']>[1],
): Promise<NativeEvent[]> {
  try {
    return await readStreamEvents(await ctx.getClient(), stream, options ?? {});
  } catch (error) {
    if (isNativelyDeleted(error)) throw new StreamDeletedError(stream);
    throw error;
  }
}

export async function readHead(ctx: KurrentDbStoreContext, stream: string): Promise<Head> {
  const [last] = await readNative(ctx, stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
  if (!last) return { revision: noStreamRevision, hash: genesisHash };
  return { revision: fromNativeRevision(last.revision), hash: decodeEnvelope(last.metadata)?.hash ?? '' };
}

export async function readStreamRecords(ctx: KurrentDbStoreContext, stream: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const from = options.from ?? (backwards ? 'end' : 'start');
  const fromRevision: ReadRevision = from === 'start' ? (backwards ? 0n : START) : from === 'end' ? END : toNativeRevision(from);
  const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
  const [events, deleted] = await Promise.all([
    maxCount > 0 ? readNative(ctx, stream, { direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount }) : Promise.resolve([]),
    options.includeDeleted ? Promise.resolve(false) : isStreamDeleted(ctx, stream),
  ]);
  if (deleted) throw new StreamDeletedError(stream);
  return events.map(toRecordedEvent);
}

export async function readAllRecords(ctx: KurrentDbStoreContext, options: ReadAllOptions): Promise<RecordedEvent[]> {
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
    const [first] = await readAllPage(await ctx.getClient(), {
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
    const page: AllStreamResolvedEvent[] = await readAllPage(await ctx.getClient(), {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromPosition: from,
      maxCount: ctx.pageSize,
      filter,
    });
    for (const { event: native } of page) {
      if (!native) continue;
      const position = requirePosition(native);
      if (seen !== undefined && (backwards ? comparePositions(position, seen) >= 0 : comparePositions(position, seen) <= 0)) continue;
      seen = position;
      if (take(native)) return result;
    }
    if (page.length < ctx.pageSize || seen === undefined || seen === before) return result;
    from = seen;
  }
}
