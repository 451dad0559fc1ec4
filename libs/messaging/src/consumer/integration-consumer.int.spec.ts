/**
 * The consumer building block against the real local Kafka and FerretDB: poison messages go to the
 * dead-letter topic with their reason while the next good message is handled; county messages get
 * receipts; failing handlers are retried (a timeout while it lasts), unrecognised errors then dead-lettered;
 * a dead letter is replayed after a fix.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { countyDataReceiptV1, deadLetterTopicOf, residentDeathV1, type IntegrationContract } from '@sa/contracts';

import { eventually, integrationEnv, uniqueName } from '@sa/testing-infra';
import { MongoClient, type Db } from 'mongodb';
import { runDlqCommand } from '../cli/dlq-command';
import { encodeCloudEvent } from '../cloudevents/binary-mode';
import { readDeadLetters, readTopicToEnd } from '../dead-letters/dead-letter-topic';
import { KafkaTestKit, onTestTopic, testTopicName } from '../test-support/kafka-test-kit';
import { residentIdNumber } from '../test-support/resident-ids';
import { PermanentError } from './handler-errors';
import { MongoInbox } from './inbox';
import { handle, IntegrationConsumer, type EventHandler } from './integration-consumer';

type Death = typeof residentDeathV1.example;

const env = integrationEnv();
const source = '/county/330102/public-security';

function death(n: number, messageId = uniqueName('gaj')): Death {
  return { messageId, residentId: residentIdNumber(n), dateOfDeath: '2025-04-28', reportedAt: '2025-05-01T08:00:00+08:00' };
}

function deathRecord(contract: IntegrationContract<Death>, payload: Death) {
  return encodeCloudEvent(contract, payload, { id: payload.messageId, source, time: '2025-05-01T00:00:00Z' });
}

function headersOf(record: { headers: ReadonlyMap<Buffer, Buffer> }): Record<string, string> {
  return Object.fromEntries([...record.headers].map(([k, v]) => [k.toString(), v.toString()]));
}

describe('IntegrationConsumer (real Kafka, FerretDB inbox)', () => {
  const kit = new KafkaTestKit(env.kafkaBrokers);
  let mongo: MongoClient;
  let db: Db;
  const consumers: IntegrationConsumer[] = [];

  beforeAll(async () => {
    mongo = await new MongoClient(env.mongodbUrl).connect();
    db = mongo.db(uniqueName('messaging'));
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((c) => c.stop()));
  });

  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
    await kit.cleanUp();
  });

  async function startConsumer(
    contract: IntegrationContract<Death>,
    handler: EventHandler<Death>,
    extra: Partial<ConstructorParameters<typeof IntegrationConsumer>[0]> = {},
  ) {
    const consumer = new IntegrationConsumer({
      name: extra.name ?? uniqueName('verification'),
      kafka: { ...kit.kafka, clientId: uniqueName('consumer') },
      handlers: [handle(contract, handler)],
      inbox: await MongoInbox.create(db, uniqueName('inbox')),
      retry: { maxAttempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
      ...extra,
    });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  it('dead-letters malformed, schema-invalid and unknown messages with their reason, keeps going, and answers each with a receipt', async () => {
    // Given a county topic (one partition, so the order is fixed) and its receipts topic
    const topic = testTopicName('deaths');
    const receipts = testTopicName('receipts');
    await kit.createTopics([topic, receipts], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    const handled: string[] = [];
    await startConsumer(contract, async (event) => void handled.push(event.payload.messageId), { receipts: { topic: receipts, source: '/sa/verification' } });

    // When a malformed, a schema-invalid (bad check digit), an unknown-type and then a good message arrive
    const good = death(1);
    const bad = death(2);
    const malformed = deathRecord(contract, death(3, 'gaj-malformed'));
    await kit.publishRaw(topic, { key: malformed.key?.toString(), value: '{"messageId": "gaj-malformed", ', headers: headersOf(malformed) });
    const invalid = deathRecord(contract, { ...bad, residentId: bad.residentId.slice(0, 17) + (bad.residentId[17] === '0' ? '1' : '0') });
    await kit.sender.send([invalid]);
    const unknown = deathRecord(contract, death(4, 'gaj-unknown'));
    await kit.publishRaw(topic, {
      key: unknown.key?.toString(),
      value: unknown.value?.toString(),
      headers: {
        ...headersOf(unknown),
        ce_type: 'county.public-security.resident-moved',
        ce_dataschema: 'urn:sa:contract:county.public-security.resident-moved:v1',
      },
    });
    await kit.sender.send([deathRecord(contract, good)]);

    // Then the good message is handled, and the three poison messages are on the dead-letter topic with their reasons
    await eventually(() => expect(handled).toEqual([good.messageId]));
    const deadLetters = await eventually(async () => {
      const entries = await readDeadLetters(kit.kafka, deadLetterTopicOf(topic));
      expect(entries).toHaveLength(3);
      return entries;
    });
    expect(deadLetters.map((d) => ({ reason: d.reason, originalTopic: d.originalTopic, originalOffset: d.originalOffset, attempts: d.attempts }))).toEqual([
      { reason: 'malformed-json', originalTopic: topic, originalOffset: '0', attempts: '0' },
      { reason: 'schema-violation', originalTopic: topic, originalOffset: '1', attempts: '0' },
      { reason: 'unknown-type', originalTopic: topic, originalOffset: '2', attempts: '0' },
    ]);
    // The original bytes are kept, and the error names the field and rule without the resident ID
    expect(deadLetters[0].record.value?.toString()).toBe('{"messageId": "gaj-malformed", ');
    expect(headersOf(deadLetters[1].record)).toMatchObject({
      ...headersOf(invalid),
      dlq_error: 'residentId has a wrong check character (GB 11643, ISO 7064 MOD 11-2)',
    });
    expect(deadLetters[1].maskedKey).toMatch(/^330102\*{12}$/);

    // And each message got its receipt
    const answers = await eventually(async () => {
      const records = await readTopicToEnd(kit.kafka, receipts);
      expect(records).toHaveLength(4);
      return records.map((r) => JSON.parse(r.value.toString()) as typeof countyDataReceiptV1.example);
    });
    expect(answers.map((a) => [a.messageId, a.status, a.reasonCode])).toEqual([
      ['gaj-malformed', 'NACK', 'SCHEMA_VIOLATION'],
      [bad.messageId, 'NACK', 'INVALID_RESIDENT_ID'],
      ['gaj-unknown', 'NACK', 'UNKNOWN_TYPE'],
      [good.messageId, 'ACK', undefined],
    ]);
  });

  it('acts once on a redelivered message and acknowledges it again as a duplicate', async () => {
    const topic = testTopicName('deaths');
    const receipts = testTopicName('receipts');
    await kit.createTopics([topic, receipts], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    const handled: string[] = [];
    await startConsumer(contract, async (event) => void handled.push(event.payload.messageId), { receipts: { topic: receipts, source: '/sa/verification' } });

    // When a county system sends the same message twice
    const message = death(5);
    await kit.sender.send([deathRecord(contract, message)]);
    await kit.sender.send([deathRecord(contract, message)]);

    // Then it is handled once, and answered ACK, then ACK DUPLICATE
    const answers = await eventually(async () => {
      const records = await readTopicToEnd(kit.kafka, receipts);
      expect(records).toHaveLength(2);
      return records.map((r) => JSON.parse(r.value.toString()) as { status: string; reasonCode?: string });
    });
    expect(handled).toEqual([message.messageId]);
    expect(answers.map((a) => [a.status, a.reasonCode])).toEqual([
      ['ACK', undefined],
      ['ACK', 'DUPLICATE'],
    ]);
  });

  it('retries a transient failure with backoff, dead-letters a permanent one at once and a persistent one after its attempts, without blocking the partition', async () => {
    const topic = testTopicName('deaths');
    await kit.createTopics([topic], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    const flaky = death(6, 'gaj-flaky');
    const rejected = death(7, 'gaj-rejected');
    const broken = death(8, 'gaj-broken');
    const after = death(9, 'gaj-after');
    const attempts = new Map<string, number>();
    const handled: string[] = [];
    await startConsumer(contract, async (event, context) => {
      const id = event.payload.messageId;
      attempts.set(id, context.attempt);
      if (id === flaky.messageId && context.attempt < 3) throw new Error('database briefly unavailable');
      if (id === rejected.messageId) throw new PermanentError('resident is not in any case');
      if (id === broken.messageId) throw new Error('bug: cannot read property of undefined');
      handled.push(id);
    });

    await kit.sender.send([flaky, rejected, broken, after].map((m) => deathRecord(contract, m)));

    // The later message (another resident, another lane) did not wait for the retries
    await eventually(() => expect([...handled].sort()).toEqual([after.messageId, flaky.messageId]));
    // The broken one may still be retrying when the others are done: its dead letter marks the end
    const deadLetters = await eventually(async () => {
      const entries = await readDeadLetters(kit.kafka, deadLetterTopicOf(topic));
      expect(entries).toHaveLength(2);
      return entries;
    });
    expect(Object.fromEntries(attempts)).toEqual({ [flaky.messageId]: 3, [rejected.messageId]: 1, [broken.messageId]: 3, [after.messageId]: 1 });
    expect(deadLetters.map((d) => [d.id, d.reason, d.attempts, d.error])).toEqual([
      [rejected.messageId, 'handler-rejected', '1', 'PermanentError: resident is not in any case'],
      [broken.messageId, 'retries-exhausted', '3', 'Error: bug: cannot read property of undefined'],
    ]);
  });

  it('keeps the offset until the inbox record is stored: a failing record is retried without running the handler again', async () => {
    // Given a consumer whose inbox (FerretDB) refuses its first two records
    const topic = testTopicName('deaths');
    await kit.createTopics([topic], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    const inbox = await MongoInbox.create(db, uniqueName('inbox'));
    let refusals = 2;
    const flakyInbox = {
      isHandled: (m: Parameters<MongoInbox['isHandled']>[0]) => inbox.isHandled(m),
      markHandled: async (m: Parameters<MongoInbox['markHandled']>[0]) => {
        if (refusals-- > 0) throw new Error('inbox briefly unavailable');
        return inbox.markHandled(m);
      },
    };
    const handled: string[] = [];
    const name = uniqueName('verification');
    const consumer = await startConsumer(contract, async (event) => void handled.push(event.payload.messageId), { name, inbox: flakyInbox });
    const message = death(15);

    // When one message arrives
    await kit.sender.send([deathRecord(contract, message)]);

    // Then it is handled once, recorded after the retries, and its offset committed only then
    await eventually(async () => expect(await inbox.isHandled({ consumer: name, messageId: `${topic}:${message.messageId}` })).toBe(true));
    expect(handled).toEqual([message.messageId]);
    await consumer.stop();
    // And the same message sent again, to a consumer of the same name, is a duplicate
    const again: string[] = [];
    const second = await startConsumer(contract, async (event) => void again.push(event.payload.messageId), { name, inbox });
    await kit.sender.send([deathRecord(contract, message)]);
    await eventually(() => expect(second.status().duplicates).toBe(1));
    expect(again).toEqual([]);
  });

  it('aborts a handler attempt that hangs and tries it again (a timeout is transient): the partition waits, readiness says why, nothing is dead-lettered', async () => {
    const topic = testTopicName('deaths');
    await kit.createTopics([topic], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    const hung = death(13, 'gaj-hung');
    const next = death(14, 'gaj-next');
    const handled: string[] = [];
    const aborted: number[] = [];
    const consumer = await startConsumer(
      contract,
      async (event, context) => {
        if (event.payload.messageId === hung.messageId && context.attempt < 3) {
          context.signal.addEventListener('abort', () => aborted.push(context.attempt));
          return new Promise<void>(() => undefined); // never settles
        }
        handled.push(event.payload.messageId);
      },
      { handlerTimeoutMs: 300, lanesPerPartition: 1 },
    );

    await kit.sender.send([hung, next].map((m) => deathRecord(contract, m)));

    // While the hung message waits, its partition is reported with the fault
    const problem = await eventually(() => {
      const text = consumer.readinessProblem();
      expect(text).toContain('HandlerTimeoutError: handler did not finish within 300 ms');
      return text;
    });
    expect(problem).toContain(`paused partitions: ${topic}:0`);
    // Then the third attempt succeeds, the next message (same lane) follows, and the fault clears
    await eventually(() => expect(handled).toEqual([hung.messageId, next.messageId]));
    expect(aborted).toEqual([1, 2]);
    await eventually(() => expect(consumer.readinessProblem()).toBeUndefined());
    expect(consumer.status().deadLettered).toBe(0);
  });

  it('replays a dead letter to its topic after a fix, marked as a replay, and the operator command lists it with the key masked', async () => {
    const topic = testTopicName('deaths');
    await kit.createTopics([topic], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    let fixed = false;
    const handled: { id: string; replayed: boolean }[] = [];
    await startConsumer(contract, async (event) => {
      if (!fixed) throw new PermanentError('policy table missing for region 330102');
      handled.push({ id: event.payload.messageId, replayed: event.replayed });
    });
    const message = death(10);
    await kit.sender.send([deathRecord(contract, message)]);
    const dlq = deadLetterTopicOf(topic);
    await eventually(async () => expect(await readDeadLetters(kit.kafka, dlq)).toHaveLength(1));

    // The operator lists the dead-letter topic with the real command line
    const listing = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'libs/messaging/src/cli/dlq.ts', 'list', dlq], {
      cwd: resolve(__dirname, '../../../..'),
      env: { ...process.env, KAFKA_BROKERS: env.kafkaBrokers.join(',') },
      encoding: 'utf8',
    });
    expect({ status: listing.status, stderr: listing.stderr }).toEqual({ status: 0, stderr: '' });
    const listed = listing.stdout.trim().split('\n');
    expect(listed[0]).toBe(`1 dead letter(s) on ${dlq}`);
    expect(listed[1]).toContain(`0:0`);
    expect(listed[1]).toContain('handler-rejected');
    expect(listed[1]).toContain(`key=330102************`);
    expect(listed.join('\n')).not.toContain(message.residentId);

    // When the fix is deployed and the operator replays it
    fixed = true;
    const replayed: string[] = [];
    await runDlqCommand(
      ['replay', dlq, '--offset', '0'],
      { ...process.env, KAFKA_BROKERS: env.kafkaBrokers.join(',') },
      { line: (text) => replayed.push(text) },
    );

    // Then the message is handled, marked as a replay
    expect(replayed).toEqual([`replayed 0:0 to ${topic}`, '1 replayed, 0 not found, 0 skipped']);
    await eventually(() => expect(handled).toEqual([{ id: message.messageId, replayed: true }]));

    // And replaying it again has no second effect (the inbox remembers it)
    await runDlqCommand(['replay', dlq, '--all'], { ...process.env, KAFKA_BROKERS: env.kafkaBrokers.join(',') }, { line: () => undefined });
    const [consumer] = consumers;
    await eventually(() => expect(consumer.status().duplicates).toBe(1));
    expect(handled).toHaveLength(1);
  });

  it('finishes the message in flight when stopped, commits it, and leaves the group so the next instance starts after it', async () => {
    const topic = testTopicName('deaths');
    await kit.createTopics([topic], 1);
    const contract = onTestTopic(residentDeathV1, topic);
    const name = uniqueName('verification');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first: string[] = [];
    const consumer = await startConsumer(
      contract,
      async (event) => {
        await gate;
        first.push(event.payload.messageId);
      },
      { name },
    );
    const message = death(11);
    await kit.sender.send([deathRecord(contract, message)]);
    await eventually(() => expect(consumer.status().inFlight).toBe(1));

    // When the consumer is stopped while the handler runs
    const stopping = consumer.stop();
    release();
    await stopping;

    // Then the handler finished, and a new instance of the group does not receive the message again
    expect(first).toEqual([message.messageId]);
    const second: string[] = [];
    const next = death(12);
    await startConsumer(contract, async (event) => void second.push(event.payload.messageId), {
      name,
      inbox: await MongoInbox.create(db, uniqueName('fresh-inbox')),
    });
    await kit.sender.send([deathRecord(contract, next)]);
    await eventually(() => expect(second).toEqual([next.messageId]));
  });
});
