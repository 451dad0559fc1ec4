/**
 * Verification against the signed checkpoints: every checkpoint must carry a valid signature of the
 * checkpoint key and name its predecessor's digest, and every stream's event at its latest
 * checkpointed revision must still have the signed hash. A database owner who rewrote a stream
 * and recomputed its chain cannot make the old hash appear again, nor sign a new checkpoint.
 */
import type { KeyObject } from 'node:crypto';
import type { SourceStores } from '../sources/source-stores';
import type { SourcedBreak } from '../integrity/breaks';
import { checkpointDigest, checkpointSignatureValid, type CheckpointedHead, type SignedCheckpoint } from './signed-checkpoint';

const batch = 1000;

/** Checks the file's checkpoints, then each source against the latest signed head of each of its streams. */
export async function checkAgainstCheckpoints(
  sources: SourceStores,
  entries: readonly (SignedCheckpoint | string)[],
  publicKey: KeyObject,
): Promise<SourcedBreak[]> {
  const breaks: SourcedBreak[] = [];
  const lastDigest = new Map<string, string>();
  const heads = new Map<string, Map<string, CheckpointedHead>>();
  entries.forEach((entry, line) => {
    const invalid = (source: string) =>
      breaks.push({ source, stream: `checkpoint file line ${line + 1}`, revision: 0, eventId: null, reason: 'checkpoint-invalid' });
    if (typeof entry === 'string' || !checkpointSignatureValid(entry, publicKey)) {
      invalid(typeof entry === 'string' ? 'checkpoints' : String(entry.source));
      return;
    }
    // Chained per schema: one file may serve several deployments (or test runs) of the same services.
    if (entry.previous !== (lastDigest.get(entry.schema) ?? null)) invalid(entry.source);
    lastDigest.set(entry.schema, checkpointDigest(entry));
    const streams = heads.get(entry.schema) ?? new Map<string, CheckpointedHead>();
    for (const head of entry.heads) streams.set(head.stream, head);
    heads.set(entry.schema, streams);
  });
  for (const source of sources.all) {
    const signed = [...(heads.get(source.schema)?.values() ?? [])];
    for (let i = 0; i < signed.length; i += batch) breaks.push(...(await mismatches(source, signed.slice(i, i + batch))));
  }
  return breaks;
}

/** The signed heads whose event is gone or has another hash now (one query per thousand streams). */
async function mismatches(source: SourceStores['all'][number], signed: readonly CheckpointedHead[]): Promise<SourcedBreak[]> {
  const { rows } = await source.store.pool.query<{ stream_id: string; revision: string; event_id: string; hash: string }>(
    `select e.stream_id, e.revision, e.event_id, e.hash
       from unnest($1::text[], $2::bigint[]) as signed(stream_id, revision)
       join "${source.schema}".events e on e.stream_id = signed.stream_id and e.revision = signed.revision`,
    [signed.map((h) => h.stream), signed.map((h) => h.revision)],
  );
  const stored = new Map(rows.map((row) => [`${row.stream_id}\u0000${row.revision}`, row]));
  const found: SourcedBreak[] = [];
  for (const head of signed) {
    const row = stored.get(`${head.stream}\u0000${head.revision}`);
    if (row?.hash === head.hash) continue;
    found.push({ source: source.name, stream: head.stream, revision: head.revision, eventId: row?.event_id ?? null, reason: 'checkpoint-mismatch' });
  }
  return found;
}
