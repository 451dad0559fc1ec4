/**
 * Idempotent DDL (`create … if not exists`) run by several replicas starting at once. PostgreSQL's
 * `if not exists` is not safe under concurrency: two sessions creating the same table both pass the
 * existence check and one fails on the catalogue's unique index (`pg_type_typname_nsp_index`,
 * "relation already exists"), which crashed the second replica of a service at start-up. The
 * statements run in one transaction behind a transaction-scoped advisory lock named after what they
 * create, so the second replica waits, then finds everything there.
 */
import type { Pool } from 'pg';

export async function runSerialisedDdl(pool: Pool, lockName: string, statements: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [`ddl:${lockName}`]);
    for (const statement of statements) await client.query(statement);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
