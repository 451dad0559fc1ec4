/**
 * Stream metadata on PostgreSQL: the current value on the stream's row, every change also kept in
 * an append-only log beside it (an auditor sees who soft-deleted a stream and when).
 */
import type { Pool } from 'pg';
import type { StreamMetadata } from '../port/event-store';

export async function readStreamMetadata(pool: Pool, schema: string, stream: string): Promise<StreamMetadata> {
  const row = (await pool.query<{ metadata: StreamMetadata }>(`select metadata from ${schema}.streams where stream_id = $1`, [stream])).rows[0];
  return row?.metadata ?? {};
}

/** Changes a stream's metadata under a row lock, creating the stream's row when it has none yet. */
export async function writeStreamMetadata(
  pool: Pool,
  schema: string,
  stream: string,
  next: (current: StreamMetadata) => Promise<StreamMetadata>,
  deletedAt?: string,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`insert into ${schema}.streams (stream_id, revision, last_hash) values ($1, -1, $2) on conflict do nothing`, [stream, '0'.repeat(64)]);
    const current =
      (await client.query<{ metadata: StreamMetadata }>(`select metadata from ${schema}.streams where stream_id = $1 for update`, [stream])).rows[0]
        ?.metadata ?? {};
    const metadata = await next(current);
    await client.query(`update ${schema}.streams set metadata = $2, deleted_at = coalesce(deleted_at, $3) where stream_id = $1`, [
      stream,
      JSON.stringify(metadata),
      deletedAt ?? null,
    ]);
    await client.query(`insert into ${schema}.stream_metadata_log (stream_id, metadata) values ($1, $2)`, [stream, JSON.stringify(metadata)]);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
