import { randomUUID } from 'node:crypto';
import { Admin } from '@platformatic/kafka';
import { applicationSubmittedV1, economicCheckCompletedV1, type IntegrationContract, periodicReviewsTopicV1 } from '@sa/contracts';
import { encodeCloudEvent, kafkaClientOptions, SerialProducer } from '@sa/messaging';
import { type RunningService, signDevToken, startService } from '@sa/platform';
import { eventually, integrationEnv, readTopicUntil, serviceTestEnv, type TopicRecord, uniqueName } from '@sa/testing';
import { service } from '../service';
import { application, economicCheck } from '../test-support/case-inputs';

const secret = 'test-secret-test-secret-test-secret-42';
const token = (userId: string, role: string, orgUnit: string) =>
  signDevToken({ userId, role, orgUnit }, { secret, issuer: 'social-assistance', audience: 'social-assistance' });

const people = {
  reviewer: token('li.ming', 'township-reviewer', '331002001'),
  worker: token('zhou.qiang', 'investigator', '331002001'),
  county: token('zhao.gang', 'county-approver', '331002'),
  operator: token('ops.chen', 'platform-operator', '331002'),
  otherTownship: token('qian.li', 'township-reviewer', '331002002'),
};

describe('periodic reviews at approval (定期核查; real PostgreSQL, FerretDB, Kafka)', () => {
  const brokers = integrationEnv().kafkaBrokers;
  const topicPrefix = `${uniqueName('review-test').replace(/_/g, '-')}.`;
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
  const get = (path: string, bearer = people.reviewer) => call('GET', path, bearer);
  const setClock = async (now: string) => expect((await call('PUT', '/admin/clock', people.operator, { now })).status).toBe(200);
  const runJob = async (name: string) => {
    const res = await post(`/admin/jobs/${name}/run`, people.operator);
    expect(res.status).toBeLessThan(300);
    return res.body;
  };
  const produce = async <P>(contract: IntegrationContract<P>, payload: P) => {
    await producer.send([
      encodeCloudEvent(contract, payload, { id: randomUUID(), source: '/sa/test', time: new Date().toISOString() }, `${topicPrefix}${contract.topic}`),
    ]);
  };
  const decided = async (id: string): Promise<Record<string, unknown>> => {
    const matches = (r: TopicRecord) => r.key === id && r.headers.get('ce_type') === 'sa.approval.periodic-review-decided';
    const records = await readTopicUntil(brokers, `${topicPrefix}${periodicReviewsTopicV1}`, (rs) => rs.some(matches));
    return JSON.parse((records.find(matches) as TopicRecord).value) as Record<string, unknown>;
  };

  /** A household of three with a wage (six-monthly), approved on 10 March 2026: benefit from April. */
  async function approvedCase(): Promise<string> {
    const id = randomUUID();
    await setClock('2026-03-02T09:00:00+08:00');
    await produce(economicCheckCompletedV1, economicCheck(id));
    await produce(applicationSubmittedV1, application(id));
    await eventually(async () => expect((await get(`/cases/${id}`, people.county)).body.status).toBe('awaiting-review'), 60_000, 250);
    const reasons = [{ code: 'income-below-standard', message: '家庭月人均收入低于当地低保标准' }];
    expect((await post(`/cases/${id}/review`, people.reviewer, { recommendation: 'approve', reasons })).status).toBe(200);
    expect((await post(`/cases/${id}/public-notice`, people.reviewer)).status).toBe(200);
    await setClock('2026-03-10T10:00:00+08:00');
    expect((await post(`/cases/${id}/confirmation`, people.county, { stillInHardship: false })).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    approval = await startService(service, serviceTestEnv('approval', { ALLOW_CLOCK_CONTROL: 'true', KAFKA_TOPIC_PREFIX: topicPrefix }));
    producer = new SerialProducer(kafkaClientOptions(brokers, 'review-test'));
  });
  afterAll(async () => {
    await producer?.close();
    await approval?.app.close();
    const admin = new Admin(kafkaClientOptions(brokers, 'review-test-cleanup'));
    try {
      const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.close();
    }
  });

  it('schedules six months on, opens by itself when due, and decides a gradual exit by someone other than who re-checked', async () => {
    // Given an approved household with a member able to work and a wage
    const id = await approvedCase();
    // Then its first review is due six months after the benefit starts (seed 001: 每半年核查一次)
    await eventually(
      async () => expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'scheduled', cycle: 1, dueOn: '2026-10-01' }),
      60_000,
      250,
    );

    // When the opening job runs the day before (the read model has it as upcoming), nothing opens
    await eventually(
      async () => {
        const items = (await get('/periodic-reviews?status=upcoming')).body.items as { applicationId: string }[];
        expect(items.map((i) => i.applicationId)).toContain(id);
      },
      30_000,
      250,
    );
    await setClock('2026-09-30T09:00:00+08:00');
    await runJob('periodic-reviews-open');
    expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'scheduled' });
    // Then on the day it opens, with a deadline of 15 working days counted over the National Day
    // holiday and the 10 October 调休 Saturday
    await setClock('2026-10-01T09:00:00+08:00');
    await runJob('periodic-reviews-open');
    expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'open', recheckDueBy: '2026-10-27' });
    // And a second run opens nothing twice
    await runJob('periodic-reviews-open');
    expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'open', cycle: 1 });
    // And it is on the township's worklist as due
    await eventually(
      async () => {
        const items = (await get('/periodic-reviews?status=due')).body.items as { applicationId: string; status: string }[];
        expect(items.find((i) => i.applicationId === id)).toMatchObject({ status: 'due' });
      },
      30_000,
      250,
    );

    // When the worker re-checks: a member now works full time, 4,000.00 counted for three (above 3 × 1,190.00)
    await setClock('2026-10-09T15:00:00+08:00');
    const recheck = {
      householdSize: 3,
      countedMonthlyIncomeFen: 400_000,
      incomeFromEmployment: true,
      membersAbleToWork: true,
      irregularIncome: true,
      findings: '入户核查：长子在台州某厂全职就业',
    };
    expect(await post(`/periodic-reviews/${id}/recheck`, people.worker, recheck)).toMatchObject({
      status: 200,
      body: { phase: 'rechecked', proposedOutcome: 'start-gradual-exit' },
    });
    // Then the worker may not decide, and nobody may pay on against the re-check
    expect(
      (await post(`/periodic-reviews/${id}/decision`, people.worker, { outcome: 'start-gradual-exit', reasons: [{ code: 'x-y', message: 'x' }] })).status,
    ).toBe(403);
    const against = await post(`/periodic-reviews/${id}/decision`, people.reviewer, {
      outcome: 'continue',
      reasons: [{ code: 'keep-paying', message: '继续保障' }],
    });
    expect(against).toMatchObject({ status: 422, body: { code: 'OUTCOME_CONTRADICTS_RECHECK' } });

    // When the township reviewer decides the gradual exit
    await setClock('2026-10-12T10:00:00+08:00');
    const reasons = [{ code: 'income-above-standard-from-work', message: '家庭成员就业，人均收入超过低保标准，给予6个月渐退期' }];
    expect(await post(`/periodic-reviews/${id}/decision`, people.reviewer, { outcome: 'start-gradual-exit', reasons })).toMatchObject({
      status: 200,
      body: { phase: 'closed' },
    });
    // Then payments is told: from November, six months, with the figures and the policy version
    expect(await decided(id)).toMatchObject({
      outcome: 'start-gradual-exit',
      lapsed: false,
      effectiveMonth: '2026-11',
      gradualExitMonths: 6,
      householdSize: 3,
      countedMonthlyIncomeFen: 400_000,
      standardFen: 119_000,
      policyId: 'taizhou-2025',
      decidedBy: { userId: 'li.ming', role: 'township-reviewer' },
    });
  });

  it('lapses a review whose re-check is late: payment suspended from next month, on the worklist as overdue', async () => {
    const id = await approvedCase();
    await eventually(async () => expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'scheduled' }), 60_000, 250);
    await setClock('2026-10-01T09:00:00+08:00');
    await eventually(
      async () => {
        await runJob('periodic-reviews-open');
        expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'open' });
      },
      30_000,
      500,
    );

    // When the lapse job runs on the deadline nothing lapses; the day after, the review lapses
    await setClock('2026-10-27T18:00:00+08:00');
    await eventually(
      async () => {
        const items = (await get('/periodic-reviews?status=due')).body.items as { applicationId: string }[];
        expect(items.map((i) => i.applicationId)).toContain(id);
      },
      30_000,
      250,
    );
    await runJob('periodic-reviews-lapse');
    expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ lapsed: false });
    await setClock('2026-10-28T09:00:00+08:00');
    await eventually(
      async () => {
        await runJob('periodic-reviews-lapse');
        expect((await get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'open', lapsed: true });
      },
      30_000,
      500,
    );
    expect(await decided(id)).toMatchObject({ outcome: 'suspend', lapsed: true, effectiveMonth: '2026-11', reasons: [{ code: 'review-overdue' }] });
    await eventually(
      async () => {
        const items = (await get('/periodic-reviews?status=overdue')).body.items as { applicationId: string; status: string }[];
        expect(items.find((i) => i.applicationId === id)).toMatchObject({ status: 'overdue', lapsed: true });
      },
      30_000,
      250,
    );
    // And the worklist shows it to its township only, and refuses a malformed cursor naming the field
    expect((await get('/periodic-reviews', people.otherTownship)).body.items).toEqual([]);
    expect((await get('/periodic-reviews?region=331002001', people.otherTownship)).body.items).toEqual([]);
    expect((await get('/periodic-reviews?after=not-a-cursor')).status).toBe(400);
  });
});
