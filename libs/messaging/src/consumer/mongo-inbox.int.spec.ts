import { integrationEnv, uniqueName } from '@sa/testing-infra';
import { MongoClient, type Db } from 'mongodb';
import { MongoInbox } from './inbox';

describe('MongoInbox (real FerretDB)', () => {
  let client: MongoClient;
  let db: Db;

  beforeAll(async () => {
    client = await new MongoClient(integrationEnv().mongodbUrl).connect();
    db = client.db(uniqueName('inbox'));
  });

  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('records a handled message once per consumer, and reports it afterwards', async () => {
    const inbox = await MongoInbox.create(db);
    const message = { consumer: 'verification-read-model', messageId: 'county.public-security.resident-deaths.v1:gaj-1' };

    expect(await inbox.isHandled(message)).toBe(false);
    expect(await inbox.markHandled(message)).toBe(true);
    expect(await inbox.markHandled(message)).toBe(false); // the second instance to finish learns it was a repeat
    expect(await inbox.isHandled(message)).toBe(true);

    // Another consumer (another read model) keeps its own record of the same message
    expect(await inbox.isHandled({ ...message, consumer: 'audit-read-model' })).toBe(false);
  });

  it('lets only one of many concurrent instances record the same message', async () => {
    const inbox = await MongoInbox.create(db, 'concurrent_inbox');
    const message = { consumer: 'payments-read-model', messageId: 'sa.approval.cases.v1:e-1' };
    const results = await Promise.all(Array.from({ length: 8 }, () => inbox.markHandled(message)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
