/**
 * FerretDB on PostgreSQL must not wedge (issue #10): a write never holds its read's connection while
 * it asks the pool for another (ferretdb/release-reads.ts), and nothing waits for or holds a pooled
 * connection forever (ferretdb/bounds.ts). Each test runs on a FerretDB of its own, started from the
 * same patched binary as the local server, with a pool of 4 connections so a few requests exhaust it
 * (the shared server is never put at risk).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integrationEnv, uniqueName } from '@sa/testing-infra';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import { FerretDbComponent } from '../components/ferretdb';
import { loadInfraConfig, repoRoot } from '../config';
import { answeredWithinMs, freePort, withinMs } from './ferretdb-pool.support';

const poolSize = 4;
const acquireTimeoutMs = 1000;
const cursorIdleTimeoutMs = 5000;

/** A child process that opens cursors (one document read of each), says so, and waits to be killed. */
const cursorHolder = `
const { MongoClient } = require('mongodb');
(async () => {
  const client = await new MongoClient(process.env.URL).connect();
  const coll = client.db('pool').collection(process.env.COLL);
  const cursors = Array.from({ length: Number(process.env.CURSORS) }, () => coll.find({}, { batchSize: 1 }));
  await Promise.all(cursors.map((c) => c.next()));
  process.stdout.write('open\\n');
  setInterval(() => undefined, 1000);
})();
`;

describe('FerretDB on PostgreSQL under pool pressure', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'ferretdb-pool-'));
  const pgDatabase = uniqueName('ferretdb_pool');
  let ferretdb: FerretDbComponent;
  let url: string;
  const clients: MongoClient[] = [];

  const connect = async (options: { retryReads?: boolean } = {}): Promise<MongoClient> => {
    const client = await new MongoClient(url, { serverSelectionTimeoutMS: 5000, ...options }).connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const pgUrl = new URL(integrationEnv().databaseUrl);
    pgUrl.pathname = `/${pgDatabase}`;
    pgUrl.search = `?pool_max_conns=${poolSize}`;
    const { MONGODB_URL: _shared, ...env } = process.env;
    const cfg = loadInfraConfig({ ...env, SA_INFRA_DIR: stateDir, SA_FERRETDB_PORT: String(await freePort()), SA_FERRETDB_POSTGRESQL_URL: pgUrl.toString() });
    ferretdb = new FerretDbComponent(cfg);
    await ferretdb.install();
    // The bounds are read by the FerretDB process from its environment (see ferretdb/bounds.ts).
    process.env.SA_FERRETDB_ACQUIRE_TIMEOUT = `${acquireTimeoutMs}ms`;
    process.env.SA_FERRETDB_CURSOR_IDLE_TIMEOUT = `${cursorIdleTimeoutMs}ms`;
    try {
      await ferretdb.start();
    } finally {
      delete process.env.SA_FERRETDB_ACQUIRE_TIMEOUT;
      delete process.env.SA_FERRETDB_CURSOR_IDLE_TIMEOUT;
    }
    url = ferretdb.endpoint();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close(true).catch(() => undefined)));
    await ferretdb?.stop();
    const pg = new Client({ connectionString: integrationEnv().databaseUrl });
    await pg.connect();
    await pg.query(`drop database if exists ${pg.escapeIdentifier(pgDatabase)} with (force)`);
    await pg.end();
    rmSync(stateDir, { recursive: true, force: true });
  }, 60_000);

  /** 12 documents (three times the pool) in a fresh collection. */
  const seeded = async (client: MongoClient) => {
    const docs = client.db('pool').collection<{ _id: string; n: number }>(uniqueName('docs'));
    await docs.insertMany(Array.from({ length: 3 * poolSize }, (_, i) => ({ _id: `doc-${i}`, n: 0 })));
    return docs;
  };

  it('answers an update command with more matched statements than the pool has connections, and concurrent writes', async () => {
    // Given documents and a pool of 4 connections
    const client = await connect();
    const docs = await seeded(client);

    // When one bulkWrite updates 12 of them by _id (one `update` command of 12 statements, as the
    // audit case links send) and 12 single writes (4 of each kind) run at once
    const bulk = docs.bulkWrite(
      Array.from({ length: 3 * poolSize }, (_, i) => ({ updateOne: { filter: { _id: `doc-${i}` }, update: { $inc: { n: 1 } }, upsert: true } })),
      { ordered: false },
    );
    const result = await withinMs(bulk, 10_000, 'the 12-statement bulkWrite');
    // (each on documents of its own: FerretDB v1 does not serialise two writes of one document)
    const concurrent = Array.from({ length: poolSize }, (_, i) => [
      docs.updateOne({ _id: `doc-${i}` }, { $inc: { n: 1 } }),
      docs.findOneAndUpdate({ _id: `doc-${i + poolSize}` }, { $inc: { n: 1 } }),
      docs.findOneAndDelete({ _id: `doc-${i + 2 * poolSize}` }),
    ]).flat();
    await withinMs(Promise.all(concurrent), 10_000, 'the concurrent updates and findAndModify');

    // Then every write landed and the server still answers at once
    expect(result.modifiedCount).toBe(3 * poolSize);
    expect(await docs.countDocuments({ n: 2 })).toBe(2 * poolSize);
    expect(await docs.countDocuments()).toBe(2 * poolSize);
    await withinMs(client.db('pool').command({ ping: 1 }), 1000, 'a ping after the writes');
  }, 60_000);

  it('answers within a second after clients holding open cursors are killed, five times over', async () => {
    // Given documents, and a client process that opens as many cursors as the pool has connections
    const client = await connect();
    const docs = await seeded(client);
    for (let round = 1; round <= 5; round++) {
      const holder = spawn(process.execPath, ['-e', cursorHolder], {
        cwd: repoRoot,
        env: { ...process.env, URL: url, COLL: docs.collectionName, CURSORS: String(poolSize) },
      });
      await withinMs(new Promise((resolve) => holder.stdout.once('data', resolve)), 10_000, 'the cursor holder to open its cursors');

      // When it is killed (kill -9: no killCursors, no goodbye) while its cursors are open
      holder.kill('SIGKILL');

      // Then the server answers a query within a second
      await withinMs(docs.find({}).toArray(), 1000, `a query after kill ${round}`);
    }
  }, 120_000);

  it('fails a request with ExceededTimeLimit while forgotten cursors hold the pool, and closes them once idle', async () => {
    // Given a live client that opened as many cursors as the pool has connections and forgot them
    const holder = await connect();
    const docs = await seeded(holder);
    const forgotten = Array.from({ length: poolSize }, () => docs.find({}, { batchSize: 1 }));
    await Promise.all(forgotten.map((cursor) => cursor.next()));
    const other = (await connect({ retryReads: false })).db('pool').collection<{ _id: string; n: number }>(docs.collectionName);

    // When another client queries: it fails after the acquire timeout instead of waiting for ever
    const started = Date.now();
    await expect(other.findOne({ _id: 'doc-1' })).rejects.toMatchObject({ code: 262 });
    expect(Date.now() - started).toBeLessThan(cursorIdleTimeoutMs);

    // Then once the cursors have been idle for the idle timeout they are closed and the pool is free
    await answeredWithinMs(() => other.findOne({ _id: 'doc-1' }), cursorIdleTimeoutMs + 3000);
    // (each cursor checks its idleness every quarter of the timeout: the last may close a check later)
    await new Promise((resolve) => setTimeout(resolve, cursorIdleTimeoutMs / 4 + 500));
    for (const cursor of forgotten) await expect(cursor.next()).rejects.toMatchObject({ code: 43 }); // CursorNotFound
  }, 60_000);
});
