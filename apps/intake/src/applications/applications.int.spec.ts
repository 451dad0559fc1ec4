import { applicationsTopicV1 } from '@sa/contracts';
import { type RunningService, signDevToken, startService } from '@sa/platform';
import { eventually, integrationEnv, readTopicUntil, serviceTestEnv } from '@sa/testing';
import { checkCharacter } from '@sa/domain-shared';
import { randomUUID } from 'node:crypto';
import { service } from '../service';
import { householdApplication } from '../tests/intake-test-kit';

const secret = 'test-secret-test-secret-test-secret-42';
const token = (role: string, orgUnit = '331002', userId = 'wang.fang') =>
  signDevToken({ userId, role, orgUnit }, { secret, issuer: 'social-assistance', audience: 'social-assistance' });

/** A valid resident ID (GB 11643) born 1980-01-dd with a sequence unique to this run. */
function residentId(n: number): string {
  const first17 = `331002198001${String(1 + (n % 28)).padStart(2, '0')}${String(Math.floor(Math.random() * 900) + 100)}`;
  return first17 + checkCharacter(first17);
}

const application = (members: string[]) => householdApplication(members, 'dibao', { wageFen: 180_000, charityReferral: true });

describe('intake API (real PostgreSQL event store, FerretDB read model, Kafka)', () => {
  let intake: RunningService;
  const post = (path: string, body: unknown, bearer = token('intake-worker')) =>
    fetch(`${intake.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });
  const get = (path: string, bearer = token('intake-worker')) => fetch(`${intake.url}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

  // Topics of this run only: the service reads no other run's messages, and tests see only its own.
  const topicPrefix = `${randomUUID().slice(0, 8)}.`;

  beforeAll(async () => {
    intake = await startService(service, serviceTestEnv('intake', { KAFKA_TOPIC_PREFIX: topicPrefix }));
  });
  afterAll(async () => {
    await intake?.app.close();
  });

  it('takes an application, shows it, lists it in the read model and publishes it on Kafka', async () => {
    // Given a household of two
    const members = [residentId(1), residentId(2)];
    // When an intake worker submits it
    const res = await post('/applications', application(members));
    expect(res.status).toBe(201);
    const { applicationId } = (await res.json()) as { applicationId: string };

    // Then it is submitted, visible, listed with masked IDs, and published keyed by its id
    expect(((await (await get(`/applications/${applicationId}`)).json()) as { status: string }).status).toBe('submitted');
    await eventually(async () => {
      const list = (await (await get('/applications?status=submitted')).json()) as {
        items: { applicationId: string; members: { residentIdMasked: string }[] }[];
      };
      const mine = list.items.find((i) => i.applicationId === applicationId);
      expect(mine?.members.map((m) => m.residentIdMasked)).toEqual(members.map((m) => `${m.slice(0, 6)}************`));
    });
    const records = await readTopicUntil(integrationEnv().kafkaBrokers, `${topicPrefix}${applicationsTopicV1}`, (rs) =>
      rs.some((r) => r.key === applicationId),
    );
    const record = records.find((r) => r.key === applicationId);
    expect(record?.headers.get('ce_type')).toBe('sa.intake.application-submitted');
    expect(JSON.parse(record?.value ?? '{}')).toMatchObject({ applicationId, programme: 'dibao', takenBy: { userId: 'wang.fang', role: 'intake-worker' } });
  });

  it('refuses a second active application for a resident, naming the member, until the first is withdrawn', async () => {
    const shared = residentId(3);
    const first = (await (await post('/applications', application([shared]))).json()) as { applicationId: string };

    const second = await post('/applications', application([residentId(4), shared]));
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ code: 'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION', field: 'household.members.1.residentId' });

    expect((await post(`/applications/${first.applicationId}/withdrawal`, { reason: 'household found work' })).status).toBe(200);
    await eventually(async () => expect((await post('/applications', application([residentId(5), shared]))).status).toBe(201));
  });

  it('answers bad input with 400 naming the field and the rule, and loses nothing', async () => {
    const bad = application([residentId(6)]);
    bad.household.members[0]!.residentId = '33100219800101001X';
    const res = await post('/applications', bad);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/household\.members\.0\.residentId: .*check/);

    const noConsent = { ...application([residentId(7)]), consents: { economicCheck: false, charityReferral: false } };
    const refused = await post('/applications', noConsent);
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'ECONOMIC_CHECK_CONSENT_REQUIRED' });
    // The refused household's resident was not left reserved.
    expect((await post('/applications', application([noConsent.household.members[0]!.residentId]))).status).toBe(201);
  });

  it('keeps users to their jurisdiction and their role', async () => {
    expect((await post('/applications', application([residentId(8)]), token('intake-worker', '330102'))).status).toBe(403);
    expect((await post('/applications', application([residentId(9)]), token('auditor'))).status).toBe(403);
    expect((await get(`/applications/${randomUUID()}`)).status).toBe(404);
  });
});
