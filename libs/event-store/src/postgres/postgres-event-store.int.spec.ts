import { createTestSchema, eventually, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { describeEventStoreConformance } from '../conformance/conformance-suite';
import type { NewEvent } from '../port/event-store';
import { appendInTransaction } from './append';
import { quoteIdent } from './migrations';
import { createPostgresEventStore, PostgresEventStore } from './postgres-event-store';

describeEventStoreConformance('PostgreSQL', async () => {
  const { databaseUrl } = integrationEnv();
  const schema: TestSchema = await createTestSchema(databaseUrl, 'es_conformance');
  const open = () =>
    createPostgresEventStore({ connectionString: databaseUrl, schema: schema.name, sourceSystem: 'conformance', poolSize: 8, subscriptionPollMs: 200 });
  const store = open();
  await store.migrate();
  const others: PostgresEventStore[] = [];
  const q = quoteIdent(schema.name);
  return {
    store,
    async openAnother() {
      const other = open();
      others.push(other);
      return other;
    },
    async tamper(stream, revision, data) {
      // A database owner can switch the immutability trigger off; the hash chain still catches it.
      await schema.pool.query(`alter table ${q}.events disable trigger events_immutable`);
      await schema.pool.query(`update ${q}.events set data = $3 where stream_id = $1 and revision = $2`, [stream, revision, JSON.stringify(data)]);
      await schema.pool.query(`alter table ${q}.events enable trigger events_immutable`);
    },
    async holdOpenAppend(stream: string, event: NewEvent) {
      const client = await schema.pool.connect();
      await client.query('begin');
      await appendInTransaction(client, { schema: q, sourceSystem: 'conformance', now: () => new Date() }, stream, [event], {
        expectedRevision: 'no_stream',
      });
      return {
        async release(commit: boolean) {
          await client.query(commit ? 'commit' : 'rollback');
          client.release();
        },
      };
    },
    async cleanup() {
      await Promise.all(others.map((o) => o.close().catch(() => undefined)));
      await store.close();
      await schema.drop();
    },
  };
});

describe('PostgreSQL event store specifics', () => {
  let schema: TestSchema;
  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'es_specifics');
  });
  afterAll(() => schema.drop());

  it('refuses UPDATE and DELETE of stored events through normal use', async () => {
    const store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test' });
    await store.migrate();
    await store.appendToStream('case-1', [{ type: 'Opened', data: {}, actor: { userId: 'u', role: 'auditor', orgUnit: '331002' } }], {
      expectedRevision: 'no_stream',
    });
    await expect(schema.pool.query(`update "${schema.name}".events set data = '{}'`)).rejects.toThrow(/events are immutable/);
    await expect(schema.pool.query(`delete from "${schema.name}".events`)).rejects.toThrow(/events are immutable/);
  });

  it('migrates idempotently and opens read-only stores that refuse writes', async () => {
    const store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test' });
    expect(await store.migrate()).toEqual([]);
    const reader = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'audit', readOnly: true });
    await expect(
      reader.appendToStream('case-2', [{ type: 'X', data: {}, actor: { userId: 'u', role: 'auditor', orgUnit: '331002' } }], { expectedRevision: 'any' }),
    ).rejects.toThrow(/read-only/);
    expect((await reader.readStream('case-1')).map((e) => e.type)).toEqual(['Opened']);
  });

  it('reports delivery held back by an open transaction', async () => {
    const store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test' });
    const client = await schema.pool.connect();
    try {
      await client.query('begin');
      await client.query('select pg_current_xact_id()');
      await store.appendToStream('case-3', [{ type: 'Opened', data: {}, actor: { userId: 'u', role: 'auditor', orgUnit: '331002' } }], {
        expectedRevision: 'no_stream',
      });
      const health = await store.deliveryHealth();
      expect(health.heldBack).toBe(true);
      expect((await store.readStream('case-3')).length).toBe(1);
      expect((await store.readAll({ maxCount: 100 })).some((e) => e.stream === 'case-3')).toBe(false);
    } finally {
      await client.query('rollback');
      client.release();
    }
    // The horizon is cluster-wide: other writers (parallel test files) may hold it for a moment.
    await eventually(async () => {
      expect((await store.deliveryHealth()).heldBack).toBe(false);
      expect((await store.readAll({ maxCount: 100 })).some((e) => e.stream === 'case-3')).toBe(true);
    });
  });
});
