/**
 * Payments' own check of one person, one live benefit (一人一保), against the real servers: an
 * approval naming a resident already covered by a live entitlement — a replay, a race, a case of
 * another region — grants nothing, and the refusal is recorded and published; the resident can be
 * covered again once the first entitlement stops, from the month it stops.
 */
import { casesTopicV1, entitlementsTopicV1 } from '@sa/contracts';
import { entitlementIdFor } from '@sa/domain-payments';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, startService } from '@sa/platform';
import { eventually, integrationEnv, readTopicUntil, serviceTestEnv } from '@sa/testing';
import { randomUUID } from 'node:crypto';
import { service } from '../service';
import { entitlementStream } from '../streams';
import { type ApprovedCase } from './approved-case';
import { approvedCase, CloudEventsProducer, deathOf, deleteTopics, officer, PaymentsApi, residentId, testTopicPrefix } from '../tests/payments-test-kit';

const member = (resident: string, name = '王秀英') => ({ memberId: randomUUID(), residentId: resident, name });

describe('payments: one person, one live benefit (real PostgreSQL, FerretDB, Kafka)', () => {
  let payments: RunningService;
  let api: PaymentsApi;
  let store: EventStore;
  const topicPrefix = testTopicPrefix();
  const kafka = new CloudEventsProducer(topicPrefix);

  const entitlementStatus = async (applicationId: string) => (await api.get(`/entitlements/${applicationId}`)).status;
  /** Publishes the approval and waits until payments has handled that very message. */
  const approveAndWait = async (approved: ApprovedCase) => {
    const id = await kafka.approve(approved);
    const handled = { consumer: 'payments-case-approvals', messageId: `${topicPrefix}${casesTopicV1}:${id}` };
    await eventually(async () => expect(await store.isMessageHandled(handled)).toBe(true), 90_000, 250);
  };
  const historyOf = async (applicationId: string) => (await store.readStream(entitlementStream(entitlementIdFor(applicationId)))).map((e) => e.type);

  beforeAll(async () => {
    payments = await startService(
      service,
      serviceTestEnv('payments', { ALLOW_CLOCK_CONTROL: 'true', SCHEDULER_INTERVAL_MS: '3600000', KAFKA_TOPIC_PREFIX: topicPrefix }),
    );
    api = new PaymentsApi(payments);
    store = payments.app.get<EventStore>(EVENT_STORE);
    await api.setClock('2025-02-20T10:30:00+08:00');
  });
  afterAll(async () => {
    await kafka.close();
    await payments?.app.close();
    await deleteTopics(topicPrefix);
  });

  it('refuses a second approval naming a resident on a live entitlement, records and publishes why, and stays refused on replay', async () => {
    // Given a household granted dibao from March
    const [shared, spouse, child, other] = [residentId(), residentId(), residentId(), residentId()];
    const first = approvedCase({
      confirmedAt: '2025-02-20T10:00:00+08:00',
      benefitStartMonth: '2025-03',
      members: [member(shared), member(spouse), member(child)],
    });
    await approveAndWait(first);
    expect(await entitlementStatus(first.applicationId)).toBe(200);

    // When another county's case naming the same resident is approved (another region of the deployment)
    const second = approvedCase({
      region: '331003001001',
      confirmedAt: '2025-03-20T10:00:00+08:00',
      benefitStartMonth: '2025-04',
      members: [member(other, '李强'), member(shared)],
    });
    await approveAndWait(second);

    // Then no second entitlement: the refusal is on the case's entitlement stream, names the member and the holding case, and is published
    expect((await api.get(`/entitlements/${second.applicationId}`)).status).toBe(403); // Jiaojiang's officer does not see Huangyan's case
    const refused = await api.get(`/entitlements/${second.applicationId}`, { ...officer, orgUnit: '331003' });
    expect(refused.status).toBe(404);
    const sharedMemberId = second.members[1]?.memberId;
    expect(await refused.json()).toMatchObject({
      code: 'ENTITLEMENT_REFUSED',
      refusal: { memberId: sharedMemberId, heldByApplicationId: first.applicationId },
    });
    expect(await historyOf(second.applicationId)).toEqual(['EntitlementRefused']);
    const announced = await readTopicUntil(integrationEnv().kafkaBrokers, `${topicPrefix}${entitlementsTopicV1}`, (rs) =>
      rs.some((r) => r.key === second.applicationId && r.headers.get('ce_type') === 'sa.payments.entitlement-refused'),
    );
    const published = announced.find((r) => r.key === second.applicationId)?.value ?? '{}';
    expect(JSON.parse(published)).toMatchObject({ memberId: sharedMemberId, heldByApplicationId: first.applicationId, reason: 'resident-already-on-benefit' });
    expect(published).not.toContain(shared);

    // And the refused case's other member was not left claimed: a case of their own is granted
    await approveAndWait(approvedCase({ confirmedAt: '2025-03-20T10:00:00+08:00', benefitStartMonth: '2025-04', members: [member(other, '李强')] }));

    // When the refused approval is replayed (a new message, as from the dead-letter topic)
    await approveAndWait(second);

    // Then still nothing is granted and nothing new is recorded
    expect(await historyOf(second.applicationId)).toEqual(['EntitlementRefused']);
    expect(await historyOf(first.applicationId)).toEqual(['EntitlementGranted']);
  }, 240_000);

  it('grants exactly one of two approvals naming the same resident that arrive at the same moment', async () => {
    for (let round = 0; round < 3; round++) {
      const shared = residentId();
      const cases = [0, 1].map(() =>
        approvedCase({ confirmedAt: '2025-02-20T10:00:00+08:00', benefitStartMonth: '2025-03', members: [member(residentId()), member(shared)] }),
      );
      await Promise.all(cases.map((c) => approveAndWait(c)));
      const histories = await Promise.all(cases.map((c) => historyOf(c.applicationId)));
      expect(histories.map((h) => h.join()).sort()).toEqual(['EntitlementGranted', 'EntitlementRefused']);
    }
  }, 240_000);

  it('covers the resident again once the first entitlement stops, from the month it stops and not before', async () => {
    // Given a household granted from March, whose other member dies on 10 May: the entitlement stops from June
    const [survivor, deceased] = [residentId(), residentId()];
    const first = approvedCase({ confirmedAt: '2025-02-20T10:00:00+08:00', benefitStartMonth: '2025-03', members: [member(survivor), member(deceased)] });
    await approveAndWait(first);
    await api.setClock('2025-05-20T10:30:00+08:00');
    await kafka.reportDeath(deathOf(deceased, '2025-05-10', '2025-05-19T10:00:00+08:00'));
    await eventually(async () => expect(await historyOf(first.applicationId)).toContain('EntitlementStopped'), 60_000, 250);

    // When the survivor's new case would be paid from May, a month the first still pays
    const overlapping = approvedCase({ confirmedAt: '2025-05-20T10:00:00+08:00', benefitStartMonth: '2025-05', members: [member(survivor)] });
    await approveAndWait(overlapping);
    // Then it is refused
    expect(await historyOf(overlapping.applicationId)).toEqual(['EntitlementRefused']);

    // When the new case starts in June, the first month the old one no longer pays
    const next = approvedCase({ confirmedAt: '2025-05-20T10:00:00+08:00', benefitStartMonth: '2025-06', members: [member(survivor)] });
    await approveAndWait(next);
    // Then it is granted
    expect(await historyOf(next.applicationId)).toEqual(['EntitlementGranted']);
    expect(await entitlementStatus(next.applicationId)).toBe(200);

    // And replaying the first case's approval now changes nothing: it was granted, and stays as it was
    const before = await historyOf(first.applicationId);
    await approveAndWait(first);
    expect(await historyOf(first.applicationId)).toEqual(before);
    expect(before).not.toContain('EntitlementRefused');
  }, 240_000);

  it('单人保: a member covered alone is never paid twice; a later approval of her whole household is refused naming her own case', async () => {
    // Given a grandmother of a marginal household granted dibao alone (单人保) from April
    const [grandmotherId, sonId] = [residentId(), residentId()];
    const grandmother = member(grandmotherId, '冯奶奶');
    const household = randomUUID();
    const single = approvedCase({
      confirmedAt: '2025-03-20T10:00:00+08:00',
      benefitStartMonth: '2025-04',
      members: [grandmother],
      countedMonthlyIncomeFen: 0,
      perCapitaMonthlyIncomeFen: 0,
      singlePersonCoverage: { householdApplicationId: household, memberId: grandmother.memberId, ground: 'severe-disability', monthlyGapFen: 119_000 },
    });
    await approveAndWait(single);
    expect(await (await api.get(`/entitlements/${single.applicationId}`)).json()).toMatchObject({ monthlyAmountFen: 119_000 });

    // When her household's own case is approved later (a new check found it dibao-eligible), naming her too
    const whole = approvedCase({
      applicationId: household,
      confirmedAt: '2025-05-20T10:00:00+08:00',
      benefitStartMonth: '2025-06',
      members: [member(sonId, '冯志强'), grandmother],
    });
    await approveAndWait(whole);

    // Then the household is refused, naming her single-person case: she is not covered (nor paid) twice
    expect(await historyOf(household)).toEqual(['EntitlementRefused']);
    expect(await (await api.get(`/entitlements/${household}`)).json()).toMatchObject({
      code: 'ENTITLEMENT_REFUSED',
      refusal: { memberId: grandmother.memberId, heldByApplicationId: single.applicationId },
    });
  }, 240_000);
});
