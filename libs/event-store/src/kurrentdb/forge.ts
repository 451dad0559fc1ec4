/**
 * Tampering as it can happen on KurrentDB, for the conformance suite's integrity test. KurrentDB
 * events are immutable, so a database owner who wants to "change" event N has to append a forged
 * copy with the raw client. The copy has the new data and claims the original's hash, and it is
 * linked to the stream's current last event so that it passes the prevHash check. verifyStream
 * must report it as 'hash-mismatch' at the forged event's revision.
 *
 * A forger who also recomputes the hash is not caught by any unkeyed hash chain. Anchoring the
 * chain heads outside the database (README) covers that case.
 */
import type { JSONType } from '@kurrent/kurrentdb-client';
import { BACKWARDS, END, jsonEventData, readStreamEvents, type KurrentDbClientLike } from './client';
import { decodeEnvelope, isRecord } from './envelope';
import { toNativeRevision } from './revisions';

export async function appendForgedCopy(
  client: KurrentDbClientLike,
  stream: string,
  revision: number,
  data: unknown,
): Promise<{ readonly forgedRevision: number }> {
  const [original] = await readStreamEvents(client, stream, {
    fromRevision: toNativeRevision(revision),
    maxCount: 1,
  });
  const [last] = await readStreamEvents(client, stream, {
    direction: BACKWARDS,
    fromRevision: END,
    maxCount: 1,
  });
  if (!original || !last || !isRecord(original.metadata)) throw new Error(`stream ${stream} has no event ${revision} written through the event store`);
  const metadata = { ...original.metadata, prevHash: decodeEnvelope(last.metadata)?.hash ?? '' };
  await client.appendToStream(stream, jsonEventData({ type: original.type, data: data as JSONType, metadata }), { streamState: last.revision });
  return { forgedRevision: Number(last.revision) + 1 };
}
