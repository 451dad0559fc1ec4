/**
 * One person, one live benefit (一人一保) at intake, against the real servers: a resident stays
 * reserved from the application until the benefit ends, and two concurrent applications naming
 * the same resident cannot both be taken. Approval's and payments' messages arrive on real Kafka.
 */
import { type RunningService, startService } from '@sa/platform';
import { eventually, serviceTestEnv } from '@sa/testing';
import { randomUUID } from 'node:crypto';
import { service } from '../service';
import { householdApplication, residentId, tokenFor, UpstreamEvents } from '../tests/intake-test-kit';

interface Conflict {
  code: string;
  field: string;
  member: { index: number; residentIdMasked: string };
  heldBy: { applicationId: string; stage: string };
  message: string;
}

const masked = (id: string) => `${id.slice(0, 6)}************`;

describe('intake: one person, one live benefit (real PostgreSQL, FerretDB, Kafka)', () => {
  let intake: RunningService;
  const topicPrefix = `${randomUUID().slice(0, 8)}.`;
  const upstream = new UpstreamEvents(topicPrefix);
  const submit = (members: string[], programme: 'dibao' | 'extreme-poverty' = 'dibao') =>
    fetch(`${intake.url}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor('intake-worker')}` },
      body: JSON.stringify(householdApplication(members, programme)),
    });
  const amend = (applicationId: string, members: string[]) =>
    fetch(`${intake.url}/applications/${applicationId}/amendments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor('intake-worker')}` },
      body: JSON.stringify({ changes: { members: householdApplication(members).household.members }, reason: '户籍核实后更正家庭成员' }),
    });
  const statusOf = async (applicationId: string) => {
    const res = await fetch(`${intake.url}/applications/${applicationId}`, { headers: { authorization: `Bearer ${tokenFor('intake-worker')}` } });
    return ((await res.json()) as { status: string }).status;
  };
  const submitted = async (members: string[]) => {
    const res = await submit(members);
    expect(res.status).toBe(201);
    return ((await res.json()) as { applicationId: string }).applicationId;
  };

  beforeAll(async () => {
    intake = await startService(service, serviceTestEnv('intake', { KAFKA_TOPIC_PREFIX: topicPrefix }));
  });
  afterAll(async () => {
    await upstream.close();
    await intake?.app.close();
  });

  it('refuses a resident with an active application, then on benefit, and accepts them once the benefit ends', async () => {
    // Given a household whose applicant has an active application
    const applicant = residentId();
    const first = await submitted([applicant, residentId()]);

    // When another household names the applicant
    const whileActive = await submit([residentId(), applicant]);

    // Then 409 names the member (masked) and the case holding them
    expect(whileActive.status).toBe(409);
    expect(await whileActive.json()).toMatchObject({
      code: 'RESIDENT_ALREADY_IN_ACTIVE_APPLICATION',
      field: 'household.members.1.residentId',
      member: { index: 1, residentIdMasked: masked(applicant) },
      heldBy: { applicationId: first, stage: 'application' },
    });

    // When the county approves the case and payments grants the entitlement
    await upstream.approve(first);
    await eventually(async () => expect(await statusOf(first)).toBe('closed'), 30_000, 200);
    await upstream.grant(first);

    // Then the resident is still held, now by a live benefit (the closed case does not free them)
    const onBenefit = await eventually(
      async () => {
        const res = await submit([applicant]);
        expect(res.status).toBe(409);
        const body = (await res.json()) as Conflict;
        expect(body).toMatchObject({ code: 'RESIDENT_ALREADY_ON_BENEFIT', heldBy: { applicationId: first, stage: 'benefit' } });
        return body;
      },
      30_000,
      200,
    );
    expect(onBenefit.message).toContain(masked(applicant));
    expect(onBenefit.message).toContain(first);
    expect(onBenefit.message).not.toContain(applicant);

    // When payments stops the entitlement (the applicant died; 死亡次月停发)
    await upstream.stopForDeath(first);

    // Then the household's residents are free: a new application naming them is taken
    await eventually(async () => expect((await submit([applicant])).status).toBe(201), 30_000, 200);
  });

  it('keeps an approved case’s residents until payments answers, across programmes, and frees them when payments refuses the case', async () => {
    const resident = residentId();
    const first = await submitted([resident]);
    await upstream.approve(first);
    await eventually(async () => expect(await statusOf(first)).toBe('closed'), 30_000, 200);

    // 低保 and 特困 exclude each other: the approved dibao case holds the resident for extreme-poverty support too
    const res = await submit([resident], 'extreme-poverty');
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ heldBy: { applicationId: first } });

    // When payments refuses the case (a member already draws a benefit under another case)
    await upstream.refuse(first, randomUUID());

    // Then the case's residents are no longer held by it
    await eventually(async () => expect((await submit([resident], 'extreme-poverty')).status).toBe(201), 30_000, 200);
  });

  it('takes exactly one of two concurrent applications naming the same resident', async () => {
    for (let round = 0; round < 5; round++) {
      // Given a resident nobody holds; when two case workers submit households naming them at the same moment
      const shared = residentId();
      const answers = await Promise.all([submit([residentId(), shared]), submit([shared, residentId()])]);

      // Then one is taken and the other refused, naming the taken one
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
      const taken = answers.find((r) => r.status === 201) as Response;
      const refused = answers.find((r) => r.status === 409) as Response;
      const { applicationId } = (await taken.json()) as { applicationId: string };
      expect(await refused.json()).toMatchObject({ heldBy: { applicationId }, member: { residentIdMasked: masked(shared) } });
    }
  });

  it('keeps an application’s residents held when the same application is submitted again', async () => {
    // Given an application taken under its own id
    const resident = residentId();
    const body = JSON.stringify({ ...householdApplication([resident, residentId()]), applicationId: randomUUID() });
    const post = () =>
      fetch(`${intake.url}/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor('intake-worker')}` },
        body,
      });
    const taken = await post();
    expect(taken.status).toBe(201);
    const { applicationId } = (await taken.json()) as { applicationId: string };

    // When a client sends it again (a retry after a lost answer), which is refused as already submitted
    expect((await post()).status).toBe(409);

    // Then its resident is still held by it: another household naming them is refused
    const other = await submit([resident, residentId()]);
    expect(other.status).toBe(409);
    expect(await other.json()).toMatchObject({ heldBy: { applicationId }, member: { residentIdMasked: masked(resident) } });
  });

  it('frees the residents an amendment takes out of a household, and keeps none for an amendment that is refused', async () => {
    // Given an application of two
    const [applicant, leaving, joining] = [residentId(), residentId(), residentId()];
    const applicationId = await submitted([applicant, leaving]);

    // When an amendment takes one member out
    expect((await amend(applicationId, [applicant])).status).toBe(200);
    // Then that member may be named in another application, and the one who stays may not
    expect((await submit([leaving])).status).toBe(201);
    expect((await submit([applicant])).status).toBe(409);

    // When the application is withdrawn and an amendment adding a member is then refused
    await fetch(`${intake.url}/applications/${applicationId}/withdrawal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenFor('intake-worker')}` },
      body: JSON.stringify({ reason: 'household moved away' }),
    });
    expect((await amend(applicationId, [applicant, joining])).status).toBeGreaterThanOrEqual(400);
    // Then the member it would have added is not left reserved
    expect((await submit([joining])).status).toBe(201);
  });
});
