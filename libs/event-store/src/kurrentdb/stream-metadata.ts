/**
 * Stream metadata on KurrentDB, soft deletion included: one key (kurrentDbPortMetadataKey) of
 * KurrentDB's own stream metadata. The adapter never deletes or tombstones a stream and never sets
 * a retention ($maxAge, $maxCount, $tb): the events stay for the audit history.
 */
import type { AppendStreamState } from '@kurrent/kurrentdb-client';
import type { Actor, StreamMetadata } from '../port/event-store';
import { BACKWARDS, END, NO_STREAM, isWrongExpectedVersion, jsonEventData, metastreamOf, readStreamEvents } from './client';
import { isRecord, toJsonData } from './envelope';
import { pause, type KurrentDbStoreContext } from './store-context';

/** The key of KurrentDB's stream metadata under which the port's stream metadata lives. */
export const kurrentDbPortMetadataKey = 'eventStorePort';

function portMetadataOf(raw: Record<string, unknown>): StreamMetadata {
  const value = raw[kurrentDbPortMetadataKey];
  return isRecord(value) ? (value as StreamMetadata) : {};
}

export async function readPortMetadata(ctx: KurrentDbStoreContext, stream: string): Promise<StreamMetadata> {
  return portMetadataOf((await readNativeMetadata(ctx, stream)).raw);
}

export async function isStreamDeleted(ctx: KurrentDbStoreContext, stream: string): Promise<boolean> {
  return (await readPortMetadata(ctx, stream)).deleted !== undefined;
}

/** setStreamMetadata: replaces the port's metadata, keeping a soft deletion. */
export async function replacePortMetadata(ctx: KurrentDbStoreContext, stream: string, metadata: StreamMetadata): Promise<void> {
  if ('deleted' in metadata) throw new Error('use softDeleteStream to delete a stream');
  const value = toJsonData(metadata, 'stream metadata') as StreamMetadata;
  await writeMetadata(ctx, stream, (current) => ({
    ...value,
    ...(current.deleted ? { deleted: current.deleted } : {}),
  }));
}

/**
 * softDeleteStream: marks the stream deleted in its metadata (`deleted: { at, by, reason }`). The
 * events stay, and auditors read them with includeDeleted. The first deletion record is kept if
 * called again: KurrentDB keeps only the latest metadata, so overwriting would lose it.
 */
export async function markStreamDeleted(ctx: KurrentDbStoreContext, stream: string, by: Actor, reason: string): Promise<void> {
  if (!reason.trim()) throw new Error('a soft delete needs a reason');
  if (!by?.userId || !by.role || !by.orgUnit) throw new Error('a soft delete needs an actor with userId, role and orgUnit');
  const deleted = {
    at: ctx.now().toISOString(),
    by: { userId: by.userId, role: by.role, orgUnit: by.orgUnit },
    reason,
  };
  await writeMetadata(ctx, stream, (current) => (current.deleted ? undefined : { ...current, deleted }));
}

/** KurrentDB's metadata of a stream (all of it, system keys included) and the state to update it with. */
async function readNativeMetadata(ctx: KurrentDbStoreContext, stream: string): Promise<{ state: AppendStreamState; raw: Record<string, unknown> }> {
  const [last] = await readStreamEvents(await ctx.getClient(), metastreamOf(stream), {
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
async function writeMetadata(ctx: KurrentDbStoreContext, stream: string, next: (current: StreamMetadata) => StreamMetadata | undefined): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { state, raw } = await readNativeMetadata(ctx, stream);
    const updated = next(portMetadataOf(raw));
    if (updated === undefined) return;
    try {
      const written = await (
        await ctx.getClient()
      ).appendToStream(metastreamOf(stream), jsonEventData({ type: '$metadata', data: { ...raw, [kurrentDbPortMetadataKey]: updated } }), {
        streamState: state,
      });
      if (written.success) return;
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
    }
    if (attempt >= ctx.maxAppendAttempts) throw new Error(`stream ${stream}: its metadata kept changing concurrently; gave up after ${attempt} attempts`);
    await pause(Math.random() * Math.min(50, 2 * attempt));
  }
}
