/**
 * Issue #10, item 5: what intake accepts is what it can publish and what every consumer accepts.
 * Names of astral characters (𠮷) at the limit are taken and published as typed; one character or
 * one fen over a contract's bound is refused at the request, naming the field; and an event whose
 * integration payload its contract would refuse is refused at the command (422), never stored for
 * the relay to stall on.
 */
import { randomUUID } from 'node:crypto';
import { applicationsTopicV1 } from '@sa/contracts';
import { checkCharacter } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, signDevToken, startService } from '@sa/platform';
import { integrationEnv, readTopicUntil, serviceTestEnv } from '@sa/testing';
import { service } from '../service';

const secret = 'test-secret-test-secret-test-secret-42';
const token = (userId = 'wang.fang') =>
  signDevToken({ userId, role: 'intake-worker', orgUnit: '331002' }, { secret, issuer: 'social-assistance', audience: 'social-assistance' });

function residentId(): string {
  const first17 = `33100219800${1 + Math.floor(Math.random() * 9)}${String(10 + Math.floor(Math.random() * 18))}${String(Math.floor(Math.random() * 900) + 100)}`;
  return first17 + checkCharacter(first17);
}

function application(name: string, monthlyFen = 180_000) {
  const id = residentId();
  return {
    applicationId: randomUUID(),
    programme: 'dibao',
    region: '331002001001',
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: {
      members: [
        {
          residentId: id,
          name,
          relation: 'applicant',
          birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
          disabilityGrade: null,
          seriousIllness: false,
          workAbility: 'full',
          declaredMonthlyIncomes: [{ kind: 'wage', monthlyFen }],
        },
      ],
      declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
      bankAccount: { bankName: '台州银行', accountHolder: name, accountNumber: '6222000011112222' },
    },
    consents: { economicCheck: true, charityReferral: true },
    nearRelative: { declared: false },
  };
}

describe('intake: one definition of a contract for the edge, the command and the consumers (real PostgreSQL, FerretDB, Kafka)', () => {
  let intake: RunningService;
  const topicPrefix = `${randomUUID().slice(0, 8)}.`;
  const post = (body: unknown, bearer = token()) =>
    fetch(`${intake.url}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    intake = await startService(service, serviceTestEnv('intake', { KAFKA_TOPIC_PREFIX: topicPrefix }));
  });
  afterAll(async () => {
    await intake?.app.close();
  });

  it('takes a name of 100 astral characters (𠮷, 200 UTF-16 units) and publishes it as typed', async () => {
    // given a household whose applicant and account holder are named with 100 × 𠮷, the contracts' limit in characters
    const body = application('𠮷'.repeat(100));
    // when intake takes it
    const res = await post(body);
    // then it is accepted and published with the name unchanged
    expect(res.status).toBe(201);
    const records = await readTopicUntil(integrationEnv().kafkaBrokers, `${topicPrefix}${applicationsTopicV1}`, (rs) =>
      rs.some((r) => r.key === body.applicationId),
    );
    const published = JSON.parse(records.find((r) => r.key === body.applicationId)?.value ?? '{}') as { household: typeof body.household };
    expect(published.household.members[0]?.name).toBe('𠮷'.repeat(100));
    expect(published.household.bankAccount.accountHolder).toBe('𠮷'.repeat(100));
  });

  it('refuses one character or one fen over a contract bound, naming the field and the rule', async () => {
    const long = await post(application('𠮷'.repeat(101)));
    expect(long.status).toBe(400);
    expect(((await long.json()) as { message: string }).message).toMatch(/household\.members\.0\.name: must be at most 100 characters/);

    const rich = await post(application('王芳', Number.MAX_SAFE_INTEGER));
    expect(rich.status).toBe(400);
    expect(((await rich.json()) as { message: string }).message).toMatch(
      /household\.members\.0\.declaredMonthlyIncomes\.0\.monthlyFen: must be at most 10000000 fen/,
    );
  });

  it('refuses at the command (422) an application whose published event its contract would refuse, and stores nothing', async () => {
    // given a caller whose user id is longer than the contract's actor.userId allows (100 characters)
    const body = application('王芳');
    const res = await post(body, token(`u${'x'.repeat(100)}`));
    // then the request is refused, naming the contract field, instead of being stored for the relay to stall on
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'EVENT_NOT_PUBLISHABLE', field: 'takenBy.userId' });
    const store = intake.app.get<EventStore>(EVENT_STORE);
    expect(await store.readStream(`application-${body.applicationId}`)).toEqual([]);
    // and the residents it named are free again: the same household is taken from a valid caller
    expect((await post({ ...body, applicationId: randomUUID() })).status).toBe(201);
  });
});
