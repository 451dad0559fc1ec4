import { caseRejectedV1, referralsTopicV1 } from '@sa/contracts';
import { chinaDate } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, startService } from '@sa/platform';
import { eventually, integrationEnv, readTopicUntil, serviceTestEnv } from '@sa/testing';
import { service } from '../service';
import { adminToken, Api, caseRejected, CaseDecisions, token, uniqueOrganisationId, uniqueVillage } from '../test-support';
import { referralIdFor } from './referral-ids';

interface Offered {
  items: { referralId: string; applicationId: string; organisationId: string; needs: string[]; deadline: string }[];
}

describe('charity referral API (real event store, read model and Kafka)', () => {
  let running: RunningService;
  let api: Api;
  let decisions: CaseDecisions;
  let topicPrefix: string;
  const { township, village } = uniqueVillage();
  // The village group is the better match (same needs, more local); the township federation is next.
  const villageGroup = uniqueOrganisationId('village');
  const townshipGroup = uniqueOrganisationId('township');
  const asOrganisation = (organisationId: string) => token('charity-organisation', organisationId, township);
  const caseWorker = () => token('county-approver', 'zhao.lei');

  const offeredTo = async (organisationId: string, applicationId: string, orgUnit = township) =>
    eventually(async () => {
      const { body } = await api.get<Offered>('/referrals?status=offered', token('charity-organisation', organisationId, orgUnit));
      const item = body.items.find((i) => i.applicationId === applicationId);
      expect(item).toBeDefined();
      return item as Offered['items'][number];
    }, 30_000);

  beforeAll(async () => {
    const env = serviceTestEnv('charity-referral', { ALLOW_CLOCK_CONTROL: 'true', REFERRAL_RESPONSE_WINDOW_HOURS: '72', SCHEDULER_INTERVAL_MS: '3600000' });
    topicPrefix = env.KAFKA_TOPIC_PREFIX ?? '';
    running = await startService(service, env);
    api = new Api(running.url);
    decisions = new CaseDecisions(topicPrefix);
    // Given two organisations registered for the household's village
    const registered = await Promise.all([
      api.post(
        '/organisations',
        { organisationId: villageGroup, name: '村爱心志愿服务队', serviceRegions: [village], needs: ['money', 'visits'] },
        adminToken(),
      ),
      api.post(
        '/organisations',
        { organisationId: townshipGroup, name: '街道慈善联合会', serviceRegions: [township], needs: ['money', 'goods', 'visits'] },
        adminToken(),
      ),
    ]);
    expect(registered.map((r) => r.status)).toEqual([201, 201]);
    await eventually(async () => expect((await api.get<{ items: unknown[] }>(`/organisations?region=${village}`, adminToken())).body.items).toHaveLength(2));
  });
  afterAll(async () => {
    await decisions?.close();
    await running?.app.close();
  });

  it('refers a rejected, consenting household to the better match, moves on after a decline, and follows the help to closure', async () => {
    // When approval rejects a case whose household consented to charity referral
    const rejected = caseRejected(village, true);
    await decisions.publish(caseRejectedV1, rejected);

    // Then the referral is offered to the better match, with default needs money + visits and a 72 h window
    const first = await offeredTo(villageGroup, rejected.applicationId);
    const { referralId } = first;
    expect(first.needs).toEqual(['money', 'visits']);
    const { body: clock } = await api.get<{ now: string }>('/admin/clock', caseWorker());
    expect(Date.parse(first.deadline) - Date.parse(clock.now)).toBeGreaterThan(71 * 3_600_000);
    // … and only that organisation may answer it
    expect(await api.post(`/referrals/${referralId}/acceptance`, {}, asOrganisation(townshipGroup))).toMatchObject({
      status: 409,
      body: { code: 'NOT_CURRENT_ORGANISATION' },
    });
    expect((await api.get(`/referrals/${referralId}`, asOrganisation(townshipGroup))).status).toBe(404);
    expect((await api.get(`/referrals/${referralId}`, asOrganisation(villageGroup))).body).toMatchObject({ status: 'offered', contact: { name: '陈秀兰' } });

    // When it declines, the referral is offered to the next match
    expect((await api.post(`/referrals/${referralId}/decline`, { reason: '' }, asOrganisation(villageGroup))).status).toBe(400);
    const declined = await api.post(`/referrals/${referralId}/decline`, { reason: '本季度志愿服务名额已满' }, asOrganisation(villageGroup));
    expect(declined).toMatchObject({ status: 200, body: { status: 'offered', organisationId: townshipGroup } });
    await offeredTo(townshipGroup, rejected.applicationId);

    // When that one accepts, records 50,000 fen of money and a service visit, and closes
    expect((await api.post(`/referrals/${referralId}/acceptance`, {}, asOrganisation(townshipGroup))).body).toMatchObject({
      status: 'accepted',
      organisationId: townshipGroup,
    });
    const fractional = await api.post(`/referrals/${referralId}/assistance`, { kind: 'money', amountFen: 500.5 }, asOrganisation(townshipGroup));
    expect(fractional.status).toBe(400);
    expect(fractional.body.message).toMatch(/amountFen: must be a whole number of fen/);
    expect(
      (await api.post(`/referrals/${referralId}/assistance`, { kind: 'money', amountFen: 50_000, description: '慰问金' }, asOrganisation(townshipGroup)))
        .status,
    ).toBe(201);
    const today = chinaDate(new Date(clock.now));
    expect(
      (await api.post(`/referrals/${referralId}/assistance`, { kind: 'service-visit', serviceKind: 'visits', date: today }, asOrganisation(townshipGroup)))
        .status,
    ).toBe(201);
    expect((await api.post(`/referrals/${referralId}/assistance`, { kind: 'money', amountFen: 100 }, asOrganisation(villageGroup))).body).toMatchObject({
      code: 'NOT_CURRENT_ORGANISATION',
    });
    const closed = await api.post(
      `/referrals/${referralId}/closure`,
      { summary: '已发放慰问金并上门探访，家庭基本生活已有保障' },
      asOrganisation(townshipGroup),
    );
    expect(closed).toMatchObject({
      status: 200,
      body: { status: 'closed', outcome: 'needs-met', totals: { moneyFen: 50_000, goodsValueFen: 0, goodsRecords: 0, serviceVisits: 1 } },
    });

    // Then case workers see the whole history, and every step was published on Kafka, in order, keyed by the referral
    const detail = await api.get<{ history: { type: string; actor: { userId: string } }[] }>(`/referrals/${referralId}`, caseWorker());
    expect(detail.body.history.map((e) => e.type)).toEqual([
      'ReferralOpened',
      'ReferralOffered',
      'ReferralDeclined',
      'ReferralOffered',
      'ReferralAccepted',
      'AssistanceRecorded',
      'AssistanceRecorded',
      'ReferralClosed',
    ]);
    expect(detail.body.history[2]?.actor.userId).toBe(villageGroup);
    const records = await readTopicUntil(
      integrationEnv().kafkaBrokers,
      `${topicPrefix}${referralsTopicV1}`,
      (rs) => rs.some((r) => r.key === referralId && r.headers.get('ce_type') === 'sa.charity.referral-closed'),
      60_000,
    );
    const mine = records.filter((r) => r.key === referralId);
    expect(mine.map((r) => r.headers.get('ce_type'))).toEqual([
      'sa.charity.referral-made',
      'sa.charity.referral-declined',
      'sa.charity.referral-made',
      'sa.charity.referral-accepted',
      'sa.charity.assistance-recorded',
      'sa.charity.assistance-recorded',
      'sa.charity.referral-closed',
    ]);
    const payloads = mine.map((r) => JSON.parse(r.value) as Record<string, unknown>);
    expect(payloads[0]).toMatchObject({
      organisationId: villageGroup,
      region: village,
      needs: ['money', 'visits'],
      contact: { name: '陈秀兰', phone: '0576-8888 1234' },
    });
    expect(payloads[2]).toMatchObject({ organisationId: townshipGroup, referredBy: { userId: 'charity-referral-service', role: 'county-system' } });
    expect(payloads[4]).toMatchObject({ kind: 'money', valueFen: 50_000 });
    expect(payloads[5]).toMatchObject({ kind: 'volunteer-service', providedOn: today });
    expect(payloads[6]).toMatchObject({ outcome: 'needs-met', closedBy: { userId: townshipGroup, role: 'charity-organisation' } });
  });

  it('opens no referral for a rejected household that did not consent', async () => {
    // When a case is rejected without charity-referral consent
    const rejected = caseRejected(village, false);
    const eventId = await decisions.publish(caseRejectedV1, rejected);

    // Then the message is handled (the inbox records it) and no referral exists for the case
    const store = running.app.get<EventStore>(EVENT_STORE);
    const handled = { consumer: 'charity-referral-case-decisions', messageId: `${topicPrefix}${caseRejectedV1.topic}:${eventId}` };
    await eventually(async () => expect(await store.isMessageHandled(handled)).toBe(true), 30_000);
    expect((await store.readStream(`referral-${referralIdFor(rejected.applicationId)}`)).length).toBe(0);
    expect((await api.get(`/referrals/${referralIdFor(rejected.applicationId)}`, caseWorker())).status).toBe(404);
    expect((await api.get<{ items: unknown[] }>(`/referrals?applicationId=${rejected.applicationId}`, caseWorker())).body.items).toEqual([]);
  });

  it('keeps a referral no organisation could take waiting, and offers it when a matching organisation registers', async () => {
    // Given a consenting household rejected in a village no registered organisation serves
    const elsewhere = uniqueVillage();
    const rejected = caseRejected(elsewhere.village, true);
    await decisions.publish(caseRejectedV1, rejected);
    const referralId = referralIdFor(rejected.applicationId);
    await eventually(async () => expect((await api.get(`/referrals/${referralId}`, caseWorker())).body).toMatchObject({ status: 'exhausted' }), 30_000);

    // When an organisation serving that village registers
    const newcomer = uniqueOrganisationId('newcomer');
    expect(
      (
        await api.post(
          '/organisations',
          { organisationId: newcomer, name: '新成立的社工服务中心', serviceRegions: [elsewhere.township], needs: ['visits'] },
          adminToken(),
        )
      ).status,
    ).toBe(201);

    // Then the waiting referral is offered to it
    const offered = await offeredTo(newcomer, rejected.applicationId, elsewhere.township);
    expect(offered.referralId).toBe(referralId);
    const detail = await api.get<{ history: { type: string; data: { trigger?: string } }[] }>(`/referrals/${referralId}`, caseWorker());
    expect(detail.body.history.at(-1)).toMatchObject({ type: 'ReferralOffered', data: { trigger: 'organisation-registered' } });
  });

  it('moves an offer left unanswered past the response window on to the next match (referral-offer-timeouts job)', async () => {
    // Given a referral offered to the village group
    const rejected = caseRejected(village, true);
    await decisions.publish(caseRejectedV1, rejected);
    const first = await offeredTo(villageGroup, rejected.applicationId);
    const runJob = () => api.post('/admin/jobs/referral-offer-timeouts/run', {}, adminToken());

    // When the job runs within the window, nothing moves
    expect((await runJob()).status).toBe(201);
    expect((await api.get(`/referrals/${first.referralId}`, caseWorker())).body).toMatchObject({ status: 'offered', organisationId: villageGroup });

    // When the service's clock passes the deadline and the job runs
    const movedTo = new Date(Date.parse(first.deadline) + 60 * 60_000).toISOString();
    expect((await api.put('/admin/clock', { now: movedTo }, token('platform-operator', 'ops.chen', '331002'))).status).toBe(200);
    // (run first by another county's administrator, whose run keeps to her county and leaves this offer alone)
    const elsewhereRun = await api.post('/admin/jobs/referral-offer-timeouts/run', {}, token('civil-affairs-admin', 'zhou.hy', '331003'));
    expect(elsewhereRun.body).toMatchObject({ region: '331003', result: { timedOut: 0 } });
    expect((await api.get(`/referrals/${first.referralId}`, caseWorker())).body).toMatchObject({ status: 'offered', organisationId: villageGroup });
    const run = (await runJob()).body as { job: string; result: { timedOut: number; movedOn: number } };
    expect(run.job).toBe('referral-offer-timeouts');
    expect(run.result.movedOn).toBeGreaterThanOrEqual(1);

    // Then it is offered to the next match with a fresh window, and the first may no longer answer
    const next = await offeredTo(townshipGroup, rejected.applicationId);
    expect(Date.parse(next.deadline) - Date.parse(movedTo)).toBeGreaterThanOrEqual(72 * 3_600_000);
    expect((await api.post(`/referrals/${first.referralId}/acceptance`, {}, asOrganisation(villageGroup))).status).toBe(409);
    const detail = await api.get<{ history: { type: string }[] }>(`/referrals/${first.referralId}`, caseWorker());
    expect(detail.body.history.map((e) => e.type)).toEqual(['ReferralOpened', 'ReferralOffered', 'ReferralOfferTimedOut', 'ReferralOffered']);
    // And running the job again changes nothing
    expect((await runJob()).body).toMatchObject({ result: { timedOut: 0 } });
  });
});
