/**
 * Issue #10, item 5: a 60-character name of 𠮷 passed intake and was dead-lettered by approval,
 * which counted UTF-16 units. An application as intake publishes it — validated by the producer's
 * contract, encoded as the relay does — with names of 𠮷 at the contract's limit of 100 characters
 * must open a case at approval, on the real Kafka, PostgreSQL and FerretDB.
 */
import { randomUUID } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import { applicationSubmittedV1, economicCheckCompletedV1, type IntegrationContract, parsePayload } from '@sa/contracts';
import { checkCharacter } from '@sa/domain-shared';
import { encodeCloudEvent, SerialProducer } from '@sa/messaging';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, signDevToken, startService } from '@sa/platform';
import { eventually, integrationEnv, serviceTestEnv, uniqueName } from '@sa/testing';
import { service } from '../service';
import { kafkaClientOptions } from '@sa/messaging';

const secret = 'test-secret-test-secret-test-secret-42';
const county = signDevToken(
  { userId: 'zhao.gang', role: 'county-approver', orgUnit: '331002' },
  { secret, issuer: 'social-assistance', audience: 'social-assistance' },
);

function residentId(birth: string): string {
  const first17 = `331002${birth.replace(/-/g, '')}${String(Math.floor(Math.random() * 900) + 100)}`;
  return first17 + checkCharacter(first17);
}

describe('approval: names of astral characters as intake publishes them (real Kafka, PostgreSQL, FerretDB)', () => {
  const brokers = integrationEnv().kafkaBrokers;
  const topicPrefix = `${uniqueName('approval-astral').replace(/_/g, '-')}.`;
  let approval: RunningService;
  let producer: SerialProducer;

  /** As intake's relay publishes: the producer's contract check, then the CloudEvent on this run's topic. */
  const publish = async <P>(contract: IntegrationContract<P>, payload: P) => {
    const produced = parsePayload(contract, payload);
    await producer.send([
      encodeCloudEvent(contract, produced, { id: randomUUID(), source: '/sa/intake', time: new Date().toISOString() }, `${topicPrefix}${contract.topic}`),
    ]);
  };

  beforeAll(async () => {
    approval = await startService(service, serviceTestEnv('approval', { KAFKA_TOPIC_PREFIX: topicPrefix }));
    producer = new SerialProducer(kafkaClientOptions(brokers, 'approval-astral-test'));
  });
  afterAll(async () => {
    await producer?.close();
    await approval?.app.close();
    const admin = new Admin(kafkaClientOptions(brokers, 'approval-astral-cleanup'));
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.close();
    }
  });

  it('opens the case of a household named with 100 × 𠮷 (200 UTF-16 units) and keeps the names as typed', async () => {
    // given an application whose applicant, second member and account holder have names of 𠮷 at the limit (60, 100, 100 characters)
    const applicationId = randomUUID();
    const births = ['1968-04-02', '1990-07-15'];
    const names = ['𠮷'.repeat(60), '𠮷'.repeat(100)];
    const members = births.map((birthDate, i) => ({
      memberId: randomUUID(),
      residentId: residentId(birthDate),
      name: names[i] as string,
      relation: i === 0 ? ('applicant' as const) : ('child' as const),
      birthDate,
      disabilityGrade: null,
      seriousIllness: false,
      workAbility: 'full' as const,
      declaredMonthlyIncomes: i === 1 ? [{ kind: 'wage' as const, monthlyFen: 180_000 }] : [],
    }));
    await publish(applicationSubmittedV1, {
      applicationId,
      programme: 'dibao',
      region: '331002001001',
      applicationLocation: 'hukou',
      channel: 'walk-in',
      household: {
        members,
        declaredAssets: { vehicles: 0, dwellings: 1, financialAssetsFen: 0, businessRegistrations: 0 },
        bankAccount: { bankName: '台州银行', accountHolder: '𠮷'.repeat(100), accountNumber: '6222000011112222' },
      },
      consents: { economicCheck: true, charityReferral: true },
      nearRelative: { declared: false },
      takenBy: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002' },
      submittedAt: new Date().toISOString(),
    });
    // and its economic check (standard 1,190.00; one wage of 1,800.00 less 30 % of the standard)
    await publish(economicCheckCompletedV1, {
      applicationId,
      checkId: randomUUID(),
      programme: 'dibao',
      region: '331002001001',
      assessedAt: new Date().toISOString(),
      policyId: 'taizhou-2025',
      standardFen: 119_000,
      householdSize: 2,
      countedMonthlyIncomeFen: 144_300,
      perCapitaMonthlyIncomeFen: 72_150,
      propertyTest: { passed: true, failures: [] },
      discrepancies: [],
      eligible: true,
      ineligibilityReasons: [],
      ruleTrace: [
        { item: 'wage', memberId: null, amountFen: 180_000, counted: true, rule: 'wage-counted', basis: 'wages are counted in full' },
        {
          item: 'employment-cost deduction',
          memberId: null,
          amountFen: -35_700,
          counted: true,
          rule: 'employment-cost-deduction',
          basis: '30% of the standard',
        },
      ],
      departmentFactsSeen: [],
    });

    // then approval opens the case (before the fix the application was dead-lettered: "members[0].name must be at most 100 characters")
    const caseOf = async () => {
      const res = await fetch(`${approval.url}/cases/${applicationId}`, { headers: { authorization: `Bearer ${county}` } });
      return (await res.json()) as { status?: string };
    };
    await eventually(async () => expect((await caseOf()).status).toBe('awaiting-review'), 30_000, 250);
    // and the case holds the names as they were typed
    const recorded = JSON.stringify((await approval.app.get<EventStore>(EVENT_STORE).readStream(`case-${applicationId}`)).map((e) => e.data));
    expect(recorded).toContain(`"${'𠮷'.repeat(100)}"`);
    expect(recorded).toContain(`"${'𠮷'.repeat(60)}"`);
  });
});
