import { createTestSchema, integrationEnv, type TestSchema } from '@sa/testing-infra';
import { PostgresRelayCheckpointStore } from './postgres-checkpoint-store';

describe('PostgresRelayCheckpointStore (real PostgreSQL)', () => {
  let schema: TestSchema;
  let store: PostgresRelayCheckpointStore;

  beforeAll(async () => {
    schema = await createTestSchema(integrationEnv().databaseUrl, 'relay');
    store = new PostgresRelayCheckpointStore(schema.pool, schema.name);
    await store.ensureTable();
    await store.ensureTable(); // idempotent
  });

  afterAll(async () => {
    await schema.drop();
  });

  it('has no checkpoint for a relay that never ran, then remembers the last one saved', async () => {
    expect(await store.load('intake-relay')).toBeUndefined();
    await store.save('intake-relay', 120);
    await store.save('intake-relay', 9_007_199_254_740_000);
    expect(await store.load('intake-relay')).toBe(9_007_199_254_740_000);
  });

  it('never moves a checkpoint backwards, so a late write of a stopped relay cannot undo progress', async () => {
    await store.save('payments-relay', 500);
    await store.save('payments-relay', 300);
    expect(await store.load('payments-relay')).toBe(500);
  });

  it('lets an operator reset a checkpoint, or remove it to republish everything', async () => {
    await store.save('approval-relay', 800);
    await store.reset('approval-relay', 100);
    expect(await store.load('approval-relay')).toBe(100);
    await store.reset('approval-relay', undefined);
    expect(await store.load('approval-relay')).toBeUndefined();
  });

  it('creates its table once when replicas of a service start together (no "relation already exists" at start-up)', async () => {
    // given a schema with no table yet, in another test schema
    const fresh = await createTestSchema(integrationEnv().databaseUrl, 'relay_race');
    try {
      // when six replicas create the table at the same moment, several times over
      for (let round = 0; round < 3; round++) {
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, () => new PostgresRelayCheckpointStore(fresh.pool, fresh.name).ensureTable({ createSchema: true })),
        );
        // then every one of them succeeds
        expect(outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason))).toEqual([]);
        await fresh.pool.query(`drop table "${fresh.name}".relay_checkpoints`);
      }
    } finally {
      await fresh.drop();
    }
  });

  it('refuses a schema name that is not a plain identifier, and a position that is not a safe integer', async () => {
    expect(() => new PostgresRelayCheckpointStore(schema.pool, 'x"; drop table y; --')).toThrow('must be a lower-case SQL identifier');
    await expect(store.save('intake-relay', -1)).rejects.toThrow('checkpoint position must be a non-negative safe integer, got -1');
  });
});
