/**
 * The living caseload, periodic reviews (定期核查), end to end: the services as separate processes on
 * the real Kafka, PostgreSQL and FerretDB, driven through their REST APIs, every service's clock moved
 * together. A household granted in March is reviewed six months on (a member works: seed 001,
 * 每半年核查一次); the review finds work income above the standard → six months of gradual exit (渐退)
 * then exit; another household misses its review → suspended → a late review resumes it. Each month's
 * payroll pays what it should.
 */
import { eventually } from '@sa/testing';
import { Api, type ActorSpec } from './harness/api';
import { application, household } from './harness/households';
import { type RunningPlatform, startPlatform } from './harness/platform';

// Taizhou (台州), Jiaojiang (椒江区 331002): dibao standard 1,190.00; each scenario its own village.
const township = '331002001';
const actors = {
  intake: { userId: 'li.na', role: 'intake-worker', orgUnit: township },
  worker: { userId: 'zhou.qiang', role: 'investigator', orgUnit: township },
  reviewer: { userId: 'zhao.lei', role: 'township-reviewer', orgUnit: township },
  approver: { userId: 'chen.jing', role: 'county-approver', orgUnit: '331002' },
  payments: { userId: 'sun.hui', role: 'payments-officer', orgUnit: '331002' },
  operator: { userId: 'ops.chen', role: 'platform-operator', orgUnit: '331002' },
} satisfies Record<string, ActorSpec>;

type Instruction = { applicationId: string; amountFen: number };

describe('periodic reviews across the services (real Kafka, PostgreSQL, FerretDB; separate processes)', () => {
  let platform: RunningPlatform;
  const api = (service: string, actor: ActorSpec) => new Api(platform.urls[service] as string, actor);

  async function setClocks(instant: string): Promise<void> {
    for (const url of Object.values(platform.urls)) expect((await new Api(url, actors.operator).put('/admin/clock', { now: instant })).status).toBe(200);
  }

  async function runJob(name: string): Promise<void> {
    expect((await api('approval', actors.operator).post(`/admin/jobs/${name}/run`, {})).status).toBeLessThan(300);
  }

  /** The household's payment in a month's payroll of its village (0 when none). */
  async function paid(village: string, month: string, applicationId: string): Promise<number> {
    const res = await api('payments', actors.payments).post<{ instructions: Instruction[] }>('/payrolls', { region: village, month });
    expect([200, 201]).toContain(res.status);
    return res.body.instructions.filter((i) => i.applicationId === applicationId).reduce((sum, i) => sum + i.amountFen, 0);
  }

  /** A household of three, one member earning 1,800.00: counted 1,443.00, paid 2,127.00 a month from April 2026. */
  async function grantedHousehold(village: string): Promise<string> {
    await setClocks('2026-03-02T09:00:00+08:00');
    const members = household([
      { name: '王建国', relation: 'applicant', birthDate: '1978-04-12', workAbility: 'full', wageFen: 180_000 },
      { name: '李秀英', relation: 'spouse', birthDate: '1980-09-03', workAbility: 'none' },
      { name: '王小明', relation: 'child', birthDate: '2012-06-18', workAbility: 'none' },
    ]);
    const submitted = await api('intake', actors.intake).post<{ applicationId: string }>('/applications', application('dibao', village, members));
    expect(submitted.status).toBe(201);
    const id = submitted.body.applicationId;
    await eventually(
      async () => expect((await api('approval', actors.reviewer).get<{ status: string }>(`/cases/${id}`)).body.status).toBe('awaiting-review'),
      60_000,
      250,
    );
    expect((await api('approval', actors.reviewer).post(`/cases/${id}/review`, { recommendation: 'approve', reasons: [] })).status).toBeLessThan(300);
    expect((await api('approval', actors.reviewer).post(`/cases/${id}/public-notice`, {})).status).toBeLessThan(300);
    await setClocks('2026-03-10T10:00:00+08:00');
    expect((await api('approval', actors.approver).post(`/cases/${id}/confirmation`, { stillInHardship: false })).status).toBeLessThan(300);
    await eventually(
      async () =>
        expect((await api('payments', actors.payments).get(`/entitlements/${id}`)).body).toMatchObject({ monthlyAmountFen: 212_700, startMonth: '2026-04' }),
      60_000,
      250,
    );
    await setClocks('2026-04-05T09:00:00+08:00');
    expect(await paid(village, '2026-04', id)).toBe(212_700);
    return id;
  }

  /** The review opens on its due day, 1 October 2026 (the job also runs by itself on its interval). */
  async function reviewOpens(id: string): Promise<void> {
    await eventually(
      async () =>
        expect((await api('approval', actors.reviewer).get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'scheduled', dueOn: '2026-10-01' }),
      60_000,
      250,
    );
    await setClocks('2026-10-01T09:00:00+08:00');
    await eventually(
      async () => {
        await runJob('periodic-reviews-open');
        expect((await api('approval', actors.reviewer).get(`/periodic-reviews/${id}`)).body).toMatchObject({ phase: 'open', recheckDueBy: '2026-10-27' });
      },
      60_000,
      500,
    );
  }

  beforeAll(async () => {
    platform = await startPlatform({ PAYROLL_DAY_OF_MONTH: '28' });
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('a six-monthly review finds work income above the standard: six months of gradual exit, then exit, each payroll paying what it should', async () => {
    const village = `${township}011`;
    const id = await grantedHousehold(village);
    await reviewOpens(id);

    // When the worker re-checks (the son now works full time: 4,000.00 counted for three) and the reviewer decides
    await setClocks('2026-10-09T15:00:00+08:00');
    const recheck = {
      householdSize: 3,
      countedMonthlyIncomeFen: 400_000,
      incomeFromEmployment: true,
      membersAbleToWork: true,
      irregularIncome: true,
      findings: '入户核查：儿子全职就业',
    };
    expect((await api('approval', actors.worker).post(`/periodic-reviews/${id}/recheck`, recheck)).body).toMatchObject({
      proposedOutcome: 'start-gradual-exit',
    });
    await setClocks('2026-10-12T10:00:00+08:00');
    const reasons = [{ code: 'income-above-standard-from-work', message: '家庭成员就业，人均收入超过低保标准，给予6个月渐退期' }];
    expect((await api('approval', actors.reviewer).post(`/periodic-reviews/${id}/decision`, { outcome: 'start-gradual-exit', reasons })).status).toBe(200);

    // Then payments starts the gradual exit from November: paid through April 2027, stopped from May
    await eventually(
      async () =>
        expect((await api('payments', actors.payments).get(`/entitlements/${id}`)).body).toMatchObject({
          gradualExit: { fromMonth: '2026-11', months: 6 },
          stop: { effectiveMonth: '2027-05', reason: 'exit' },
        }),
      60_000,
      250,
    );
    await setClocks('2026-11-05T09:00:00+08:00');
    expect(await paid(village, '2026-11', id)).toBe(212_700);
    await setClocks('2027-04-05T09:00:00+08:00');
    expect(await paid(village, '2027-04', id)).toBe(212_700);
    await setClocks('2027-05-05T09:00:00+08:00');
    expect(await paid(village, '2027-05', id)).toBe(0);
  });

  it('a missed review suspends payment from the next month; a late review resumes it', async () => {
    const village = `${township}012`;
    const id = await grantedHousehold(village);
    await reviewOpens(id);

    // When nobody records the re-check by 27 October, the review lapses
    await setClocks('2026-10-28T09:00:00+08:00');
    await eventually(
      async () => {
        await runJob('periodic-reviews-lapse');
        expect((await api('approval', actors.reviewer).get(`/periodic-reviews/${id}`)).body).toMatchObject({ lapsed: true });
      },
      60_000,
      500,
    );
    // Then payments suspends it from November: the November payroll pays it nothing
    await eventually(
      async () =>
        expect((await api('payments', actors.payments).get(`/entitlements/${id}`)).body).toMatchObject({
          status: 'suspended',
          suspensions: [{ fromMonth: '2026-11' }],
        }),
      60_000,
      250,
    );
    await setClocks('2026-11-02T09:00:00+08:00');
    expect(await paid(village, '2026-11', id)).toBe(0);

    // When the household is reached late: nothing changed, the reviewer continues the benefit
    const recheck = {
      householdSize: 3,
      countedMonthlyIncomeFen: 144_300,
      incomeFromEmployment: false,
      membersAbleToWork: true,
      irregularIncome: true,
      findings: '外出务工返乡，入户核查家庭情况无变化',
    };
    expect((await api('approval', actors.worker).post(`/periodic-reviews/${id}/recheck`, recheck)).body).toMatchObject({ proposedOutcome: 'continue' });
    await setClocks('2026-11-05T10:00:00+08:00');
    const reasons = [{ code: 'no-change', message: '家庭经济状况无明显变化，恢复发放' }];
    expect((await api('approval', actors.reviewer).post(`/periodic-reviews/${id}/decision`, { outcome: 'continue', reasons })).body).toMatchObject({
      phase: 'scheduled',
      cycle: 2,
      dueOn: '2027-04-01',
    });

    // Then payment resumes from December at 2,127.00
    await eventually(
      async () =>
        expect((await api('payments', actors.payments).get(`/entitlements/${id}`)).body).toMatchObject({
          status: 'active',
          suspensions: [{ fromMonth: '2026-11', untilMonth: '2026-12' }],
        }),
      60_000,
      250,
    );
    await setClocks('2026-12-03T09:00:00+08:00');
    expect(await paid(village, '2026-12', id)).toBe(212_700);
  });
});
