/**
 * Issue #10, item 4: the server ending the store's connections (what PostgreSQL does to every
 * backend when it stops: 57P01) must not end the process, and the store must serve again. The
 * store's own backends are terminated on the shared server, so no other test is disturbed.
 */
import { createTestSchema, eventually, integrationEnv, uniqueName, type TestSchema } from '@sa/testing-infra';
import type { RecordedEvent, Subscription } from '../port/event-store';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';

const actor = { userId: 'u-1', role: 'investigator', orgUnit: '331002' };
const event = (n: number) => ({ eventId: crypto.randomUUID(), type: 'NoteAdded', data: { n }, actor });

describe('PostgreSQL event store when the server ends its connections', () => {
  let schema: TestSchema;
  let appName: string;
  let store: PostgresEventStore;
  let writer: PostgresEventStore;
  const errors: string[] = [];
  let restored = 0;

  beforeAll(async () => {
    const { databaseUrl } = integrationEnv();
    schema = await createTestSchema(databaseUrl, 'es_conn_loss');
    appName = uniqueName('conn_loss');
    const url = new URL(databaseUrl);
    url.searchParams.set('application_name', appName);
    // Polling is slowed to a minute: only the LISTEN connection can deliver within the test's patience.
    store = createPostgresEventStore({
      connectionString: url.toString(),
      schema: schema.name,
      sourceSystem: 'conn-loss',
      subscriptionPollMs: 60_000,
      onConnectionError: (error, connection) => errors.push(`${connection}: ${error.message}`),
      onListenRestored: () => (restored += 1),
    });
    await store.migrate();
    writer = createPostgresEventStore({ connectionString: databaseUrl, schema: schema.name, sourceSystem: 'conn-loss-writer' });
  });

  afterAll(async () => {
    await store?.close();
    await writer?.close();
    await schema?.drop();
  });

  const terminateStoreBackends = async () =>
    (await schema.pool.query<{ n: string }>('select count(pg_terminate_backend(pid)) as n from pg_stat_activity where application_name = $1', [appName]))
      .rows[0]?.n;

  it('survives the termination of a connection checked out for a transaction, and appends again', async () => {
    // Given a transaction in flight on one of the store's pooled connections
    const client = await store.pool.connect();
    await client.query('begin');
    // When the server terminates every connection of the store
    expect(Number(await terminateStoreBackends())).toBeGreaterThanOrEqual(1);
    // Then the transaction's next statement fails (no 'error' event goes unhandled, so the process lives on) …
    await expect(eventually(async () => expect(errors.some((e) => e.startsWith('pool:'))).toBe(true), 5000)).resolves.toBeUndefined();
    await expect(client.query('select 1')).rejects.toThrow();
    client.release(true);
    // … and the store appends and reads again on fresh connections
    await store.appendToStream(`note-${uniqueName('a')}`, [event(1)], { expectedRevision: 'no_stream' });
  });

  // A notification sent before the LISTEN is in place is not delivered (polling covers that in service).
  const listening = async () =>
    eventually(async () => {
      const found = await schema.pool.query("select 1 from pg_stat_activity where application_name = $1 and query ilike 'listen%'", [appName]);
      expect(found.rowCount).toBe(1);
    }, 10_000);

  it('re-establishes its LISTEN connection, so a subscription is woken by another writer again', async () => {
    // Given a live subscription, woken by NOTIFY (polling is a minute away)
    // (a subscription ends on a failed read; its owner resumes it, as the relay and projections do)
    const seen: RecordedEvent[] = [];
    let subscription: Subscription | undefined;
    let stopped = false;
    const follow = () => {
      if (stopped) return;
      subscription = store.subscribeToAll({
        afterPosition: seen.at(-1)?.position ?? 0,
        onEvent: async (e) => {
          seen.push(e);
        },
        onError: () => {
          setTimeout(follow, 100);
        },
      });
    };
    follow();
    try {
      await listening();
      await writer.appendToStream(`note-${uniqueName('b')}`, [event(2)], { expectedRevision: 'no_stream' });
      await eventually(async () => expect(seen.map((e) => e.data)).toContainEqual({ n: 2 }), 10_000);
      // When the server terminates the store's connections, LISTEN included
      const restoredBefore = restored;
      await terminateStoreBackends();
      await eventually(async () => expect(restored).toBeGreaterThan(restoredBefore), 10_000);
      await listening();
      // Then an append by another process is delivered without waiting for the poll
      await writer.appendToStream(`note-${uniqueName('c')}`, [event(3)], { expectedRevision: 'no_stream' });
      await eventually(async () => expect(seen.map((e) => e.data)).toContainEqual({ n: 3 }), 10_000);
      expect(errors.some((e) => e.startsWith('listen:'))).toBe(true);
    } finally {
      stopped = true;
      await subscription?.stop();
    }
  });
});
