/**
 * Idempotency of appends on KurrentDB (step 3 of appendToStream in append.ts): whether the events
 * a caller gave ids to are stored already, with the same type and data.
 */
import { canonicalJson } from '../integrity/canonical-json';
import { EventIdConflictError, StreamDeletedError } from '../port/errors';
import type { AppendResult, ExpectedRevision } from '../port/event-store';
import { BACKWARDS, END, isNativelyDeleted, isStreamNotFound } from './client';
import { nativeData, type NativeEvent, type PreparedEvent } from './envelope';
import { toPortPosition } from './positions';
import { readNative, type Head } from './reads';
import { batchStartFor, noStreamRevision, toNativeRevision } from './revisions';
import type { KurrentDbStoreContext } from './store-context';

function sameContent(stored: NativeEvent, event: PreparedEvent): boolean {
  return stored.type === event.type && canonicalJson(nativeData(stored)) === canonicalJson(event.data);
}

/** Step 3 of appendToStream. */
export async function findStoredBatch(
  ctx: KurrentDbStoreContext,
  stream: string,
  events: readonly PreparedEvent[],
  head: Head,
  expected: ExpectedRevision,
): Promise<AppendResult | undefined> {
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
    for (const native of await readNative(ctx, stream, {
      fromRevision: toNativeRevision(start),
      maxCount: events.length,
    }))
      collect(native);
  }
  if (found.size === 0) await searchRecent(ctx, stream, collect, () => found.size === ids.size);
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
async function searchRecent(ctx: KurrentDbStoreContext, stream: string, collect: (native: NativeEvent) => void, enough: () => boolean): Promise<void> {
  try {
    for await (const resolved of (await ctx.getClient()).readStream(stream, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: ctx.idempotencyWindow,
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
