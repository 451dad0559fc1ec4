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

  it('refuses a schema name that is not a plain identifier, and a position that is not a safe integer', async () => {
    expect(() => new PostgresRelayCheckpointStore(schema.pool, 'x"; drop table y; --')).toThrow('must be a lower-case SQL identifier');
    await expect(store.save('intake-relay', -1)).rejects.toThrow('checkpoint position must be a non-negative safe integer, got -1');
  });
});
