/**
 * Transactions on a pooled connection, and idempotent DDL run by several replicas starting at once.
 * PostgreSQL's `if not exists` is not safe under concurrency: two sessions creating the same table
 * both pass the existence check and one fails on the catalogue's unique index
 * (`pg_type_typname_nsp_index`, "relation already exists"), which crashed the second replica of a
 * service at start-up. Such work runs in one transaction behind a transaction-scoped advisory lock
 * named after what it creates, so the second replica waits, then finds everything there.
 */
import type { Pool, PoolClient } from 'pg';

/** `work` in one transaction on one pooled connection: committed, or rolled back when it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** `work` in one transaction that holds the advisory lock named `lockName` (one at a time across the cluster). */
export function serialisedTransaction<T>(pool: Pool, lockName: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, async (client) => {
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`ddl:${lockName}`]);
    return work(client);
  });
}

export async function runSerialisedDdl(pool: Pool, lockName: string, statements: readonly string[]): Promise<void> {
  await serialisedTransaction(pool, lockName, async (client) => {
    for (const statement of statements) await client.query(statement);
  });
}
