import { createTestSchema, eventually, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { createPostgresEventStore, type PostgresEventStore } from './postgres-event-store';

const actor = { userId: 'u-1', role: 'payments-officer', orgUnit: '331002' };
const event = (type: string, n: number) => ({ type, data: { n }, actor });

describe('appending to many streams in one statement (PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresEventStore;
  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'es_many');
    store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test' });
    await store.migrate();
    for (const s of ['a', 'b', 'c']) await store.appendToStream(`many-${s}`, [event('Opened', 0)], { expectedRevision: 'no_stream' });
  });
  afterAll(() => schema.drop());

  it('given three streams at revision 0, when one is expected at a stale revision and one does not exist, then only the others are written, chained and ordered', async () => {
    const results = await store.appendToStreams([
      { stream: 'many-a', events: [event('Paid', 1), event('Paid', 2)], expectedRevision: 0 },
      { stream: 'many-b', events: [event('Paid', 1)], expectedRevision: 3 },
      { stream: 'many-c', events: [event('Paid', 1)], expectedRevision: 0 },
      { stream: 'many-none', events: [event('Paid', 1)], expectedRevision: 0 },
    ]);

    expect(results.map((r) => r?.appended)).toEqual([2, undefined, 1, undefined]);
    expect(results[0]?.nextExpectedRevision).toBe(2);
    expect((await store.readStream('many-a')).map((e) => [e.revision, e.type])).toEqual([
      [0, 'Opened'],
      [1, 'Paid'],
      [2, 'Paid'],
    ]);
    expect(await store.readStream('many-b')).toHaveLength(1);
    expect(await store.readStream('many-none')).toEqual([]);
    for (const s of ['many-a', 'many-b', 'many-c']) expect(await store.verifyStream(s)).toMatchObject({ ok: true });
    // The global log is read up to the cluster-wide safe horizon, which other sessions' open transactions may hold a moment.
    const all = await eventually(async () => {
      const read = await store.readAll({ filter: { eventTypes: ['Paid'] } });
      expect(read).toHaveLength(3);
      return read;
    });
    expect(all.map((e) => [e.stream, (e.data as { n: number }).n])).toEqual([
      ['many-a', 1],
      ['many-a', 2],
      ['many-c', 1],
    ]);
    expect(all[2]?.position).toBe(results[2]?.position);
  });

  it('given a stream written since it was expected, when appended to with the old revision, then it is left as it was and the next single append builds on it', async () => {
    await store.appendToStream('many-b', [event('Paid', 9)], { expectedRevision: 0 });

    const [stale] = await store.appendToStreams([{ stream: 'many-b', events: [event('Paid', 10)], expectedRevision: 0 }]);

    expect(stale).toBeUndefined();
    await store.appendToStream('many-b', [event('Paid', 10)], { expectedRevision: 1 });
    expect((await store.readStream('many-b')).map((e) => (e.data as { n: number }).n)).toEqual([0, 9, 10]);
    expect(await store.verifyStream('many-b')).toMatchObject({ ok: true });
  });
});
