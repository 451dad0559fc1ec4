/**
 * The payments API against the real servers (PostgreSQL event store, FerretDB read models, Kafka):
 * approved cases become entitlements, monthly payroll runs pay them once, the bank's answer is
 * imported once, and a death reported by public security stops payment and flags overpayments.
 *
 * The run has a topic namespace of its own (KAFKA_TOPIC_PREFIX), so the service sees only the
 * messages this test writes and every run can be checked whole.
 */
import { caseApprovedV1, entitlementsTopicV1, paymentsTopicV1, payrollBatchesTopicV1 } from '@sa/contracts';
import { entitlementIdFor } from '@sa/domain-payments';
import { type RunningService, startService } from '@sa/platform';
import { eventually, integrationEnv, readTopicUntil, serviceTestEnv, type TopicRecord } from '@sa/testing';
import { randomUUID } from 'node:crypto';
import { service } from './service';
import { approvedCase, CloudEventsProducer, deathOf, deleteTopics, officer, PaymentsApi, residentId, testTopicPrefix } from './tests/payments-test-kit';

interface Instruction {
  instructionId: string;
  applicationId: string;
  entitlementId: string;
  amountFen: number;
  amountYuan: string;
  month: string;
  reference: string;
  outcome: string;
}
interface Run {
  outcome: string;
  payrollId: string;
  region: string;
  month: string;
  instructionCount: number;
  totalFen: number;
  excluded: { entitlementId: string; reason: string }[];
  instructions: Instruction[];
}
interface Entitlement {
  status: string;
  monthlyAmountFen: number;
  stop: { effectiveMonth: string; reason: string } | null;
  dateOfDeath: string | null;
  payments: { instructionId: string; month: string; amountFen: number; flaggedForRecovery: boolean }[];
  recovery: { count: number; amountFen: number };
}

interface Listed {
  applicationId: string;
  status: string;
  paymentsRecorded: number;
  lastPaidMonth?: string;
  flaggedForRecovery: number;
  recoveryFen: number;
}

const village = '331002001001';
const cityOfficer = { ...officer, orgUnit: '331000' };
const operator = { role: 'platform-operator', orgUnit: '330000', userId: 'ops.chen' };

function typesFor(records: readonly TopicRecord[], key: string): string[] {
  return records.filter((r) => r.key === key).map((r) => r.headers.get('ce_type') ?? '');
}

describe('payments API (real PostgreSQL event store, FerretDB read models, Kafka)', () => {
  let payments: RunningService;
  let api: PaymentsApi;
  let env: NodeJS.ProcessEnv;
  /** The dibao household of the first test, still paid in later months. */
  let dibaoApplicationId: string;
  const topicPrefix = testTopicPrefix();
  const kafka = new CloudEventsProducer(topicPrefix);
  const brokers = integrationEnv().kafkaBrokers;
  const topic = (name: string) => `${topicPrefix}${name}`;

  const entitlementOf = async (applicationId: string) => {
    const res = await api.get(`/entitlements/${applicationId}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Entitlement;
  };
  /** The entitlement as the officers' list shows it (read model, payments counted from the payroll's table). */
  const listedOf = async (applicationId: string) => {
    const res = await api.get(`/entitlements?region=${village}&limit=500`);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: Listed[] };
    return items.find((i) => i.applicationId === applicationId);
  };
  const runPayroll = async (region: string, month: string, caller = officer) => {
    const res = await api.post('/payrolls', { region, month }, caller);
    return { status: res.status, run: (await res.json()) as Run };
  };
  const mine = (run: Run, applicationId: string) => run.instructions.filter((i) => i.applicationId === applicationId);

  beforeAll(async () => {
    // The job runs only when a test asks (POST /admin/jobs/...), never on a timer behind its back.
    env = serviceTestEnv('payments', {
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

  it('grants 2,127.00 from an approved case, pays it once, writes the bank file, and imports the bank’s answer once', async () => {
    // Given the county confirmed a household of three with per-capita income 481.00 on 20 February, benefit from March
    await api.setClock('2025-02-20T10:30:00+08:00');
    const approved = approvedCase({ confirmedAt: '2025-02-20T10:00:00+08:00', benefitStartMonth: '2025-03', perCapitaMonthlyIncomeFen: 48_100 });
    const { applicationId } = approved;
    dibaoApplicationId = applicationId;

    // When approval's case-approved CloudEvent arrives
    await kafka.approve(approved);

    // Then the entitlement is (1,190.00 − 481.00) × 3 = 2,127.00 under taizhou-2025, and is announced
    const granted = await eventually(() => entitlementOf(applicationId), 90_000, 250);
    expect(granted).toMatchObject({
      programme: 'dibao',
      status: 'active',
      monthlyAmountFen: 212_700,
      monthlyAmountYuan: '2127.00',
      standardFen: 119_000,
      startMonth: '2025-03',
      policyId: 'taizhou-2025',
    });
    const announced = await readTopicUntil(brokers, topic(entitlementsTopicV1), (rs) =>
      typesFor(rs, applicationId).includes('sa.payments.entitlement-granted'),
    );
    expect(JSON.parse(announced.find((r) => r.key === applicationId)?.value ?? '{}')).toMatchObject({
      entitlementId: entitlementIdFor(applicationId),
      monthlyAmountFen: 212_700,
      policyId: 'taizhou-2025',
    });

    // When the payments officer runs the March payroll for the village on 5 March
    await api.setClock('2025-03-05T09:00:00+08:00');
    const first = await runPayroll(village, '2025-03');

    // Then the run issues exactly one instruction: 212,700 fen to this household
    expect(first.status).toBe(201);
    expect(first.run).toMatchObject({ outcome: 'started', region: village, month: '2025-03', instructionCount: 1, totalFen: 212_700 });
    expect(first.run.instructions).toEqual([
      expect.objectContaining({ applicationId, amountFen: 212_700, amountYuan: '2127.00', month: '2025-03', reference: '低保金2025-03', outcome: 'pending' }),
    ]);
    const instructionId = first.run.instructions[0]?.instructionId as string;

    // And the disbursement file shows 2127.00 and the control total
    const fileRes = await api.get(`/payrolls/${first.run.payrollId}/disbursement-file`);
    expect(fileRes.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await fileRes.text()).toBe(
      [
        'instructionId,accountHolder,accountNumber,amountYuan,reference',
        `${instructionId},${approved.bankAccount.accountHolder},${approved.bankAccount.accountNumber},2127.00,低保金2025-03`,
        'TOTAL,1,212700',
        '',
      ].join('\r\n'),
    );
    const masked = await (await api.get(`/payrolls/${first.run.payrollId}/disbursement-file`, { role: 'auditor' })).text();
    expect(masked).not.toContain(approved.bankAccount.accountNumber);

    // When the payroll is run again for the same village and month
    const again = await runPayroll(village, '2025-03');

    // Then it answers the same run and issues nothing new
    expect(again.status).toBe(200);
    expect(again.run).toMatchObject({ outcome: 'already-started', payrollId: first.run.payrollId, instructionCount: 1, totalFen: 212_700 });
    expect(again.run.instructions.map((i) => i.instructionId)).toEqual([instructionId]);

    // And the payment is recorded on the entitlement
    await eventually(async () =>
      expect((await entitlementOf(applicationId)).payments).toEqual([
        { instructionId, payrollId: first.run.payrollId, month: '2025-03', amountFen: 212_700, flaggedForRecovery: false },
      ]),
    );

    // When the monthly job runs before the payroll day (10th), nothing happens; on the 12th it pays the city,
    // leaving out the month the village run already paid
    // (run by a platform operator: a county officer's run would pay the county only)
    expect(await (await api.post('/admin/jobs/monthly-payroll/run', {}, operator)).json()).toEqual({ job: 'monthly-payroll', result: {} });
    await api.setClock('2025-03-12T08:00:00+08:00');
    const job = (await (await api.post('/admin/jobs/monthly-payroll/run', {}, operator)).json()) as {
      result: { month: string; started: { region: string; payrollId: string }[] };
    };
    expect(job.result.month).toBe('2025-03');
    const cityRunId = job.result.started.find((s) => s.region === '3310')?.payrollId as string;
    const cityRun = (await (await api.get(`/payrolls/${cityRunId}`, cityOfficer)).json()) as Run;
    expect(cityRun).toMatchObject({
      region: '3310',
      month: '2025-03',
      instructionCount: 0,
      instructions: [],
      excluded: [{ entitlementId: entitlementIdFor(applicationId), reason: 'already-paid' }],
    });
    expect((await runPayroll(village, '2025-03')).run.outcome).toBe('already-started');

    // When the bank's result file says it was paid, posted as text/csv
    const result = [
      'instructionId,result,amountYuan,reasonCode,reasonText,settledAt',
      `${instructionId},paid,2127.00,,,2025-03-13T15:20:00+08:00`,
      'TOTAL,1,212700',
      '',
    ].join('\r\n');
    const imported = await api.post(`/payrolls/${first.run.payrollId}/bank-results`, result, officer, 'text/csv');

    // Then the instruction is paid, and importing the same file again (as JSON) changes nothing
    expect(imported.status).toBe(200);
    const importedBody = (await imported.json()) as { newlyPaid: number; payroll: Run };
    expect(importedBody.newlyPaid).toBe(1);
    expect(mine(importedBody.payroll, applicationId)[0]?.outcome).toBe('paid');
    const twice = await api.post(`/payrolls/${first.run.payrollId}/bank-results`, { content: result });
    expect(await twice.json()).toMatchObject({ newlyPaid: 0, newlyFailed: 0, unchanged: 1 });

    // And Kafka carries the household's instruction once, in its run's batch message, then its settlement (keyed by the run)
    const runId = first.run.payrollId;
    const published = await readTopicUntil(brokers, topic(payrollBatchesTopicV1), (rs) => typesFor(rs, runId).includes('sa.payments.payment-batch-settled'));
    expect(typesFor(published, runId)).toEqual(['sa.payments.payment-batch-issued', 'sa.payments.payment-batch-settled']);
    const [issued, settled] = published.filter((r) => r.key === runId).map((r) => JSON.parse(r.value) as { instructions?: unknown[]; results?: unknown[] });
    expect(issued).toMatchObject({ payrollId: runId, month: '2025-03' });
    expect(issued?.instructions?.filter((i) => (i as { applicationId: string }).applicationId === applicationId)).toEqual([
      expect.objectContaining({ instructionId, amountFen: 212_700 }),
    ]);
    expect(settled?.results).toEqual([expect.objectContaining({ applicationId, instructionId, outcome: 'paid' })]);
  }, 240_000);

  it('stops an extreme-poverty entitlement when its single member dies and flags the payment made after the death', async () => {
    // Given an extreme-poverty entitlement for one person from June, paid for June and July
    await api.setClock('2025-05-20T10:30:00+08:00');
    const person = residentId();
    const approved = approvedCase({
      programme: 'extreme-poverty',
      confirmedAt: '2025-05-20T10:00:00+08:00',
      benefitStartMonth: '2025-06',
      members: [{ memberId: randomUUID(), residentId: person, name: '周德福' }],
      householdSize: 1,
      perCapitaMonthlyIncomeFen: 0,
      countedMonthlyIncomeFen: 0,
    });
    const { applicationId } = approved;
    await kafka.approve(approved);
    expect(await eventually(() => entitlementOf(applicationId), 90_000, 250)).toMatchObject({ monthlyAmountFen: 154_700, status: 'active' });
    // (listed before any payment: none counted, no month paid)
    const unpaid = await eventually(
      async () => {
        const listed = await listedOf(applicationId);
        expect(listed).toBeDefined();
        return listed;
      },
      60_000,
      250,
    );
    expect(unpaid).toMatchObject({ status: 'active', paymentsRecorded: 0, flaggedForRecovery: 0, recoveryFen: 0 });
    expect(unpaid).not.toHaveProperty('lastPaidMonth');
    await api.setClock('2025-06-05T09:00:00+08:00');
    expect(mine((await runPayroll(village, '2025-06')).run, applicationId)).toEqual([
      expect.objectContaining({ amountFen: 154_700, reference: '特困供养金2025-06' }),
    ]);
    await api.setClock('2025-07-05T09:00:00+08:00');
    const july = mine((await runPayroll(village, '2025-07')).run, applicationId)[0] as Instruction;
    expect(july).toMatchObject({ amountFen: 154_700, month: '2025-07' });
    await eventually(async () => expect((await entitlementOf(applicationId)).payments.map((p) => p.month)).toEqual(['2025-06', '2025-07']));
    // And the officers' list counts both payments and shows July as the last month paid
    await eventually(async () => expect(await listedOf(applicationId)).toMatchObject({ paymentsRecorded: 2, lastPaidMonth: '2025-07', flaggedForRecovery: 0 }));

    // When public security reports the death on 18 June
    await api.setClock('2025-07-08T09:00:00+08:00');
    await kafka.reportDeath(deathOf(person, '2025-06-18', '2025-07-07T16:00:00+08:00'));

    // Then payment stops from July and the July payment is flagged for recovery (June is owed)
    const stopped = await eventually(
      async () => {
        const e = await entitlementOf(applicationId);
        expect(e.recovery.count).toBe(1);
        return e;
      },
      60_000,
      250,
    );
    expect(stopped).toMatchObject({
      status: 'stopped',
      stop: { effectiveMonth: '2025-07', reason: 'death' },
      dateOfDeath: '2025-06-18',
      recovery: { count: 1, amountFen: 154_700 },
    });
    expect(stopped.payments.map((p) => [p.month, p.flaggedForRecovery])).toEqual([
      ['2025-06', false],
      ['2025-07', true],
    ]);
    // And the list shows it stopped, both payments still counted, July's to be recovered
    await eventually(async () =>
      expect(await listedOf(applicationId)).toMatchObject({
        status: 'stopped',
        paymentsRecorded: 2,
        lastPaidMonth: '2025-07',
        flaggedForRecovery: 1,
        recoveryFen: 154_700,
      }),
    );
    const published = await readTopicUntil(brokers, topic(paymentsTopicV1), (rs) => typesFor(rs, applicationId).includes('sa.payments.recovery-flagged'));
    expect(
      JSON.parse(published.find((r) => r.key === applicationId && r.headers.get('ce_type') === 'sa.payments.recovery-flagged')?.value ?? '{}'),
    ).toMatchObject({
      instructionId: july.instructionId,
      amountFen: 154_700,
      reason: 'paid-after-death',
    });
    const announced = await readTopicUntil(brokers, topic(entitlementsTopicV1), (rs) =>
      typesFor(rs, applicationId).includes('sa.payments.entitlement-stopped'),
    );
    expect(
      JSON.parse(announced.find((r) => r.key === applicationId && r.headers.get('ce_type') === 'sa.payments.entitlement-stopped')?.value ?? '{}'),
    ).toMatchObject({
      reason: 'death',
      effectiveMonth: '2025-07',
    });

    // And the next month's payroll does not pay it
    await api.setClock('2025-08-05T09:00:00+08:00');
    const august = await runPayroll(village, '2025-08');
    expect(august.status).toBe(201);
    expect(august.run.instructions.map((i) => i.applicationId)).toEqual([dibaoApplicationId]);
  }, 240_000);

  it('stops an entitlement whose member was reported dead before the approval arrived', async () => {
    // Given public security reported a death on 3 September
    await api.setClock('2025-09-05T09:00:00+08:00');
    const person = residentId();
    await kafka.reportDeath(deathOf(person, '2025-09-03', '2025-09-04T10:00:00+08:00'));

    // When a case covering that person, confirmed on 1 September, is approved from October
    const approved = approvedCase({
      programme: 'extreme-poverty',
      confirmedAt: '2025-09-01T10:00:00+08:00',
      benefitStartMonth: '2025-10',
      members: [{ memberId: randomUUID(), residentId: person, name: '孙桂兰' }],
      householdSize: 1,
      perCapitaMonthlyIncomeFen: 0,
      countedMonthlyIncomeFen: 0,
    });
    await kafka.approve(approved);
    await eventually(() => entitlementOf(approved.applicationId), 90_000, 250);

    // Then, whichever arrived first, October's payroll does not pay it and it stands stopped from October
    await api.setClock('2025-10-05T09:00:00+08:00');
    expect((await runPayroll(village, '2025-10')).run.instructions.map((i) => i.applicationId)).toEqual([dibaoApplicationId]);
    expect(await entitlementOf(approved.applicationId)).toMatchObject({
      status: 'stopped',
      stop: { effectiveMonth: '2025-10', reason: 'death' },
      dateOfDeath: '2025-09-03',
      payments: [],
    });
  }, 180_000);

  it('pays once when two instances of the service run the same payroll at the same moment', async () => {
    // Given a second instance on the same event store and read models (a second replica)
    const second = await startService(service, env);
    try {
      const other = new PaymentsApi(second);
      await Promise.all([api.setClock('2025-12-05T09:00:00+08:00'), other.setClock('2025-12-05T09:00:00+08:00')]);

      // When both are asked to run December's payroll for the village at once
      const answers = await Promise.all(
        [api, other].map(async (a) => {
          const res = await a.post('/payrolls', { region: village, month: '2025-12' });
          return { status: res.status, run: (await res.json()) as Run };
        }),
      );

      // Then one run exists, started once, and the household's December is issued and recorded once
      expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
      expect(new Set(answers.map((a) => a.run.payrollId)).size).toBe(1);
      expect(answers[0]?.run.instructions.map((i) => i.instructionId)).toEqual(answers[1]?.run.instructions.map((i) => i.instructionId));
      expect(mine(answers[0]?.run as Run, dibaoApplicationId)).toHaveLength(1);
      await eventually(async () => expect((await entitlementOf(dibaoApplicationId)).payments.filter((p) => p.month === '2025-12')).toHaveLength(1));
    } finally {
      await second.app.close();
    }
  }, 120_000);

  it('dead-letters an approval no policy covers, and goes on with the next', async () => {
    // Given an approval for a Beijing village, where the policy file has no standard
    await api.setClock('2025-11-01T09:00:00+08:00');
    const stray = approvedCase({ region: '110105001001', confirmedAt: '2025-10-30T10:00:00+08:00', benefitStartMonth: '2025-11' });
    const next = approvedCase({ confirmedAt: '2025-10-30T10:00:00+08:00', benefitStartMonth: '2025-11' });

    // When it arrives, followed by an ordinary one
    await kafka.approve(stray);
    await kafka.approve(next);

    // Then it is parked on the dead-letter topic with its reason, and the next one is granted
    const parked = await readTopicUntil(brokers, topic(`${caseApprovedV1.topic}.dlq`), (rs) => rs.some((r) => r.key === stray.applicationId));
    expect(parked.find((r) => r.key === stray.applicationId)?.headers.get('dlq_error')).toMatch(/no regional policy is in force for region 110105001001/);
    expect(await eventually(() => entitlementOf(next.applicationId), 60_000, 250)).toMatchObject({ monthlyAmountFen: 212_700 });
    expect((await api.get(`/entitlements/${stray.applicationId}`)).status).toBe(404);
  }, 120_000);

  it('answers bad input with 400 naming the field, keeps officers to their region and role, and refuses a wrong bank file', async () => {
    const bad = await api.post('/payrolls', { region: '331000', month: '2025-3' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/region: must be normalised[\s\S]*month: must be a month YYYY-MM/);
    expect((await api.post('/payrolls', { region: village, month: '2025-11' }, { ...officer, orgUnit: '330102' })).status).toBe(403);
    expect((await api.post('/payrolls', { region: village, month: '2025-11' }, { role: 'auditor' })).status).toBe(403);
    expect((await api.get(`/entitlements/${randomUUID()}`)).status).toBe(404);
    expect((await api.get(`/payrolls/${randomUUID()}`)).status).toBe(404);

    await api.setClock('2025-11-05T09:00:00+08:00');
    const { run } = await runPayroll(village, '2025-11');
    const malformed = await api.post(`/payrolls/${run.payrollId}/bank-results`, 'instructionId,result\r\nx,paid\r\n', officer, 'text/csv');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({
      code: 'INVALID_BANK_RESULT_FILE',
      problems: [expect.objectContaining({ line: 1, code: 'INVALID_HEADER' })],
    });
    const stranger = randomUUID();
    const unknown = [
      'instructionId,result,amountYuan,reasonCode,reasonText,settledAt',
      `${stranger},paid,1.00,,,2025-11-06T10:00:00+08:00`,
      'TOTAL,1,100',
    ].join('\r\n');
    const refused = await api.post(`/payrolls/${run.payrollId}/bank-results`, unknown, officer, 'text/csv');
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: 'UNKNOWN_INSTRUCTION', field: 'results[0].instructionId' });
  }, 120_000);
});
