/**
 * A broken link in a source's history, as the audit reports it: which service, which stream, at
 * which revision, and why. `head-mismatch` means the stream's recorded head (revision and hash in
 * the store's streams table) is not its last stored event: events were removed from its end.
 */
import type { ChainBreak, PostgresEventStore, RecordedEvent } from '@sa/event-store';

/**
 * `checkpoint-mismatch`: the stream's event at a signed checkpoint's revision is not the one signed
 * (rewritten with recomputed hashes, or removed); `checkpoint-invalid`: a checkpoint whose
 * signature or chain of checkpoints does not hold (the checkpoint file was edited).
 */
export type BreakReason = ChainBreak['reason'] | 'head-mismatch' | 'checkpoint-mismatch' | 'checkpoint-invalid';

export interface SourcedBreak {
  readonly source: string;
  readonly stream: string;
  readonly revision: number;
  /** The event at the broken link; null when the event is missing. */
  readonly eventId: string | null;
  readonly reason: BreakReason;
}

export interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/** The head the store recorded for a stream when it last appended (undefined: no such stream). */
export async function recordedHead(store: PostgresEventStore, schema: string, stream: string): Promise<StreamHead | undefined> {
  const row = (
    await store.pool.query<{ revision: string; last_hash: string }>(`select revision, last_hash from "${schema}".streams where stream_id = $1`, [stream])
  ).rows[0];
  return row && Number(row.revision) >= 0 ? { revision: Number(row.revision), hash: row.last_hash } : undefined;
}

/** True when the last event found is not the recorded head (read the head first, then the events). */
export function headMissing(head: StreamHead | undefined, last: Pick<RecordedEvent, 'revision' | 'hash'> | undefined): boolean {
  if (!head) return false;
  return !last || last.revision < head.revision || (last.revision === head.revision && last.hash !== head.hash);
}
