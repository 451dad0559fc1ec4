import { createTestSchema, eventually, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { quoteIdent } from './migrations';
import { createPostgresEventStore } from './postgres-event-store';
import { readPageAfter } from './reads';

const actor = { userId: 'u-1', role: 'payments-officer', orgUnit: '331002' };
/** Ten events of about 1,000 bytes of data each. */
const big = Array.from({ length: 10 }, (_, i) => ({ type: 'Big', data: { i, filler: 'x'.repeat(990) }, actor }));

describe('subscription pages bounded by bytes (PostgreSQL)', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'es_pages');
    const store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test' });
    await store.migrate();
    await store.appendToStream('big-1', big, { expectedRevision: 'no_stream' });
  });
  afterAll(() => schema.drop());

  it('given events of 1,000 bytes, when a page may hold 2,500, then it ends after the event that passes them and says more follow', async () => {
    const q = quoteIdent(schema.name);
    await eventually(async () => expect((await readPageAfter(schema.pool, q, 0, 100, 10 ** 9)).events).toHaveLength(10));

    const page = await readPageAfter(schema.pool, q, 0, 100, 2500);

    expect(page.events.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2]);
    expect(page.full).toBe(true);
    expect((await readPageAfter(schema.pool, q, 0, 100, 10 ** 9)).full).toBe(false);
    expect((await readPageAfter(schema.pool, q, 0, 10, 10 ** 9)).full).toBe(true);
    expect((await readPageAfter(schema.pool, q, 0, 100, 1)).events).toHaveLength(1);
  });

  it('given pages cut by bytes, when a subscriber catches up, then it reads on at once and gets every event in order', async () => {
    // A poll of a minute: a page cut by bytes taken for "caught up" would wait it out.
    const store = createPostgresEventStore({
      pool: schema.pool,
      schema: schema.name,
      sourceSystem: 'test',
      subscriptionMaxBytes: 2500,
      subscriptionPollMs: 60_000,
    });
    const seen: number[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll({
      onEvent: async (e) => void seen.push((e.data as { i: number }).i),
      onCaughtUp: () => (caughtUp = true),
    });
    try {
      await eventually(async () => expect(caughtUp).toBe(true), 10_000);
      expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    } finally {
      await subscription.stop();
    }
  });
});
