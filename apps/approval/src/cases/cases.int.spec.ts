import { randomUUID } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import { applicationSubmittedV1, applicationWithdrawnV1, casesTopicV1, economicCheckCompletedV1, type IntegrationContract } from '@sa/contracts';
import { encodeCloudEvent, SerialProducer } from '@sa/messaging';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, signDevToken, startService } from '@sa/platform';
import { eventually, integrationEnv, readTopicUntil, serviceTestEnv, type TopicRecord, uniqueName } from '@sa/testing';
import { service } from '../service';
import { application, economicCheck } from '../test-support/case-inputs';
import { kafkaClientOptions } from '@sa/messaging';

const secret = 'test-secret-test-secret-test-secret-42';
const token = (userId: string, role: string, orgUnit: string) =>
  signDevToken({ userId, role, orgUnit }, { secret, issuer: 'social-assistance', audience: 'social-assistance' });

/** The people of one Taizhou county (椒江区 331002) and one of its townships. */
const people = {
  intake: token('wang.fang', 'intake-worker', '331002'),
  otherIntake: token('chen.jing', 'intake-worker', '331002'),
  /** The same person as intake, also holding the reviewer role in the township. */
  intakeAsReviewer: token('wang.fang', 'township-reviewer', '331002001'),
  reviewer: token('li.ming', 'township-reviewer', '331002001'),
  county: token('zhao.gang', 'county-approver', '331002'),
  otherCounty: token('qian.li', 'county-approver', '330102'),
  auditor: token('sun.wei', 'auditor', '331002'),
};

describe('approval API (real PostgreSQL event store, FerretDB read model, Kafka)', () => {
  const brokers = integrationEnv().kafkaBrokers;
  // Topics of this run only (KAFKA_TOPIC_PREFIX): the service reads no other run's messages.
  const topicPrefix = `${uniqueName('approval-test').replace(/_/g, '-')}.`;
  let approval: RunningService;
  let producer: SerialProducer;

  const call = async (method: string, path: string, bearer: string, body?: unknown) => {
    const res = await fetch(`${approval.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const post = (path: string, bearer: string, body: unknown = {}) => call('POST', path, bearer, body);
  const get = (path: string, bearer = people.county) => call('GET', path, bearer);
  const setClock = async (now: string) => {
    const res = await fetch(`${approval.url}/admin/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token('ops.chen', 'platform-operator', '331002')}` },
      body: JSON.stringify({ now }),
    });
    expect(res.status).toBe(200);
  };
  const produce = async <P>(contract: IntegrationContract<P>, payload: P) => {
    await producer.send([
      encodeCloudEvent(contract, payload, { id: randomUUID(), source: '/sa/test', time: new Date().toISOString() }, `${topicPrefix}${contract.topic}`),
    ]);
  };
  const caseStatus = async (id: string) => (await get(`/cases/${id}`)).body.status;
  const published = async (id: string, type: string): Promise<Record<string, unknown>> => {
    const matches = (r: TopicRecord) => r.key === id && r.headers.get('ce_type') === type;
    const records = await readTopicUntil(brokers, `${topicPrefix}${casesTopicV1}`, (rs) => rs.some(matches));
    return JSON.parse((records.find(matches) as TopicRecord).value) as Record<string, unknown>;
  };
  /** Opens a case from the two real Kafka messages, the economic check first. */
  const openCase = async (id: string, options: { eligible?: boolean; nearRelative?: boolean } = {}) => {
    await produce(economicCheckCompletedV1, economicCheck(id, options.eligible ?? true));
    // The check is in (waiting for its application) before the application is even sent.
    const store = approval.app.get<EventStore>(EVENT_STORE);
    await eventually(async () => expect((await store.readStream(`case-${id}`)).map((e) => e.type)).toEqual(['EconomicCheckRecorded']), 30_000, 250);
    await produce(applicationSubmittedV1, application(id, options.nearRelative));
    await eventually(async () => expect(await caseStatus(id)).toBe('awaiting-review'), 30_000, 250);
  };

  beforeAll(async () => {
    approval = await startService(service, serviceTestEnv('approval', { ALLOW_CLOCK_CONTROL: 'true', KAFKA_TOPIC_PREFIX: topicPrefix }));
    producer = new SerialProducer(kafkaClientOptions(brokers, 'approval-test'));
  });
  afterAll(async () => {
    await producer?.close();
    await approval?.app.close();
    // This run's topics go with it.
    const admin = new Admin(kafkaClientOptions(brokers, 'approval-test-cleanup'));
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.close();
    }
  });

  it('opens a case from Kafka (check first), reviews, notices, confirms only after the notice and publishes case-approved', async () => {
    // Given an economic check, then the application it belongs to, arriving on their own topics
    await setClock('2025-06-25T10:00:00+08:00');
    const id = randomUUID();
    await openCase(id);

    // When the intake worker who took it tries to review it, wearing the reviewer role
    const own = await post(`/cases/${id}/review`, people.intakeAsReviewer, { recommendation: 'approve', reasons: [] });
    // Then segregation of duties refuses (403 with the reason: who may act), as it does in the intake role
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'SEGREGATION_OF_DUTIES', field: 'reviewedBy.userId' });
    expect((await post(`/cases/${id}/review`, people.intake, { recommendation: 'approve' })).body).toMatchObject({ code: 'SEGREGATION_OF_DUTIES' });
    // While another intake worker simply lacks the role
    expect(await post(`/cases/${id}/review`, people.otherIntake, { recommendation: 'approve' })).toMatchObject({
      status: 403,
      body: { code: 'ROLE_NOT_ALLOWED' },
    });

    // When another township reviewer recommends approval and posts the notice (7 days by the Taizhou policy)
    const reasons = [{ code: 'income-below-standard', message: '家庭月人均收入低于当地低保标准' }];
    expect(await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve', reasons })).toMatchObject({
      status: 200,
      body: { status: 'reviewed' },
    });
    expect(await post(`/cases/${id}/public-notice`, people.reviewer)).toMatchObject({ status: 200, body: { status: 'on-notice' } });
    const onNotice = (await get(`/cases/${id}`)).body;
    expect(onNotice).toMatchObject({ notice: { startsOn: '2025-06-25', endsOn: '2025-07-01', noticeDays: 7 }, noticeEnded: false });

    // And an objection lodged during the notice is dismissed
    const objection = await post(`/cases/${id}/objections`, people.intake, { summary: '反映该户有一辆未申报的小型货车' });
    expect(objection.status).toBe(201);
    const resolved = await post(`/cases/${id}/objections/${String(objection.body.objectionId)}/resolution`, people.reviewer, {
      sustained: false,
      note: '经公安车辆登记核查，该车辆已于2023年注销',
    });
    expect(resolved.status).toBe(200);

    // Then the county may not confirm on the last day of the notice
    await setClock('2025-07-01T17:00:00+08:00');
    const early = await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: true });
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'NOTICE_PERIOD_NOT_ENDED' });
    // And the intake worker who took it may never confirm it
    expect((await post(`/cases/${id}/confirmation`, people.intake, { stillInHardship: true })).body).toMatchObject({ code: 'SEGREGATION_OF_DUTIES' });

    // But may from the day after: benefits start the month after confirmation
    await setClock('2025-07-02T09:30:00+08:00');
    expect(await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: true })).toMatchObject({ status: 200, body: { status: 'approved' } });

    const approved = await published(id, 'sa.approval.case-approved');
    expect(approved).toMatchObject({
      applicationId: id,
      programme: 'dibao',
      region: '331002001001',
      confirmedBy: { userId: 'zhao.gang', role: 'county-approver', orgUnit: '331002' },
      confirmationLevel: 'county',
      benefitStartMonth: '2025-08',
      householdSize: 3,
      perCapitaMonthlyIncomeFen: 48_100,
      countedMonthlyIncomeFen: 144_300,
      policyId: 'taizhou-2025',
      bankAccount: { bankName: '台州银行', accountHolder: '王秀英', accountNumber: '6222000011112222' },
      stillInHardship: true,
      consents: { economicCheck: true, charityReferral: true },
    });
    expect((approved.members as unknown[]).length).toBe(3);
    expect(await published(id, 'sa.approval.township-review-completed')).toMatchObject({
      recommendation: 'approve',
      reasons,
      reviewedBy: { userId: 'li.ming' },
    });
    expect(await published(id, 'sa.approval.public-notice-posted')).toMatchObject({ startsOn: '2025-06-25', endsOn: '2025-07-01', published: true });
    expect(await published(id, 'sa.approval.objection-resolved')).toMatchObject({ objectionId: objection.body.objectionId, outcome: 'dismissed' });

    // And the read model lists it among the county's approved cases, resident IDs masked
    await eventually(async () => {
      const list = await get('/cases?status=approved&region=331002001');
      const mine = (list.body.items as { applicationId: string; members: { residentIdMasked: string }[] }[]).find((c) => c.applicationId === id);
      expect(mine?.members.every((m) => /^\d{6}\*{12}$/.test(m.residentIdMasked))).toBe(true);
    });
  });

  it('sends the case back for a sustained objection (公示异议成立), publishing it, and goes on only with a new check, review and notice', async () => {
    // Given a reviewed case on public notice from 10 July
    await setClock('2025-07-10T10:00:00+08:00');
    const id = randomUUID();
    await openCase(id);
    const firstCheck = (await get(`/cases/${id}`)).body.check as { checkId: string };
    expect((await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve' })).status).toBe(200);
    expect(await post(`/cases/${id}/public-notice`, people.reviewer)).toMatchObject({ status: 200, body: { status: 'on-notice' } });

    // When an objection is lodged and the township sustains it
    const objection = await post(`/cases/${id}/objections`, people.intake, { summary: '反映该户有一辆未申报的小型货车' });
    const objectionId = String(objection.body.objectionId);
    const note = '经核实，申请人名下确有一辆未申报的小型货车';
    const sustained = await post(`/cases/${id}/objections/${objectionId}/resolution`, people.reviewer, { sustained: true, note });

    // Then the case waits for re-investigation, and approval says so on its topic for verification to act on
    expect(sustained).toMatchObject({ status: 200, body: { status: 'reinvestigation' } });
    expect(await published(id, 'sa.approval.case-sent-back-for-reinvestigation')).toEqual({
      applicationId: id,
      region: '331002001001',
      objectionId,
      reason: note,
      sentBackBy: { userId: 'li.ming', role: 'township-reviewer', orgUnit: '331002001' },
      sentBackAt: expect.any(String),
    });
    // And nothing goes on without a new check: no review, no confirmation
    expect((await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve' })).body).toMatchObject({ code: 'REINVESTIGATION_REQUIRED' });
    await setClock('2025-07-17T10:00:00+08:00');
    expect((await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: false })).body).toMatchObject({ code: 'REINVESTIGATION_REQUIRED' });

    // When verification's new check (a new checkId) arrives
    const recheck = economicCheck(id);
    await produce(economicCheckCompletedV1, recheck);

    // Then the case is back to awaiting review, on the new check
    await eventually(async () => expect(await caseStatus(id)).toBe('awaiting-review'), 30_000, 250);
    expect(recheck.checkId).not.toBe(firstCheck.checkId);
    expect((await get(`/cases/${id}`)).body).toMatchObject({
      check: { checkId: recheck.checkId },
      objections: { [objectionId]: { status: 'sustained', explanation: note } },
    });

    // And a new review and a new notice (17 to 23 July) are needed before the county confirms
    expect((await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve' })).status).toBe(200);
    expect(await post(`/cases/${id}/public-notice`, people.reviewer)).toMatchObject({ status: 200, body: { status: 'on-notice' } });
    await setClock('2025-07-23T17:00:00+08:00');
    expect((await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: false })).body).toMatchObject({ code: 'NOTICE_PERIOD_NOT_ENDED' });
    await setClock('2025-07-24T09:00:00+08:00');
    expect(await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: false })).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect(await published(id, 'sa.approval.case-approved')).toMatchObject({ applicationId: id, benefitStartMonth: '2025-08' });
  });

  it('rejects a household the check found ineligible, publishing the reasons and the written notice', async () => {
    // Given a case opened on a check that found an undeclared vehicle
    await setClock('2025-06-10T10:00:00+08:00');
    const id = randomUUID();
    await openCase(id, { eligible: false });

    // When the township may not recommend approval against that check
    expect((await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve' })).body).toMatchObject({ code: 'CHECK_FOUND_INELIGIBLE' });
    // And recommends rejection, adopting the check's reasons, and the county rejects
    expect((await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'reject' })).status).toBe(200);
    expect(await post(`/cases/${id}/rejection`, people.county, {})).toMatchObject({ status: 200, body: { status: 'rejected' } });

    // Then case-rejected carries the reasons, the notice text with the right of appeal, the consent and the contact
    const rejected = await published(id, 'sa.approval.case-rejected');
    expect(rejected).toMatchObject({
      applicationId: id,
      stage: 'review',
      reasons: [{ code: 'undeclared-vehicle', message: '家庭成员名下有未申报的机动车辆' }],
      rejectedBy: { userId: 'zhao.gang', role: 'county-approver' },
      consents: { charityReferral: true },
      contact: { applicantName: '王秀英', householdSize: 3 },
    });
    expect(rejected.noticeText).toEqual(expect.stringContaining('家庭成员名下有未申报的机动车辆'));
    expect(rejected.noticeText).toEqual(expect.stringContaining('行政复议'));
    expect((rejected.contact as { applicantResidentId: string }).applicantResidentId).toMatch(/^331002196804/);
    expect((await get(`/cases/${id}`)).body).toMatchObject({ status: 'rejected', decision: { outcome: 'rejected', stage: 'review' } });
  });

  it('needs a county home visit before approving a near-relative case (近亲属备案)', async () => {
    await setClock('2025-06-10T10:00:00+08:00');
    const id = randomUUID();
    await openCase(id, { nearRelative: true });
    await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve' });
    await post(`/cases/${id}/public-notice`, people.reviewer);
    await setClock('2025-06-17T10:00:00+08:00');

    expect((await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: false })).body).toMatchObject({ code: 'COUNTY_HOME_VISIT_REQUIRED' });
    expect((await post(`/cases/${id}/home-visit`, people.county, { findings: '实地查看住房及生活情况，与申报一致' })).status).toBe(200);
    expect(await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: false })).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect(await published(id, 'sa.approval.case-approved')).toMatchObject({ benefitStartMonth: '2025-07', stillInHardship: false });
  });

  it('stops a case when intake reports the application withdrawn', async () => {
    await setClock('2025-06-10T10:00:00+08:00');
    const id = randomUUID();
    await openCase(id);
    await produce(applicationWithdrawnV1, {
      applicationId: id,
      reason: '家庭成员已就业',
      withdrawnBy: { userId: 'wang.fang', role: 'intake-worker', orgUnit: '331002' },
      withdrawnAt: '2025-06-10T11:00:00+08:00',
    });
    await eventually(async () => expect(await caseStatus(id)).toBe('withdrawn'), 30_000, 250);
    expect((await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve' })).status).toBe(409);
  });

  it('answers bad input with 400, other regions and roles with 403, unknown cases with 404', async () => {
    await setClock('2025-06-10T10:00:00+08:00');
    const id = randomUUID();
    await openCase(id);

    const bad = await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'maybe', reasons: [{ code: 'Bad Code', message: 'x' }] });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toMatch(/recommendation: .*reasons\.0\.code: must be a lower-case code/);
    expect((await post(`/cases/${id}/confirmation`, people.county, {})).body.message).toMatch(/stillInHardship/);

    expect((await post(`/cases/${id}/review`, people.county, { recommendation: 'approve' })).status).toBe(403);
    expect((await get(`/cases/${id}`, people.otherCounty)).status).toBe(403);
    expect((await post(`/cases/${id}/rejection`, people.auditor, {})).status).toBe(403);
    expect((await get(`/cases/${randomUUID()}`)).status).toBe(404);
    expect((await post(`/cases/${randomUUID()}/review`, people.reviewer, { recommendation: 'approve' })).status).toBe(404);

    // And an objection outside the notice period is refused by the case itself
    expect((await post(`/cases/${id}/objections`, people.intake, { summary: '反映有车辆' })).body).toMatchObject({ code: 'NOTICE_REQUIRED' });
  });
});
