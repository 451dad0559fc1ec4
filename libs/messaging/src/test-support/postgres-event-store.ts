/**
 * Opens the PostgreSQL event store (libs/event-store) in a schema of its own, migrated, for the
 * relay's integration tests and the end-to-end benchmark. The caller owns the pool.
 */
import { createPostgresEventStore, type PostgresEventStore } from '@sa/event-store';
import type { Pool } from 'pg';

export async function openPostgresEventStore(pool: Pool, schema: string): Promise<PostgresEventStore> {
  const store = createPostgresEventStore({ pool, schema, sourceSystem: 'messaging-test' });
  await store.migrate();
  return store;
}
