/**
 * Two replicas of the compiled payments service on one event store, one read-model database and
 * one consumer group (the real PostgreSQL, FerretDB and Kafka): only the leader runs the relay and
 * ticks the scheduled jobs; the consumers share the approvals' partitions; the leader killed with
 * SIGKILL is replaced within seconds, and nothing is published twice. The times are printed.
 */
import { entitlementsTopicV1 } from '@sa/contracts';
import { freePort, integrationEnv, readTopicUntil, scrapeMetric, serviceTestEnv, type TopicRecord, until } from '@sa/testing';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { approvedCase, CloudEventsProducer, deleteTopics, testTopicPrefix } from './tests/payments-test-kit';

const repoRoot = join(__dirname, '../../..');

interface Replica {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  output: string;
}

/** One sample of a metric in the replica's Prometheus scrape; 0 when absent. */
const metric = (replica: Replica, name: string, labels: Record<string, string> = {}) => scrapeMetric(replica.url, name, labels);

describe('payments replicas: one leader, shared partitions, fail-over on kill -9 (real servers)', () => {
  const topicPrefix = testTopicPrefix();
  const env = serviceTestEnv('payments', {
    KAFKA_TOPIC_PREFIX: topicPrefix,
    SA_LEADER_POLL_MS: '300',
    SCHEDULER_INTERVAL_MS: '200',
    LOG_LEVEL: 'info',
  });
  const kafka = new CloudEventsProducer(topicPrefix);
  const replicas: Replica[] = [];

  const start = async (name: string): Promise<Replica> => {
    const port = await freePort();
    const child = spawn(process.execPath, [join(repoRoot, 'dist/apps/payments/src/main.js')], {
      cwd: repoRoot,
      env: { ...process.env, ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const replica: Replica = { name, url: `http://127.0.0.1:${port}`, child, output: '' };
    child.stdout?.on('data', (chunk: Buffer) => (replica.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (replica.output += chunk.toString()));
    replicas.push(replica);
    await until(`${name} ready`, async () => child.exitCode === null && (await fetch(`${replica.url}/health/ready`)).status === 200, 120_000);
    return replica;
  };
  const granted = (records: readonly TopicRecord[]) => records.filter((r) => r.headers.get('ce_type') === 'sa.payments.entitlement-granted');
  const approve = (n: number) =>
    Promise.all(
      Array.from({ length: n }, () => approvedCase({ confirmedAt: '2025-02-20T10:00:00+08:00', benefitStartMonth: '2025-03' })).map((c) => kafka.approve(c)),
    );

  beforeAll(() => {
    const built = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'tools/build/compile.ts', 'payments'], { cwd: repoRoot, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('compiling payments failed');
  }, 180_000);
  afterAll(async () => {
    for (const r of replicas) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
    await Promise.all(replicas.map((r) => (r.child.exitCode === null && r.child.signalCode === null ? new Promise((ok) => r.child.once('exit', ok)) : null)));
    await kafka.close();
    await deleteTopics(topicPrefix);
  }, 60_000);

  it('runs the relay and the jobs on the leader only, shares partitions, and fails over within seconds of a kill -9', async () => {
    const brokers = integrationEnv().kafkaBrokers;
    const topic = `${topicPrefix}${entitlementsTopicV1}`;
    try {
      // Given replica A, which leads, then replica B
      const a = await start('A');
      await until('A leads', async () => (await metric(a, 'sa_leader')) === 1, 30_000);
      const b = await start('B');
      // Then B follows, and the two share the approvals' partitions
      const shares = await until(
        'partitions shared',
        async () => {
          const [pa, pb] = [await metric(a, 'sa_consumer_partitions_assigned'), await metric(b, 'sa_consumer_partitions_assigned')];
          return pa > 0 && pb > 0 && pa + pb === 3 ? [pa, pb] : undefined;
        },
        60_000,
      );
      expect(await metric(b, 'sa_leader')).toBe(0);

      // When approvals arrive, handled by both replicas' consumers
      await approve(10);
      const first = await readTopicUntil(brokers, topic, (r) => granted(r).length >= 10, 90_000);
      // Then only the leader published them, and only the leader ticks the scheduled jobs
      const ticksA = await metric(a, 'sa_job_runs_total', { job: 'monthly-payroll', trigger: 'tick' });
      expect(ticksA).toBeGreaterThan(0);
      expect(await metric(b, 'sa_job_runs_total', { job: 'monthly-payroll', trigger: 'tick' })).toBe(0);
      expect(await metric(b, 'sa_relay_published_total')).toBe(0);
      expect(await metric(a, 'sa_relay_published_total')).toBeGreaterThanOrEqual(10);
      expect(granted(first)).toHaveLength(10);

      // When the leader is killed with SIGKILL
      const killedAt = Date.now();
      a.child.kill('SIGKILL');
      await until('B leads', async () => (await metric(b, 'sa_leader')) === 1, 15_000);
      const takeoverMs = Date.now() - killedAt;
      // And more approvals arrive
      await approve(10);
      const all = await readTopicUntil(brokers, topic, (r) => granted(r).length >= 20, 120_000);
      const partitionsMs = Date.now() - killedAt;

      // Then B leads within seconds, ticks the jobs, and every entitlement is published exactly once
      expect(takeoverMs).toBeLessThan(5_000);
      await until('B ticks the jobs', async () => (await metric(b, 'sa_job_runs_total', { job: 'monthly-payroll', trigger: 'tick' })) > 0, 10_000);
      const ids = all.map((r) => r.headers.get('ce_id'));
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(granted(all).map((r) => r.key)).size).toBe(20);
      expect(await metric(b, 'sa_consumer_partitions_assigned')).toBe(3);
      // And its /metrics shows the consumers caught up (lag 0 on every partition) and the relay's lag behind the store
      const scrape = await until(
        'consumer lag 0',
        async () => {
          const text = await (await fetch(`${b.url}/metrics`)).text();
          const lags = text.split('\n').filter((l) => l.startsWith('sa_consumer_lag_messages{consumer="payments-case-approvals"'));
          return lags.length === 3 && lags.every((l) => l.endsWith(' 0')) ? text : undefined;
        },
        30_000,
      );
      expect(scrape).toMatch(/^sa_relay_lag_positions\{state="(live|catching-up)"\} \d+$/m);
      expect(scrape).toMatch(/^sa_relay_checkpoint_position \d+$/m);
      process.stdout.write(
        `replicas: partitions A/B ${shares.join('/')}; leader replaced ${takeoverMs} ms after kill -9; ` +
          `all 20 entitlements published once, ${partitionsMs} ms after the kill (A's partitions wait for its session to expire)\n`,
      );
    } catch (error) {
      throw new Error(`replica logs:\n${replicas.map((r) => `--- ${r.name}\n${r.output.slice(-3000)}`).join('\n')}`, { cause: error });
    }
  }, 360_000);
});
