/**
 * Issue #10 item 10: a consumer killed with SIGKILL and restarted waited 24-30 s for its old group
 * membership to expire. With static membership (a stable groupInstanceId per replica) the restarted
 * process takes its old member's place and gets its partitions back within seconds (real Kafka,
 * the default 30 s session timeout, a child process killed for real).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { residentDeathV1 } from '@sa/contracts';
import { eventually, integrationEnv, uniqueName } from '@sa/testing-infra';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import { KafkaTestKit, onTestTopic, testTopicName } from '../test-support/kafka-test-kit';
import { residentIdNumber } from '../test-support/resident-ids';

const env = integrationEnv();
const repoRoot = resolve(__dirname, '../../../..');

interface Child {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  readonly exited: Promise<NodeJS.Signals | null>;
}

function startChild(topic: string, group: string, instanceId: string): Child {
  // tsx as a loader in this very process: the pid we kill is the consumer's own.
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../test-support/consumer-child.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      TSX_TSCONFIG_PATH: resolve(repoRoot, 'tsconfig.base.json'),
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      TOPIC: topic,
      GROUP: group,
      INSTANCE_ID: instanceId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop() ?? '';
    for (const line of complete) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return { process: child, lines, exited: new Promise((done) => child.on('exit', (_code, signal) => done(signal))) };
}

describe('a consumer killed with SIGKILL and restarted (real Kafka, static membership)', () => {
  const kit = new KafkaTestKit(env.kafkaBrokers);
  const children: Child[] = [];

  afterAll(async () => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await kit.cleanUp();
  });

  it('gets its partitions back within a few seconds, not after the dead member\u2019s 30 s session', async () => {
    // Given a consumer process holding all three partitions of a topic under a stable instance id
    const topic = testTopicName('deaths');
    await kit.createTopics([topic], 3);
    const group = uniqueName('payments');
    const first = startChild(topic, group, 'replica-1');
    children.push(first);
    await eventually(() => expect(first.lines.find((l) => l.assigned)).toEqual(expect.objectContaining({ assigned: [0, 1, 2] })), 60_000, 50);

    // When it is killed with SIGKILL (no goodbye to the group) and started again under the same id
    first.process.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const killedAt = Date.now();
    const second = startChild(topic, group, 'replica-1');
    children.push(second);

    // Then it holds the partitions again within seconds (process start, tsx included) and handles new messages
    const assigned = await eventually(
      () => {
        const line = second.lines.find((l) => l.assigned);
        expect(line).toEqual(expect.objectContaining({ assigned: [0, 1, 2] }));
        return line as { afterMs: number };
      },
      40_000,
      50,
    );
    const sinceKill = Date.now() - killedAt;
    console.log(`restarted consumer got its partitions ${assigned.afterMs} ms after it began joining, ${sinceKill} ms after the kill`);
    expect(assigned.afterMs).toBeLessThan(5_000);
    expect(sinceKill).toBeLessThan(20_000); // without static membership: ~30 s (the session timeout)
    const messageId = uniqueName('gaj');
    const contract = onTestTopic(residentDeathV1, topic);
    await kit.sender.send([
      encodeCloudEvent(
        contract,
        { messageId, residentId: residentIdNumber(500), dateOfDeath: '2025-04-28', reportedAt: '2025-05-01T08:00:00+08:00' },
        { id: messageId, source: '/county/330102/public-security', time: '2025-05-01T00:00:00Z' },
      ),
    ]);
    await eventually(() => expect(second.lines.some((l) => l.handled === messageId)).toBe(true), 15_000);
  }, 120_000);
});
