/**
 * Payroll at scale against the real servers (PostgreSQL event store, FerretDB read model, Kafka):
 * a run of a few thousand entitlements in batches ties its control totals to the entitlements, the
 * bank's answer imported twice changes nothing the second time, a run in progress reports its
 * batches done of planned (GET and logs), a run killed with SIGKILL in the middle (the compiled
 * service in a child process) resumes and pays each entitlement exactly once, and nonsense months
 * are refused.
 */
import { instructionsOf as batchInstructions, payrollRunId, type PayrollEvent } from '@sa/domain-payments';
import { recordedAs } from '@sa/messaging';
import type { EventStore } from '@sa/event-store';
import { EVENT_STORE, type RunningService, startService } from '@sa/platform';
import { eventually, serviceTestEnv } from '@sa/testing';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { service } from '../service';
import { payrollStream } from '../streams';
import { deleteTopics, PaymentsApi, testTopicPrefix } from '../tests/payments-test-kit';
import { seedEntitlements, type Seeded } from '../tests/payroll-seed';
import { freePort } from '@sa/testing';

const village = '331002001001';
const repoRoot = join(__dirname, '../../../..');
/** A few thousand: the entitlements projection inserts grants in batches, so the read model keeps up within seconds. */
const count = Number(process.env['PAYROLL_SCALE_COUNT'] ?? 2000);
const batchSize = 200;
/** The killed instance's batches: small, so it is caught in the middle with most of the run still to do. */
const childBatchSize = 20;

interface RunBody {
  outcome: string;
  payrollId: string;
  status: string;
  instructionCount: number;
  totalFen: number;
  progress: { batchesDone: number; batchesPlanned: number; closed: boolean };
  settlement: { paidCount: number; paidFen: number; pendingCount: number };
}

describe('payroll at scale (real servers)', () => {
  let payments: RunningService;
  let api: PaymentsApi;
  let store: EventStore;
  let env: NodeJS.ProcessEnv;
  let seeded: Seeded;
  const topicPrefix = testTopicPrefix();

  const instructionsOf = async (payrollId: string) =>
    recordedAs<PayrollEvent>(await store.readStream(payrollStream(payrollId))).flatMap((e) =>
      e.type === 'PaymentInstructionsIssued' ? batchInstructions(e) : [],
    );

  beforeAll(async () => {
    // The crash test kills the compiled service (dist/), as npm start runs it.
    const built = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', 'payments'], { cwd: repoRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('compiling the payments service failed');
    env = serviceTestEnv('payments', {
      ALLOW_CLOCK_CONTROL: 'true',
      SCHEDULER_INTERVAL_MS: '3600000',
      KAFKA_TOPIC_PREFIX: topicPrefix,
      PAYROLL_BATCH_SIZE: String(batchSize),
    });
    payments = await startService(service, env);
    api = new PaymentsApi(payments);
    store = payments.app.get(EVENT_STORE);
    // Given a village of `count` households on dibao since March 2025
    seeded = await seedEntitlements(store, { count, seed: topicPrefix });
    await api.setClock('2025-03-05T09:00:00+08:00');
  }, 120_000);
  afterAll(async () => {
    await payments?.app.close();
    await deleteTopics(topicPrefix);
  });

  const runPayroll = async (month: string) => {
    // The read model may still be applying the seeded grants: the run answers 503 rather than pay on a stale view.
    return eventually(
      async () => {
        const res = await api.post('/payrolls', { region: village, month });
        if (![200, 201].includes(res.status)) throw new Error(`POST /payrolls answered ${res.status}: ${await res.text()}`);
        return (await res.json()) as RunBody;
      },
      120_000,
      500,
    );
  };

  it('refuses months that have not started or precede every policy, with 422 naming the field and the rule', async () => {
    for (const month of ['0000-01', '9999-12', '2025-04']) {
      const res = await api.post('/payrolls', { region: village, month });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ field: 'month' });
    }
    expect(((await (await api.post('/payrolls', { region: village, month: '9999-12' })).json()) as { message: string }).message).toMatch(/started/);
    expect(((await (await api.post('/payrolls', { region: village, month: '0000-01' })).json()) as { message: string }).message).toMatch(/policy/);
  });

  it('pays a few thousand entitlements in batches, with control totals equal to the sum of the entitlements', async () => {
    const run = await runPayroll('2025-03');
    expect(run).toMatchObject({ outcome: 'started', status: 'issued', instructionCount: count, totalFen: seeded.totalFen });
    expect(run.progress).toEqual(expect.objectContaining({ batchesDone: Math.ceil(count / batchSize), closed: true }));
    const issued = await instructionsOf(run.payrollId);
    expect(new Set(issued.map((i) => i.entitlementId))).toEqual(new Set(seeded.entitlementIds));
    const file = await (await api.get(`/payrolls/${run.payrollId}/disbursement-file`)).text();
    const lines = file.trimEnd().split('\r\n');
    expect(lines).toHaveLength(count + 2);
    expect(lines.at(-1)).toBe(`TOTAL,${count},${seeded.totalFen}`);

    // When the bank's answer (all paid) is imported — its first half already recorded, as a crash
    // in the middle of an import leaves it (whole chunks) — and then once more
    const paidLines = lines.slice(1, -1).map((l) => `${l.split(',')[0]},paid,${l.split(',')[3]},,,2025-03-09T15:20:00+08:00`);
    const resultFile = (paid: string[]) =>
      ['instructionId,result,amountYuan,reasonCode,reasonText,settledAt']
        .concat(paid)
        .concat(`TOTAL,${paid.length},${paid.reduce((sum, l) => sum + Number((l.split(',')[2] as string).replace('.', '')), 0)}`)
        .join('\r\n');
    const half = paidLines.slice(0, count / 2);
    const answer = resultFile(paidLines);
    expect(await (await api.post(`/payrolls/${run.payrollId}/bank-results`, resultFile(half), undefined, 'text/csv')).json()).toMatchObject({
      newlyPaid: half.length,
      reconciled: false,
    });
    const first = await (await api.post(`/payrolls/${run.payrollId}/bank-results`, answer, undefined, 'text/csv')).json();
    expect(first).toMatchObject({
      newlyPaid: count - half.length,
      unchanged: half.length,
      reconciled: true,
      payroll: { status: 'reconciled', settlement: { paidCount: count, paidFen: seeded.totalFen } },
    });
    const before = (await store.readStream(payrollStream(run.payrollId))).length;
    const again = await (await api.post(`/payrolls/${run.payrollId}/bank-results`, answer, undefined, 'text/csv')).json();
    // Then the rest was recorded once, and the last import changes nothing
    expect(again).toMatchObject({ newlyPaid: 0, newlyFailed: 0, unchanged: count, reconciled: false });
    expect((await store.readStream(payrollStream(run.payrollId))).length).toBe(before);
  }, 180_000);

  it('reports progress while a run is issuing batches, and resumes a run killed with SIGKILL in the middle, paying each entitlement exactly once', async () => {
    await api.setClock('2025-04-05T09:00:00+08:00');
    const payrollId = payrollRunId(village, '2025-04');
    // Given another instance — the compiled service in a process of its own — running April's payroll
    const port = await freePort();
    const child = spawn(process.execPath, [join(repoRoot, 'dist/apps/payments/src/main.js')], {
      cwd: repoRoot,
      env: { ...env, PORT: String(port), PAYROLL_BATCH_SIZE: String(childBatchSize), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const other = new PaymentsApi({ url: `http://127.0.0.1:${port}` } as RunningService);
    let answered = false;
    try {
      await eventually(() => other.setClock('2025-04-05T09:00:00+08:00'), 60_000, 250);
      // It answers 503 while its own projections catch up with what this instance wrote: it is asked until it runs.
      void (async () => {
        for (let status = 503; status === 503;) status = (await other.post('/payrolls', { region: village, month: '2025-04' })).status;
        answered = true;
      })().catch(() => undefined);
      const batches = async () => (await store.readStream(payrollStream(payrollId))).filter((e) => e.type === 'PayrollBatchIssued').length;
      await eventually(async () => expect(await batches()).toBeGreaterThanOrEqual(3), 240_000, 10);
      // Then, while it runs, GET /payrolls/{id} shows it moving: batches done of those planned
      const running = (await (await api.get(`/payrolls/${payrollId}`)).json()) as RunBody;
      expect(running).toMatchObject({ status: 'running', progress: { batchesPlanned: count / childBatchSize, closed: false } });
      expect(running.progress.batchesDone).toBeGreaterThanOrEqual(3);
      expect(running.progress.batchesDone).toBeLessThan(count / childBatchSize);
    } catch (error) {
      throw new Error(`the child instance's run did not go as expected; its output:\n${output.slice(-3000)}`, { cause: error });
    } finally {
      // When it is killed with SIGKILL in the middle of the run
      child.kill('SIGKILL');
      await exited;
    }
    expect(answered).toBe(false);
    // And its log said how far it had got (the first batch and every tenth at info)
    const progressLogs = output
      .split('\n')
      .filter((line) => line.includes('"payroll batch issued"'))
      .map((line) => JSON.parse(line) as { batch: number; of: number });
    expect(progressLogs[0]).toMatchObject({ batch: 1, of: count / childBatchSize });
    const stream = await store.readStream(payrollStream(payrollId));
    expect(stream.some((e) => e.type === 'PayrollClosed')).toBe(false);

    // And the payroll is asked for again
    const run = await runPayroll('2025-04');

    // Then it resumed after the last whole batch and each entitlement is paid exactly once
    expect(run).toMatchObject({ outcome: 'already-started', payrollId, instructionCount: count, totalFen: seeded.totalFen, progress: { closed: true } });
    const issued = await instructionsOf(payrollId);
    expect(issued).toHaveLength(count);
    expect(new Set(issued.map((i) => i.entitlementId)).size).toBe(count);
  }, 420_000);
});
