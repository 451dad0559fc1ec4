/**
 * Appends on KurrentDB: read the stream's last event (revision, hash), chain the new events from
 * it, and append with that EXACT expected revision (revisions.ts). Idempotency and retries are
 * described at appendToStream.
 */
import { randomUUID } from 'node:crypto';
import type { EventData, JSONEventType, JSONType } from '@kurrent/kurrentdb-client';
import { genesisHash } from '../integrity/hash-chain';
import { EventIdConflictError, MessageAlreadyHandledError, StreamDeletedError, WrongExpectedRevisionError } from '../port/errors';
import type { AppendOptions, AppendResult, ExpectedRevision, NewEvent } from '../port/event-store';
import { validateBatch } from './append-validation';
import { isNativelyDeleted, isWrongExpectedVersion, jsonEventData } from './client';
import { buildRecords, encodeEnvelope, prepareEvents, writeIdOf, type PendingRecord, type PreparedEvent } from './envelope';
import { validateHandledMessage } from './inbox';
import { isMessageHandled, recordHandled } from './inbox-markers';
import { toPortPosition } from './positions';
import { readHead, readNative } from './reads';
import { actualFromNative, actualRevision, exactStreamState, noStreamRevision, revisionMatches, toNativeRevision, validateExpectedRevision } from './revisions';
import { findStoredBatch } from './stored-batch';
import { pause, type KurrentDbStoreContext } from './store-context';
import { isStreamDeleted } from './stream-metadata';

function toEventData(record: PendingRecord, writeId: string): EventData<JSONEventType> {
  return jsonEventData({
    id: record.eventId,
    type: record.type,
    data: record.data as JSONType,
    metadata: encodeEnvelope(record, writeId),
  });
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
 *    the last `idempotencyWindow` events (stored-batch.ts).
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
export async function appendToStream(ctx: KurrentDbStoreContext, stream: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
  validateBatch(stream, events);
  validateExpectedRevision(options.expectedRevision);
  const prepared = prepareEvents(events);
  const handled = options.handledMessage;
  if (handled) {
    validateHandledMessage(handled);
    if (await isMessageHandled(ctx, handled)) throw new MessageAlreadyHandledError(handled);
  }
  const result = await appendExact(ctx, stream, prepared, options.expectedRevision);
  if (
    handled &&
    !(await recordHandled(ctx, handled, {
      stream,
      eventIds: prepared.map((e) => e.eventId),
      position: result.position,
    }))
  ) {
    throw new MessageAlreadyHandledError(handled);
  }
  return result;
}

async function appendExact(ctx: KurrentDbStoreContext, stream: string, prepared: readonly PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    const [head, deleted] = await Promise.all([readHead(ctx, stream), isStreamDeleted(ctx, stream)]);
    const retry = await findStoredBatch(ctx, stream, prepared, head, expected);
    if (retry) return retry;
    if (deleted) throw new StreamDeletedError(stream);
    if (!revisionMatches(expected, head.revision)) throw new WrongExpectedRevisionError(stream, expected, actualRevision(head.revision));
    const records = buildRecords(
      stream,
      prepared,
      head.revision + 1,
      head.revision === noStreamRevision ? genesisHash : head.hash,
      ctx.now().toISOString(),
      ctx.sourceSystem,
    );
    const writeId = randomUUID();
    let actual: number | 'no_stream';
    try {
      const written = await (
        await ctx.getClient()
      ).appendToStream(
        stream,
        records.map((record) => toEventData(record, writeId)),
        { streamState: exactStreamState(head.revision) },
      );
      if (written.success) return await confirmAppend(ctx, stream, prepared, records, writeId);
      actual = actualFromNative(written.nextExpectedRevision); // only when the client is set not to throw on conflicts
    } catch (error) {
      if (isNativelyDeleted(error)) throw new StreamDeletedError(stream);
      if (!isWrongExpectedVersion(error)) throw error;
      actual = actualFromNative(error.actualState);
    }
    // Another writer appended between our read and our write.
    if (attempt >= ctx.maxAppendAttempts) throw new WrongExpectedRevisionError(stream, expected, actual);
    if (expected === 'any' || expected === 'stream_exists') await pause(Math.random() * Math.min(50, 2 * attempt));
  }
}

/** Step 5 of appendToStream: the position of the last event, and whether KurrentDB really wrote the batch. */
async function confirmAppend(
  ctx: KurrentDbStoreContext,
  stream: string,
  prepared: readonly PreparedEvent[],
  records: readonly PendingRecord[],
  writeId: string,
): Promise<AppendResult> {
  const first = records[0] as PendingRecord;
  const last = records[records.length - 1] as PendingRecord;
  const [stored] = await readNative(ctx, stream, {
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
  const retry = await findStoredBatch(ctx, stream, prepared, { revision: last.revision, hash: '' }, first.revision - 1);
  if (!retry) throw new EventIdConflictError(stream, last.eventId);
  return retry;
}
