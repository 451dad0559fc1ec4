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
});
