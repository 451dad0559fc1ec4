/**
 * The case index has one writer however many audit replicas run: the leader (a PostgreSQL advisory
 * lock, libs/platform leadership) follows the sources and writes; a follower writes nothing and
 * reports as indexed only what the leader's saved checkpoints say; when the leader stops, the
 * follower takes over from those checkpoints (real PostgreSQL and FerretDB).
 */
import { applicationKey } from '@sa/domain-audit';
import { type BaseConfig, connectMongo, createLogger, Leadership } from '@sa/platform';
import { eventually, integrationEnv, uniqueName } from '@sa/testing';
import type { Connection } from 'mongoose';
import { parseSourceSchemas } from '../sources/source-config';
import { SourceStores } from '../sources/source-stores';
import { Scenario } from '../test-support/scenarios';
import { createSourceSchemas, type SourceSchemas } from '../test-support/source-schemas';
import { CaseIndex } from './case-index';
import { CaseIndexer } from './case-indexer';

describe('audit case index: one writer among replicas (real PostgreSQL, FerretDB)', () => {
  let sources: SourceSchemas;
  let mongo: Connection;
  const stores: SourceStores[] = [];
  const config = { EVENT_STORE_URL: integrationEnv().databaseUrl, EVENT_STORE_SCHEMA: uniqueName('audit_leader'), SA_LEADER_POLL_MS: 200 } as BaseConfig;
  const logger = createLogger('case-indexer-test', 'silent');

  /** One audit replica's indexer: its own connections to the sources, its own leadership, the shared index. */
  const replica = async () => {
    const parsed = parseSourceSchemas(sources.env);
    if ('problems' in parsed) throw new Error(parsed.problems.join('; '));
    const sourceStores = SourceStores.open({ databaseUrl: integrationEnv().databaseUrl, sources: parsed.sources, poolSize: 2 });
    stores.push(sourceStores);
    const index = new CaseIndex(mongo);
    await index.onModuleInit();
    const leadership = new Leadership(config, logger, 'audit');
    const indexer = new CaseIndexer(sourceStores, index, logger, leadership);
    await indexer.onApplicationBootstrap();
    return { indexer, leadership };
  };

  beforeAll(async () => {
    const scenario = new Scenario();
    scenario.dibaoCase();
    sources = await createSourceSchemas(integrationEnv().databaseUrl);
    await sources.seed(scenario.drafts);
    mongo = await connectMongo(integrationEnv().mongodbUrl, uniqueName('audit_index_leader'));
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await mongo?.dropDatabase();
    await mongo?.close();
    await sources?.drop();
  });

  it('writes from the leader only; the follower reads its checkpoints and takes over when it stops', async () => {
    // Given a first replica, which leads and indexes every source
    const a = await replica();
    await eventually(() => expect(a.indexer.caughtUp).toBe(true), 30_000, 50);
    const index = new CaseIndex(mongo);
    await eventually(async () => expect(await index.checkpoint('approval')).toBeGreaterThan(0), 10_000, 50);
    // When a second replica starts
    const b = await replica();
    // Then it does not lead, and reports as indexed exactly what the leader saved
    await eventually(async () => expect(b.indexer.indexedThrough('approval')).toBe(await index.checkpoint('approval')), 10_000, 50);
    expect([a.leadership.isLeader, b.leadership.isLeader, b.indexer.caughtUp]).toEqual([true, false, false]);

    // When new events arrive and the leader stops
    const more = new Scenario();
    const later = more.dibaoCase();
    await sources.seed(more.drafts);
    await a.indexer.beforeApplicationShutdown();
    await a.leadership.beforeApplicationShutdown();
    // Then the second replica leads, indexes the new case from the saved checkpoints, and catches up
    await eventually(() => expect(b.leadership.isLeader).toBe(true), 5_000, 20);
    await eventually(() => expect(b.indexer.caughtUp).toBe(true), 30_000, 50);
    expect(await index.lookup([applicationKey(later.applicationId)])).not.toEqual([]);
    await b.indexer.beforeApplicationShutdown();
    await b.leadership.beforeApplicationShutdown();
  }, 90_000);
});
