/**
 * Least privilege in PostgreSQL, end to end: the platform's schemas are migrated by their owner and
 * each service runs as its own login role (sa_svc_<service>, provisioned by deploy/local; grants in
 * libs/event-store least-privilege.ts). An application goes through intake, verification and
 * approval over Kafka and the auditor replays it across the services — every write and read under
 * the services' own roles — and then, as those roles, writing another service's events, changing a
 * stored event and the audit writing anything are refused by PostgreSQL (42501, permission denied).
 */
import { existsSync, readFileSync } from 'node:fs';
import { serviceDatabaseRole } from '@sa/event-store';
import { eventually, integrationEnv } from '@sa/testing';
import { Pool } from 'pg';
import { Api, type ActorSpec } from './harness/api';
import { application, household } from './harness/households';
import { type RunningPlatform, startPlatform } from './harness/platform';

const intakeWorker: ActorSpec = { userId: 'li.na', role: 'intake-worker', orgUnit: '331002001' };
const reviewer: ActorSpec = { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: '331002001' };
const auditor: ActorSpec = { userId: 'ma.jun', role: 'auditor', orgUnit: '331002' };

/** A pool logged in as the service's own role, with the password deploy/local generated. */
function poolAs(service: string): Pool {
  const file = process.env.SA_PG_CREDENTIALS_FILE;
  if (!file || !existsSync(file))
    throw new Error(`SA_PG_CREDENTIALS_FILE (${file ?? 'unset'}) names no file: the local PostgreSQL's service roles are not provisioned`);
  const role = serviceDatabaseRole(service);
  const url = new URL(integrationEnv().databaseUrl);
  url.username = role;
  url.password = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[role] ?? '';
  return new Pool({ connectionString: url.toString(), max: 1 });
}

const outcome = (pool: Pool, sql: string) =>
  pool.query(sql).then(
    () => 'allowed',
    (error: { code?: string }) => error.code,
  );

describe('each service runs as its own PostgreSQL role and writes only its own schema (five services and audit, real servers)', () => {
  let platform: RunningPlatform;
  const owner = new Pool({ connectionString: integrationEnv().databaseUrl, max: 1 });
  const schema = (service: string) => `"${platform.runId}_${service.replace(/-/g, '_')}"`;

  beforeAll(async () => {
    platform = await startPlatform();
  }, 240_000);
  afterAll(async () => {
    await platform?.stop();
    await owner.end();
  });

  it('carries an application through intake, verification, approval and the audit under the roles, and refuses every cross-schema write', async () => {
    // Given an application taken by intake
    const members = household([{ name: '王建国', relation: 'applicant', birthDate: '1978-04-12', workAbility: 'full', wageFen: 180_000 }]);
    const submitted = await new Api(platform.urls.intake as string, intakeWorker).post<{ applicationId: string }>(
      '/applications',
      application('dibao', '331002001001', members),
    );
    expect(submitted.status).toBe(201);
    const { applicationId } = submitted.body;
    // When verification checks it and approval opens its case (each appending as its own role)
    await eventually(
      async () =>
        expect((await new Api(platform.urls.approval as string, reviewer).get<{ status: string }>(`/cases/${applicationId}`)).body.status).toBe(
          'awaiting-review',
        ),
      90_000,
      250,
    );
    // Then the auditor, reading the other schemas as the audit's role, replays the case whole
    await eventually(async () => {
      const history = await new Api(platform.urls.audit as string, auditor).get<{ timeline: { source: string }[]; integrity: { ok: boolean } }>(
        `/cases/${applicationId}/history`,
      );
      expect(history.status).toBe(200);
      expect(history.body.integrity.ok).toBe(true);
      expect(new Set(history.body.timeline.map((e) => e.source))).toEqual(new Set(['intake', 'verification', 'approval']));
    }, 30_000);

    // And every database session of each service is its own role, none the owner
    const { rows } = await owner.query<{ application_name: string; usename: string }>(
      `select distinct application_name, usename from pg_stat_activity where application_name like $1`,
      [`${platform.runId}\\_%`],
    );
    expect(rows.map((r) => `${r.application_name} ${r.usename}`).sort()).toEqual(
      Object.keys(platform.urls)
        .map((service) => `${platform.runId}_${service.replace(/-/g, '_')} ${serviceDatabaseRole(service)}`)
        .sort(),
    );

    // And as intake's role: its own events can be neither changed nor removed, another service's neither written nor read
    const intake = poolAs('intake');
    const audit = poolAs('audit');
    try {
      expect(await outcome(intake, `select count(*) from ${schema('intake')}.events`)).toBe('allowed');
      expect(await outcome(intake, `update ${schema('intake')}.events set data = '{}'`)).toBe('42501');
      expect(await outcome(intake, `delete from ${schema('intake')}.events`)).toBe('42501');
      expect(await outcome(intake, `alter table ${schema('intake')}.events disable trigger events_immutable`)).toBe('42501');
      expect(await outcome(intake, `insert into ${schema('payments')}.events (stream_id) values ('entitlement-forged')`)).toBe('42501');
      expect(await outcome(intake, `select count(*) from ${schema('approval')}.events`)).toBe('42501');
      // And the audit's role reads every source and writes none
      expect(await outcome(audit, `select count(*) from ${schema('approval')}.events`)).toBe('allowed');
      expect(await outcome(audit, `insert into ${schema('approval')}.events (stream_id) values ('case-forged')`)).toBe('42501');
      expect(await outcome(audit, `update ${schema('verification')}.streams set revision = revision`)).toBe('42501');
    } finally {
      await intake.end();
      await audit.end();
    }
  }, 180_000);
});
