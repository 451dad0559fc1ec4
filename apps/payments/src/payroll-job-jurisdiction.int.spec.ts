/**
 * The monthly payroll job run on demand (POST /admin/jobs/monthly-payroll/run) pays the caller's
 * jurisdiction only (issue #10, item 9): a county officer's run pays that county, an officer of a
 * county no policy covers starts nothing, and only a platform operator runs it for every region.
 */
import { type RunningService, startService } from '@sa/platform';
import { eventually, serviceTestEnv } from '@sa/testing';
import { service } from './service';
import { approvedCase, type Caller, CloudEventsProducer, deleteTopics, PaymentsApi, testTopicPrefix } from './tests/payments-test-kit';

interface JobAnswer {
  job: string;
  region?: string;
  result: { month?: string; started?: { region: string; payrollId: string }[] };
}
interface Run {
  region: string;
  instructions: { applicationId: string }[];
  excluded: { entitlementId: string; reason: string }[];
}

const huangyanOfficer: Caller = { role: 'payments-officer', orgUnit: '331003', userId: 'officer.hy' };
const hangzhouOfficer: Caller = { role: 'payments-officer', orgUnit: '330102', userId: 'officer.hz' };
const cityOfficer: Caller = { role: 'payments-officer', orgUnit: '331000', userId: 'officer.tz' };
const operator: Caller = { role: 'platform-operator', orgUnit: '330000', userId: 'ops.chen' };

describe('payments: the monthly payroll job keeps to the caller’s jurisdiction (real servers)', () => {
  let payments: RunningService;
  let api: PaymentsApi;
  const topicPrefix = testTopicPrefix();
  const kafka = new CloudEventsProducer(topicPrefix);

  beforeAll(async () => {
    const env = serviceTestEnv('payments', {
      ALLOW_CLOCK_CONTROL: 'true',
      SCHEDULER_INTERVAL_MS: '3600000',
      PAYROLL_DAY_OF_MONTH: '10',
      KAFKA_TOPIC_PREFIX: topicPrefix,
    });
    payments = await startService(service, env);
    api = new PaymentsApi(payments);
  });
  afterAll(async () => {
    await kafka.close();
    await payments?.app.close();
    await deleteTopics(topicPrefix);
  });

  const runJob = async (caller: Caller) => {
    const res = await api.post('/admin/jobs/monthly-payroll/run', {}, caller);
    expect(res.status).toBe(201);
    return (await res.json()) as JobAnswer;
  };
  const payroll = async (payrollId: string) => (await (await api.get(`/payrolls/${payrollId}`, cityOfficer)).json()) as Run;

  it('pays only the officer’s county; a platform operator’s run pays the rest of the city', async () => {
    // Given one household granted in Jiaojiang and one in Huangyan (both under the Taizhou city policy), from March
    await api.setClock('2025-02-20T10:30:00+08:00');
    const jiaojiang = approvedCase({ confirmedAt: '2025-02-20T10:00:00+08:00', benefitStartMonth: '2025-03' });
    const huangyan = approvedCase({
      confirmedAt: '2025-02-20T10:00:00+08:00',
      benefitStartMonth: '2025-03',
      region: '331003001001',
      confirmedBy: { userId: 'wu.approver', role: 'county-approver', orgUnit: '331003' },
    });
    await kafka.approve(jiaojiang);
    await kafka.approve(huangyan);
    for (const { applicationId } of [jiaojiang, huangyan]) {
      await eventually(async () => expect((await api.get(`/entitlements/${applicationId}`, cityOfficer)).status).toBe(200), 90_000, 250);
    }
    await api.setClock('2025-03-12T08:00:00+08:00');

    // When Huangyan's payments officer runs the monthly payroll job
    const county = await runJob(huangyanOfficer);
    // Then it ran for Huangyan only, and paid only the Huangyan household
    expect(county.result.started?.map((s) => s.region)).toEqual(['331003']);
    expect(county).toMatchObject({ job: 'monthly-payroll', region: '331003', result: { month: '2025-03' } });
    const countyRun = await payroll(county.result.started?.[0]?.payrollId as string);
    expect(countyRun.instructions.map((i) => i.applicationId)).toEqual([huangyan.applicationId]);

    // When an officer of a county no policy here covers runs it, Then nothing starts
    expect(await runJob(hangzhouOfficer)).toEqual({ job: 'monthly-payroll', region: '330102', result: {} });

    // When a platform operator runs it, Then every policy region is run, and the city's run pays Jiaojiang, not Huangyan again
    const everywhere = await runJob(operator);
    expect(everywhere.region).toBeUndefined();
    expect(everywhere.result.started?.map((s) => s.region).sort()).toEqual(['3310', '410783']);
    const cityRun = await payroll(everywhere.result.started?.find((s) => s.region === '3310')?.payrollId as string);
    expect(cityRun.instructions.map((i) => i.applicationId)).toEqual([jiaojiang.applicationId]);
    expect(cityRun.excluded.map((e) => e.reason)).toEqual(['already-paid']);
  });
});
