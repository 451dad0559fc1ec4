import { randomUUID } from 'node:crypto';
import { createPostgresEventStore, type RecordedEvent } from '@sa/event-store';
import { createTestSchema, eventually, integrationEnv, type TestSchema, uniqueName } from '@sa/testing-infra';
import type { Connection } from 'mongoose';
import { createLogger } from '../logging/logger';
import { connectMongo } from '../mongo/mongo';
import { Projection } from './projection';

describe('a read-model projection (real PostgreSQL event store, FerretDB)', () => {
  const env = integrationEnv();
  let schema: TestSchema;
  let mongo: Connection;

  beforeAll(async () => {
    schema = await createTestSchema(env.databaseUrl, 'projection');
    mongo = await connectMongo(env.mongodbUrl, uniqueName('projection'));
  });
  afterAll(async () => {
    await mongo?.dropDatabase().catch(() => undefined);
    await mongo?.close();
    await schema?.drop();
  });

  it('resumes after a failing handler from the last applied event, applying each event once', async () => {
    // Given two events, and a handler whose first attempt at the second one fails (a database blip)
    const store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test', subscriptionPollMs: 100 });
    await store.migrate();
    const actor = { userId: 'u', role: 'intake-worker', orgUnit: '331002001' };
    const stream = `application-${randomUUID()}`;
    await store.appendToStream(
      stream,
      [
        { type: 'A', data: {}, actor },
        { type: 'B', data: {}, actor },
      ],
      { expectedRevision: 'no_stream' },
    );
    const applied: string[] = [];
    let failedOnce = false;
    const apply = async (event: RecordedEvent) => {
      if (event.type === 'B' && !failedOnce) {
        failedOnce = true;
        throw new Error('read model briefly unavailable');
      }
      applied.push(event.type);
    };
    const projection = new Projection(
      { name: uniqueName('p'), filter: { streamPrefixes: ['application-'] }, apply, collections: [] },
      store,
      mongo,
      createLogger('test', 'fatal'),
    );

    // When the projection runs
    await projection.start();
    try {
      // Then it resumes on its own and ends with each event applied once, in order
      await eventually(() => expect(applied).toEqual(['A', 'B']), 10_000);
      expect(failedOnce).toBe(true);
    } finally {
      await projection.stop();
      await store.close();
    }
  });

  it('with applyBatch, applies events in batches in order and, after a failed batch, resumes from the last batch written', async () => {
    // Given 1,200 events on 600 streams, and a batch handler whose first attempt at a batch holding event 700 fails
    const store = createPostgresEventStore({ pool: schema.pool, schema: schema.name, sourceSystem: 'test', subscriptionPollMs: 100 });
    await store.migrate();
    const actor = { userId: 'u', role: 'intake-worker', orgUnit: '331002001' };
    const prefix = `batch-${randomUUID()}-`;
    for (let i = 0; i < 600; i++) {
      await store.appendToStream(
        `${prefix}${i}`,
        [
          { type: 'A', data: { n: 2 * i }, actor },
          { type: 'B', data: { n: 2 * i + 1 }, actor },
        ],
        { expectedRevision: 'no_stream' },
      );
    }
    const applied: number[] = [];
    const batchSizes: number[] = [];
    let failedOnce = false;
    const applyBatch = async (events: readonly RecordedEvent[]) => {
      const ns = events.map((e) => (e.data as { n: number }).n);
      if (ns.includes(700) && !failedOnce) {
        failedOnce = true;
        throw new Error('read model briefly unavailable');
      }
      batchSizes.push(events.length);
      applied.push(...ns);
    };
    const apply = () => Promise.reject(new Error('the batch path is used when applyBatch is given'));
    const projection = new Projection(
      { name: uniqueName('p'), filter: { streamPrefixes: [prefix] }, apply, applyBatch, collections: [] },
      store,
      mongo,
      createLogger('test', 'fatal'),
    );

    // When the projection runs
    await projection.start();
    try {
      // Then every event is applied exactly once, in order, mostly in batches of many events
      await eventually(() => expect(applied).toHaveLength(1200), 20_000);
      expect(applied).toEqual(Array.from({ length: 1200 }, (_, n) => n));
      expect(failedOnce).toBe(true);
      expect(batchSizes.length).toBeLessThan(20);
      expect(projection.position).toBeDefined();
    } finally {
      await projection.stop();
      await store.close();
    }
  });
});
