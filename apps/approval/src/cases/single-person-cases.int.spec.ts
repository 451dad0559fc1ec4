/**
 * 单人保 cases on the real servers: approval opens a member's own case from the household's check
 * over Kafka, gives it the household's later checks, and withdraws it with the household's
 * application. (The whole path to payment is the economic-check e2e journey 3.)
 */
import { randomUUID } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import { applicationSubmittedV1, applicationWithdrawnV1, economicCheckCompletedV1, type IntegrationContract } from '@sa/contracts';
import { encodeCloudEvent, kafkaClientOptions, SerialProducer } from '@sa/messaging';
import { type RunningService, signDevToken, startService } from '@sa/platform';
import { eventually, integrationEnv, serviceTestEnv, uniqueName } from '@sa/testing';
import { service } from '../service';
import { application, economicCheck } from '../test-support/case-inputs';

const secret = 'test-secret-test-secret-test-secret-42';
const reviewer = signDevToken(
  { userId: 'li.ming', role: 'township-reviewer', orgUnit: '331002001' },
  { secret, issuer: 'social-assistance', audience: 'social-assistance' },
);

interface CaseBody {
  status: string;
  singlePersonOf?: { householdApplicationId: string; memberId: string; ground: string };
  singlePersonCases?: { memberId: string; applicationId: string }[];
  check?: { checkId: string; eligible: boolean; householdSize: number; countedMonthlyIncomeFen: number; ineligibilityReasons: { code: string }[] };
  members?: { memberId: string }[];
}

describe('approval: 单人保 cases follow their household (real PostgreSQL, FerretDB, Kafka)', () => {
  const brokers = integrationEnv().kafkaBrokers;
  const topicPrefix = `${uniqueName('approval-single').replace(/_/g, '-')}.`;
  let approval: RunningService;
  let producer: SerialProducer;

  const get = async (path: string) => {
    const res = await fetch(`${approval.url}${path}`, { headers: { authorization: `Bearer ${reviewer}` } });
    return { status: res.status, body: (await res.json()) as CaseBody };
  };
  const produce = async <P>(contract: IntegrationContract<P>, payload: P) => {
    await producer.send([
      encodeCloudEvent(contract, payload, { id: randomUUID(), source: '/sa/test', time: new Date().toISOString() }, `${topicPrefix}${contract.topic}`),
    ]);
  };
  /** A marginal household's check covering one member alone, with her own figures. */
  const marginalCheck = (id: string, memberId: string, memberCountedIncomeFen: number) => ({
    ...economicCheck(id, false),
    countedMonthlyIncomeFen: 414_300,
    perCapitaMonthlyIncomeFen: 138_100,
    ruleTrace: [],
    propertyTest: { passed: true, failures: [] },
    ineligibilityReasons: [{ code: 'income-above-standard', message: '低保边缘家庭' }],
    singlePersonCoverage: [{ memberId, ground: 'severe-disability' as const, memberCountedIncomeFen, monthlyGapFen: 119_000 - memberCountedIncomeFen }],
  });

  beforeAll(async () => {
    approval = await startService(service, serviceTestEnv('approval', { KAFKA_TOPIC_PREFIX: topicPrefix }));
    producer = new SerialProducer(kafkaClientOptions(brokers, 'approval-single-test'));
  });
  afterAll(async () => {
    await producer?.close();
    await approval?.app.close();
    const admin = new Admin(kafkaClientOptions(brokers, 'approval-single-cleanup'));
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.close();
    }
  });

  it('opens the member’s own case from the household check, records the next check on it, and withdraws it with the application', async () => {
    // Given a household application and a check that covers its first member alone (no income of her own)
    const id = randomUUID();
    const household = application(id);
    const memberId = household.household.members[0]?.memberId as string;
    await produce(applicationSubmittedV1, household);
    await produce(economicCheckCompletedV1, marginalCheck(id, memberId, 0));

    // Then approval lists her case on the household's and opens it: her alone, as a household of one
    let caseId = '';
    await eventually(
      async () => {
        caseId = (await get(`/cases/${id}`)).body.singlePersonCases?.[0]?.applicationId ?? '';
        if (!caseId) throw new Error('the household case lists no single-person case yet');
        expect((await get(`/cases/${caseId}`)).status).toBe(200);
      },
      30_000,
      250,
    );
    expect((await get(`/cases/${caseId}`)).body).toMatchObject({
      status: 'awaiting-review',
      singlePersonOf: { householdApplicationId: id, memberId, ground: 'severe-disability' },
      members: [{ memberId }],
      check: { eligible: true, householdSize: 1, countedMonthlyIncomeFen: 0 },
    });

    // When a re-check finds her with 300.00 of her own income, then her case holds that check
    const recheck = marginalCheck(id, memberId, 30_000);
    await produce(economicCheckCompletedV1, recheck);
    await eventually(
      async () => expect((await get(`/cases/${caseId}`)).body.check).toMatchObject({ checkId: recheck.checkId, countedMonthlyIncomeFen: 30_000 }),
      30_000,
      250,
    );

    // When a later check no longer covers her, then her case holds an ineligible check (it cannot be approved on the old one)
    const notCovered = { ...economicCheck(id, false), checkId: randomUUID() };
    await produce(economicCheckCompletedV1, notCovered);
    await eventually(
      async () =>
        expect((await get(`/cases/${caseId}`)).body.check).toMatchObject({
          checkId: notCovered.checkId,
          eligible: false,
          ineligibilityReasons: [expect.objectContaining({ code: 'single-person-coverage-not-found' })],
        }),
      30_000,
      250,
    );

    // When the household's application is withdrawn, then her case is withdrawn with it
    await produce(applicationWithdrawnV1, {
      applicationId: id,
      reason: '家庭成员已就业',
      withdrawnBy: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002' },
      withdrawnAt: '2025-06-10T11:00:00+08:00',
    });
    await eventually(async () => expect((await get(`/cases/${caseId}`)).body.status).toBe('withdrawn'), 30_000, 250);
  });
});
