/**
 * What the economic check's rules need, taken at intake (POST /applications) and published as
 * application-submitted v2: a student, a rigid expenditure, a supporter outside the household and
 * a support-waiver request; a declaration that breaks a rule is refused naming the field.
 */
import { randomUUID } from 'node:crypto';
import { applicationsTopicV1, applicationSubmittedV2, dataschemaOf } from '@sa/contracts';
import { checkCharacter } from '@sa/domain-shared';
import { type RunningService, signDevToken, startService } from '@sa/platform';
import { integrationEnv, readTopicUntil, serviceTestEnv } from '@sa/testing';
import { service } from '../service';

const secret = 'test-secret-test-secret-test-secret-42';
const bearer = signDevToken(
  { userId: 'li.na', role: 'intake-worker', orgUnit: '331002' },
  { secret, issuer: 'social-assistance', audience: 'social-assistance' },
);

function person(birth: string) {
  const first17 = `331002${birth.replace(/-/g, '')}${String(100 + Math.floor(Math.random() * 900))}`;
  return { residentId: first17 + checkCharacter(first17), birthDate: birth };
}

describe('intake: declarations for the economic check (real PostgreSQL, FerretDB, Kafka)', () => {
  let intake: RunningService;
  const topicPrefix = `${randomUUID().slice(0, 8)}.`;
  const post = (body: unknown) =>
    fetch(`${intake.url}/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify(body),
    });

  const mother = person('1966-03-08');
  const son = person('2008-09-01');
  const daughterElsewhere = person('1990-01-20');
  const body = (extra: Record<string, unknown>) => ({
    applicationId: randomUUID(),
    programme: 'dibao',
    region: '331002001001',
    applicationLocation: 'hukou',
    channel: 'walk-in',
    household: {
      members: [
        { ...mother, name: '陈芳', relation: 'applicant', disabilityGrade: null, seriousIllness: true, workAbility: 'partial', declaredMonthlyIncomes: [] },
        {
          ...son,
          name: '陈小军',
          relation: 'child',
          disabilityGrade: null,
          seriousIllness: false,
          workAbility: 'none',
          student: true,
          declaredMonthlyIncomes: [],
        },
      ],
      declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
      bankAccount: { bankName: '台州银行', accountHolder: '陈芳', accountNumber: '6222000011113333' },
      ...extra,
    },
    consents: { economicCheck: true, charityReferral: false },
    nearRelative: { declared: false },
  });
  const supporter = {
    name: '陈丽',
    residentId: daughterElsewhere.residentId,
    relation: 'child',
    supportsMemberResidentId: mother.residentId,
    monthlySupportFen: 50_000,
  };
  const bill = {
    memberResidentId: mother.residentId,
    kind: 'medical',
    monthlyFen: 80_000,
    fromMonth: '2026-03',
    months: 12,
    evidenceReference: '门诊费用清单 0301',
  };

  beforeAll(async () => {
    intake = await startService(service, serviceTestEnv('intake', { KAFKA_TOPIC_PREFIX: topicPrefix }));
  });
  afterAll(async () => {
    await intake?.app.close();
  });

  it('refuses a declaration that breaks a rule, naming the field and the rule, and takes nothing', async () => {
    const member = await post(body({ obligedSupporters: [{ ...supporter, residentId: son.residentId }] }));
    expect(member.status).toBe(422);
    expect(await member.json()).toMatchObject({ code: 'INVALID_SUPPORTER', field: 'household.obligedSupporters[0].residentId' });
    const stranger = await post(body({ rigidExpenditures: [{ ...bill, memberResidentId: daughterElsewhere.residentId }] }));
    expect(stranger.status).toBe(422);
    expect(await stranger.json()).toMatchObject({ code: 'UNKNOWN_HOUSEHOLD_MEMBER', field: 'household.rigidExpenditures[0].memberResidentId' });
    const noEvidence = await post(body({ rigidExpenditures: [{ ...bill, evidenceReference: '' }] }));
    expect(noEvidence.status).toBe(400);
  });

  it('takes a student, a rigid expenditure, a supporter and a waiver request, and publishes them as application-submitted v2', async () => {
    const application = body({ rigidExpenditures: [bill], obligedSupporters: [supporter], supportWaiverRequest: { reason: '母亲慢性病，支出大' } });
    const res = await post(application);
    expect(res.status).toBe(201);
    const records = await readTopicUntil(integrationEnv().kafkaBrokers, `${topicPrefix}${applicationsTopicV1}`, (rs) =>
      rs.some((r) => r.key === application.applicationId),
    );
    const record = records.find((r) => r.key === application.applicationId);
    expect(record?.headers.get('ce_dataschema')).toBe(dataschemaOf(applicationSubmittedV2));
    const published = applicationSubmittedV2.schema.parse(JSON.parse(record?.value ?? '{}'));
    expect(published.household.members[1]?.student).toBe(true);
    expect(published.household).toMatchObject({
      rigidExpenditures: [bill],
      obligedSupporters: [supporter],
      supportWaiverRequest: { reason: '母亲慢性病，支出大' },
    });
  });
});
