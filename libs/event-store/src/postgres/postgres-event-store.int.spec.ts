import { createTestSchema, eventually, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { describeEventStoreConformance } from '../conformance/conformance-suite';
import { canonicalJson } from '../integrity/canonical-json';
import { hashWithDataJson, storedHashMatches } from '../integrity/hash-chain';
import type { NewEvent } from '../port/event-store';
import { appendInTransaction } from './append';
import { quoteIdent } from './migrations';
import { createPostgresEventStore, PostgresEventStore } from './postgres-event-store';
import type { PositionRange } from './reads';

const actor = { userId: 'u-1', role: 'investigator', orgUnit: '331002' };

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

  it('keeps each event’s data as the canonical text its hash covers, and reads the log in ranges with that text', async () => {
    // Given a fresh store and 30 events over three streams, data keys written out of order
    const ranged = await createTestSchema(integrationEnv().databaseUrl, 'es_ranges');
    const store = createPostgresEventStore({ pool: ranged.pool, schema: ranged.name, sourceSystem: 'test' });
    try {
      await store.migrate();
      for (let i = 0; i < 30; i++) {
        await store.appendToStream(`case-${i % 3}`, [{ type: 'Noted', data: { note: `第${i}次 "走访"`, amountFen: i, at: { z: 1, a: 2 } }, actor }], {
          expectedRevision: 'any',
        });
      }
      // (the global log is read up to the cluster-wide safe horizon: other test files' open transactions may hold it a moment)
      await eventually(async () => expect(await store.readAll({ maxCount: 100 })).toHaveLength(30));
      // When the log is split in up to four ranges of at least five events and each range is read
      const ranges = await store.splitLog(4, 5);
      const read = await Promise.all(ranges.map((range) => store.readStoredInRange(range, { maxCount: 100 })));
      // Then the ranges cover the log in order, once
      expect(ranges.length).toBeGreaterThan(1);
      expect(read.flat().map((e) => e.position)).toEqual((await store.readAll({ maxCount: 100 })).map((e) => e.position));
      // And the stored text is exactly the canonical JSON the hash covers
      for (const event of read.flat()) {
        expect(event.dataJson).toBe(canonicalJson(JSON.parse(event.dataJson)));
        expect(hashWithDataJson(event, event.dataJson)).toBe(event.hash);
      }
      // And a range read resumes from a position inside it
      const second = ranges[1] as PositionRange;
      const fromInside = await store.readStoredInRange(second, { fromPosition: (read[1]?.[2]?.position ?? 0) + 1, maxCount: 100 });
      expect(fromInside.map((e) => e.position)).toEqual(read[1]?.slice(3).map((e) => e.position));
    } finally {
      await ranged.drop();
    }
  });

  it('upgrades a store that kept data as jsonb: old events still verify, new ones are kept as text', async () => {
    // Given a store as migration 1 left it (data jsonb), with events written then
    const old = await createTestSchema(integrationEnv().databaseUrl, 'es_upgrade');
    const q = quoteIdent(old.name);
    const store = createPostgresEventStore({ pool: old.pool, schema: old.name, sourceSystem: 'test' });
    try {
      await store.migrate();
      await old.pool.query(`alter table ${q}.events alter column data type jsonb using data::jsonb; delete from ${q}.migrations where version = 2`);
      await store.appendToStream('case-old', [{ type: 'Noted', data: { note: '旧', amountFen: 100, payee: { name: '王', bank: '台州银行' } }, actor }], {
        expectedRevision: 'no_stream',
      });
      // When the store migrates again and a new event is appended
      expect(await store.migrate()).toEqual([2]);
      await store.appendToStream('case-old', [{ type: 'Noted', data: { note: '新', amountFen: 200 }, actor }], { expectedRevision: 0 });
      // Then the old event's data is jsonb's rendering, the new one's the canonical text
      const [before, after] = await store.readStoredInRange({ from: 1 }, { maxCount: 10 });
      expect(before?.dataJson).toBe('{"note": "旧", "payee": {"bank": "台州银行", "name": "王"}, "amountFen": 100}');
      expect(after?.dataJson).toBe('{"amountFen":200,"note":"新"}');
      // And both verify, as stored and through the stream's chain
      expect([before, after].map((e) => e && storedHashMatches(e))).toEqual([true, true]);
      expect(await store.verifyStream('case-old')).toMatchObject({ ok: true, events: 2 });
    } finally {
      await old.drop();
    }
  });
});
