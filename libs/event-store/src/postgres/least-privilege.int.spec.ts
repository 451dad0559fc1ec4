/**
 * Least privilege on the real PostgreSQL: a service's role appends and reads through the event
 * store, and cannot change a stored event by any route (UPDATE, DELETE, TRUNCATE, disabling the
 * append-only trigger); the audit's role only reads.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { integrationEnv, uniqueName } from '@sa/testing-infra';
import { createPostgresEventStore } from './postgres-event-store';
import { ensureLoginRole, grantAppendOnlyAccess, grantReadOnlyAccess, grantSchemaAccess } from './least-privilege';

const actor = { userId: 'li.na', role: 'intake-worker', orgUnit: '331002001' };

describe('database roles of a service and of the audit (real PostgreSQL)', () => {
  const owner = new Pool({ connectionString: integrationEnv().databaseUrl, max: 2 });
  const schema = uniqueName('es_least');
  const serviceRole = uniqueName('svc_intake');
  const auditRole = uniqueName('audit');
  const password = randomUUID();
  const as = (role: string) => {
    const url = new URL(integrationEnv().databaseUrl);
    url.username = role;
    url.password = password;
    return url.toString();
  };
  let servicePool: Pool;
  let auditPool: Pool;

  beforeAll(async () => {
    const migrated = createPostgresEventStore({ connectionString: integrationEnv().databaseUrl, schema, sourceSystem: 'intake', poolSize: 1 });
    await migrated.migrate();
    await migrated.close();
    for (const role of [serviceRole, auditRole]) await owner.query(`create role "${role}" login password '${password}'`);
    await grantAppendOnlyAccess(owner, schema, serviceRole);
    await grantReadOnlyAccess(owner, schema, auditRole);
    servicePool = new Pool({ connectionString: as(serviceRole), max: 1 });
    auditPool = new Pool({ connectionString: as(auditRole), max: 1 });
  });

  afterAll(async () => {
    await servicePool?.end();
    await auditPool?.end();
    await owner.query(`drop schema if exists "${schema}" cascade`);
    for (const role of [serviceRole, auditRole]) await owner.query(`drop role if exists "${role}"`);
    await owner.end();
  });

  const refusal = (pool: Pool, sql: string) =>
    pool.query(sql).then(
      () => 'allowed',
      (error: { code?: string }) => error.code,
    );

  it("lets the service's role append and read, and refuses every way of changing a stored event", async () => {
    // Given the event store opened with the service's own role
    const store = createPostgresEventStore({ connectionString: as(serviceRole), schema, sourceSystem: 'intake', poolSize: 1 });
    try {
      // When it appends and reads, Then it works
      const stream = `application-${randomUUID()}`;
      await store.appendToStream(
        stream,
        [{ eventId: randomUUID(), type: 'ApplicationSubmitted', data: { a: 1 }, actor, occurredAt: new Date().toISOString() }],
        {
          expectedRevision: 'no_stream',
        },
      );
      await store.appendToStream(stream, [{ eventId: randomUUID(), type: 'ApplicationAmended', data: { a: 2 }, actor, occurredAt: new Date().toISOString() }], {
        expectedRevision: 0,
      });
      expect((await store.readStream(stream)).map((e) => e.type)).toEqual(['ApplicationSubmitted', 'ApplicationAmended']);
    } finally {
      await store.close();
    }
    // But changing history is refused by privilege (42501), not only by the trigger
    const q = `"${schema}".events`;
    expect(await refusal(servicePool, `update ${q} set data = '{"a":3}'`)).toBe('42501');
    expect(await refusal(servicePool, `delete from ${q}`)).toBe('42501');
    expect(await refusal(servicePool, `truncate ${q}`)).toBe('42501');
    expect(await refusal(servicePool, `alter table ${q} disable trigger events_immutable`)).toBe('42501');
    expect(await refusal(servicePool, `drop trigger events_immutable on ${q}`)).toBe('42501');
    expect(await refusal(servicePool, `create table "${schema}".shadow (x int)`)).toBe('42501');
  });

  it('grants and creates roles idempotently when replicas migrate at the same moment', async () => {
    // Given a role nobody has created yet
    const fresh = uniqueName('svc_fresh');
    try {
      // When four replicas' migrations create it and grant the schema at once
      const created = await Promise.all([1, 2, 3, 4].map(() => ensureLoginRole(owner, fresh, password)));
      await Promise.all([1, 2, 3, 4].map(() => grantSchemaAccess(owner, schema, { serviceRole: fresh, readerRoles: [auditRole] })));
      // Then it was created once and every grant succeeded: the role appends and reads, nothing more
      expect(created.sort()).toEqual(['created', 'updated', 'updated', 'updated']);
      const pool = new Pool({ connectionString: as(fresh), max: 1 });
      try {
        expect(await refusal(pool, `select count(*) from "${schema}".events`)).toBe('allowed');
        expect(await refusal(pool, `delete from "${schema}".events`)).toBe('42501');
      } finally {
        await pool.end();
      }
      // And a role that does not exist is named, not silently skipped
      await expect(grantSchemaAccess(owner, schema, { serviceRole: `${fresh}_missing` })).rejects.toThrow(`${fresh}_missing do not exist`);
    } finally {
      await owner.query(`drop owned by "${fresh}"`);
      await owner.query(`drop role if exists "${fresh}"`);
    }
  });

  it("lets the audit's role read every table and write none", async () => {
    expect((await auditPool.query(`select count(*)::int as n from "${schema}".events`)).rows[0]).toEqual({ n: 2 });
    expect(await refusal(auditPool, `insert into "${schema}".streams (stream_id, revision, last_hash) values ('x', 0, 'h')`)).toBe('42501');
    expect(await refusal(auditPool, `update "${schema}".streams set revision = 9`)).toBe('42501');
  });
});
